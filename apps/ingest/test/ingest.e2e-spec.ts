import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JOBS, QUEUES, jobIds } from '@pulse/contracts';
import { FeedRepository, ItemRepository, type FeedRecord } from '@pulse/db';
import { redisOptionsFromUrl } from '@pulse/queue';
import { createTestDatabase, startFixtureServer, testQueuePrefix, TEST_REDIS_URL, type FixtureServer, type TestDatabase } from '@pulse/testing';
import { FeedPollService } from '../src/polling/feed-poll.service';
import { schedulerIdOf } from '../src/scheduling/feed.scheduler';
import { startIngest, waitFor } from './ingest.fixture';

const PRESS = readFileSync(join(__dirname, '../../../tests/fixtures/feeds/ec_presscorner_rss_en_2026-09-04.xml'), 'utf8');
const FIRST_TITLE = 'Daily News 04 / 09 / 2026';
const FIRST_URL = 'https://ec.europa.eu/commission/presscorner/detail/en/mex_26_1797';
const INTERVAL = 600;
const DAY = 86_400_000;

/** A feed server that behaves (ETag, 304) until a test breaks it. */
interface Served {
  status: number;
  body: string;
  etag: string;
  headers?: Record<string, string>;
}
function serve(server: FixtureServer, path: string, state: Served) {
  server.route(path, (req, res) => {
    if (state.status !== 200) return void res.writeHead(state.status, state.headers ?? {}).end('unavailable');
    if (req.headers['if-none-match'] === state.etag) return void res.writeHead(304, { etag: state.etag }).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag: state.etag }).end(state.body);
  });
}

