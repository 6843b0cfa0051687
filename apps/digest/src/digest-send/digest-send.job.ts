import type { JobsOptions } from 'bullmq';
import { jobIds, QUEUES } from '@pulse/contracts';
import type { JobProducer } from '@pulse/queue';
import type { DigestAppEnv } from '../config/env';

type Options = JobsOptions & { jobId: string };

const common = (env: DigestAppEnv): JobsOptions => ({
  attempts: env.PULSE_DIGEST_SEND_ATTEMPTS,
  backoff: { type: 'exponential', delay: env.PULSE_DIGEST_RETRY_BASE_MS },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 5000 },
});

/** Options of a one-digest `digest-send` job: 4xx and connection failures retry with exponential backoff. */
export const digestSendJob = (env: DigestAppEnv, digestId: string): Options => ({ jobId: jobIds.digestSend({ digestId }), ...common(env) });

/**
 * Options of a batch job. A digest of the batch that needs another try leaves it as a job of
 * its own (`queueDigestAlone`); the batch itself is retried only when it could not run at all
 * (database or Redis down), and its rows decide again what is still to send.
 */
export const digestBatchJob = (env: DigestAppEnv, digestIds: readonly string[]): Options => ({ jobId: jobIds.digestBatch(digestIds), ...common(env) });

/**
 * Queues one digest on its own, `delayMs` from now. A finished job with the same id (an
 * earlier round of this digest) would make the add a no-op, so it is removed first; a live
 * one already covers the digest.
 */
export async function queueDigestAlone(producer: JobProducer, env: DigestAppEnv, digestId: string, delayMs = 0): Promise<boolean> {
  const opts = digestSendJob(env, digestId);
  const queue = producer.queue(QUEUES.digestSend);
  const state = await queue.getJobState(opts.jobId);
  if (state !== 'unknown' && state !== 'completed' && state !== 'failed') return false;
  if (state !== 'unknown') await queue.remove(opts.jobId);
  await producer.add(QUEUES.digestSend, { digestId }, { ...opts, delay: Math.max(0, Math.round(delayMs)) });
  return true;
}
