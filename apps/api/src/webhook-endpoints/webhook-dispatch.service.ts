import { Injectable } from '@nestjs/common';
import { QUEUES, jobIds } from '@pulse/contracts';
import { JobProducer } from '@pulse/queue';

/** Wake-up jobs are disposable (the delivery row decides what happens), so they are not kept long. */
const KEEP = { removeOnComplete: { age: 3600, count: 10_000 }, removeOnFail: { age: 7 * 86_400 } };
const BATCH = 500;

/**
 * Puts deliveries on the `webhook-deliver` queue for the webhooks worker. An operator action
 * (resend, replay, enable) gets job ids of its own: the delivery's first job id may still be
 * kept by BullMQ as completed, and re-adding it would be ignored.
 */
@Injectable()
export class WebhookDispatchService {
  constructor(private readonly producer: JobProducer) {}

  /** The first job of a new delivery (a test ping), under the id every producer uses. */
  async first(deliveryId: string): Promise<void> {
    await this.producer.add(QUEUES.webhookDeliver, { deliveryId }, { jobId: jobIds.webhookDeliver({ deliveryId }), ...KEEP });
  }

  async wake(deliveryIds: string[], reason: 'resend' | 'replay' | 'enable'): Promise<void> {
    const at = Date.now();
    for (let i = 0; i < deliveryIds.length; i += BATCH) {
      await this.producer.addBulk(
        QUEUES.webhookDeliver,
        deliveryIds.slice(i, i + BATCH).map((deliveryId) => ({
          data: { deliveryId },
          opts: { jobId: `${jobIds.webhookDeliver({ deliveryId })}-${reason}-${at}`, ...KEEP },
        })),
      );
    }
  }
}
