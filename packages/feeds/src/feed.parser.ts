import type { ItemType, NewsItem } from '@pulse/contracts';
import RssParser from 'rss-parser';
import { decodeFeedBody } from './charset.decoder';
import { sniffDocument } from './document.sniffer';
import { FeedError } from './feed.error';
import { readFeed } from './feed.reader';
import { collapseWhitespace } from './html.text';
import { readCalendar } from './ical.reader';
import { type NormaliseContext, normaliseEntry } from './item.normaliser';
import { normaliseLanguage } from './language';
import { prepareXml } from './xml.recovery';
import { parseXmlTree } from './xml.tree';

export interface ParseOptions {
  /** Where the feed was fetched from: the base for relative links. */
  url?: string | null;
  contentType?: string | null;
  defaultType?: ItemType;
  defaultLanguage?: string | null;
  feedId?: string | null;
}

export interface ParsedFeed {
  title: string | null;
  language: string | null;
  items: NewsItem[];
}

// rss-parser (xml2js over sax in strict mode) is the well-formedness gate and supplies the
// feed title as a fallback. Items are read from a namespace-aware tree instead, because
// rss-parser drops what normalisation needs: xml:lang, xml:base, rdf:about, Atom text
// construct types, and the namespace of same-named extension elements.
// A fresh parser per document: an xml2js parser reused after an error accepts the next
// malformed document without complaint.
const newRssParser = (): RssParser => new RssParser({ defaultRSS: 2 });

const XML_SYNTAX = /\nLine: (\d+)\nColumn: (\d+)/;

async function strictParse(xml: string): Promise<{ title?: string } | null> {
  try {
    return await newRssParser().parseString(xml);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const where = XML_SYNTAX.exec(message);
    if (where) {
      const what = message.split('\n')[0] ?? 'syntax error';
      throw new FeedError('malformed', `malformed XML: ${what} (line ${where[1]}, column ${where[2]})`, { cause: err });
    }
    if (/^(Unable to parse XML|Non-whitespace before first tag|Unexpected end)/i.test(message)) {
      throw new FeedError('malformed', `malformed XML: ${message.split('\n')[0]}`, { cause: err });
    }
    return null; // a root rss-parser does not know (e.g. RSS 0.9 RDF without prefix): our reader decides
  }
}

function contextFor(opts: ParseOptions, feedLanguage: string | null): NormaliseContext {
  return {
    feedUrl: opts.url ?? null,
    feedId: opts.feedId ?? null,
    feedLanguage,
    defaultLanguage: opts.defaultLanguage ?? null,
    defaultType: opts.defaultType ?? null,
  };
}

/**
 * Bytes (or text) of a feed to normalised items: decode, detect the format, repair common
 * breakage, parse strictly, read, normalise. Throws FeedError 'empty', 'not-a-feed' or 'malformed'.
 */
export async function parseFeed(body: Buffer | string, options: ParseOptions = {}): Promise<ParsedFeed> {
  try {
    return await parse(body, { ...options, url: options.url?.trim() || null });
  } catch (err) {
    if (err instanceof FeedError) throw err;
    // Whatever else feed content provokes is still a fact about the feed, not a crash.
    throw new FeedError('malformed', `unreadable feed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

async function parse(body: Buffer | string, opts: ParseOptions): Promise<ParsedFeed> {
  const text = typeof body === 'string' ? body : decodeFeedBody(body, opts.contentType);
  const doc = sniffDocument(text);
  switch (doc.kind) {
    case 'empty':
      throw new FeedError('empty', 'empty body');
    case 'html':
      throw new FeedError('not-a-feed', 'not a feed (HTML document)');
    case 'other':
      throw new FeedError('not-a-feed', `not a feed (${doc.what})`);
    case 'ical': {
      const calendar = readCalendar(text, contextFor({ ...opts, defaultType: 'event' }, null));
      return { title: calendar.title, language: normaliseLanguage(opts.defaultLanguage), items: calendar.items };
    }
    case 'feed':
      break;
  }
  const { xml } = prepareXml(text);
  // The tree first: it refuses absurd nesting before the recursive strict parser sees it.
  const root = parseXmlTree(xml, opts.url ?? null);
  const strict = await strictParse(xml);
  const raw = root ? readFeed(root) : null;
  if (!raw) throw new FeedError('not-a-feed', `not a feed (root element <${doc.root}>)`);
  const feedLanguage = normaliseLanguage(raw.language);
  const ctx = { ...contextFor(opts, feedLanguage), siteUrl: raw.link && /^https?:\/\//i.test(raw.link) ? raw.link : null };
  const title = raw.title ?? strict?.title ?? null;
  return {
    title: title ? collapseWhitespace(title) : null,
    language: feedLanguage ?? normaliseLanguage(opts.defaultLanguage),
    items: raw.entries.map((entry) => normaliseEntry(entry, ctx)),
  };
}
