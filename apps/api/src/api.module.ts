import { Module, type DynamicModule } from '@nestjs/common';
import type { SharedRuntime } from '@pulse/config';
import { DatabaseModule, type Database } from '@pulse/db';
import { QueueModule } from '@pulse/queue';
import { API_ENV, type ApiEnv } from './config/env';
import { HealthModule } from './health/health.module';
import { AuthModule } from './auth/auth.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { FeedsModule } from './feeds/feeds.module';
import { ItemsModule } from './items/items.module';
import { SubscribersModule } from './subscribers/subscribers.module';
import { SubscriptionsModule } from './subscriptions/subscriptions.module';
import { WebhookEndpointsModule } from './webhook-endpoints/webhook-endpoints.module';

/** Feature modules of the HTTP app; add yours here. */
const FEATURES = [HealthModule, RateLimitModule, AuthModule, FeedsModule, ItemsModule, SubscribersModule, SubscriptionsModule, WebhookEndpointsModule];

@Module({})
export class ApiModule {
  static forRoot(env: ApiEnv, shared: SharedRuntime = {}): DynamicModule {
    return {
      module: ApiModule,
      global: true,
      imports: [
        DatabaseModule.forRoot({ url: env.DATABASE_URL, dataDir: env.PULSE_DATA_DIR, database: shared.database as Database | undefined }),
        QueueModule.forRoot({ redisUrl: env.REDIS_URL, prefix: env.PULSE_QUEUE_PREFIX }),
        ...FEATURES,
      ],
      providers: [{ provide: API_ENV, useValue: env }],
      exports: [API_ENV],
    };
  }
}
