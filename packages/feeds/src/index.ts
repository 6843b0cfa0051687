export { FeedError, isFeedError, type FeedErrorCode } from './feed.error';
export { assertPublicUrl, guardedLookup, isPublicAddress, parseLooseIPv4, type AddressPolicy } from './address.guard';
export {
  fetchFeed,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_USER_AGENT,
  type FetchOptions,
  type FetchResult,
} from './feed.fetcher';
export { parseMaxAge, parseRetryAfter } from './http-cache.headers';
export { decodeFeedBody, resolveCharset } from './charset.decoder';
export { parseFeed, type ParseOptions, type ParsedFeed } from './feed.parser';
export { parseFeedDate, dateFromUrl } from './feed-date.parser';
export { htmlToText, sanitizeContentHtml } from './html.text';
export { canonicalUrl } from './url.canonical';
export { languageFromUrl, normaliseLanguage } from './language';
export { readFeedSource, itemRecord, isUrlSource, type FeedSourceOptions } from './feed-source.reader';
