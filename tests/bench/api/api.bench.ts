/**
 * Admin API latency: p50/p99 of `GET /api/feeds` (API key checked, first page of 50 out of a
 * few hundred feeds, with poll state) at a steady 100 requests/s, beside two baselines served
 * by the same process at the same rate: a bare Express route (the HTTP floor) and `/health`
 * (a Nest route with one `SELECT 1`). Goal: feeds p99 at most 5x the bare p99 and under 50 ms.
 * Prints figures, asserts no speed (only that every answer was a 200).
 *
 * The load generator (`load.mjs`) runs in a child process, open-loop: latency is measured from
 * when each request was due, so a stall is not hidden by the generator waiting for it.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApiKey } from '@pulse/db';
import { createTestDatabase, testQueuePrefix, TEST_REDIS_URL, type TestDatabase } from '@pulse/testing';
import { loadApiEnv } from '../../../apps/api/src/config/env';
import { createApiApp } from '../../../apps/api/src/main';

const RATE = Number(process.env.BENCH_API_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 15);
const WARM_SECONDS = Number(process.env.BENCH_API_WARM_SECONDS ?? 3);
const FEEDS = Number(process.env.BENCH_API_FEEDS ?? 300);
const ROOT = join(__dirname, '..', '..', '..');

interface Run {
  /** Server CPU (user + system) per request, ms: what each route costs, whatever else the machine runs. */
  cpuMsPerRequest?: number;
  latencies: number[];
  statuses: number[];
  errors: string[];
  launchRate: number;
}

async function measure(url: string, headers: Record<string, string>): Promise<Run> {
  const before = process.cpuUsage();
  const run = await load(url, headers);
  const cpu = process.cpuUsage(before);
  const requests = Math.round(RATE * (SECONDS + WARM_SECONDS));
  return { ...run, cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / requests };
}

function load(url: string, headers: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const config = JSON.stringify({ url, headers, rate: RATE, seconds: SECONDS, warmSeconds: WARM_SECONDS });
    const child = spawn(process.execPath, [join(__dirname, 'load.mjs'), config], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Run) : reject(new Error(`load generator exited ${code}`))));
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const stats = (r: Run) => {
  const s = [...r.latencies].sort((a, b) => a - b);
  return { p50Ms: percentile(s, 50), p99Ms: percentile(s, 99), maxMs: s[s.length - 1]!, launchRate: r.launchRate, cpuMsPerRequest: r.cpuMsPerRequest! };
};
const fmt = (n: number) => n.toFixed(2).padStart(8);

async function seedFeeds(db: TestDatabase): Promise<void> {
  await db.database.sql.query(
    `INSERT INTO feeds (url, title, kind, language, poll_interval_seconds, enabled, last_polled_at, last_success_at,
                        consecutive_failures, last_error_code, last_error_message, last_error_at, next_poll_at, etag)
     SELECT 'https://source-' || n || '.example.eu/rss/news_en.xml', 'EU source number ' || n || ' — press releases and news',
            (ARRAY['press-release','news','event','publication','newsletter'])[1 + n % 5], 'en', 1800, n % 10 <> 0,
            now() - interval '5 minutes', now() - interval '5 minutes', n % 7, CASE WHEN n % 7 > 0 THEN 'http-error' END,
            CASE WHEN n % 7 > 0 THEN 'HTTP 503 Service Unavailable' END, CASE WHEN n % 7 > 0 THEN now() END,
            now() + interval '25 minutes', '"' || md5(n::text) || '"'
       FROM generate_series(1, $1) AS n`,
    [FEEDS],
  );
}

describe('api bench', () => {
  let db: TestDatabase;
  let app: Awaited<ReturnType<typeof createApiApp>>;
  const q = testQueuePrefix('benchapi');

  beforeAll(async () => {
    db = await createTestDatabase('benchapi');
    await seedFeeds(db);
    app = await createApiApp(loadApiEnv({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, PULSE_QUEUE_PREFIX: q.prefix, LOG_LEVEL: 'warn' }));
    // the floor: plain Express in the same process, no Nest pipeline, no database
    app.getHttpAdapter().get('/bench/bare', (_req, res) => (res as unknown as { json(body: unknown): void }).json({ ok: true }));
    await app.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
    await q.cleanup();
  });

  it(`GET /api/feeds at ${RATE} req/s beside a bare route and /health`, async () => {
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const { key } = await createApiKey(db.database, { name: 'bench', scope: 'read' });
    const page = (await (await fetch(`${base}/api/feeds`, { headers: { authorization: `Bearer ${key}` } })).json()) as { data: unknown[] };
    expect(page.data).toHaveLength(50);

    const runs: Record<string, Run> = {
      bare: await measure(`${base}/bench/bare`, {}),
      health: await measure(`${base}/health`, {}),
      feeds: await measure(`${base}/api/feeds`, { authorization: `Bearer ${key}` }),
    };
    const figures = Object.fromEntries(Object.entries(runs).map(([name, run]) => [name, stats(run)]));
    const [bare, health, feeds] = [figures.bare!, figures.health!, figures.feeds!];
    const lines = [
      `api bench: ${RATE} req/s for ${SECONDS} s each (after ${WARM_SECONDS} s warm-up), ${FEEDS} feeds, page of 50`,
      `  route            p50 ms   p99 ms   max ms  sent/s  server CPU ms/req`,
      ...Object.entries(figures).map(
        ([name, f]) => `  ${name.padEnd(14)}${fmt(f.p50Ms)} ${fmt(f.p99Ms)} ${fmt(f.maxMs)} ${f.launchRate.toFixed(0).padStart(7)} ${fmt(f.cpuMsPerRequest)}`,
      ),
      `  feeds p99 / bare p99   = ${(feeds.p99Ms / bare.p99Ms).toFixed(2)}x (goal <= 5x)`,
      `  feeds p99 / health p99 = ${(feeds.p99Ms / health.p99Ms).toFixed(2)}x`,
      `  feeds p99 = ${feeds.p99Ms.toFixed(2)} ms (goal < 50 ms)`,
    ];
    for (const [name, run] of Object.entries(runs)) {
      const bad = run.statuses.filter((s) => s !== 200);
      if (bad.length) lines.push(`  ${name}: ${bad.length} answers other than 200 (${[...new Set([...bad, ...run.errors])].join(', ')})`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    mkdirSync(join(ROOT, 'tests/bench/results'), { recursive: true });
    writeFileSync(
      join(ROOT, 'tests/bench/results/api.json'),
      JSON.stringify({ at: new Date().toISOString(), rate: RATE, seconds: SECONDS, feeds: FEEDS, ...figures, p99RatioToBare: feeds.p99Ms / bare.p99Ms }, null, 2) + '\n',
    );
    for (const run of Object.values(runs)) expect(run.statuses.filter((s) => s !== 200)).toEqual([]);
  });
});
