import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import { FeedRepository, feedSeeds, type FeedRecord } from '@pulse/db';
import { createTestDatabase, startFixtureServer, testQueuePrefix, TEST_REDIS_URL, type TestDatabase } from '@pulse/testing';
import { loadIngestEnv, type IngestEnv } from '../src/config/env';
import { createIngestApp } from '../src/main';
import { DemoFallbackService } from '../src/polling/demo-fallback.service';
import { REAL_FEEDS } from '../src/sources/feeds.seed';

const PRESS_FILE = 'ec_presscorner_rss_en_2026-09-04.xml';

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function boot(db: TestDatabase, prefix: string, extra: Partial<Record<keyof IngestEnv, string>>) {
  return createIngestApp(
    loadIngestEnv({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, PULSE_QUEUE_PREFIX: prefix, PULSE_POLL_JITTER_SECONDS: '1', LOG_LEVEL: 'error', ...extra }),
  );
}

const pressItems = (db: TestDatabase, feed: FeedRecord) =>
  db.database.sql.query<{ n: string }>('SELECT count(*) AS n FROM item_sources WHERE feed_id = $1', [feed.id]).then((r) => Number(r[0]!.n));

describe('ingest demo feeds', () => {
  it('PULSE_FEEDS=demo serves the captured feeds on loopback and polls only those', async () => {
    const db = await createTestDatabase('ingestdemo');
    const q = testQueuePrefix('ingest-demo');
    let app: INestApplicationContext | undefined;
    try {
      // No PULSE_ALLOW_PRIVATE_NETWORKS: the demo feeds alone may reach loopback.
      app = await boot(db, q.prefix, { PULSE_FEEDS: 'demo' });
      const feeds = new FeedRepository(db.database);
      const all = await feeds.list();
      expect(all.every((f) => f.demo)).toBe(true);
      const press = all.find((f) => f.title.includes(PRESS_FILE))!;
      expect(press.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
      await waitFor('the demo press corner feed to be stored', async () => (await pressItems(db, press)) === 10);
      expect(await feeds.get(press.id)).toMatchObject({ consecutiveFailures: 0, lastErrorCode: null });
    } finally {
      await app?.close();
      await db.drop();
      await q.cleanup();
    }
  });

  it('when no real source answers on the first round, switches to the demo feeds and keeps the real ones', async () => {
    const db = await createTestDatabase('ingestfallback');
    const q = testQueuePrefix('ingest-fallback');
    let app: INestApplicationContext | undefined;
    try {
      // Stand-ins for the real sources that cannot answer: the seed is marked done, and two
      // "real" feeds point at loopback, which the guard refuses to them.
      await db.database.db.insert(feedSeeds).values(REAL_FEEDS.map((f) => ({ url: f.url })));
      const feeds = new FeedRepository(db.database);
      const port = await closedPort();
      const real = await Promise.all(
        ['a', 'b'].map((n) => feeds.create({ url: `http://127.0.0.1:${port}/${n}.xml`, title: `Unreachable ${n}`, kind: 'news' })),
      );
      app = await boot(db, q.prefix, { PULSE_FEEDS: 'real' });
      const press = await waitFor('the demo feeds', async () => (await feeds.list()).find((f) => f.demo && f.title.includes(PRESS_FILE)));
      await app.get(DemoFallbackService).settled();
      await waitFor('the demo press corner feed to be stored', async () => (await pressItems(db, press)) === 10);
      for (const f of real) {
        const row = await feeds.get(f!.id);
        expect(row).toMatchObject({ enabled: true, consecutiveFailures: 1, lastErrorCode: 'refused-address' });
      }
    } finally {
      await app?.close();
      await db.drop();
      await q.cleanup();
    }
  });

  it('does not switch when a real source answers', async () => {
    const db = await createTestDatabase('ingestnofallback');
    const q = testQueuePrefix('ingest-nofallback');
    const answering = await startFixtureServer();
    let app: INestApplicationContext | undefined;
    try {
      await db.database.db.insert(feedSeeds).values(REAL_FEEDS.map((f) => ({ url: f.url })));
      const feeds = new FeedRepository(db.database);
      // One unreachable source and one that answers: an HTTP error still proves the network works.
      answering.route('/b.xml', (_req, res) => void res.writeHead(503).end());
      await feeds.create({ url: `http://127.0.0.1:${await closedPort()}/a.xml`, title: 'Unreachable', kind: 'news' });
      const b = (await feeds.create({ url: `${answering.url}/b.xml`, title: 'Answers', kind: 'news' }))!;
      app = await boot(db, q.prefix, { PULSE_FEEDS: 'real', PULSE_ALLOW_PRIVATE_NETWORKS: '1' });
      await waitFor('both first polls', async () => (await feeds.list()).every((f) => f.lastPolledAt));
      await app.get(DemoFallbackService).settled();
      expect(await feeds.get(b.id)).toMatchObject({ lastErrorCode: 'http-error' });
      expect((await feeds.list()).some((f) => f.demo)).toBe(false);
    } finally {
      await app?.close();
      await answering.close();
      await db.drop();
      await q.cleanup();
    }
  });
});
