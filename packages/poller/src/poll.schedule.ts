/**
 * When a feed is polled next. The BullMQ scheduler ticks every poll interval; each tick asks
 * `isDue`, so backoff, Cache-Control and Retry-After only ever push a poll later, and a feed
 * whose delay has run out is polled on the next tick by itself: never abandoned.
 */

/** Backoff doubles per consecutive failure up to this ("a few hours"). */
export const MAX_BACKOFF_SECONDS = 6 * 3600;
/** A server's max-age or Retry-After is honoured up to this, so a hostile hint cannot park a feed. */
export const MAX_SERVER_HINT_SECONDS = 6 * 3600;

export interface ServerHints {
  maxAgeSeconds?: number | null;
  retryAfterSeconds?: number | null;
}

const hint = (s: number | null | undefined) => Math.min(Math.max(s ?? 0, 0), MAX_SERVER_HINT_SECONDS);
const after = (from: Date, seconds: number) => new Date(from.getTime() + seconds * 1000);

/** After a 200 or 304: the interval, or longer when the server asks for it. */
export function nextPollAfterSuccess(polledAt: Date, intervalSeconds: number, hints: ServerHints = {}): Date {
  return after(polledAt, Math.max(intervalSeconds, hint(hints.maxAgeSeconds), hint(hints.retryAfterSeconds)));
}

/** interval × 2^(failures−1), capped; the first failure waits one ordinary interval. */
export function backoffSeconds(intervalSeconds: number, failures: number): number {
  const exp = Math.min(Math.max(failures - 1, 0), 20);
  return Math.max(intervalSeconds, Math.min(intervalSeconds * 2 ** exp, MAX_BACKOFF_SECONDS));
}

/** `failures` counts this failure too. Retry-After (429/503) wins when it asks for longer. */
export function nextPollAfterFailure(polledAt: Date, intervalSeconds: number, failures: number, hints: ServerHints = {}): Date {
  return after(polledAt, Math.max(backoffSeconds(intervalSeconds, failures), hint(hints.retryAfterSeconds)));
}

/**
 * A tick a little before `nextPollAt` still counts: ticks and polls drift by the time a poll
 * takes, and skipping for a few seconds would cost a whole interval.
 */
export function isDue(feed: { nextPollAt: Date | null; pollIntervalSeconds: number }, now: Date): boolean {
  if (!feed.nextPollAt) return true;
  const toleranceMs = Math.min(feed.pollIntervalSeconds * 100, 60_000);
  return now.getTime() >= feed.nextPollAt.getTime() - toleranceMs;
}
