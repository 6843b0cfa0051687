import { z } from 'zod';

/** Webhook endpoint settings, composed into the api env (`src/config/env.ts`). */
export const webhookEndpointsEnv = z.object({
  /** After a secret rotation the old secret keeps signing, beside the new one, this long (default 24 h). */
  PULSE_WEBHOOK_SECRET_OVERLAP_SECONDS: z.coerce.number().int().min(0).max(7 * 86_400).default(86_400),
});
export type WebhookEndpointsEnv = z.infer<typeof webhookEndpointsEnv>;
