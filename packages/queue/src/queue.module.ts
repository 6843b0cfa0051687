import { Module, type DynamicModule } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import type { QueueName } from '@pulse/contracts';
import { redisOptionsFromUrl } from './connection';
import { JobProducer } from './job.producer';

export interface QueueRootOptions {
  redisUrl: string;
  prefix: string;
}

@Module({})
export class QueueModule {
  /** Once per app: the Redis connection and key prefix every queue and worker shares. */
  static forRoot(opts: QueueRootOptions): DynamicModule {
    return {
      module: QueueModule,
      global: true,
      imports: [BullModule.forRoot({ connection: redisOptionsFromUrl(opts.redisUrl), prefix: opts.prefix })],
      exports: [BullModule],
    };
  }

  /** The queues a module produces to or processes, plus the typed producer. */
  static register(...names: QueueName[]): DynamicModule {
    const queues = BullModule.registerQueue(...names.map((name) => ({ name })));
    return {
      module: QueueModule,
      imports: [queues],
      providers: [JobProducer],
      exports: [queues, JobProducer],
    };
  }
}
