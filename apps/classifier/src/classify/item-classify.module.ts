import { Module } from '@nestjs/common';
import { QUEUES } from '@pulse/contracts';
import { QueueModule } from '@pulse/queue';
import { ItemClassifyProcessor } from './item-classify.processor';
import { ItemClassifyService } from './item-classify.service';
import { ITEM_CLASSIFIER, taxonomyClassifier } from './taxonomy.classifier';

@Module({
  imports: [QueueModule.register(QUEUES.itemClassify, QUEUES.webhookDeliver)],
  providers: [{ provide: ITEM_CLASSIFIER, useValue: taxonomyClassifier }, ItemClassifyService, ItemClassifyProcessor],
  exports: [ItemClassifyService],
})
export class ItemClassifyModule {}
