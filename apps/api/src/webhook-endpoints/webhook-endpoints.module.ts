import { Module } from '@nestjs/common';
import { QUEUES } from '@pulse/contracts';
import { DATABASE, WebhookRepository, type Database } from '@pulse/db';
import { QueueModule } from '@pulse/queue';
import { WebhookDeliveriesController } from './webhook-deliveries.controller';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookDispatchService } from './webhook-dispatch.service';
import { WebhookEndpointsController } from './webhook-endpoints.controller';
import { WebhookEndpointsService } from './webhook-endpoints.service';

/** `/api/webhook-endpoints`: endpoints, secrets, the delivery log, resend, replay, test ping. */
@Module({
  imports: [QueueModule.register(QUEUES.webhookDeliver)],
  controllers: [WebhookEndpointsController, WebhookDeliveriesController],
  providers: [
    { provide: WebhookRepository, useFactory: (database: Database) => new WebhookRepository(database), inject: [DATABASE] },
    WebhookDispatchService,
    WebhookEndpointsService,
    WebhookDeliveriesService,
  ],
})
export class WebhookEndpointsModule {}
