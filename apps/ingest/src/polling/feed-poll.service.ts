import { Inject, Injectable, Logger } from '@nestjs/common';
import { QUEUES } from '@pulse/contracts';
import { FeedRepository, InjectDatabase, ItemRepository, type Database, type FeedRecord } from '@pulse/db';
import { classifyEnqueuer, pollFeedOnce, type PollOutcome, type PollerDeps } from '@pulse/poller';
import { JobProducer } from '@pulse/queue';
import { INGEST_ENV, type IngestEnv } from '../config/env';
import { FeedSourcesService } from '../sources/feed-sources.service';
import { DemoFallbackService } from './demo-fallback.service';

export type IngestPollOutcome = PollOutcome | { feedId: string; status: 'skipped'; reason: 'missing' | 'inactive' };

/** Polls one feed through `@pulse/poller` with this process's network policy, and logs it. */
@Injectable()
export class FeedPollService {
  private readonly log = new Logger('ingest.poll');
  private readonly deps: PollerDeps;

  constructor(
    @Inject(INGEST_ENV) private readonly env: IngestEnv,
    @InjectDatabase() private readonly database: Database,
    private readonly feeds: FeedRepository,
    private readonly sources: FeedSourcesService,
    private readonly fallback: DemoFallbackService,
    producer: JobProducer,
  ) {
    // Resolved per call: the queue provider may not exist yet while this one is constructed.
    this.deps = { database, enqueueClassify: (jobs) => classifyEnqueuer(producer.queue(QUEUES.itemClassify))(jobs) };
  }

  /** `manual`: "poll now" from the admin API or CLI, regardless of backoff and `enabled`. */
  async poll(feedId: string, opts: { manual?: boolean } = {}): Promise<IngestPollOutcome> {
    const feed = await this.feeds.get(feedId);
    // A feed deleted after its tick was queued: nothing to do (its scheduler is gone too).
    if (!feed) return { feedId, status: 'skipped', reason: 'missing' };
    if (!opts.manual && !this.sources.isActive(feed)) return { feedId, status: 'skipped', reason: 'inactive' };
    const outcome = await pollFeedOnce(this.deps, feed, {
      allowPrivateNetworks: this.sources.allowPrivateNetworks(feed),
      force: opts.manual,
      timeoutMs: this.env.PULSE_FETCH_TIMEOUT_MS,
    });
    this.report(feed, outcome);
    this.fallback.observe(feed, outcome);
    return outcome;
  }

  /** Items stored but never queued (Redis was away at the wrong moment) are queued again. */
  async requeueUnclassified(): Promise<number> {
    const pending = await ItemRepository.of(this.database).listUnclassified();
    await this.deps.enqueueClassify(pending);
    if (pending.length) this.log.log(`${pending.length} unclassified items queued for classification`);
    return pending.length;
  }

  private report(feed: FeedRecord, o: PollOutcome): void {
    const name = `${feed.title} (${feed.id})`;
    const next = o.nextPollAt?.toISOString() ?? 'on the next tick';
    switch (o.status) {
      case 'ok': {
        const c = o.counts;
        this.log.log(
          `${name}: ${c.new} new, ${c.updated} updated, ${c.unchanged} unchanged, ${c.merged} merged; ${o.queued} queued; next ${next}`,
        );
        break;
      }
      case 'error':
        this.log.warn(`${name}: ${o.code}: ${o.message} (failure ${o.consecutiveFailures}, next ${next})`);
        break;
      case 'not-modified':
        this.log.debug(`${name}: not modified; next ${next}`);
        break;
      case 'skipped':
        this.log.debug(`${name}: skipped (${o.reason}); next ${next}`);
    }
  }
}
