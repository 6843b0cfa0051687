import { Processor } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { QUEUES, type FeedSyncJob } from '@pulse/contracts';
import { ContractProcessor } from '@pulse/queue';
import { FeedScheduler } from './feed.scheduler';

/** A feed was added, changed, disabled or deleted (admin API, CLI): update its scheduler. */
@Injectable()
@Processor(QUEUES.feedSync)
export class FeedSyncProcessor extends ContractProcessor<typeof QUEUES.feedSync> {
  protected readonly queueName = QUEUES.feedSync;

  constructor(private readonly scheduler: FeedScheduler) {
    super();
  }

  protected handle(data: FeedSyncJob) {
    return this.scheduler.sync(data.feedId);
  }
}
