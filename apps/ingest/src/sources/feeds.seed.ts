import type { NewFeed } from '@pulse/db';

/**
 * The real sources of PRODUCT.md, inserted at start when they were never seeded (a seed the
 * operator deleted stays deleted; disable one to pause it). Intervals follow how often each
 * source publishes: the press corner several times a day, meeting calendars rarely.
 * EMN events publish iCalendar "where published": no public URL is known, so none is seeded;
 * add one with `pnpm pulse feeds add <url> --kind event`.
 */
export const REAL_FEEDS: readonly Required<NewFeed>[] = [
  {
    url: 'https://ec.europa.eu/commission/presscorner/api/rss?language=en',
    title: 'European Commission press corner',
    kind: 'press-release',
    language: 'en',
    pollIntervalSeconds: 900,
    enabled: true,
  },
  {
    url: 'https://home-affairs.ec.europa.eu/node/2/rss_en',
    title: 'DG Migration and Home Affairs news (incl. EMN)',
    kind: 'news',
    language: 'en',
    pollIntervalSeconds: 1800,
    enabled: true,
  },
  {
    url: 'https://ec.europa.eu/migrant-integration/news_en.rss',
    title: 'European Website on Integration news',
    kind: 'news',
    language: 'en',
    pollIntervalSeconds: 3600,
    enabled: true,
  },
  {
    url: 'https://euaa.europa.eu/category/press-releases/feed',
    title: 'EUAA press releases',
    kind: 'press-release',
    language: 'en',
    pollIntervalSeconds: 3600,
    enabled: true,
  },
  {
    url: 'https://frontex.europa.eu/media-centre/news/news-release/feed',
    title: 'Frontex news releases',
    kind: 'press-release',
    language: 'en',
    pollIntervalSeconds: 3600,
    enabled: true,
  },
  {
    url: 'https://www.europol.europa.eu/cms/api/rss/news',
    title: 'Europol news',
    kind: 'news',
    language: 'en',
    pollIntervalSeconds: 3600,
    enabled: true,
  },
  {
    url: 'https://www.consilium.europa.eu/en/rss/pressreleases.ashx',
    title: 'Council of the EU press releases',
    kind: 'press-release',
    language: 'en',
    pollIntervalSeconds: 1800,
    enabled: true,
  },
  {
    url: 'https://www.consilium.europa.eu/en/rss/meetings.ashx?cat=jha',
    title: 'Council Justice and Home Affairs meetings',
    kind: 'event',
    language: 'en',
    pollIntervalSeconds: 10800,
    enabled: true,
  },
  {
    url: 'https://www.europarl.europa.eu/rss/doc/press-releases/en.xml',
    title: 'European Parliament press releases',
    kind: 'press-release',
    language: 'en',
    pollIntervalSeconds: 1800,
    enabled: true,
  },
];
