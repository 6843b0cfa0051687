import { Module, type DynamicModule } from '@nestjs/common';
import type { SharedRuntime } from '@pulse/config';
import { DatabaseModule, type Database } from '@pulse/db';
import { QueueModule } from '@pulse/queue';
import { WEBHOOKS_ENV, type WebhooksEnv } from './config/env';
import { WebhookDeliveryModule } from './delivery/webhook-delivery.module';

/** The webhooks worker: sign, send, retry and log deliveries of the `webhook-deliver` queue. */
@Module({})
export class WebhooksModule {
  static forRoot(env: WebhooksEnv, shared: SharedRuntime = {}): DynamicModule {
    return {
      module: WebhooksModule,
      global: true,
      imports: [
        DatabaseModule.forRoot({ url: env.DATABASE_URL, dataDir: env.PULSE_DATA_DIR, database: shared.database as Database | undefined }),
        QueueModule.forRoot({ redisUrl: env.REDIS_URL, prefix: env.PULSE_QUEUE_PREFIX }),
        WebhookDeliveryModule,
      ],
      providers: [{ provide: WEBHOOKS_ENV, useValue: env }],
      exports: [WEBHOOKS_ENV],
    };
  }
}
