import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JobSchedulerTemplateOptions } from 'bullmq';
import { FeedPollJobSchema, JOBS, QUEUES } from '@pulse/contracts';
import { FeedRepository, type FeedRecord } from '@pulse/db';
import { JobProducer } from '@pulse/queue';
import { INGEST_ENV, type IngestEnv } from '../config/env';
import { FeedSourcesService } from '../sources/feed-sources.service';

export const schedulerIdOf = (feedId: string) => `feed-${feedId}`;
const FEED_OF = /^feed-(.+)$/;

/** A tick that fails (database or Redis away) is retried once; the next tick comes anyway. */
const TICK_OPTIONS: JobSchedulerTemplateOptions = {
  attempts: 2,
  backoff: { type: 'fixed', delay: 30_000 },
  removeOnComplete: { count: 500 },
  removeOnFail: { count: 1000 },
};

/**
 * One BullMQ Job Scheduler per active feed on `feed-poll`, ticking every poll interval. Ticks
 * do not decide whether to poll: the poller checks `next_poll_at` (backoff, max-age,
 * Retry-After). A schedule starts at a random moment within the jitter window, so feeds added
 * or restarted together do not poll together.
 */
@Injectable()
export class FeedScheduler {
  private readonly log = new Logger('ingest.scheduler');

  constructor(
    @Inject(INGEST_ENV) private readonly env: IngestEnv,
    private readonly producer: JobProducer,
    private readonly feeds: FeedRepository,
    private readonly sources: FeedSourcesService,
  ) {}

  /** After a feed row changed (feed-sync): schedule it, reschedule it or stop it. */
  async sync(feedId: string): Promise<'scheduled' | 'removed'> {
    const feed = await this.feeds.get(feedId);
    if (feed && this.sources.isActive(feed)) {
      await this.upsert(feed);
      return 'scheduled';
    }
    await this.queue().removeJobScheduler(schedulerIdOf(feedId));
    return 'removed';
  }

  /**
   * At start (and when the demo feeds come in): one scheduler per active feed, none for the
   * rest. `restart` gives every schedule a fresh jittered start, so the first round of polls
   * happens soon after boot rather than up to one interval later.
   */
  async reconcileAll(opts: { restart?: boolean } = {}): Promise<{ scheduled: number; removed: number }> {
    const all = await this.feeds.list();
    const active = all.filter((f) => this.sources.isActive(f));
    const keep = new Set(active.map((f) => f.id));
    let removed = 0;
    for (const s of await this.queue().getJobSchedulers(0, -1)) {
      const feedId = FEED_OF.exec(s.key)?.[1];
      if (feedId && !keep.has(feedId) && (await this.queue().removeJobScheduler(s.key))) removed++;
    }
    for (const feed of active) {
      if (opts.restart) await this.queue().removeJobScheduler(schedulerIdOf(feed.id));
      await this.upsert(feed);
    }
    this.log.log(`${active.length} feed schedules active, ${removed} removed`);
    return { scheduled: active.length, removed };
  }

  private async upsert(feed: FeedRecord): Promise<void> {
    const jitterMs = Math.floor(Math.random() * Math.min(this.env.PULSE_POLL_JITTER_SECONDS, feed.pollIntervalSeconds) * 1000);
    await this.queue().upsertJobScheduler(
      schedulerIdOf(feed.id),
      // startDate only applies to a new schedule (or a changed interval); an unchanged one keeps its phase.
      { every: feed.pollIntervalSeconds * 1000, startDate: Date.now() + jitterMs },
      { name: JOBS.feedPoll, data: FeedPollJobSchema.parse({ feedId: feed.id }), opts: TICK_OPTIONS },
    );
  }

  private queue() {
    return this.producer.queue(QUEUES.feedPoll);
  }
}
