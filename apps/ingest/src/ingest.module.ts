import { Injectable, Logger, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import type { SharedRuntime } from '@pulse/config';
import { DATABASE, DatabaseModule, FeedRepository, type Database } from '@pulse/db';
import { QueueModule } from '@pulse/queue';
import { INGEST_ENV, type IngestEnv } from './config/env';
import { DemoFallbackService } from './polling/demo-fallback.service';
import { FeedPollService } from './polling/feed-poll.service';
import { PollingModule } from './polling/polling.module';
import { FeedScheduler } from './scheduling/feed.scheduler';
import { SchedulingModule } from './scheduling/scheduling.module';
import { FeedSourcesService } from './sources/feed-sources.service';
import { SourcesModule } from './sources/sources.module';

/** At start: sources (seed or demo), one scheduler per active feed, lost enqueues retried. */
@Injectable()
class IngestStartup implements OnApplicationBootstrap {
  constructor(
    private readonly sources: FeedSourcesService,
    private readonly scheduler: FeedScheduler,
    private readonly fallback: DemoFallbackService,
    private readonly polls: FeedPollService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sources.init();
    await this.fallback.arm();
    await this.scheduler.reconcileAll({ restart: true });
    await this.polls.requeueUnclassified();
    new Logger('ingest').log(`polling ${this.sources.mode === 'demo' ? 'the demo feeds' : 'the configured feeds'}`);
  }
}

@Module({})
export class IngestModule {
  static forRoot(env: IngestEnv, shared: SharedRuntime = {}): DynamicModule {
    return {
      module: IngestModule,
      global: true,
      imports: [
        DatabaseModule.forRoot({ url: env.DATABASE_URL, dataDir: env.PULSE_DATA_DIR, database: shared.database as Database | undefined }),
        QueueModule.forRoot({ redisUrl: env.REDIS_URL, prefix: env.PULSE_QUEUE_PREFIX }),
        SourcesModule,
        SchedulingModule,
        PollingModule,
      ],
      providers: [
        { provide: INGEST_ENV, useValue: env },
        { provide: FeedRepository, useFactory: (db: Database) => new FeedRepository(db), inject: [DATABASE] },
        IngestStartup,
      ],
      exports: [INGEST_ENV, FeedRepository],
    };
  }
}
