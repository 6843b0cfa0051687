import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { QUEUES } from '@pulse/contracts';
import { FeedRepository } from '@pulse/db';
import { redisOptionsFromUrl } from '@pulse/queue';
import { createTestDatabase, startFixtureServer, testQueuePrefix, TEST_REDIS_URL, type FixtureServer, type TestDatabase } from '@pulse/testing';

/** `pulse feeds …` as an operator runs it: the built CLI in its own process. */
const CLI = join(__dirname, '..', 'dist', 'main.js');
const PRESS = readFileSync(join(__dirname, '../../../tests/fixtures/feeds/ec_presscorner_rss_en_2026-09-04.xml'));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('pulse feeds', () => {
  const q = testQueuePrefix('cli-feeds');
  let db: TestDatabase;
  let server: FixtureServer;
  let classify: Queue;
  let sync: Queue;
  let status = 200;
  const url = () => `${server.url}/press.xml`;

  const pulse = (args: string[], env: Record<string, string> = {}): Promise<Run> =>
    new Promise((resolve) => {
      const base = { DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, PULSE_QUEUE_PREFIX: q.prefix, PULSE_ALLOW_PRIVATE_NETWORKS: '' };
      execFile(process.execPath, [CLI, 'feeds', ...args], { env: { ...process.env, ...base, ...env } }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  const allowed = { PULSE_ALLOW_PRIVATE_NETWORKS: '1' };

  beforeAll(async () => {
    db = await createTestDatabase('clifeeds');
    server = await startFixtureServer();
    server.route('/press.xml', (req, res) => {
      if (status !== 200) return void res.writeHead(status).end();
      if (req.headers['if-none-match'] === '"p1"') return void res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"p1"' }).end(PRESS);
    });
    const connection = redisOptionsFromUrl(TEST_REDIS_URL);
    classify = new Queue(QUEUES.itemClassify, { connection, prefix: q.prefix });
    sync = new Queue(QUEUES.feedSync, { connection, prefix: q.prefix });
  });
  afterAll(async () => {
    await Promise.all([classify?.close(), sync?.close()]);
    await server?.close();
    await db?.drop();
    await q.cleanup();
  });

  it('add: refuses a loopback URL unless private networks are allowed, then tells ingest', async () => {
    const refused = await pulse(['add', url(), '--title', 'Press', '--kind', 'press-release']);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toBe('pulse: refused: refused to connect to non-public address 127.0.0.1\n');

    const added = await pulse(['add', url(), '--title', 'Press', '--kind', 'press-release', '--language', 'EN', '--interval', '15m'], allowed);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    const feed = (await new FeedRepository(db.database).findByUrl(url()))!;
    expect(feed).toMatchObject({ title: 'Press', kind: 'press-release', language: 'en', pollIntervalSeconds: 900, enabled: true });
    expect(added.stdout).toContain(feed.id);
    const jobs = await sync.getJobs(['waiting', 'delayed']);
    expect(jobs.map((j) => j.data)).toEqual([{ feedId: feed.id }]);

    const again = await pulse(['add', url(), '--title', 'Press', '--kind', 'news'], allowed);
    expect(again).toMatchObject({ code: 1, stderr: `pulse: a feed with this URL exists already: ${feed.id}\n` });
  });

  it('poll: stores and queues, then a 304; a failure exits non-zero with its reason', async () => {
    const first = await pulse(['poll', url()], allowed);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/Press \(.+\): 10 new, 0 updated, 0 unchanged, 0 merged; 10 queued for classification/);
    expect(await classify.count()).toBe(10);

    const second = await pulse(['poll', url(), '--json'], allowed);
    expect(JSON.parse(second.stdout)).toMatchObject({ status: 'not-modified', title: 'Press' });

    status = 500;
    const failed = await pulse(['poll', '--all'], allowed);
    status = 200;
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/failed: http-error: HTTP 500 .*\(failure 1; next poll /);
    expect(failed.stderr).toBe('pulse: 1 of 1 polls failed\n');
    expect(await classify.count()).toBe(10);
  });

  it('list: health per feed, as a table or JSON lines', async () => {
    const table = await pulse(['list']);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+TITLE\s+KIND\s+ON\s+LAST SUCCESS\s+FAILS\s+LAST ERROR\s+NEXT POLL$/);
    expect(table.stdout).toMatch(/Press\s+press-release\s+yes\s+\S+ ago\s+1\s+http-error: HTTP 500/);
    const [row] = (await pulse(['list', '--json'])).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(row).toMatchObject({ url: url(), consecutiveFailures: 1, lastErrorCode: 'http-error', demo: false });
    expect(row.lastSuccessAt).toEqual(expect.any(String));
    expect(row).not.toHaveProperty('etag');
  });

  it('disable, enable and remove change the row and tell ingest each time', async () => {
    const repo = new FeedRepository(db.database);
    const { id } = (await repo.findByUrl(url()))!;
    await sync.obliterate({ force: true });
    expect((await pulse(['disable', id])).code).toBe(0);
    expect((await repo.get(id))?.enabled).toBe(false);
    expect((await pulse(['enable', url()])).code).toBe(0);
    expect((await repo.get(id))?.enabled).toBe(true);
    expect((await pulse(['remove', id])).code).toBe(0);
    expect(await repo.get(id)).toBeNull();
    expect((await sync.getJobs(['waiting', 'delayed'])).map((j) => j.data)).toEqual([{ feedId: id }, { feedId: id }, { feedId: id }]);
  });
});
