import type { NestExpressApplication } from '@nestjs/platform-express';
import { Queue } from 'bullmq';
import { createApiKey } from '@pulse/db';
import { redisOptionsFromUrl } from '@pulse/queue';
import { createTestDatabase, TEST_REDIS_URL, testQueuePrefix, type TestDatabase } from '@pulse/testing';
import { loadApiEnv } from '../src/config/env';
import { createApiApp } from '../src/main';

/** The admin API on loopback, over its own PostgreSQL database and Redis prefix, with a read and a write key. */
export interface AdminHarness {
  url: string;
  app: NestExpressApplication;
  db: TestDatabase;
  prefix: string;
  keys: { read: string; write: string };
  call(method: string, path: string, opts?: CallOptions): Promise<Answer>;
  /** A BullMQ queue under this test's prefix, to see what the API enqueued. */
  queue(name: string): Queue;
  close(): Promise<void>;
}

export interface CallOptions {
  /** A key, or null for no Authorization header; default: the write key. */
  key?: string | null;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export async function startAdminApi(label: string, env: Record<string, string> = {}): Promise<AdminHarness> {
  const db = await createTestDatabase(label);
  const q = testQueuePrefix(label);
  const app = await createApiApp(
    loadApiEnv({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, PULSE_QUEUE_PREFIX: q.prefix, LOG_LEVEL: 'warn', ...env }),
  );
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const read = (await createApiKey(db.database, { name: 'test-read', scope: 'read' })).key;
  const write = (await createApiKey(db.database, { name: 'test-write', scope: 'write' })).key;
  const queues: Queue[] = [];

  const call = async (method: string, path: string, opts: CallOptions = {}): Promise<Answer> => {
    const key = opts.key === undefined ? write : opts.key;
    const headers: Record<string, string> = { ...(key ? { authorization: `Bearer ${key}` } : {}), ...opts.headers };
    let body = opts.body;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${url}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = undefined;
    if (text && /json/.test(res.headers.get('content-type') ?? '')) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, text, body: parsed };
  };

  return {
    url,
    app,
    db,
    prefix: q.prefix,
    keys: { read, write },
    call,
    queue: (name) => {
      const queue = new Queue(name, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix: q.prefix });
      queues.push(queue);
      return queue;
    },
    close: async () => {
      await Promise.all(queues.map((x) => x.close()));
      await app.close();
      await db.drop();
      await q.cleanup();
    },
  };
}
