import { z } from 'zod';
import { databaseEnv, logEnv, networkEnv, parseEnv, redisEnv } from '@pulse/config';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `250ms`, `5s`, `30m`, `2h`, `5d` (a bare number is milliseconds) → milliseconds. */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(text);
  if (!m) throw new Error(`not a duration: "${text}" (use e.g. 500ms, 5s, 30m, 2h, 5d)`);
  return Math.round(Number(m[1]) * UNITS[m[2] ?? 'ms']!);
}

const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v, ctx) => {
      try {
        return parseDuration(v);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    });

const durationList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v, ctx) => {
      try {
        return v.split(',').filter((s) => s.trim() !== '').map(parseDuration);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    });

export const webhooksEnv = z.object({
  /** Delays before each retry; the first send is immediate, so 7 delays = 8 attempts. */
  PULSE_WEBHOOK_RETRY_SCHEDULE: durationList('5s,5m,30m,2h,5h,10h,10h'),
  /** Whole request (connect, send, answer): a receiver slower than this has failed. */
  PULSE_WEBHOOK_TIMEOUT: duration('10s'),
  /** An endpoint with no successful delivery for this long is disabled. */
  PULSE_WEBHOOK_DISABLE_AFTER: duration('5d'),
  /** How often to look for due deliveries whose queue job was lost (crash, Redis flush). */
  PULSE_WEBHOOK_SWEEP_INTERVAL: duration('60s'),
  /** How late a due delivery must be before the sweeper re-queues it. */
  PULSE_WEBHOOK_SWEEP_GRACE: duration('5m'),
  /** Deliveries sent at once by one worker process. */
  PULSE_WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(100),
  /** PostgreSQL connections of the worker (one per query in flight). */
  PULSE_WEBHOOK_DB_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(20),
  /**
   * `1` (default): the worker's own writes commit without waiting for the WAL flush. A
   * PostgreSQL crash may then lose the last moment of delivery state, so those messages are
   * sent again under their webhook-id. `0`: every write waits for the flush.
   */
  PULSE_WEBHOOK_ASYNC_COMMIT: z
    .enum(['0', '1', 'true', 'false'])
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
});

export const WebhooksEnvSchema = databaseEnv.extend(redisEnv.shape).extend(networkEnv.shape).extend(logEnv.shape).extend(webhooksEnv.shape);
export type WebhooksEnv = z.infer<typeof WebhooksEnvSchema>;

export const WEBHOOKS_ENV = Symbol('webhooks.env');
export const loadWebhooksEnv = (source: NodeJS.ProcessEnv = process.env): WebhooksEnv => parseEnv(WebhooksEnvSchema, source);
