import { z } from 'zod';
import { databaseEnv, logEnv, networkEnv, parseEnv, redisEnv } from '@pulse/config';

export const IngestEnvSchema = databaseEnv
  .extend(redisEnv.shape)
  .extend(networkEnv.shape)
  .extend(logEnv.shape)
  .extend({
    /**
     * Unset: the real sources (seeded at start); when none of them answers on the first round,
     * the demo feeds too. `demo`: only the captured feeds of tests/fixtures/feeds, served on
     * loopback. `none`: neither seed nor demo, only the feeds an operator added (tests).
     */
    PULSE_FEEDS: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['real', 'demo', 'none']).default('real')),
    /** Folder the demo server serves; default: the repository's tests/fixtures/feeds. */
    PULSE_DEMO_FEEDS_DIR: z.string().optional(),
    /** Feeds polled at the same time by this process. */
    PULSE_POLL_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    /** A new or restarted feed schedule starts at a random moment within this window. */
    PULSE_POLL_JITTER_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
    /** Per-request timeout of a feed fetch (the 20 s). */
    PULSE_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(20_000),
  });
export type IngestEnv = z.infer<typeof IngestEnvSchema>;

export const INGEST_ENV = Symbol('ingest.env');
export const loadIngestEnv = (source: NodeJS.ProcessEnv = process.env): IngestEnv => parseEnv(IngestEnvSchema, source);
