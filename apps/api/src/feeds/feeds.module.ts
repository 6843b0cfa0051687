import { Module } from '@nestjs/common';
import { QUEUES } from '@pulse/contracts';
import { QueueModule } from '@pulse/queue';
import { FeedOpmlService } from './feed-opml.service';
import { FeedsController } from './feeds.controller';
import { FeedsService } from './feeds.service';

@Module({
  imports: [QueueModule.register(QUEUES.feedPoll, QUEUES.feedSync)],
  controllers: [FeedsController],
  providers: [FeedsService, FeedOpmlService],
})
export class FeedsModule {}
