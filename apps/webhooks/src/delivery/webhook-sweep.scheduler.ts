import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { WebhookDeliveryRepository } from '@pulse/db';
import { WEBHOOKS_ENV, type WebhooksEnv } from '../config/env';
import { WebhookWakeupService } from './webhook-wakeup.service';

const BATCH = 500;

/**
 * The delivery rows are the source of truth; queue jobs are only wake-ups. A job can be lost
 * (a crash between writing a row and queueing its job, a job that stalled too often, a flushed
 * Redis), so every interval the worker re-queues due deliveries that nobody holds and that are
 * later than the grace period. Several workers may sweep at once: the job ids of one round match.
 */
@Injectable()
export class WebhookSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('webhooks');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(WEBHOOKS_ENV) private readonly env: WebhooksEnv,
    private readonly repo: WebhookDeliveryRepository,
    private readonly wakeups: WebhookWakeupService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.env.PULSE_WEBHOOK_SWEEP_INTERVAL);
    void this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /**
   * One round, oldest first; returns how many deliveries were re-queued. Re-queued rows stay
   * overdue until they are sent, so a larger backlog is taken over the next rounds.
   */
  async sweep(): Promise<number> {
    const round = Math.floor(Date.now() / this.env.PULSE_WEBHOOK_SWEEP_INTERVAL);
    const ids = await this.repo.findOverdueDeliveries(this.env.PULSE_WEBHOOK_SWEEP_GRACE, BATCH);
    await this.wakeups.sweep(ids, round);
    return ids.length;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.sweep()
      .then((n) => {
        if (n > 0) this.log.log(`re-queued ${n} overdue webhook deliveries`);
      })
      .catch((err: unknown) => this.log.error(`sweep failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        this.running = undefined;
      });
    await this.running;
  }
}
