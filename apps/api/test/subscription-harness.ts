import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import Redis from 'ioredis';
import { DatabaseModule } from '@pulse/db';
import { createMailTransport, type MailTransport } from '@pulse/mail';
import { QueueModule } from '@pulse/queue';
import { createTestDatabase, startSmtpSink, TEST_REDIS_URL, testQueuePrefix, type SmtpSink, type TestDatabase } from '@pulse/testing';
// The mail-send worker lives in the digest app; this harness runs it in-process so the
// api's e2e tests see real confirmation mail arrive over SMTP.
import { MailSendModule } from '../../digest/src/mail-send/mail-send.module';
import { loadApiEnv } from '../src/config/env';
import { createApiApp } from '../src/main';

export const PUBLIC_BASE_URL = 'https://pulse.test';

export interface SubscriptionHarness {
  db: TestDatabase;
  app: NestExpressApplication;
  /** Where the app really listens; mail links use PUBLIC_BASE_URL and are rebased onto this. */
  appUrl: string;
  sink: SmtpSink;
  prefix: string;
  /** The link secret the app generated and stored (PULSE_SECRET is unset here). */
  secret(): Promise<string>;
  /** `https://pulse.test/confirm?token=…` → the same path on the running app. */
  rebase(link: string): string;
  /** Every value under this test's Redis prefix, as one string. */
  redisDump(): Promise<string>;
  /** `table.column` of every text/json column of every table holding `needle`. */
  findInDatabase(needle: string): Promise<string[]>;
  close(): Promise<void>;
}

export async function startSubscriptionHarness(label: string, env: Record<string, string> = {}): Promise<SubscriptionHarness> {
  const db = await createTestDatabase(label);
  const q = testQueuePrefix(label);
  const sink = await startSmtpSink();
  const outboxDir = mkdtempSync(join(tmpdir(), 'pulse-mail-'));
  const app = await createApiApp(
    loadApiEnv({
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      PULSE_QUEUE_PREFIX: q.prefix,
      PUBLIC_BASE_URL,
      PULSE_MAIL_RETRY_DELAY_MS: '100',
      ...env,
    }),
  );
  await app.listen(0, '127.0.0.1');
  const appUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const transport: MailTransport = createMailTransport({ smtpUrl: sink.url, outboxDir, from: 'EMN Pulse <pulse@pulse.test>' });
  const workerModule = await Test.createTestingModule({
    imports: [
      DatabaseModule.forRoot({ database: db.database }),
      QueueModule.forRoot({ redisUrl: TEST_REDIS_URL, prefix: q.prefix }),
      MailSendModule.register({ useValue: transport }, { messageIdDomain: 'pulse.test' }),
    ],
  }).compile();
  const worker: INestApplicationContext = await workerModule.init();

  return {
    db,
    app,
    appUrl,
    sink,
    prefix: q.prefix,
    secret: async () => {
      const [row] = await db.database.sql.query<{ value: string }>("SELECT value FROM settings WHERE key = 'link_secret'");
      if (!row) throw new Error('no link secret stored');
      return row.value;
    },
    rebase: (link) => {
      const u = new URL(link);
      return `${appUrl}${u.pathname}${u.search}`;
    },
    redisDump: () => dumpRedis(q.prefix),
    findInDatabase: (needle) => findInDatabase(db, needle),
    close: async () => {
      await worker.close();
      await transport.close();
      await app.close();
      await sink.close();
      await db.drop();
      await q.cleanup();
      rmSync(outboxDir, { recursive: true, force: true });
    },
  };
}

async function dumpRedis(prefix: string): Promise<string> {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  const parts: string[] = [];
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', '500');
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        parts.push(key);
        if (type === 'string') parts.push((await redis.get(key)) ?? '');
        else if (type === 'hash') parts.push(JSON.stringify(await redis.hgetall(key)));
        else if (type === 'list') parts.push(JSON.stringify(await redis.lrange(key, 0, -1)));
        else if (type === 'set') parts.push(JSON.stringify(await redis.smembers(key)));
        else if (type === 'zset') parts.push(JSON.stringify(await redis.zrange(key, '0', '-1')));
        else if (type === 'stream') parts.push(JSON.stringify(await redis.xrange(key, '-', '+')));
      }
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return parts.join('\n');
}

async function findInDatabase(db: TestDatabase, needle: string): Promise<string[]> {
  const columns = await db.database.sql.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')`,
  );
  const hits: string[] = [];
  for (const c of columns) {
    const [row] = await db.database.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${c.table_name}" WHERE position(lower($1) in lower("${c.column_name}"::text)) > 0`,
      [needle],
    );
    if ((row?.n ?? 0) > 0) hits.push(`${c.table_name}.${c.column_name}`);
  }
  return hits;
}
