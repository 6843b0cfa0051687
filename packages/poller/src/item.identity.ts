import { createHash } from 'node:crypto';
import type { NewsItem } from '@pulse/contracts';

/** The EU's 24 official languages: the codes EU sites put in paths and `_xx` suffixes. */
const LANGUAGES = new Set(
  'bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv'.split(' '),
);
const LANGUAGE_PARAMS = new Set(['language', 'lang', 'locale']);

/** One `item_sources` row per (feed, guid-or-link): the guid when the feed gives one. */
export function sourceKeyOf(item: NewsItem): string {
  return item.guid?.trim() || item.url || item.id;
}

/**
 * What makes an item "changed" for its readers: title and summary, and for events when and
 * where. Dates of publication and categories are not part of it (feeds re-stamp them freely).
 */
export function contentHashOf(item: Pick<NewsItem, 'title' | 'summary' | 'startsAt' | 'endsAt' | 'location'>): string {
  const parts = [item.title, item.summary, item.startsAt ?? '', item.endsAt ?? '', item.location ?? ''];
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}

/**
 * The URL without scheme and with its language marker replaced by `*`, or null when it has
 * none. Markers: a path segment that is a language code (`/detail/pl/ip_26_1718`), a `_xx`
 * suffix on the last segment (`…-2026-07-17_en`), a `language=xx` parameter. Two URLs that
 * differ only there are the same release in two languages.
 */
export function releaseKeyOf(url: string | null | undefined): string | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  let marked = false;
  const segments = u.pathname.split('/').map((seg, i, all) => {
    const lower = seg.toLowerCase();
    if (LANGUAGES.has(lower)) {
      marked = true;
      return '*';
    }
    const suffix = /^(.+)_([a-z]{2})$/i.exec(seg);
    if (i === all.length - 1 && suffix && LANGUAGES.has(suffix[2]!.toLowerCase())) {
      marked = true;
      return `${suffix[1]}_*`;
    }
    return seg;
  });
  const params = [...u.searchParams.entries()].map(([k, v]) => {
    if (LANGUAGE_PARAMS.has(k.toLowerCase()) && LANGUAGES.has(v.toLowerCase().slice(0, 2))) {
      marked = true;
      return `${k}=*`;
    }
    return `${k}=${v}`;
  });
  if (!marked) return null;
  return `${u.host.toLowerCase()}${segments.join('/')}${params.length ? `?${params.join('&')}` : ''}`;
}
