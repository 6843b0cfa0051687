import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import { QUEUES, type ItemClassifyJob } from '@pulse/contracts';
import type { ClassifyOutcome } from '@pulse/db';
import { ContractProcessor } from '@pulse/queue';
import { CLASSIFIER_ENV, type ClassifierEnv } from '../config/env';
import { ItemClassifyService } from './item-classify.service';

@Processor(QUEUES.itemClassify)
export class ItemClassifyProcessor extends ContractProcessor<typeof QUEUES.itemClassify> implements OnApplicationBootstrap {
  protected readonly queueName = QUEUES.itemClassify;

  constructor(
    private readonly service: ItemClassifyService,
    @Inject(CLASSIFIER_ENV) private readonly env: ClassifierEnv,
  ) {
    super();
  }

  /** Concurrency comes from the environment, which decorators cannot read. */
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.env.CLASSIFY_CONCURRENCY;
  }

  protected handle(data: ItemClassifyJob): Promise<ClassifyOutcome> {
    return this.service.classify(data.itemId, data.version);
  }
}
