/**
 * Webhook latency: from "item stored" (the classifier's fan-out starts: delivery row written,
 * job queued) to the receiver answering 2xx, at a fixed arrival rate, beside a bare HTTP POST
 * loop to the same receiver at the same rate in the same run. Prints figures, asserts no speed
 * (only that every message arrived exactly once).
 *
 * Three processes, as in production: this one plays the classifier (fan-out: delivery row,
 * then job), the webhooks worker is the built app (`apps/webhooks/dist/main.js`, rebuilt first;
 * BullMQ on Redis, PostgreSQL, signing, the guarded keep-alive agent), and the receiver is a
 * child of its own. Both loops are open-loop (request i starts at i / rate whatever happened
 * before) and send the same body bytes; both latencies end when the receiver sends its 2xx.
 * `BENCH_WEBHOOKS_IN_PROCESS=1` runs the worker from source in this process instead.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Queue } from 'bullmq';
import { JOBS, QUEUES, jobIds } from '@pulse/contracts';
import { WebhookRepository, createDatabase, createDeliveriesForItem, type Database } from '@pulse/db';
import { redisOptionsFromUrl } from '@pulse/queue';
import { createTestDatabase, testQueuePrefix, TEST_REDIS_URL } from '@pulse/testing';
import { loadWebhooksEnv, type WebhooksEnv } from '../../../apps/webhooks/src/config/env';
import { createWebhooksApp } from '../../../apps/webhooks/src/main';
import { insertFeed, testSecret } from '../../../apps/webhooks/test/webhook.fixtures';

const RATE = Number(process.env.BENCH_WEBHOOKS_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_WEBHOOKS_SECONDS ?? 15);
const N = RATE * SECONDS;
const WARM = RATE * 2;
const ROOT = join(__dirname, '..', '..', '..');
const wallMs = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface TestItem {
  id: string;
}

/** `n` classified items with two themes each and one source, the way ingest and the classifier leave them (set-based: fast to set up). */
async function insertItems(database: Database, feedId: string, n: number): Promise<TestItem[]> {
  const run = `b${Date.now().toString(36)}`;
  await database.sql.query(
    `INSERT INTO items (id, canonical_url, guid, title, summary, published_at, language, type, categories, content_hash, version, classified_at, classified_version, taxonomy_version)
     SELECT '${run}_' || g, 'https://home-affairs.ec.europa.eu/news/${run}-' || g || '-2026-09-04_en', 'https://home-affairs.ec.europa.eu/news/${run}-' || g || '-2026-09-04_en',
            'Commission proposes new rules on the return of irregularly staying migrants (' || g || ')',
            'The proposal sets common rules for return decisions and readmission across the EU, and a European return order.',
            '2026-09-04T10:00:00Z', 'en', 'press-release', '["POLICY_AREA=HOME"]', md5(g::text), 1, now(), 1, 'v1'
       FROM generate_series(1, $1::int) g`,
    [n],
  );
  await database.sql.query(
    `INSERT INTO item_sources (feed_id, source_key, item_id, url)
     SELECT $1, i.canonical_url, i.id, i.canonical_url FROM items i WHERE i.id LIKE '${run}\_%'`,
    [feedId],
  );
  await database.sql.query(
    `INSERT INTO item_themes (item_id, theme_id, score, evidence)
     SELECT i.id, t.theme, t.score, t.evidence::jsonb FROM items i,
       (VALUES ('return-readmission', 0.92, '[{"term":"return","field":"title","weight":1},{"term":"readmission","field":"summary","weight":1}]'),
               ('irregular-migration-smuggling', 0.61, '[{"term":"irregularly staying","field":"title","weight":0.7}]')) AS t(theme, score, evidence)
      WHERE i.id LIKE '${run}\_%'`,
  );
  return Array.from({ length: n }, (_, i) => ({ id: `${run}_${i + 1}` }));
}

/** Resolves with the first stdout line matching `ready`. */
function waitForLine(child: ChildProcess, ready: RegExp, what: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (ready.test(line)) resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`${what} exited (${code})`)));
  });
}

