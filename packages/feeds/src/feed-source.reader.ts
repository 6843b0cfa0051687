import { readFile } from 'node:fs/promises';
import type { NewsItem } from '@pulse/contracts';
import { FeedError } from './feed.error';
import { fetchFeed } from './feed.fetcher';
import { type ParsedFeed, parseFeed, type ParseOptions } from './feed.parser';

export interface FeedSourceOptions extends Omit<ParseOptions, 'url' | 'contentType'> {
  allowPrivateNetworks: boolean;
  /** Base for relative links in a local file (a URL source is its own base). */
  baseUrl?: string | null;
  timeoutMs?: number;
}

export const isUrlSource = (source: string): boolean => /^https?:\/\//i.test(source);

/**
 * A feed from a local file or an http(s) URL, parsed and normalised: what `pulse parse` shows
 * and what an operator checks a new source with. Throws FeedError (or a file-system error).
 */
export async function readFeedSource(source: string, opts: FeedSourceOptions): Promise<ParsedFeed> {
  const { allowPrivateNetworks, baseUrl, timeoutMs, ...parse } = opts;
  if (isUrlSource(source)) {
    const res = await fetchFeed(source, { allowPrivateNetworks, ...(timeoutMs ? { timeoutMs } : {}) });
    if (res.status !== 'ok') throw new FeedError('http-error', 'unexpected 304 Not Modified', { httpStatus: 304 });
    return parseFeed(res.body, { ...parse, url: res.finalUrl, contentType: res.contentType });
  }
  const body = await readFile(source);
  return parseFeed(body, { ...parse, url: baseUrl ?? null });
}

/** The fields `pulse parse --json` prints for one item, in a stable order. */
export function itemRecord(item: NewsItem): Record<string, unknown> {
  const record: Record<string, unknown> = {
    id: item.id,
    guid: item.guid,
    url: item.url,
    title: item.title,
    summary: item.summary,
    publishedAt: item.publishedAt,
    language: item.language,
    type: item.type,
  };
  if (item.type === 'event' || item.startsAt) {
    record.startsAt = item.startsAt ?? null;
    record.endsAt = item.endsAt ?? null;
    record.location = item.location ?? null;
  }
  record.categories = item.categories;
  return record;
}
