import { Module } from '@nestjs/common';
import { FeedSourcesService } from './feed-sources.service';

@Module({
  providers: [FeedSourcesService],
  exports: [FeedSourcesService],
})
export class SourcesModule {}
