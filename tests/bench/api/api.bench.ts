/**
 * Admin API latency: p50/p99 of `GET /api/feeds` (API key checked, first page of 50 out of a
 * few hundred feeds with poll state) at a steady 100 requests/s, beside two baselines served by
 * the same process at the same rate: a bare Express route (the HTTP floor: no Nest pipeline, no
 * database) and `/health` (a Nest route with one `SELECT 1`). Goal: feeds p99 at most 5x the
 * bare p99 and under 50 ms. Also prints the server's CPU per request, which depends far less on
 * what else the machine is running than a p99 does. Asserts no speed, only that every answer
 * was a 200.
 *
 * The API runs as in production: the built app in a plain Node process (`server.cjs`, built
 * first), with the bare route beside it. The load generator (`load.mjs`) is another process,
 * open-loop, and alternates the routes in slices so that all three see the same machine.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createApiKey } from '@pulse/db';
import { createTestDatabase, testQueuePrefix, TEST_REDIS_URL, type TestDatabase } from '@pulse/testing';

const RATE = Number(process.env.BENCH_API_RATE ?? 100);
const SLICE_SECONDS = Number(process.env.BENCH_API_SLICE_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_API_ROUNDS ?? 5);
const WARM_SECONDS = Number(process.env.BENCH_API_WARM_SECONDS ?? 2);
const FEEDS = Number(process.env.BENCH_API_FEEDS ?? 300);
const ROOT = join(__dirname, '..', '..', '..');

interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
}
interface Run {
  latencies: number[];
  statuses: number[];
  errors: string[];
  sentRates: number[];
  cpuMs: number;
  requests: number;
}

type Usage = { user: number; system: number };

/** Runs the generator; the server's CPU is read at each of its slice announcements. */
function load(targets: Target[], cpuOf: () => Promise<Usage>): Promise<Record<string, Run>> {
  const config = JSON.stringify({ targets, rate: RATE, sliceSeconds: SLICE_SECONDS, rounds: ROUNDS, warmSeconds: WARM_SECONDS });
  const child = spawn(process.execPath, [join(__dirname, 'load.mjs'), config], { stdio: ['ignore', 'pipe', 'inherit'] });
  // one CPU reading at each slice start and at the end; a slice's cost is the difference
  const marks: { name: string | null; requests: number; usage: Promise<Usage> }[] = [];
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`load generator exited ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const msg = JSON.parse(line) as { event: string; target?: string; requests?: number; results?: Record<string, Omit<Run, 'cpuMs' | 'requests'>> };
      marks.push({ name: msg.target ?? null, requests: msg.requests ?? 0, usage: cpuOf() });
      if (msg.event !== 'done') return;
      void Promise.all(marks.map((m) => m.usage)).then((usages) => {
        const cpu = Object.fromEntries(targets.map((t) => [t.name, { cpuMs: 0, requests: 0 }]));
        marks.slice(0, -1).forEach((m, i) => {
          cpu[m.name!]!.cpuMs += (usages[i + 1]!.user - usages[i]!.user + usages[i + 1]!.system - usages[i]!.system) / 1000;
          cpu[m.name!]!.requests += m.requests;
        });
        resolve(Object.fromEntries(Object.entries(msg.results!).map(([name, r]) => [name, { ...r, ...cpu[name]! }])));
      }, reject);
    });
  });
}

/** The built API in its own process; resolves with its origin once it listens. */
function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; origin: string }> {
  const child = spawn(process.execPath, [join(__dirname, 'server.cjs')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`api server exited ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (port) => resolve({ child, origin: `http://127.0.0.1:${port.trim()}` }));
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
function figures(r: Run) {
  const s = [...r.latencies].sort((a, b) => a - b);
  return {
    p50Ms: percentile(s, 50),
    p99Ms: percentile(s, 99),
    maxMs: s[s.length - 1]!,
    sentPerSecond: Math.min(...r.sentRates),
    cpuMsPerRequest: r.cpuMs / r.requests,
  };
}
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
  let server: { child: ChildProcess; origin: string };
  const q = testQueuePrefix('benchapi');

  beforeAll(async () => {
    const build = spawnSync('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=@pulse/api-app', '--output-logs=errors-only'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    expect(build.status).toBe(0);
    db = await createTestDatabase('benchapi');
    await seedFeeds(db);
    server = await startServer({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, PULSE_QUEUE_PREFIX: q.prefix, LOG_LEVEL: 'warn' });
  });
  afterAll(async () => {
    if (server) await new Promise((resolve) => server.child.once('exit', resolve).kill('SIGTERM'));
    await db.drop();
    await q.cleanup();
  });

  it(`GET /api/feeds at ${RATE} req/s beside a bare route and /health`, async () => {
    const base = server.origin;
    const { key } = await createApiKey(db.database, { name: 'bench', scope: 'read' });
    const auth = { authorization: `Bearer ${key}` };
    const page = (await (await fetch(`${base}/api/feeds`, { headers: auth })).json()) as { data: unknown[] };
    expect(page.data).toHaveLength(50);

    const cpuOf = async () => (await (await fetch(`${base}/bench/cpu`)).json()) as Usage;
    const runs = await load(
      [
        { name: 'bare', url: `${base}/bench/bare`, headers: {} },
        { name: 'health', url: `${base}/health`, headers: {} },
        { name: 'feeds', url: `${base}/api/feeds`, headers: auth },
      ],
      cpuOf,
    );
    const f = Object.fromEntries(Object.entries(runs).map(([name, run]) => [name, figures(run)]));
    const [bare, health, feeds] = [f.bare!, f.health!, f.feeds!];
    const lines = [
      `api bench: ${RATE} req/s, ${ROUNDS} rounds of ${SLICE_SECONDS} s per route (after ${WARM_SECONDS} s warm-up), ${FEEDS} feeds, page of 50`,
      `  route            p50 ms   p99 ms   max ms  sent/s  server CPU ms/req`,
      ...Object.entries(f).map(
        ([name, x]) => `  ${name.padEnd(14)}${fmt(x.p50Ms)} ${fmt(x.p99Ms)} ${fmt(x.maxMs)} ${x.sentPerSecond.toFixed(0).padStart(7)} ${fmt(x.cpuMsPerRequest)}`,
      ),
      `  feeds p99 / bare p99   = ${(feeds.p99Ms / bare.p99Ms).toFixed(2)}x (goal <= 5x); p50 ratio ${(feeds.p50Ms / bare.p50Ms).toFixed(2)}x`,
      `  feeds p99 / health p99 = ${(feeds.p99Ms / health.p99Ms).toFixed(2)}x`,
      `  feeds p99 = ${feeds.p99Ms.toFixed(2)} ms (goal < 50 ms)`,
      `  CPU per request: feeds ${(feeds.cpuMsPerRequest / bare.cpuMsPerRequest).toFixed(2)}x bare, ${(feeds.cpuMsPerRequest / health.cpuMsPerRequest).toFixed(2)}x health`,
    ];
    for (const [name, run] of Object.entries(runs)) {
      const bad = run.statuses.filter((s) => s !== 200);
      if (bad.length) lines.push(`  ${name}: ${bad.length} answers other than 200 (${[...new Set([...bad, ...run.errors])].join(', ')})`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    mkdirSync(join(ROOT, 'tests/bench/results'), { recursive: true });
    writeFileSync(
      join(ROOT, 'tests/bench/results/api.json'),
      `${JSON.stringify({ at: new Date().toISOString(), rate: RATE, roundsOfSeconds: [ROUNDS, SLICE_SECONDS], feeds: FEEDS, ...f, p99RatioToBare: feeds.p99Ms / bare.p99Ms }, null, 2)}\n`,
    );
    for (const run of Object.values(runs)) expect(run.statuses.filter((s) => s !== 200)).toEqual([]);
  });
});
