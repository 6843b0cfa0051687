import { Module } from '@nestjs/common';
import { QUEUES } from '@pulse/contracts';
import { QueueModule } from '@pulse/queue';
import { ItemsController } from './items.controller';
import { ItemsService } from './items.service';

@Module({
  imports: [QueueModule.register(QUEUES.itemClassify)],
  controllers: [ItemsController],
  providers: [ItemsService],
})
export class ItemsModule {}
