import type { INestApplicationContext } from '@nestjs/common';
import { createTestDatabase, testQueuePrefix, TEST_REDIS_URL, type TestDatabase } from '@pulse/testing';
import { loadIngestEnv, type IngestEnv } from '../src/config/env';
import { createIngestApp } from '../src/main';

/** Polls `probe` until it returns something truthy. */
export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export type IngestEnvOverrides = Partial<Record<keyof IngestEnv, string>>;

/** The ingest app on its own database and queue prefix; first ticks within a 1 s window. */
export function startIngest(db: TestDatabase, prefix: string, env: IngestEnvOverrides): Promise<INestApplicationContext> {
  return createIngestApp(
    loadIngestEnv({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, PULSE_QUEUE_PREFIX: prefix, PULSE_POLL_JITTER_SECONDS: '1', LOG_LEVEL: 'error', ...env }),
  );
}

/**
 * A fresh database and prefix, `prepare` on the database, then ingest started with `env`;
 * everything is closed and dropped afterwards, whatever happens.
 */
export async function withIngest(
  label: string,
  env: IngestEnvOverrides,
  run: (ctx: { db: TestDatabase; app: INestApplicationContext }) => Promise<void>,
  prepare: (db: TestDatabase) => Promise<void> = async () => undefined,
): Promise<void> {
  const db = await createTestDatabase(label);
  const q = testQueuePrefix(label);
  let app: INestApplicationContext | undefined;
  try {
    await prepare(db);
    app = await startIngest(db, q.prefix, env);
    await run({ db, app });
  } finally {
    await app?.close();
    await db.drop();
    await q.cleanup();
  }
}
