import { Module } from '@nestjs/common';
import { QUEUES } from '@pulse/contracts';
import { DATABASE, WebhookDeliveryRepository, WebhookRepository, type Database } from '@pulse/db';
import { QueueModule } from '@pulse/queue';
import { WebhookDeliverProcessor } from './webhook-deliver.processor';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookSenderService } from './webhook-sender.service';
import { WebhookSweepScheduler } from './webhook-sweep.scheduler';
import { WebhookWakeupService } from './webhook-wakeup.service';

@Module({
  imports: [QueueModule.register(QUEUES.webhookDeliver)],
  providers: [
    { provide: WebhookRepository, useFactory: (database: Database) => new WebhookRepository(database), inject: [DATABASE] },
    { provide: WebhookDeliveryRepository, useFactory: (database: Database) => new WebhookDeliveryRepository(database), inject: [DATABASE] },
    WebhookSenderService,
    WebhookWakeupService,
    WebhookDeliveryService,
    WebhookDeliverProcessor,
    WebhookSweepScheduler,
  ],
  exports: [WebhookDeliveryService, WebhookSweepScheduler],
})
export class WebhookDeliveryModule {}
