import { parseMaxAge, parseRetryAfter } from './http-cache.headers';

const NOW = Date.parse('2026-09-04T10:00:00Z');

describe('parseMaxAge', () => {
  it.each([
    [{ 'cache-control': 'public, max-age=1800' }, 1800],
    [{ 'cache-control': 'max-age="600", must-revalidate' }, 600],
    [{ 'cache-control': 'no-cache' }, 0],
    [{ 'cache-control': 'private, no-store, max-age=900' }, 0],
    [{ 'cache-control': 'max-age=99999999' }, 7 * 24 * 3600],
    [{ expires: 'Fri, 04 Sep 2026 11:00:00 GMT', date: 'Fri, 04 Sep 2026 10:30:00 GMT' }, 1800],
    [{ expires: 'Fri, 04 Sep 2026 10:10:00 GMT' }, 600],
    [{ expires: '0' }, 0],
    [{}, null],
    [{ 'cache-control': 'public' }, null],
  ])('%j → %s', (headers, expected) => {
    expect(parseMaxAge(headers, NOW)).toBe(expected);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    [{ 'retry-after': '120' }, 120],
    [{ 'retry-after': 'Fri, 04 Sep 2026 10:05:00 GMT' }, 300],
    [{ 'retry-after': 'Fri, 04 Sep 2026 09:00:00 GMT' }, 0],
    [{ 'retry-after': 'soon' }, null],
    [{}, null],
  ])('%j → %s', (headers, expected) => {
    expect(parseRetryAfter(headers, NOW)).toBe(expected);
  });
});