async function startReceiver(): Promise<{ child: ChildProcess; origin: string }> {
  const child = spawn(process.execPath, [join(__dirname, 'receiver.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await waitForLine(child, /^\d+$/, 'receiver');
  return { child, origin: `http://127.0.0.1:${line.trim()}` };
}

type Worker = { env: WebhooksEnv; cpuMs(): number | null; stop(): Promise<void> };

/** CPU time (user + system) a process has used so far, from /proc; null where there is none. */
function processCpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks, USER_HZ = 100
  } catch {
    return null;
  }
}

/** The webhooks worker as its own process (freshly built), or in this one from source. */
async function startWorker(vars: Record<string, string>): Promise<Worker> {
  const env = loadWebhooksEnv(vars);
  if (process.env.BENCH_WEBHOOKS_IN_PROCESS === '1') {
    const app = await createWebhooksApp(env);
    return { env, cpuMs: () => null, stop: () => app.close() };
  }
  const build = spawnSync('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=@pulse/webhooks-app', '--output-logs=errors-only'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('building apps/webhooks failed');
  const child = spawn(process.execPath, [join(ROOT, 'apps/webhooks/dist/main.js')], {
    cwd: ROOT,
    env: { ...process.env, ...vars, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await waitForLine(child, /delivering webhooks/, 'webhooks worker');
  return {
    env,
    cpuMs: () => processCpuMs(child.pid!),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Receiver clock minus ours, from the round trip with the least delay (NTP's estimate). */
async function clockOffset(origin: string): Promise<number> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < 50; i++) {
    const t0 = wallMs();
    const theirs = Number(await (await fetch(`${origin}/clock`)).text());
    const t1 = wallMs();
    if (t1 - t0 < best.rtt) best = { rtt: t1 - t0, offset: theirs - (t0 + t1) / 2 };
  }
  return best.offset;
}

let receiverOffset = 0;
/** Arrival times, on this process's clock. */
async function arrivals(origin: string): Promise<Record<string, number[]>> {
  const raw = (await (await fetch(`${origin}/arrivals`)).json()) as Record<string, number[]>;
  return Object.fromEntries(Object.entries(raw).map(([id, times]) => [id, times.map((t) => t - receiverOffset)]));
}

/** Starts `fn(i)` at start + i / rate; returns the start times and the achieved launch rate. */
async function openLoop(n: number, fn: (i: number) => Promise<void>): Promise<{ starts: number[]; launchRate: number }> {
  const interval = 1000 / RATE;
  const t0 = performance.now();
  const running: Promise<void>[] = [];
  const starts: number[] = [];
  for (let i = 0; i < n; i++) {
    const wait = t0 + i * interval - performance.now();
    if (wait > 1) await sleep(wait);
    starts.push(wallMs());
    running.push(fn(i));
  }
  const launchSeconds = (performance.now() - t0) / 1000;
  await Promise.all(running);
  return { starts, launchRate: n / launchSeconds };
}

const agent = new http.Agent({ keepAlive: true, timeout: 4000, scheduling: 'lifo' });
function barePost(origin: string, id: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${origin}/bare`, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-bench-id': id },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`bare POST: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: percentile(s, 0.5), p99: percentile(s, 0.99), max: s[s.length - 1]! };
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function waitForArrivals(origin: string, ids: string[], into: Record<string, number[]>): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    for (const [id, times] of Object.entries(await arrivals(origin))) (into[id] ??= []).push(...times);
    if (ids.every((id) => into[id])) return;
    if (Date.now() > deadline) throw new Error(`${ids.filter((id) => !into[id]).length} of ${ids.length} never arrived`);
    await sleep(100);
  }
}

describe('webhooks bench', () => {
  it(`item stored → receiver 2xx at ${RATE} deliveries/s for ${SECONDS} s, beside a bare POST loop`, async () => {
    const { child, origin } = await startReceiver();
    receiverOffset = await clockOffset(origin);
    const db = await createTestDatabase('benchwebhooks');
    const q = testQueuePrefix('bench-webhooks');
    const queue = new Queue(QUEUES.webhookDeliver, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix: q.prefix });
    let worker: Worker | undefined;
    let classifier: Database | undefined;
    try {
      worker = await startWorker({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, PULSE_QUEUE_PREFIX: q.prefix, PULSE_ALLOW_PRIVATE_NETWORKS: '1', LOG_LEVEL: 'error' });
      const env = worker.env;
      await new WebhookRepository(db.database).createEndpoint({ url: `${origin}/hook`, events: ['item.published', 'item.updated'], themes: [], secret: testSecret() });
      const feedId = await insertFeed(db.database);
      const items = await insertItems(db.database, feedId, WARM + N);

      // What the classifier does once an item's themes are stored, on a pool of the classifier's size.
      classifier = await createDatabase({ url: db.url });
      const publish = async (item: TestItem): Promise<string> => {
        const [deliveryId] = await createDeliveriesForItem(classifier!, { itemId: item.id, version: 1, event: 'item.published', themeIds: ['return-readmission'] });
        await queue.add(JOBS.webhookDeliver, { deliveryId: deliveryId! }, { jobId: jobIds.webhookDeliver({ deliveryId: deliveryId! }) });
        return deliveryId!;
      };

      // Warm-up (JIT, pools, keep-alive sockets) on both paths; also yields a real body for the bare loop.
      const warmIds: string[] = [];
      await openLoop(WARM, async (i) => void warmIds.push(await publish(items[i]!)));
      await waitForArrivals(origin, warmIds, {});
      const [{ payload }] = await db.database.sql.query<{ payload: string }>('SELECT payload FROM webhook_deliveries WHERE id = $1', [warmIds[0]]);
      await openLoop(WARM, (i) => barePost(origin, `warm-${i}`, payload));
      await arrivals(origin);

      const bareIds = Array.from({ length: N }, (_, i) => `bare-${i}`);
      const bare = await openLoop(N, (i) => barePost(origin, bareIds[i]!, payload));
      const bareSeen: Record<string, number[]> = {};
      await waitForArrivals(origin, bareIds, bareSeen);

      const hookIds: string[] = new Array(N);
      const enqueuedAt: number[] = new Array(N);
      const cpuBefore = worker.cpuMs();
      const driverCpu0 = process.cpuUsage();
      const hooks = await openLoop(N, async (i) => {
        hookIds[i] = await publish(items[WARM + i]!);
        enqueuedAt[i] = wallMs();
      });
      const hookSeen: Record<string, number[]> = {};
      await waitForArrivals(origin, hookIds, hookSeen);
      const cpuAfter = worker.cpuMs();
      const driverCpu = process.cpuUsage(driverCpu0);
      const driverCpuPerItem = (driverCpu.user + driverCpu.system) / 1000 / N;
      const workerCpuPerDelivery = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / N;
      await sleep(500);
      for (const [id, times] of Object.entries(await arrivals(origin))) (hookSeen[id] ??= []).push(...times);

      // Sanity, not speed: every message once, every row delivered.
      expect(hookIds.every((id) => hookSeen[id]!.length === 1)).toBe(true);
      const [{ n }] = await db.database.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'delivered'`);
      expect(n).toBe(WARM + N);

      // Where the worker's time went, from BullMQ's own job timestamps (ms, wall clock).
      const jobs = await Promise.all(hookIds.map((id) => queue.getJob(jobIds.webhookDeliver({ deliveryId: id }))));
      const wait = stats(jobs.map((j) => j!.processedOn! - j!.timestamp));
      const work = stats(jobs.map((j) => j!.finishedOn! - j!.processedOn!));
      const b = stats(bareIds.map((id, i) => bareSeen[id]![0]! - bare.starts[i]!));
      const h = stats(hookIds.map((id, i) => hookSeen[id]![0]! - hooks.starts[i]!));
      const e = stats(enqueuedAt.map((t, i) => t - hooks.starts[i]!));
      const fromJob = stats(hookIds.map((id, i) => hookSeen[id]![0]! - enqueuedAt[i]!));
      const figures = {
        rate: RATE,
        deliveries: N,
        bareLaunchRate: Math.round(bare.launchRate),
        webhookLaunchRate: Math.round(hooks.launchRate),
        bare: round(b),
        webhook: round(h),
        rowAndJobCreated: round(e),
        jobCreatedToReceiver: round(fromJob),
        jobWait: round(wait),
        jobProcessing: round(work),
        workerCpuMsPerDelivery: workerCpuPerDelivery === null ? null : Number(workerCpuPerDelivery.toFixed(2)),
        benchCpuMsPerItem: Number(driverCpuPerItem.toFixed(2)),
        p99OverBareMs: Number((h.p99 - b.p99).toFixed(1)),
        p50OverBareMs: Number((h.p50 - b.p50).toFixed(1)),
        p99FromJobOverBareMs: Number((fromJob.p99 - b.p99).toFixed(1)),
        workerProcess: process.env.BENCH_WEBHOOKS_IN_PROCESS === '1' ? 'in-process' : 'separate',
        loadAverage1m: Number(loadavg()[0]!.toFixed(2)),
      };
      process.stdout.write(
        [
          `webhooks bench: ${N} deliveries at ${RATE}/s (achieved launch rate: bare ${figures.bareLaunchRate}/s, webhooks ${figures.webhookLaunchRate}/s), worker concurrency ${env.PULSE_WEBHOOK_CONCURRENCY}, ${process.env.BENCH_WEBHOOKS_IN_PROCESS === '1' ? 'in this process' : 'in its own process'}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
          `  bare HTTP POST loop, send → 2xx:             p50 ${ms(b.p50)}  p99 ${ms(b.p99)}  max ${ms(b.max)}`,
          `  item stored → receiver 2xx (webhooks):       p50 ${ms(h.p50)}  p99 ${ms(h.p99)}  max ${ms(h.max)}`,
          `    of which delivery row + job created:       p50 ${ms(e.p50)}  p99 ${ms(e.p99)}`,
          `    then job created → receiver 2xx:          p50 ${ms(fromJob.p50)}  p99 ${ms(fromJob.p99)}`,
          `    job queued → picked up by the worker:     p50 ${ms(wait.p50)}  p99 ${ms(wait.p99)}`,
          `    job processing (claim → send → log):     p50 ${ms(work.p50)}  p99 ${ms(work.p99)}`,
          ...(workerCpuPerDelivery === null ? [] : [`    worker CPU per delivery:                 ${ms(workerCpuPerDelivery)}`]),
          `    bench process CPU per item (fan-out + enqueue, as the classifier): ${ms(driverCpuPerItem)}`,
          `  difference:                                  p50 +${ms(h.p50 - b.p50)}  p99 +${ms(h.p99 - b.p99)} (goal: p99 ≤ bare p99 + 50 ms)`,
          `  difference from job created:                 p50 +${ms(fromJob.p50 - b.p50)}  p99 +${ms(fromJob.p99 - b.p99)}`,
          '',
        ].join('\n'),
      );
      mkdirSync(join(ROOT, 'tests/bench/results'), { recursive: true });
      writeFileSync(join(ROOT, 'tests/bench/results/webhooks.json'), `${JSON.stringify({ at: new Date().toISOString(), ...figures }, null, 2)}\n`);
      // Per-delivery samples (start offset, stage latencies) to see when the tail happens.
      const t0 = hooks.starts[0]!;
      const samples = hookIds.map((id, i) => ({
        atMs: Math.round(hooks.starts[i]! - t0),
        totalMs: Number((hookSeen[id]![0]! - hooks.starts[i]!).toFixed(1)),
        createdMs: Number((enqueuedAt[i]! - hooks.starts[i]!).toFixed(1)),
        waitMs: jobs[i]!.processedOn! - jobs[i]!.timestamp,
        workMs: jobs[i]!.finishedOn! - jobs[i]!.processedOn!,
      }));
      writeFileSync(join(ROOT, 'tests/bench/results/webhooks.samples.json'), `${JSON.stringify(samples)}\n`);
    } finally {
      agent.destroy();
      await worker?.stop();
      await classifier?.close();
      await queue.close();
      await db.drop();
      await q.cleanup();
      child.kill('SIGTERM');
    }
  });
});

function round(s: { p50: number; p99: number; max: number }) {
  return { p50Ms: Number(s.p50.toFixed(1)), p99Ms: Number(s.p99.toFixed(1)), maxMs: Number(s.max.toFixed(1)) };
}
