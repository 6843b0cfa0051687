import { Inject, Injectable } from '@nestjs/common';
import { jobIds, QUEUES, type FeedKind } from '@pulse/contracts';
import { FeedRepository, InjectDatabase, listFeedsPage, type Database, type FeedAdminRow, type FeedRecord } from '@pulse/db';
import { assertPublicUrl, isFeedError } from '@pulse/feeds';
import { JobProducer } from '@pulse/queue';
import { iso, toPage } from '../common/pagination';
import { ConflictProblem, NotFoundProblem, ValidationProblem } from '../common/problem';
import { API_ENV, type ApiEnv } from '../config/env';
import {
  FEED_LIST,
  type CreateFeed,
  type Feed,
  type FeedHealth,
  type FeedListQuery,
  type FeedPoll,
  type UpdateFeed,
} from './feed.dto';

/** Completed bookkeeping jobs are trimmed; the feed rows are the record. */
const JOB_RETENTION = { removeOnComplete: { count: 1000 }, removeOnFail: { count: 1000 } };

export type CreateOutcome =
  | { status: 'created'; feed: Feed }
  | { status: 'exists'; feedId: string }
  | { status: 'refused'; reason: string };

@Injectable()
export class FeedsService {
  private readonly feeds: FeedRepository;

  constructor(
    @InjectDatabase() private readonly database: Database,
    private readonly jobs: JobProducer,
    @Inject(API_ENV) private readonly env: ApiEnv,
  ) {
    this.feeds = new FeedRepository(database);
  }

  async list(query: FeedListQuery): Promise<{ data: Feed[]; nextCursor: string | null }> {
    const { limit, cursor, ...filter } = query;
    const rows = await listFeedsPage(this.database, filter, { limit: limit + 1, after: cursor });
    return toPage(rows, limit, FEED_LIST, toFeedDto);
  }

  async get(id: string): Promise<Feed> {
    return toFeedDto(await this.require(id));
  }

  async create(input: CreateFeed): Promise<Feed> {
    const outcome = await this.tryCreate(input);
    if (outcome.status === 'refused') throw new ValidationProblem([{ field: 'url', message: outcome.reason }]);
    if (outcome.status === 'exists') throw new ConflictProblem(`A feed with this URL exists already: ${outcome.feedId}`);
    return outcome.feed;
  }

  /** The one path to a new feed (API and OPML import): guard the URL, insert, tell ingest. */
  async tryCreate(input: CreateFeed): Promise<CreateOutcome> {
    const refusal = await this.refusal(input.url);
    if (refusal) return { status: 'refused', reason: refusal };
    const row = await this.feeds.create({ ...input, title: input.title ?? input.url, kind: input.kind as FeedKind });
    if (!row) return { status: 'exists', feedId: (await this.feeds.findByUrl(input.url))?.id ?? 'unknown' };
    await this.sync(row.id);
    return { status: 'created', feed: toFeedDto(row) };
  }

  async update(id: string, patch: UpdateFeed): Promise<Feed> {
    const current = await this.require(id);
    if (patch.url !== undefined && patch.url !== current.url) {
      const refusal = await this.refusal(patch.url);
      if (refusal) throw new ValidationProblem([{ field: 'url', message: refusal }]);
    }
    let row: FeedRecord | null;
    try {
      row = await this.feeds.update(id, { ...patch, kind: patch.kind as FeedKind | undefined });
    } catch (err) {
      if ((err as { code?: string }).code === '23505' || (err as { cause?: { code?: string } }).cause?.code === '23505') {
        throw new ConflictProblem('Another feed has this URL already.');
      }
      throw err;
    }
    if (!row) throw new NotFoundProblem(`Feed ${id}`);
    await this.sync(id);
    return toFeedDto(row);
  }

  async remove(id: string): Promise<void> {
    if (!(await this.feeds.remove(id))) throw new NotFoundProblem(`Feed ${id}`);
    await this.sync(id);
  }

  async setEnabled(id: string, enabled: boolean): Promise<Feed> {
    return this.update(id, { enabled });
  }

  /** A manual poll is deduplicated within the same second (`jobIds.feedPollManual`). */
  async pollNow(id: string): Promise<FeedPoll> {
    const feed = await this.require(id);
    const jobId = jobIds.feedPollManual(id);
    await this.jobs.add(QUEUES.feedPoll, { feedId: id, manual: true }, { jobId, ...JOB_RETENTION });
    return { feedId: id, jobId, enabled: feed.enabled };
  }

  async health(id: string): Promise<FeedHealth> {
    const f = await this.require(id);
    const status = !f.enabled ? 'disabled' : !f.lastPolledAt ? 'pending' : f.consecutiveFailures > 0 ? 'failing' : 'ok';
    return {
      feedId: f.id,
      status,
      enabled: f.enabled,
      lastPolledAt: iso(f.lastPolledAt),
      lastSuccessAt: iso(f.lastSuccessAt),
      lastError: lastError(f),
      consecutiveFailures: f.consecutiveFailures,
      nextPollAt: iso(f.nextPollAt),
    };
  }

  async all(): Promise<FeedRecord[]> {
    return this.feeds.list();
  }

  private async require(id: string): Promise<FeedRecord> {
    const row = await this.feeds.get(id);
    if (!row) throw new NotFoundProblem(`Feed ${id}`);
    return row;
  }

  /** Ingest adds, reschedules or drops the feed's poll scheduler from the row as it now is. */
  private async sync(feedId: string): Promise<void> {
    await this.jobs.add(QUEUES.feedSync, { feedId }, { jobId: jobIds.feedSync(feedId), ...JOB_RETENTION });
  }

  /**
   * The poller's own guard, so the API cannot store a URL the poller would refuse. A host that
   * does not resolve right now is accepted: the guard runs again before every poll.
   */
  private async refusal(url: string): Promise<string | null> {
    try {
      await assertPublicUrl(url, this.env.PULSE_ALLOW_PRIVATE_NETWORKS);
      return null;
    } catch (err) {
      if (isFeedError(err) && err.code === 'network') return null;
      return err instanceof Error ? err.message : String(err);
    }
  }
}

type FeedFields =
  | 'id'
  | 'url'
  | 'title'
  | 'kind'
  | 'language'
  | 'pollIntervalSeconds'
  | 'enabled'
  | 'demo'
  | 'lastPolledAt'
  | 'lastSuccessAt'
  | 'consecutiveFailures'
  | 'lastErrorCode'
  | 'lastErrorMessage'
  | 'lastErrorAt'
  | 'nextPollAt'
  | 'createdAt'
  | 'updatedAt';
/** A feed as the repository gives it (Dates), or as the list query does (ISO strings). */
type FeedLike = Pick<FeedRecord, FeedFields> | Pick<FeedAdminRow, FeedFields>;

const lastError = (f: FeedLike): Feed['lastError'] =>
  f.lastErrorCode ? { code: f.lastErrorCode, message: f.lastErrorMessage ?? '', at: iso(f.lastErrorAt) } : null;

export function toFeedDto(f: FeedLike): Feed {
  return {
    id: f.id,
    url: f.url,
    title: f.title,
    kind: f.kind as FeedKind,
    language: f.language,
    pollIntervalSeconds: f.pollIntervalSeconds,
    enabled: f.enabled,
    demo: f.demo,
    lastPolledAt: iso(f.lastPolledAt),
    lastSuccessAt: iso(f.lastSuccessAt),
    consecutiveFailures: f.consecutiveFailures,
    lastError: lastError(f),
    nextPollAt: iso(f.nextPollAt),
    createdAt: iso(f.createdAt),
    updatedAt: iso(f.updatedAt),
  };
}
