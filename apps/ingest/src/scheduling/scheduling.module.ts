import { Module } from '@nestjs/common';
import { QUEUES } from '@pulse/contracts';
import { QueueModule } from '@pulse/queue';
import { SourcesModule } from '../sources/sources.module';
import { FeedSyncProcessor } from './feed-sync.processor';
import { FeedScheduler } from './feed.scheduler';

@Module({
  imports: [QueueModule.register(QUEUES.feedPoll, QUEUES.feedSync), SourcesModule],
  providers: [FeedScheduler, FeedSyncProcessor],
  exports: [FeedScheduler],
})
export class SchedulingModule {}
