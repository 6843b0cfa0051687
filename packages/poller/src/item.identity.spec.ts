import type { NewsItem } from '@pulse/contracts';
import { contentHashOf, releaseKeyOf, sourceKeyOf } from './item.identity';

const item = (over: Partial<NewsItem>): NewsItem => ({
  id: 'id1',
  guid: null,
  url: null,
  title: 'T',
  summary: 'S',
  contentHtml: null,
  publishedAt: null,
  language: 'en',
  type: 'news',
  categories: [],
  ...over,
});

describe('item identity', () => {
  it('keys a source by guid, else by link, else by id', () => {
    expect(sourceKeyOf(item({ guid: 'g-1', url: 'https://x.eu/a' }))).toBe('g-1');
    expect(sourceKeyOf(item({ guid: '  ', url: 'https://x.eu/a' }))).toBe('https://x.eu/a');
    expect(sourceKeyOf(item({}))).toBe('id1');
  });

  it('hashes title, summary and event fields, not dates of publication or categories', () => {
    const base = contentHashOf(item({}));
    expect(contentHashOf(item({ publishedAt: '2026-01-01T00:00:00.000Z', categories: ['x'] }))).toBe(base);
    expect(contentHashOf(item({ title: 'T2' }))).not.toBe(base);
    expect(contentHashOf(item({ summary: 'S2' }))).not.toBe(base);
    expect(contentHashOf(item({ startsAt: '2026-10-01T08:00:00.000Z' }))).not.toBe(base);
    // Field boundaries matter: "ab"+"c" is not "a"+"bc".
    expect(contentHashOf(item({ title: 'ab', summary: 'c' }))).not.toBe(contentHashOf(item({ title: 'a', summary: 'bc' })));
  });

  it('gives language variants of one release the same release key', () => {
    const pc = (lang: string) => `https://ec.europa.eu/commission/presscorner/detail/${lang}/ip_26_1718`;
    expect(releaseKeyOf(pc('en'))).toBe(releaseKeyOf(pc('pl')));
    expect(releaseKeyOf(pc('en'))).not.toBe(releaseKeyOf('https://ec.europa.eu/commission/presscorner/detail/en/ip_26_1719'));
    const ha = (lang: string) => `https://home-affairs.ec.europa.eu/news/emn-annual-report-2026-07-17_${lang}`;
    expect(releaseKeyOf(ha('en'))).toBe(releaseKeyOf(ha('fr')));
    expect(releaseKeyOf('https://x.eu/rss?language=en')).toBe(releaseKeyOf('https://x.eu/rss?language=de'));
  });

  it('gives no release key to URLs without a language marker', () => {
    expect(releaseKeyOf('https://www.europol.europa.eu/media-press/newsroom/news/operation-x')).toBeNull();
    // `_xx` only counts on the last segment, and only for EU language codes.
    expect(releaseKeyOf('https://x.eu/a_en/b')).toBeNull();
    expect(releaseKeyOf('https://x.eu/report_zz')).toBeNull();
    expect(releaseKeyOf('not a url')).toBeNull();
    expect(releaseKeyOf(null)).toBeNull();
  });
});
