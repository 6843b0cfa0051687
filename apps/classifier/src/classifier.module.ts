import { Module, type DynamicModule } from '@nestjs/common';
import type { SharedRuntime } from '@pulse/config';
import { DatabaseModule, type Database } from '@pulse/db';
import { QueueModule } from '@pulse/queue';
import { ItemClassifyModule } from './classify/item-classify.module';
import { CLASSIFIER_ENV, type ClassifierEnv } from './config/env';

/** The classifier worker: tags items of the `item-classify` queue and fans them out to webhooks. */
@Module({})
export class ClassifierModule {
  static forRoot(env: ClassifierEnv, shared: SharedRuntime = {}): DynamicModule {
    return {
      module: ClassifierModule,
      global: true,
      imports: [
        DatabaseModule.forRoot({ url: env.DATABASE_URL, dataDir: env.PULSE_DATA_DIR, database: shared.database as Database | undefined }),
        QueueModule.forRoot({ redisUrl: env.REDIS_URL, prefix: env.PULSE_QUEUE_PREFIX }),
        ItemClassifyModule,
      ],
      providers: [{ provide: CLASSIFIER_ENV, useValue: env }],
      exports: [CLASSIFIER_ENV],
    };
  }
}
