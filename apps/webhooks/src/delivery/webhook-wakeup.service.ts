import { Injectable } from '@nestjs/common';
import { QUEUES, jobIds } from '@pulse/contracts';
import { JobProducer } from '@pulse/queue';

/** Wake-ups are disposable: the delivery row decides, so finished jobs need not be kept long. */
const KEEP = { removeOnComplete: { age: 3600, count: 10_000 }, removeOnFail: { age: 7 * 86_400 } };

/**
 * Queue jobs that wake a delivery up. A job carries only the delivery id; each id below is
 * deterministic for what it stands for (a retry number, a due time, a sweep round), so
 * re-adding the same wake-up after a crash is a no-op.
 */
@Injectable()
export class WebhookWakeupService {
  constructor(private readonly producer: JobProducer) {}

  /** The retry that will be attempt number `attemptNumber` of this delivery. */
  async retry(deliveryId: string, attemptNumber: number, delayMs: number): Promise<void> {
    await this.add(deliveryId, `n${attemptNumber}`, delayMs);
  }

  /**
   * A wake-up at the delivery's due time. `currentJobId` is the job asking: if it already is
   * that wake-up (it ran early), the new one needs an id of its own or BullMQ would drop it.
   */
  async at(deliveryId: string, dueAtMs: number, delayMs: number, currentJobId?: string): Promise<void> {
    let suffix = `t${dueAtMs}`;
    if (currentJobId === this.id(deliveryId, suffix)) suffix += `-w${Date.now()}`;
    await this.add(deliveryId, suffix, delayMs);
  }

  async sweep(deliveryIds: string[], round: number): Promise<void> {
    if (deliveryIds.length === 0) return;
    await this.producer.addBulk(
      QUEUES.webhookDeliver,
      deliveryIds.map((deliveryId) => ({ data: { deliveryId }, opts: { jobId: this.id(deliveryId, `s${round}`), ...KEEP } })),
    );
  }

  private id(deliveryId: string, suffix: string): string {
    return `${jobIds.webhookDeliver({ deliveryId })}-${suffix}`;
  }

  private async add(deliveryId: string, suffix: string, delayMs: number): Promise<void> {
    await this.producer.add(QUEUES.webhookDeliver, { deliveryId }, { jobId: this.id(deliveryId, suffix), delay: Math.max(0, delayMs), ...KEEP });
  }
}
