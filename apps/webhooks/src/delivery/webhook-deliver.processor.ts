import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QUEUES, type WebhookDeliverJob } from '@pulse/contracts';
import { ContractProcessor } from '@pulse/queue';
import { WEBHOOKS_ENV, type WebhooksEnv } from '../config/env';
import { WebhookDeliveryService, type DeliverResult } from './webhook-delivery.service';

@Processor(QUEUES.webhookDeliver)
export class WebhookDeliverProcessor extends ContractProcessor<typeof QUEUES.webhookDeliver> implements OnApplicationBootstrap {
  protected readonly queueName = QUEUES.webhookDeliver;

  constructor(
    private readonly deliveries: WebhookDeliveryService,
    @Inject(WEBHOOKS_ENV) private readonly env: WebhooksEnv,
  ) {
    super();
  }

  /** Concurrency comes from the environment, which decorators cannot read. */
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.env.PULSE_WEBHOOK_CONCURRENCY;
  }

  protected handle(data: WebhookDeliverJob, job: Job): Promise<DeliverResult> {
    return this.deliveries.deliver(data.deliveryId, job.id);
  }
}
