import { createServer, type AddressInfo } from 'node:net';
import { FeedRepository, feedSeeds, type FeedRecord } from '@pulse/db';
import { startFixtureServer, type TestDatabase } from '@pulse/testing';
import { DemoFallbackService } from '../src/polling/demo-fallback.service';
import { REAL_FEEDS } from '../src/sources/feeds.seed';
import { waitFor, withIngest } from './ingest.fixture';

const PRESS_FILE = 'ec_presscorner_rss_en_2026-09-04.xml';

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const sourcesOf = async (db: TestDatabase, feed: FeedRecord) =>
  Number((await db.database.sql.query<{ n: string }>('SELECT count(*) AS n FROM item_sources WHERE feed_id = $1', [feed.id]))[0]!.n);

/** Stand-ins for the real sources: the seed is marked done, so only the feeds a test adds exist. */
const seedDone = (db: TestDatabase) => db.database.db.insert(feedSeeds).values(REAL_FEEDS.map((f) => ({ url: f.url }))).then(() => undefined);

describe('ingest demo feeds', () => {
  it('PULSE_FEEDS=demo serves the captured feeds on loopback and polls only those', async () => {
    // No PULSE_ALLOW_PRIVATE_NETWORKS: the demo feeds alone may reach loopback.
    await withIngest('ingestdemo', { PULSE_FEEDS: 'demo' }, async ({ db }) => {
      const feeds = new FeedRepository(db.database);
      const all = await feeds.list();
      expect(all.length).toBeGreaterThan(1);
      expect(all.every((f) => f.demo)).toBe(true);
      const press = all.find((f) => f.title.includes(PRESS_FILE))!;
      expect(press.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
      await waitFor('the demo press corner feed to be stored', async () => (await sourcesOf(db, press)) === 10);
      expect(await feeds.get(press.id)).toMatchObject({ consecutiveFailures: 0, lastErrorCode: null });
    });
  });

  it('when no real source answers on the first round, switches to the demo feeds and keeps the real ones', async () => {
    let real: FeedRecord[] = [];
    const prepare = async (db: TestDatabase) => {
      await seedDone(db);
      // Loopback, which the guard refuses to a real source: it cannot answer.
      const port = await closedPort();
      const feeds = new FeedRepository(db.database);
      real = await Promise.all(['a', 'b'].map(async (n) => (await feeds.create({ url: `http://127.0.0.1:${port}/${n}.xml`, title: n, kind: 'news' }))!));
    };
    await withIngest('ingestfallback', { PULSE_FEEDS: 'real' }, async ({ db, app }) => {
      const feeds = new FeedRepository(db.database);
      const press = await waitFor('the demo feeds', async () => (await feeds.list()).find((f) => f.demo && f.title.includes(PRESS_FILE)));
      await app.get(DemoFallbackService).settled();
      await waitFor('the demo press corner feed to be stored', async () => (await sourcesOf(db, press)) === 10);
      for (const f of real) expect(await feeds.get(f.id)).toMatchObject({ enabled: true, consecutiveFailures: 1, lastErrorCode: 'refused-address' });
    }, prepare);
  });

  it('does not switch when a real source answers', async () => {
    const answering = await startFixtureServer();
    answering.route('/b.xml', (_req, res) => void res.writeHead(503).end());
    let b: FeedRecord | null = null;
    const prepare = async (db: TestDatabase) => {
      await seedDone(db);
      // One unreachable source and one that answers: an HTTP error still proves the network works.
      const feeds = new FeedRepository(db.database);
      await feeds.create({ url: `http://127.0.0.1:${await closedPort()}/a.xml`, title: 'Unreachable', kind: 'news' });
      b = await feeds.create({ url: `${answering.url}/b.xml`, title: 'Answers', kind: 'news' });
    };
    try {
      await withIngest('ingestnofallback', { PULSE_FEEDS: 'real', PULSE_ALLOW_PRIVATE_NETWORKS: '1' }, async ({ db, app }) => {
        const feeds = new FeedRepository(db.database);
        await waitFor('both first polls', async () => (await feeds.list()).every((f) => f.lastPolledAt));
        await app.get(DemoFallbackService).settled();
        expect(await feeds.get(b!.id)).toMatchObject({ lastErrorCode: 'http-error' });
        expect((await feeds.list()).some((f) => f.demo)).toBe(false);
      }, prepare);
    } finally {
      await answering.close();
    }
  });
});
