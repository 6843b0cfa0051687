import { Inject, Injectable, Logger } from '@nestjs/common';
import { QUEUES, jobIds } from '@pulse/contracts';
import { classifyStoredItem, InjectDatabase, type ClassifyOutcome, type Database, type ItemClassifier } from '@pulse/db';
import { JobProducer } from '@pulse/queue';
import { ITEM_CLASSIFIER } from './taxonomy.classifier';

/** Delivery jobs are wake-ups (the delivery row decides what happens): not kept for long. */
const KEEP = { removeOnComplete: { age: 3600, count: 10_000 }, removeOnFail: { age: 7 * 86_400 } };

@Injectable()
export class ItemClassifyService {
  private readonly log = new Logger('classifier');

  constructor(
    @InjectDatabase() private readonly database: Database,
    @Inject(ITEM_CLASSIFIER) private readonly classifier: ItemClassifier,
    private readonly jobs: JobProducer,
  ) {}

  /**
   * Tags the item's current version and fans it out. `version` is the job's: when the stored
   * item is newer the current one is classified (its own job then finds nothing to change).
   * Deterministic job ids make a repeated fan-out enqueue nothing new.
   */
  async classify(itemId: string, version: number): Promise<ClassifyOutcome> {
    const outcome = await classifyStoredItem(this.database, itemId, this.classifier);
    if (outcome.status === 'gone') {
      this.log.debug(`item ${itemId} v${version} is gone: skipped`);
      return outcome;
    }
    await this.jobs.addBulk(
      QUEUES.webhookDeliver,
      outcome.deliveryIds.map((deliveryId) => ({ data: { deliveryId }, opts: { jobId: jobIds.webhookDeliver({ deliveryId }), ...KEEP } })),
    );
    return outcome;
  }
}
