import { Module, type DynamicModule } from '@nestjs/common';
import type { SharedRuntime } from '@pulse/config';
import { DatabaseModule, type Database } from '@pulse/db';
import { QueueModule } from '@pulse/queue';
import { WEBHOOKS_ENV, type WebhooksEnv } from './config/env';
import { WebhookDeliveryModule } from './delivery/webhook-delivery.module';

/**
 * Session option for the worker's own pool only: its writes (lease, attempt log, delivery
 * state) are at-least-once by design, so losing the last moment of them in a PostgreSQL crash
 * means a resend under the same webhook-id, never a lost message; it saves a WAL flush per
 * statement on the hot path. Delivery rows themselves are written by the classifier, durably.
 */
export function withAsyncCommit(url: string): string {
  const u = new URL(url);
  const current = u.searchParams.get('options');
  u.searchParams.set('options', `${current ? `${current} ` : ''}-c synchronous_commit=off`);
  return u.toString();
}

/** The webhooks worker: sign, send, retry and log deliveries of the `webhook-deliver` queue. */
@Module({})
export class WebhooksModule {
  static forRoot(env: WebhooksEnv, shared: SharedRuntime = {}): DynamicModule {
    return {
      module: WebhooksModule,
      global: true,
      imports: [
        DatabaseModule.forRoot({
          url: env.DATABASE_URL && env.PULSE_WEBHOOK_ASYNC_COMMIT ? withAsyncCommit(env.DATABASE_URL) : env.DATABASE_URL,
          dataDir: env.PULSE_DATA_DIR,
          database: shared.database as Database | undefined,
          max: env.PULSE_WEBHOOK_DB_POOL_SIZE,
        }),
        QueueModule.forRoot({ redisUrl: env.REDIS_URL, prefix: env.PULSE_QUEUE_PREFIX }),
        WebhookDeliveryModule,
      ],
      providers: [{ provide: WEBHOOKS_ENV, useValue: env }],
      exports: [WEBHOOKS_ENV],
    };
  }
}
