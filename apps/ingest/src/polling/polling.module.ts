import { Module } from '@nestjs/common';
import { QUEUES } from '@pulse/contracts';
import { QueueModule } from '@pulse/queue';
import { SchedulingModule } from '../scheduling/scheduling.module';
import { SourcesModule } from '../sources/sources.module';
import { DemoFallbackService } from './demo-fallback.service';
import { FeedPollProcessor } from './feed-poll.processor';
import { FeedPollService } from './feed-poll.service';

@Module({
  imports: [QueueModule.register(QUEUES.feedPoll, QUEUES.itemClassify), SourcesModule, SchedulingModule],
  providers: [FeedPollService, FeedPollProcessor, DemoFallbackService],
  exports: [FeedPollService, DemoFallbackService],
})
export class PollingModule {}
