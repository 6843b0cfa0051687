import type { FeedKind } from '@pulse/contracts';
import { FeedError, fetchFeed, parseFeed } from '@pulse/feeds';
import { FeedRepository, type Database, type FeedRecord } from '@pulse/db';
import type { ClassifyEnqueuer } from './classify.enqueuer';
import { storeItems, type StoreCounts } from './item.store';
import { isDue, nextPollAfterFailure, nextPollAfterSuccess } from './poll.schedule';

export interface PollerDeps {
  database: Database;
  enqueueClassify: ClassifyEnqueuer;
}

export interface PollOptions {
  /** Lets this poll reach loopback and private addresses (tests, the demo feeds). */
  allowPrivateNetworks: boolean;
  /** "Poll now": ignores `enabled` and `next_poll_at`. */
  force?: boolean;
  userAgent?: string;
  timeoutMs?: number;
  now?: () => Date;
}

interface Base {
  feedId: string;
  durationMs: number;
}
export type PollOutcome =
  | (Base & { status: 'skipped'; reason: 'disabled' | 'not-due'; nextPollAt: Date | null })
  | (Base & { status: 'not-modified'; nextPollAt: Date })
  | (Base & { status: 'ok'; counts: StoreCounts; queued: number; itemsInFeed: number; nextPollAt: Date })
  | (Base & {
      status: 'error';
      /** A FeedError code, `store` (the database refused the items) or `internal` (a bug). */
      code: string;
      message: string;
      httpStatus?: number;
      consecutiveFailures: number;
      nextPollAt: Date;
    });

type Fetched = Awaited<ReturnType<typeof fetchFeed>>;

/**
 * One poll of one feed: conditional GET, parse, store (one transaction), queue new and updated
 * items for classification, record the poll state. Feed problems never throw: they are
 * recorded on the feed (code, message, consecutive failures, backoff) and returned. Only an
 * unreachable database or Redis throws, so the caller's job is retried.
 */
export async function pollFeedOnce(deps: PollerDeps, feed: FeedRecord, opts: PollOptions): Promise<PollOutcome> {
  const now = opts.now?.() ?? new Date();
  const started = Date.now();
  const base = () => ({ feedId: feed.id, durationMs: Date.now() - started });
  if (!opts.force && (!feed.enabled || !isDue(feed, now))) {
    return { ...base(), status: 'skipped', reason: feed.enabled ? 'not-due' : 'disabled', nextPollAt: feed.nextPollAt };
  }
  const feeds = new FeedRepository(deps.database);
  const fail = async (err: unknown, fallbackCode: string) => {
    const e = describe(err, fallbackCode);
    const nextPollAt = nextPollAfterFailure(now, feed.pollIntervalSeconds, feed.consecutiveFailures + 1, e);
    const consecutiveFailures = await feeds.recordFailure(feed.id, { polledAt: now, code: e.code, message: e.message, nextPollAt });
    return { ...base(), status: 'error' as const, ...e, consecutiveFailures, nextPollAt };
  };

  let fetched: Fetched;
  try {
    fetched = await fetchFeed(feed.url, {
      etag: feed.etag ?? undefined,
      lastModified: feed.lastModified ?? undefined,
      allowPrivateNetworks: opts.allowPrivateNetworks,
      userAgent: opts.userAgent,
      timeoutMs: opts.timeoutMs,
    });
  } catch (err) {
    return fail(err, 'network');
  }
  const nextPollAt = nextPollAfterSuccess(now, feed.pollIntervalSeconds, fetched);
  // A 304 may omit the validators; the ones sent stay valid (RFC 9110 §15.4.5).
  const validators = {
    etag: fetched.etag ?? feed.etag,
    lastModified: fetched.lastModified ?? feed.lastModified,
  };
  if (fetched.status === 'not-modified') {
    await feeds.recordSuccess(feed.id, { polledAt: now, ...validators, nextPollAt });
    return { ...base(), status: 'not-modified', nextPollAt };
  }

  let parsed: Awaited<ReturnType<typeof parseFeed>>;
  try {
    parsed = await parseFeed(fetched.body, {
      url: fetched.finalUrl,
      contentType: fetched.contentType ?? undefined,
      defaultType: feed.kind as FeedKind,
      defaultLanguage: feed.language ?? undefined,
      feedId: feed.id,
    });
  } catch (err) {
    return fail(err, 'internal');
  }

  let stored: Awaited<ReturnType<typeof storeItems>>;
  try {
    stored = await storeItems(deps.database, feed.id, parsed.items);
  } catch (err) {
    // Recorded so an operator sees it; rethrown so the job fails loudly. The validators are
    // not saved, so the next poll fetches and stores this content again.
    await fail(err, 'store').catch(() => undefined);
    throw err;
  }
  await deps.enqueueClassify(stored.toClassify);
  // Validators only after the items are stored and queued: a 304 must never hide lost items.
  await feeds.recordSuccess(feed.id, { polledAt: now, ...validators, nextPollAt });
  return {
    ...base(),
    status: 'ok',
    counts: stored.counts,
    queued: stored.toClassify.length,
    itemsInFeed: parsed.items.length,
    nextPollAt,
  };
}

function describe(err: unknown, fallbackCode: string) {
  if (err instanceof FeedError) {
    return {
      code: err.code,
      message: oneLine(err.message),
      ...(err.httpStatus !== undefined ? { httpStatus: err.httpStatus } : {}),
      retryAfterSeconds: err.retryAfterSeconds ?? null,
    };
  }
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return { code: fallbackCode, message: oneLine(message), retryAfterSeconds: null };
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, 500);
