import { backoffSeconds, isDue, MAX_BACKOFF_SECONDS, nextPollAfterFailure, nextPollAfterSuccess } from './poll.schedule';

const t0 = new Date('2026-09-04T10:00:00Z');
const secondsAfter = (d: Date) => (d.getTime() - t0.getTime()) / 1000;

describe('poll schedule', () => {
  it('polls again after the interval, or after max-age / Retry-After when longer', () => {
    expect(secondsAfter(nextPollAfterSuccess(t0, 1800))).toBe(1800);
    expect(secondsAfter(nextPollAfterSuccess(t0, 1800, { maxAgeSeconds: 60 }))).toBe(1800);
    expect(secondsAfter(nextPollAfterSuccess(t0, 1800, { maxAgeSeconds: 7200 }))).toBe(7200);
    expect(secondsAfter(nextPollAfterSuccess(t0, 1800, { retryAfterSeconds: 3600 }))).toBe(3600);
  });

  it('caps server hints so a feed is never parked for days', () => {
    expect(secondsAfter(nextPollAfterSuccess(t0, 1800, { maxAgeSeconds: 30 * 86400 }))).toBe(6 * 3600);
    expect(secondsAfter(nextPollAfterFailure(t0, 1800, 1, { retryAfterSeconds: 86400 }))).toBe(6 * 3600);
  });

  it('backs off exponentially per consecutive failure, capped at a few hours', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map((n) => backoffSeconds(1800, n))).toEqual([
      1800, 3600, 7200, 14400, MAX_BACKOFF_SECONDS, MAX_BACKOFF_SECONDS, MAX_BACKOFF_SECONDS,
    ]);
    // An interval longer than the cap is never shortened by a failure.
    expect(backoffSeconds(86400, 3)).toBe(86400);
    expect(secondsAfter(nextPollAfterFailure(t0, 60, 3))).toBe(240);
    expect(secondsAfter(nextPollAfterFailure(t0, 60, 3, { retryAfterSeconds: 900 }))).toBe(900);
  });

  it('is due from a little before next_poll_at, and always when never polled', () => {
    expect(isDue({ nextPollAt: null, pollIntervalSeconds: 1800 }, t0)).toBe(true);
    const next = new Date(t0.getTime() + 1800_000);
    expect(isDue({ nextPollAt: next, pollIntervalSeconds: 1800 }, new Date(next.getTime() - 30_000))).toBe(true);
    expect(isDue({ nextPollAt: next, pollIntervalSeconds: 1800 }, new Date(next.getTime() - 120_000))).toBe(false);
    expect(isDue({ nextPollAt: next, pollIntervalSeconds: 60 }, new Date(next.getTime() - 7_000))).toBe(false);
    expect(isDue({ nextPollAt: next, pollIntervalSeconds: 60 }, new Date(next.getTime() - 5_000))).toBe(true);
  });
});
