import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { JobsOptions, Queue } from 'bullmq';
import { JOB_NAMES, JOB_SCHEMAS, type JobPayload, type QueueName } from '@pulse/contracts';

/**
 * The one way to put work on a queue: validates the payload against its contract and
 * uses the queue's single job name. Callers give a deterministic `jobId`.
 */
@Injectable()
export class JobProducer {
  private readonly queues = new Map<QueueName, Queue>();
  constructor(private readonly moduleRef: ModuleRef) {}

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      this.queues.set(name, q);
    }
    return q;
  }

  async add<Q extends QueueName>(name: Q, data: JobPayload<Q>, opts: JobsOptions & { jobId: string }): Promise<void> {
    const payload = JOB_SCHEMAS[name].parse(data);
    await this.queue(name).add(JOB_NAMES[name], payload, opts);
  }

  async addBulk<Q extends QueueName>(
    name: Q,
    jobs: { data: JobPayload<Q>; opts: JobsOptions & { jobId: string } }[],
  ): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue(name).addBulk(
      jobs.map((j) => ({ name: JOB_NAMES[name], data: JOB_SCHEMAS[name].parse(j.data), opts: j.opts })),
    );
  }
}
