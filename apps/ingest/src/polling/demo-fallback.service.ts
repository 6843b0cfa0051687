import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { FeedRepository, type FeedRecord } from '@pulse/db';
import type { PollOutcome } from '@pulse/poller';
import { INGEST_ENV, type IngestEnv } from '../config/env';
import { FeedScheduler } from '../scheduling/feed.scheduler';
import { FeedSourcesService } from '../sources/feed-sources.service';

/** Failures that say "this machine cannot reach the internet", not "this source is broken". */
const UNREACHABLE = new Set(['network', 'refused-address', 'timeout']);

/**
 * Watches the first round of polls of the real sources after start. When none of them
 * answers (every one fails to connect), the machine is offline: serve and poll the demo feeds
 * too, and say so. The real sources stay scheduled and resume by themselves with backoff.
 */
@Injectable()
export class DemoFallbackService implements OnApplicationShutdown {
  private readonly log = new Logger('ingest.sources');
  private pending: Set<string> | null = null;
  private unreachable = 0;
  private timer: NodeJS.Timeout | null = null;
  private decision: Promise<void> | null = null;

  constructor(
    @Inject(INGEST_ENV) private readonly env: IngestEnv,
    private readonly feeds: FeedRepository,
    private readonly sources: FeedSourcesService,
    private readonly scheduler: FeedScheduler,
  ) {}

  /** Starts watching the real sources that are about to be polled (default mode only). */
  async arm(): Promise<void> {
    if (this.sources.mode !== 'real') return;
    const real = (await this.feeds.list({ enabledOnly: true })).filter((f) => !f.demo);
    if (real.length === 0) return;
    this.pending = new Set(real.map((f) => f.id));
    // Every first tick comes within the jitter window; give each fetch its full timeout on top.
    const deadlineMs = (this.env.PULSE_POLL_JITTER_SECONDS + 30) * 1000 + 2 * this.env.PULSE_FETCH_TIMEOUT_MS;
    this.timer = setTimeout(() => void this.decide(this.unreachable > 0), deadlineMs);
    this.timer.unref();
  }

  /** The outcome of one poll; only the first one of each real source counts. */
  observe(feed: FeedRecord, outcome: PollOutcome): void {
    if (!this.pending?.delete(feed.id)) return;
    if (answered(feed, outcome)) {
      void this.decide(false);
      return;
    }
    this.unreachable++;
    if (this.pending.size === 0) void this.decide(this.unreachable > 0);
  }

  /** Resolves once the decision (and a switch, if any) is done; for tests and shutdown. */
  settled(): Promise<void> {
    return this.decision ?? Promise.resolve();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearTimeout(this.timer);
    this.pending = null;
  }

  private decide(fallback: boolean): Promise<void> {
    if (this.decision || !this.pending) return this.decision ?? Promise.resolve();
    this.pending = null;
    if (this.timer) clearTimeout(this.timer);
    this.decision = fallback ? this.switchToDemo() : Promise.resolve();
    return this.decision;
  }

  private async switchToDemo(): Promise<void> {
    this.log.warn('no real source answered; switching to the demo feeds served on loopback');
    try {
      await this.sources.startDemo();
      await this.scheduler.reconcileAll({ restart: false });
      this.log.warn('the real sources stay scheduled and resume by themselves when they answer');
    } catch (err) {
      this.log.error(`could not start the demo feeds: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

function answered(feed: FeedRecord, o: PollOutcome): boolean {
  if (o.status === 'ok' || o.status === 'not-modified') return true;
  if (o.status === 'error') return !UNREACHABLE.has(o.code);
  // Not due: a backoff from an earlier run. It answered then unless it was unreachable.
  return o.reason === 'not-due' && (feed.consecutiveFailures === 0 || !UNREACHABLE.has(feed.lastErrorCode ?? ''));
}