describe('ingest: poll → store → queue, on PostgreSQL, Redis and a real HTTP server', () => {
  const q = testQueuePrefix('ingest');
  let db: TestDatabase;
  let server: FixtureServer;
  let app: INestApplicationContext;
  let feeds: FeedRepository;
  let polls: FeedPollService;
  let classify: Queue;
  let pollQueue: Queue;
  let press: FeedRecord;
  const pressState: Served = { status: 200, body: PRESS, etag: '"v1"' };

  const feedRow = async () => (await feeds.get(press.id))!;
  const classifyJobs = async () => classify.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized']);
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await db.database.sql.query<{ n: string }>(sql, params))[0]!.n);

  beforeAll(async () => {
    db = await createTestDatabase('ingest');
    server = await startFixtureServer();
    serve(server, '/press.xml', pressState);
    feeds = new FeedRepository(db.database);
    // Polled by hand below; next_poll_at in a day keeps the scheduler's ticks out of the way.
    press = (await feeds.create({ url: `${server.url}/press.xml`, title: 'Press corner', kind: 'press-release', language: 'en', pollIntervalSeconds: INTERVAL }))!;
    await feeds.recordSuccess(press.id, { polledAt: new Date(), etag: null, lastModified: null, nextPollAt: new Date(Date.now() + DAY) });
    const connection = redisOptionsFromUrl(TEST_REDIS_URL);
    classify = new Queue(QUEUES.itemClassify, { connection, prefix: q.prefix });
    pollQueue = new Queue(QUEUES.feedPoll, { connection, prefix: q.prefix });
    // A scheduler left behind by a feed that no longer exists: start must remove it.
    await pollQueue.upsertJobScheduler(schedulerIdOf('ghost'), { every: 3_600_000, startDate: Date.now() + DAY }, { name: JOBS.feedPoll, data: { feedId: 'ghost' } });
    app = await startIngest(db, q.prefix, { PULSE_ALLOW_PRIVATE_NETWORKS: '1', PULSE_FEEDS: 'none' });
    polls = app.get(FeedPollService);
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([classify?.close(), pollQueue?.close()]);
    await server?.close();
    await db?.drop();
    await q.cleanup();
  });

  it('reconciles schedulers at start: one per enabled feed, none for feeds that are gone', async () => {
    const ids = (await pollQueue.getJobSchedulers(0, -1)).map((s) => s.key).sort();
    expect(ids).toEqual([schedulerIdOf(press.id)]);
    const s = await pollQueue.getJobScheduler(schedulerIdOf(press.id));
    expect(s).toMatchObject({ every: INTERVAL * 1000, template: { data: { feedId: press.id } } });
  });

  it('200: stores the items and queues one classify job per item, ids only', async () => {
    const outcome = await polls.poll(press.id, { manual: true });
    expect(outcome).toMatchObject({ status: 'ok', counts: { new: 10, updated: 0, unchanged: 0, merged: 0 }, queued: 10 });
    expect(await count('SELECT count(*) AS n FROM items')).toBe(10);
    expect(await count('SELECT count(*) AS n FROM item_sources WHERE feed_id = $1', [press.id])).toBe(10);
    const jobs = await classifyJobs();
    expect(jobs).toHaveLength(10);
    for (const job of jobs) {
      expect(job.name).toBe(JOBS.itemClassify);
      expect(Object.keys(job.data).sort()).toEqual(['itemId', 'version']);
      expect(job.id).toBe(jobIds.itemClassify(job.data));
    }
    const first = (await db.database.sql.query<{ id: string; title: string; version: number }>('SELECT id, title, version FROM items WHERE canonical_url = $1', [FIRST_URL]))[0]!;
    expect(first).toMatchObject({ title: FIRST_TITLE, version: 1 });
    expect(jobs.map((j) => j.data)).toContainEqual({ itemId: first.id, version: 1 });
    expect(await feedRow()).toMatchObject({ etag: '"v1"', consecutiveFailures: 0 });
    expect(server.requests.at(-1)?.headers['if-none-match']).toBeUndefined();
  });

  it('304: a conditional GET, no parse, nothing new and nothing queued', async () => {
    const before = (await feedRow()).lastSuccessAt!;
    const outcome = await polls.poll(press.id, { manual: true });
    expect(outcome).toMatchObject({ status: 'not-modified' });
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe('"v1"');
    expect(await count('SELECT count(*) AS n FROM items')).toBe(10);
    expect(await classifyJobs()).toHaveLength(10);
    const row = await feedRow();
    expect(row.lastSuccessAt!.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(row.nextPollAt!.getTime() - row.lastPolledAt!.getTime()).toBe(INTERVAL * 1000);
  });

  it('a changed title is an update: same item, version 2, flagged, queued again', async () => {
    Object.assign(pressState, { body: PRESS.replace(`<title>${FIRST_TITLE}</title>`, `<title>${FIRST_TITLE} (corrected)</title>`), etag: '"v2"' });
    const outcome = await polls.poll(press.id, { manual: true });
    expect(outcome).toMatchObject({ status: 'ok', counts: { new: 0, updated: 1, unchanged: 9, merged: 0 }, queued: 1 });
    const [item] = await db.database.sql.query<{ id: string; title: string; version: number; updated: boolean }>(
      'SELECT id, title, version, updated FROM items WHERE canonical_url = $1',
      [FIRST_URL],
    );
    expect(item).toMatchObject({ title: `${FIRST_TITLE} (corrected)`, version: 2, updated: true });
    expect(await count('SELECT count(*) AS n FROM items')).toBe(10);
    expect((await classifyJobs()).map((j) => j.id)).toContain(jobIds.itemClassify({ itemId: item!.id, version: 2 }));
    expect(await classifyJobs()).toHaveLength(11);
  });

  it('a broken feed records the reason and backs off; a tick before it is due is skipped', async () => {
    Object.assign(pressState, { status: 500 });
    const e1 = await polls.poll(press.id, { manual: true });
    expect(e1).toMatchObject({ status: 'error', code: 'http-error', httpStatus: 500, consecutiveFailures: 1 });
    let row = await feedRow();
    expect(row).toMatchObject({ consecutiveFailures: 1, lastErrorCode: 'http-error', etag: '"v2"' });
    expect(row.lastErrorMessage).toMatch(/500/);
    expect(row.nextPollAt!.getTime() - row.lastPolledAt!.getTime()).toBe(INTERVAL * 1000);

    Object.assign(pressState, { status: 200, body: '<rss version="2.0"><channel><title>x</title><item><title>a</item></channel>', etag: '"v3"' });
    const e2 = await polls.poll(press.id, { manual: true });
    expect(e2).toMatchObject({ status: 'error', code: 'malformed', consecutiveFailures: 2 });
    row = await feedRow();
    expect(row.nextPollAt!.getTime() - row.lastPolledAt!.getTime()).toBe(2 * INTERVAL * 1000);
    // The broken version's validator is not kept: a 304 must never stand for unread content.
    expect(row.etag).toBe('"v2"');

    Object.assign(pressState, { status: 503, headers: { 'retry-after': '10800' } });
    const e3 = await polls.poll(press.id, { manual: true });
    expect(e3).toMatchObject({ status: 'error', code: 'http-error', httpStatus: 503, consecutiveFailures: 3 });
    row = await feedRow();
    expect(row.nextPollAt!.getTime() - row.lastPolledAt!.getTime()).toBe(10_800_000);

    const requests = server.requests.length;
    expect(await polls.poll(press.id)).toMatchObject({ status: 'skipped', reason: 'not-due' });
    expect(server.requests).toHaveLength(requests);
    expect(await count('SELECT count(*) AS n FROM items')).toBe(10);
  });

  it('a fixed feed resumes: new items stored, failures reset', async () => {
    const extra = `<item><title>New pact on migration and asylum enters into force</title><link>https://ec.europa.eu/commission/presscorner/detail/en/ip_26_1800</link><guid>https://ec.europa.eu/commission/presscorner/detail/en/ip_26_1800</guid><pubDate>Sat, 05 Sep 2026 09:00:00 GMT</pubDate><description>Brussels.</description></item>`;
    const body = PRESS.replace(`<title>${FIRST_TITLE}</title>`, `<title>${FIRST_TITLE} (corrected)</title>`).replace('</channel>', `${extra}</channel>`);
    Object.assign(pressState, { status: 200, headers: undefined, body, etag: '"v4"' });
    const outcome = await polls.poll(press.id, { manual: true });
    expect(outcome).toMatchObject({ status: 'ok', counts: { new: 1, updated: 0, unchanged: 10, merged: 0 }, queued: 1 });
    const row = await feedRow();
    expect(row).toMatchObject({ consecutiveFailures: 0, etag: '"v4"' });
    expect(row.lastSuccessAt!.getTime()).toBe(row.lastPolledAt!.getTime());
    expect(row.nextPollAt!.getTime() - row.lastPolledAt!.getTime()).toBe(INTERVAL * 1000);
  });

  it('the same URL from a second feed is one item with both sources', async () => {
    serve(server, '/aggregator.xml', {
      status: 200,
      etag: '"a1"',
      body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Aggregator</title><item><title>Daily news, as the aggregator words it</title><link>${FIRST_URL}</link><guid isPermaLink="false">agg-1797</guid><description>Other words.</description></item></channel></rss>`,
    });
    const agg = (await feeds.create({ url: `${server.url}/aggregator.xml`, title: 'Aggregator', kind: 'news' }))!;
    const outcome = await polls.poll(agg.id, { manual: true });
    expect(outcome).toMatchObject({ status: 'ok', counts: { new: 0, updated: 0, unchanged: 0, merged: 1 }, queued: 0 });
    const [item] = await db.database.sql.query<{ id: string; title: string }>('SELECT id, title FROM items WHERE canonical_url = $1', [FIRST_URL]);
    const sources = await ItemRepository.of(db.database).sourcesOf(item!.id);
    expect(sources.map((s) => [s.feedId, s.sourceKey]).sort()).toEqual([[agg.id, 'agg-1797'], [press.id, FIRST_URL]].sort());
    expect(item!.title).toBe(`${FIRST_TITLE} (corrected)`);
  });

  it('feed-sync: a scheduler per enabled feed, which a tick polls; gone when disabled or deleted', async () => {
    serve(server, '/tick.xml', { status: 200, etag: '"t1"', body: PRESS.replace(/presscorner\/detail\/en/g, 'presscorner/detail/fr') });
    const tick = (await feeds.create({ url: `${server.url}/tick.xml`, title: 'Ticked', kind: 'news', pollIntervalSeconds: 60 }))!;
    const sync = new Queue(QUEUES.feedSync, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix: q.prefix });
    try {
      await sync.add(JOBS.feedSync, { feedId: tick.id }, { jobId: jobIds.feedSync(tick.id) });
      await waitFor('the scheduler', () => pollQueue.getJobScheduler(schedulerIdOf(tick.id)));
      // The first tick comes within the 1 s jitter window and polls through the processor.
      const polled = await waitFor('the first tick', async () => ((await feeds.get(tick.id))?.lastSuccessAt ? feeds.get(tick.id) : null));
      expect(polled).toMatchObject({ consecutiveFailures: 0, etag: '"t1"' });
      expect(await count('SELECT count(*) AS n FROM item_sources WHERE feed_id = $1', [tick.id])).toBe(10);

      await feeds.update(tick.id, { enabled: false });
      await sync.add(JOBS.feedSync, { feedId: tick.id }, { jobId: jobIds.feedSync(tick.id) });
      await waitFor('the scheduler to go', async () => !(await pollQueue.getJobScheduler(schedulerIdOf(tick.id))));

      await feeds.update(tick.id, { enabled: true });
      await sync.add(JOBS.feedSync, { feedId: tick.id }, { jobId: jobIds.feedSync(tick.id) });
      await waitFor('the scheduler again', () => pollQueue.getJobScheduler(schedulerIdOf(tick.id)));
      await feeds.remove(tick.id);
      await sync.add(JOBS.feedSync, { feedId: tick.id }, { jobId: jobIds.feedSync(tick.id) });
      await waitFor('the scheduler of the deleted feed to go', async () => !(await pollQueue.getJobScheduler(schedulerIdOf(tick.id))));
    } finally {
      await sync.close();
    }
  });
});
