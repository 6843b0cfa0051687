import { Inject, Injectable, Logger } from '@nestjs/common';
import { QUEUES } from '@pulse/contracts';
import { findStaleDigests, InjectDatabase, type Database } from '@pulse/db';
import { digestBatching, planDueDigests } from '@pulse/digest-core';
import { JobProducer } from '@pulse/queue';
import { DIGEST_ENV, type DigestAppEnv } from '../config/env';
import { digestBatchJob, queueDigestAlone } from '../digest-send/digest-send.job';

export interface TickResult {
  planned: number;
  requeued: number;
}

const ADD_CHUNK = 1_000;

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

  /** Batch jobs of `digestBatching(env).batch` digests, added `ADD_CHUNK` jobs per round trip. */
  private async enqueue(ids: string[]): Promise<void> {
    const { batch } = digestBatching(this.env);
    const jobs = [];
    for (let i = 0; i < ids.length; i += batch) {
      const digestIds = ids.slice(i, i + batch);
      jobs.push({ data: { digestIds }, opts: digestBatchJob(this.env, digestIds) });
    }
    for (let i = 0; i < jobs.length; i += ADD_CHUNK) await this.producer.addBulk(QUEUES.digestSend, jobs.slice(i, i + ADD_CHUNK));
  }

  /**
   * Stale digests go back one by one: a batch job still waiting may hold some of them, and
   * whichever claims a digest first sends it (the other finds it taken or done).
   */
  private async requeueStale(): Promise<number> {
    let requeued = 0;
    for (const digestId of await findStaleDigests(this.database, this.env.PULSE_DIGEST_STALE_MS, 500)) {
      if (await queueDigestAlone(this.producer, this.env, digestId)) requeued++;
    }
    return requeued;
  }
}
