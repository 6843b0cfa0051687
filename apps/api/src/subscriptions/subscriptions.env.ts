import { z } from 'zod';

/** Subscription settings, composed into the api env (`src/config/env.ts`). */
export const subscriptionsEnv = z.object({
  /** A repeated subscribe sends no second mail to the same address within this window. */
  PULSE_CONFIRM_RESEND_SECONDS: z.coerce.number().int().min(0).default(600),
  /** How long a confirmation link stays valid; unconfirmed subscriptions are purged after it. */
  PULSE_CONFIRM_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(7 * 24),
  /** Retries of a transactional mail on 4xx / connection errors (BullMQ exponential backoff). */
  PULSE_MAIL_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  PULSE_MAIL_RETRY_DELAY_MS: z.coerce.number().int().min(1).default(30_000),
});
export type SubscriptionsEnv = z.infer<typeof subscriptionsEnv>;
