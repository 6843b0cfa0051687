import { WorkerHost } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import { JOB_SCHEMAS, type JobPayload, type QueueName } from '@pulse/contracts';

/**
 * Base for processors: parses `job.data` with the queue's contract schema (a payload that
 * can never be valid fails without retries), then hands it to `handle`. Keep `handle` to
 * one service call.
 */
export abstract class ContractProcessor<Q extends QueueName> extends WorkerHost {
  protected abstract readonly queueName: Q;
  protected abstract handle(data: JobPayload<Q>, job: Job): Promise<unknown>;

  async process(job: Job): Promise<unknown> {
    const parsed = JOB_SCHEMAS[this.queueName].safeParse(job.data);
    if (!parsed.success) {
      throw new UnrecoverableError(`invalid ${this.queueName} payload: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
    }
    return this.handle(parsed.data as JobPayload<Q>, job);
  }
}
