import { z } from 'zod';

const flag = z
  .string()
  .optional()
  .transform((v) => v === '1' || v === 'true');

/** Fragments each app composes into its own `src/config/env.ts`. */
export const databaseEnv = z.object({
  /** Unset: embedded PGlite under `PULSE_DATA_DIR`. */
  DATABASE_URL: z.string().url().optional(),
  PULSE_DATA_DIR: z.string().default('./data'),
});

export const redisEnv = z.object({
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  /** BullMQ key prefix; tests give each run its own. */
  PULSE_QUEUE_PREFIX: z.string().default('pulse'),
});

export const httpEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000'),
});

export const networkEnv = z.object({
  PULSE_ALLOW_PRIVATE_NETWORKS: flag,
});

export const mailEnv = z.object({
  /** Unset: messages are written as .eml files under `PULSE_OUTBOX_DIR`. */
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('EMN Pulse <pulse@localhost>'),
  PULSE_OUTBOX_DIR: z.string().default('./data/outbox'),
});

export const secretEnv = z.object({
  /** Signs tokens in links (confirm, preferences, unsubscribe). Unset: a per-data-dir secret. */
  PULSE_SECRET: z.string().min(16).optional(),
});

export const logEnv = z.object({
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export class EnvError extends Error {}

/** Parse once at boot; a bad variable stops the process with one line per problem. */
export function parseEnv<S extends z.ZodTypeAny>(schema: S, source: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new EnvError(`invalid environment:\n  ${lines.join('\n  ')}`);
  }
  return result.data;
}
