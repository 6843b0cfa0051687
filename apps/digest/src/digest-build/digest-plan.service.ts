import { Inject, Injectable, Logger } from '@nestjs/common';
import { QUEUES, jobIds } from '@pulse/contracts';
import { findStaleDigests, InjectDatabase, type Database } from '@pulse/db';
import { planDueDigests } from '@pulse/digest-core';
import { JobProducer } from '@pulse/queue';
import { DIGEST_ENV, type DigestAppEnv } from '../config/env';
import { digestSendJob } from '../digest-send/digest-send.job';

export interface TickResult {
  planned: number;
  requeued: number;
}

const CHUNK = 1_000;

/**
 * One planner tick: write the rows of every due or overdue digest (rows first), queue a send
 * for each, then queue again any digest that should be moving and has no live job (the
 * process died between the row and the enqueue, or its job ran out of attempts mid-outage).
 */
@Injectable()
export class DigestPlanService {
  private readonly log = new Logger('digest.plan');

  constructor(
    @InjectDatabase() private readonly database: Database,
    @Inject(DIGEST_ENV) private readonly env: DigestAppEnv,
    private readonly producer: JobProducer,
  ) {}

  async tick(at: Date): Promise<TickResult> {
    const plan = await planDueDigests(this.database, at, { onBatch: (ids) => this.enqueue(ids) });
    for (const bad of plan.invalid) this.log.error(`schedule skipped (${bad.error}): ${JSON.stringify(bad.schedule)}`);
    const requeued = await this.requeueStale();
    if (plan.planned || requeued) this.log.log(`planned ${plan.planned} digests, requeued ${requeued}`);
    return { planned: plan.planned, requeued };
  }

  private async enqueue(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const jobs = ids.slice(i, i + CHUNK).map((digestId) => ({ data: { digestId }, opts: digestSendJob(this.env, digestId) }));
      await this.producer.addBulk(QUEUES.digestSend, jobs);
    }
  }

  private async requeueStale(): Promise<number> {
    const queue = this.producer.queue(QUEUES.digestSend);
    let requeued = 0;
    for (const digestId of await findStaleDigests(this.database, this.env.PULSE_DIGEST_STALE_MS, 500)) {
      const jobId = jobIds.digestSend({ digestId });
      const state = await queue.getJobState(jobId);
      if (state !== 'unknown' && state !== 'completed' && state !== 'failed') continue;
      if (state !== 'unknown') await queue.remove(jobId);
      await this.producer.add(QUEUES.digestSend, { digestId }, digestSendJob(this.env, digestId));
      requeued++;
    }
    return requeued;
  }
}
