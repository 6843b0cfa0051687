import { dateFromUrl, parseFeedDate } from './feed-date.parser';

describe('parseFeedDate', () => {
  it.each([
    // RFC 822 / 1123 / 2822 and their usual corruptions
    ['Thu, 01 Jan 2004 19:48:21 GMT', '2004-01-01T19:48:21.000Z'],
    ['Tue, 21 Jul 2009 12:00:00 +0200', '2009-07-21T10:00:00.000Z'],
    ['Tue, 21 Jul 2009 12:00:00 +02:00', '2009-07-21T10:00:00.000Z'],
    ['21 Jul 2009 12:00:00 -0500', '2009-07-21T17:00:00.000Z'],
    ['Tue,21 Jul 2009 12:00 EDT', '2009-07-21T16:00:00.000Z'],
    ['Tuesday, 21 July 2009 12:00:00 CEST', '2009-07-21T10:00:00.000Z'],
    ['Wed, 02 Sep 2026 22:00:00 Z', '2026-09-02T22:00:00.000Z'],
    ['Sat, 1 Sep 07 8:05:03 UT', '2007-09-01T08:05:03.000Z'],
    ['Mon, 17 Aug 2026 09:30:00', '2026-08-17T09:30:00.000Z'],
    ['17 Sept 2026', '2026-09-17T00:00:00.000Z'],
    ['Fri, 04 Sep 2026 07:28:08 GMT+0200', '2026-09-04T05:28:08.000Z'],
    ['Mon, 17 Aug 2026 09:30:00 +0000 (UTC)', '2026-08-17T09:30:00.000Z'],
    ['Mon, 17 Aug 2026 9:30 pm +0100', '2026-08-17T20:30:00.000Z'],
    // W3CDTF / ISO 8601
    ['2003-12-31T10:14:55Z', '2003-12-31T10:14:55.000Z'],
    ['2026-08-21T15:11:39+00:00', '2026-08-21T15:11:39.000Z'],
    ['2026-08-22T16:58:25.939979+00:00', '2026-08-22T16:58:25.940Z'],
    ['2026-09-30T14:05:00+02:00', '2026-09-30T12:05:00.000Z'],
    ['2026-09-30T14:05+0200', '2026-09-30T12:05:00.000Z'],
    ['2026-09-30 14:05:00', '2026-09-30T14:05:00.000Z'],
    ['2026-09-30 14:05:00 UTC', '2026-09-30T14:05:00.000Z'],
    ['20031231T101455Z', '2003-12-31T10:14:55.000Z'],
    ['2026-07-28', '2026-07-28T00:00:00.000Z'],
    // other shapes seen in the wild
    ['Aug 21, 2026 10:15 AM', '2026-08-21T10:15:00.000Z'],
    ['August 21st, 2026', '2026-08-21T00:00:00.000Z'],
    ['Thu Jan 01 19:48:21 2004', '2004-01-01T19:48:21.000Z'],
    ['21.08.2026 10:15', '2026-08-21T10:15:00.000Z'],
    ['2026/08/21 10:15:00', '2026-08-21T10:15:00.000Z'],
    ['2026-12-31T24:00:00Z', '2027-01-01T00:00:00.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(parseFeedDate(input)).toBe(expected);
  });

  it.each([
    '',
    null,
    'yesterday',
    'Tue, 31 Feb 2009 12:00:00 GMT', // no such day
    '2026-13-01',
    '2026-02-30T10:00:00Z',
    '2026', // a year alone is not a publication date
    '2026-08',
    '08/09/2026', // day-first or month-first: unknowable
    'Tue, 21 Jul 2009 12:00:00 XYZ', // unknown zone
    '2026-08-21T10:61:00Z',
  ])('%s is not a date', (input) => {
    expect(parseFeedDate(input as string)).toBeNull();
  });
});

describe('dateFromUrl', () => {
  it.each([
    ['https://home-affairs.ec.europa.eu/news/emn-annual-report-2026-06-18_en', '2026-06-18T00:00:00.000Z'],
    ['https://commission.europa.eu/news/world-humanitarian-day-2026-08-19_en', '2026-08-19T00:00:00.000Z'],
    ['https://example.eu/news/item-2026-08-19_fr.html', '2026-08-19T00:00:00.000Z'],
    ['https://example.eu/news/2026-08-19/', '2026-08-19T00:00:00.000Z'],
  ])('%s → %s', (url, expected) => {
    expect(dateFromUrl(url)).toBe(expected);
  });

  it.each(['https://ec.europa.eu/commission/presscorner/detail/en/ip_26_1769', 'https://example.eu/news/item-2026-02-31_en', 'https://example.eu/2026-08-19/news', null])('%s has no date', (url) => {
    expect(dateFromUrl(url)).toBeNull();
  });
});
