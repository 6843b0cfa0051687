import type { NewsItem } from '@pulse/contracts';

export const PC = 'https://ec.europa.eu/commission/presscorner/detail';

/** A normalised item as `@pulse/feeds` gives it; id derived from the URL like the real one. */
export function item(url: string, over: Partial<NewsItem> = {}): NewsItem {
  return {
    id: `id-${url}`,
    guid: url,
    url,
    title: `Title of ${url}`,
    summary: `Summary of ${url}`,
    contentHtml: null,
    publishedAt: '2026-09-04T07:28:08.000Z',
    language: 'en',
    type: 'press-release',
    categories: ['POLICY_AREA=HOME'],
    ...over,
  };
}
