import type { JobsOptions, Queue } from 'bullmq';
import { ItemClassifyJobSchema, JOBS, jobIds, type ItemClassifyJob } from '@pulse/contracts';

/** Puts new and updated items on `item-classify`; ids only, deterministic job ids. */
export type ClassifyEnqueuer = (jobs: ItemClassifyJob[]) => Promise<void>;

/**
 * Retries cover a classifier restart; finished jobs are kept a while so a repeated enqueue of
 * the same (item, version) within that time is a no-op rather than a second classification.
 */
export const CLASSIFY_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 7 * 86_400, count: 100_000 },
  removeOnFail: { age: 30 * 86_400 },
};

const BULK = 1000;

export function classifyEnqueuer(queue: Queue): ClassifyEnqueuer {
  return async (jobs) => {
    for (let i = 0; i < jobs.length; i += BULK) {
      await queue.addBulk(
        jobs.slice(i, i + BULK).map((j) => ({
          name: JOBS.itemClassify,
          data: ItemClassifyJobSchema.parse(j),
          opts: { ...CLASSIFY_JOB_OPTIONS, jobId: jobIds.itemClassify(j) },
        })),
      );
    }
  };
}
