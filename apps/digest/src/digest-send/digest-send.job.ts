import type { JobsOptions } from 'bullmq';
import { jobIds } from '@pulse/contracts';
import type { DigestAppEnv } from '../config/env';

/** Options of every `digest-send` job: 4xx and connection failures retry with exponential backoff. */
export const digestSendJob = (env: DigestAppEnv, digestId: string): JobsOptions & { jobId: string } => ({
  jobId: jobIds.digestSend({ digestId }),
  attempts: env.PULSE_DIGEST_SEND_ATTEMPTS,
  backoff: { type: 'exponential', delay: env.PULSE_DIGEST_RETRY_BASE_MS },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 5000 },
});
