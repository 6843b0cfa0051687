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
type Parsed = Awaited<ReturnType<typeof parseFeed>>;
type Failed = Extract<PollOutcome, { status: 'error' }>;

/**
 * One poll of one feed: conditional GET, parse, store (one transaction), queue new and updated
 * items for classification, record the poll state. Feed problems never throw: they are
 * recorded on the feed (code, message, consecutive failures, backoff) and returned. Only an
 * unreachable database or Redis throws, so the caller's job is retried.
 */
export function pollFeedOnce(deps: PollerDeps, feed: FeedRecord, opts: PollOptions): Promise<PollOutcome> {
  return new FeedPoll(deps, feed, opts).run();
}

class FeedPoll {
  private readonly now: Date;
  private readonly started = Date.now();
  private readonly feeds: FeedRepository;

  constructor(
    private readonly deps: PollerDeps,
    private readonly feed: FeedRecord,
    private readonly opts: PollOptions,
  ) {
    this.now = opts.now?.() ?? new Date();
    this.feeds = new FeedRepository(deps.database);
  }

  async run(): Promise<PollOutcome> {
    const { feed } = this;
    if (!this.opts.force && (!feed.enabled || !isDue(feed, this.now))) {
      return { ...this.base(), status: 'skipped', reason: feed.enabled ? 'not-due' : 'disabled', nextPollAt: feed.nextPollAt };
    }
    const fetched = await this.fetch();
    if ('code' in fetched) return fetched;
    const nextPollAt = nextPollAfterSuccess(this.now, feed.pollIntervalSeconds, fetched);
    // A 304 may omit the validators; the ones sent stay valid (RFC 9110 §15.4.5).
    const success = {
      polledAt: this.now,
      etag: fetched.etag ?? feed.etag,
      lastModified: fetched.lastModified ?? feed.lastModified,
      nextPollAt,
    };
    if (fetched.status === 'not-modified') {
      await this.feeds.recordSuccess(feed.id, success);
      return { ...this.base(), status: 'not-modified', nextPollAt };
    }
    const parsed = await this.parse(fetched);
    if ('code' in parsed) return parsed;
    const stored = await this.store(parsed);
    await this.deps.enqueueClassify(stored.toClassify);
    // Validators only after the items are stored and queued: a 304 must never hide lost items.
    await this.feeds.recordSuccess(feed.id, success);
    const queued = stored.toClassify.length;
    return { ...this.base(), status: 'ok', counts: stored.counts, queued, itemsInFeed: parsed.items.length, nextPollAt };
  }

  private async fetch(): Promise<Fetched | Failed> {
    try {
      return await fetchFeed(this.feed.url, {
        etag: this.feed.etag ?? undefined,
        lastModified: this.feed.lastModified ?? undefined,
        allowPrivateNetworks: this.opts.allowPrivateNetworks,
        userAgent: this.opts.userAgent,
        timeoutMs: this.opts.timeoutMs,
      });
    } catch (err) {
      return this.fail(err, 'network');
    }
  }

  private async parse(fetched: Extract<Fetched, { status: 'ok' }>): Promise<Parsed | Failed> {
    try {
      return await parseFeed(fetched.body, {
        url: fetched.finalUrl,
        contentType: fetched.contentType ?? undefined,
        defaultType: this.feed.kind as FeedKind,
        defaultLanguage: this.feed.language ?? undefined,
        feedId: this.feed.id,
      });
    } catch (err) {
      return this.fail(err, 'internal');
    }
  }

  private async store(parsed: Parsed) {
    try {
      return await storeItems(this.deps.database, this.feed.id, parsed.items);
    } catch (err) {
      // Recorded so an operator sees it; rethrown so the job fails loudly. The validators are
      // not saved, so the next poll fetches and stores this content again.
      await this.fail(err, 'store').catch(() => undefined);
      throw err;
    }
  }

  private async fail(err: unknown, fallbackCode: string): Promise<Failed> {
    const { retryAfterSeconds, ...e } = describe(err, fallbackCode);
    const nextPollAt = nextPollAfterFailure(this.now, this.feed.pollIntervalSeconds, this.feed.consecutiveFailures + 1, { retryAfterSeconds });
    const consecutiveFailures = await this.feeds.recordFailure(this.feed.id, { polledAt: this.now, code: e.code, message: e.message, nextPollAt });
    return { ...this.base(), status: 'error', ...e, consecutiveFailures, nextPollAt };
  }

  private base() {
    return { feedId: this.feed.id, durationMs: Date.now() - this.started };
  }
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
