import { Injectable } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import type { Job, WorkerOptions } from 'bullmq';
import { QUEUES, type DigestSendJob } from '@pulse/contracts';
import type { SendOutcome } from '@pulse/digest-core';
import { ContractProcessor } from '@pulse/queue';
import { DigestSendService, type BatchResult } from './digest-send.service';

/**
 * `digest-send` `{digestId}`: one digest; thrown errors retry with the job's backoff.
 * `{digestIds}`: a batch from the planner (see `DigestSendService.sendBatch`).
 */
@Injectable()
export class DigestSendProcessor extends ContractProcessor<typeof QUEUES.digestSend> {
  protected readonly queueName = QUEUES.digestSend;

  constructor(private readonly digests: DigestSendService) {
    super();
  }

  protected handle(data: DigestSendJob, job: Job): Promise<SendOutcome | BatchResult> {
    if ('digestIds' in data) return this.digests.sendBatch(data.digestIds);
    return this.digests.send(data.digestId, job.attemptsMade + 1 >= (job.opts.attempts ?? 1));
  }
}

/**
 * The processor with worker options from the environment: decorators run at import, before
 * the environment is parsed, and BullMQ reads lock and stall settings only when the worker is made.
 */
export function configuredSendProcessor(options: Omit<WorkerOptions, 'connection'>): typeof DigestSendProcessor {
  class ConfiguredDigestSendProcessor extends DigestSendProcessor {}
  Processor(QUEUES.digestSend, options)(ConfiguredDigestSendProcessor);
  return ConfiguredDigestSendProcessor;
}
