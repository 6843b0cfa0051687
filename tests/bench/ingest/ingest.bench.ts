/**
 * Ingest throughput, from fetch to queued, against a bare fetch-and-parse loop measured in the
 * same run; and the CPU of a 304 poll against a full one. Prints figures, asserts no speed.
 *
 * The feeds come from a server in a child process (so CPU figures are the poller's own): 50
 * feeds × 100 items of real EU item text. Both loops poll the feeds 4 at a time.
 * The full path is the production one: `pollFeedOnce` → PostgreSQL (one transaction per
 * poll) → BullMQ `item-classify` on Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Queue } from 'bullmq';
import { QUEUES } from '@pulse/contracts';
import { FeedRepository, type FeedRecord } from '@pulse/db';
import { fetchFeed, parseFeed } from '@pulse/feeds';
import { classifyEnqueuer, pollFeedOnce, type PollOutcome } from '@pulse/poller';
import { redisOptionsFromUrl } from '@pulse/queue';
import { createTestDatabase, testQueuePrefix, TEST_REDIS_URL, type TestDatabase } from '@pulse/testing';

const FEEDS = Number(process.env.BENCH_INGEST_FEEDS ?? 50);
const ITEMS = Number(process.env.BENCH_INGEST_ITEMS ?? 100);
const ROUNDS = Number(process.env.BENCH_INGEST_ROUNDS ?? 3);
const CONCURRENCY = 4;
const ROOT = join(__dirname, '..', '..', '..');

async function startServer(): Promise<{ child: ChildProcess; origin: string }> {
  const child = spawn(process.execPath, [join(__dirname, 'feed-server.mjs'), join(ROOT, 'tests/fixtures/corpus/dev.jsonl'), String(ITEMS)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`feed server exited (${code})`)));
  });
  return { child, origin: `http://127.0.0.1:${line.trim()}` };
}

async function inParallel<T>(inputs: T[], fn: (input: T) => Promise<void>): Promise<void> {
  const todo = [...inputs];
  const worker = async () => {
    for (let next = todo.shift(); next !== undefined; next = todo.shift()) await fn(next);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
const urls = (origin: string, gen: string, n = FEEDS) => Array.from({ length: n }, (_, i) => `${origin}/g${gen}/feed-${i}.xml`);

/** fetchFeed + parseFeed only: the ceiling the store-and-queue path is compared with. */
async function bareLoop(list: string[]): Promise<{ items: number; seconds: number; cpu: number }> {
  let items = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await inParallel(list, async (url) => {
    const r = await fetchFeed(url, { allowPrivateNetworks: true });
    if (r.status !== 'ok') throw new Error(`expected 200 from ${url}`);
    items += (await parseFeed(r.body, { url: r.finalUrl, contentType: r.contentType, defaultType: 'news' })).items.length;
  });
  return { items, seconds: (performance.now() - t0) / 1000, cpu: cpuMs(process.cpuUsage(cpu0)) };
}

async function pollAll(db: TestDatabase, queue: Queue, feeds: FeedRecord[]): Promise<{ outcomes: PollOutcome[]; seconds: number; cpu: number }> {
  const deps = { database: db.database, enqueueClassify: classifyEnqueuer(queue) };
  const outcomes: PollOutcome[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await inParallel(feeds, async (f) => {
    outcomes.push(await pollFeedOnce(deps, f, { allowPrivateNetworks: true, force: true }));
  });
  return { outcomes, seconds: (performance.now() - t0) / 1000, cpu: cpuMs(process.cpuUsage(cpu0)) };
}

async function createFeeds(repo: FeedRepository, list: string[]): Promise<FeedRecord[]> {
  const out: FeedRecord[] = [];
  for (const [i, url] of list.entries()) out.push((await repo.create({ url, title: `Bench ${i}`, kind: 'news', language: 'en' }))!);
  return out;
}

describe('ingest bench', () => {
  it(`fetch → parse → store → queue, ${FEEDS} feeds × ${ITEMS} items`, async () => {
    const { child, origin } = await startServer();
    const db = await createTestDatabase('benchingest');
    const q = testQueuePrefix('bench-ingest');
    const queue = new Queue(QUEUES.itemClassify, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix: q.prefix });
    try {
      const repo = new FeedRepository(db.database);
      // Warm both paths up (JIT, connection pools) on feeds of their own.
      await bareLoop(urls(origin, 'warm-bare', 5));
      await pollAll(db, queue, await createFeeds(repo, urls(origin, 'warm-poll', 5)));

      // Alternating rounds, medians: a neighbour's load then hits both loops alike.
      const bareRates: number[] = [];
      const fullRates: number[] = [];
      let fullCpu = 0;
      let bareCpu = 0;
      let created = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const bare = await bareLoop(urls(origin, `bare${round}`));
        bareRates.push(bare.items / bare.seconds);
        bareCpu += bare.cpu;
        const full = await pollAll(db, queue, await createFeeds(repo, urls(origin, `full${round}`)));
        const made = full.outcomes.reduce((n, o) => n + (o.status === 'ok' ? o.counts.new : 0), 0);
        const queued = full.outcomes.reduce((n, o) => n + (o.status === 'ok' ? o.queued : 0), 0);
        // Sanity, not speed: the measured path did the whole job.
        expect(made).toBe(FEEDS * ITEMS);
        expect(queued).toBe(FEEDS * ITEMS);
        fullRates.push(made / full.seconds);
        fullCpu += full.cpu;
        created += made;
      }
      expect(await queue.count()).toBeGreaterThanOrEqual(created);

      // 304s: the same feeds again, now with their validators (three rounds, for a steadier figure).
      let cpu304 = 0;
      let polls304 = 0;
      for (let round = 0; round < 3; round++) {
        const r = await pollAll(db, queue, await repo.list().then((all) => all.filter((f) => f.url.includes('/gfull0/'))));
        expect(r.outcomes.every((o) => o.status === 'not-modified')).toBe(true);
        cpu304 += r.cpu;
        polls304 += r.outcomes.length;
      }

      const bareRate = median(bareRates);
      const fullRate = median(fullRates);
      const fullCpuPerPoll = fullCpu / (FEEDS * ROUNDS);
      const cpuPer304 = cpu304 / polls304;
      const figures = {
        feeds: FEEDS,
        itemsPerFeed: ITEMS,
        rounds: ROUNDS,
        bareItemsPerSecond: Math.round(bareRate),
        fullItemsPerSecond: Math.round(fullRate),
        ratio: Number((fullRate / bareRate).toFixed(3)),
        cpuMsPerBareFetchParse: Number((bareCpu / (FEEDS * ROUNDS)).toFixed(2)),
        cpuMsPerFullPoll: Number(fullCpuPerPoll.toFixed(2)),
        cpuMsPer304Poll: Number(cpuPer304.toFixed(3)),
        cpuRatio304: Number((cpuPer304 / fullCpuPerPoll).toFixed(4)),
      };
      process.stdout.write(
        [
          `ingest bench: ${FEEDS} feeds × ${ITEMS} items, ${CONCURRENCY} polls at a time`,
          `  bare fetch+parse loop:        ${figures.bareItemsPerSecond} items/s (median of ${ROUNDS} rounds of ${FEEDS * ITEMS}: ${bareRates.map(Math.round).join(', ')})`,
          `  fetch → stored → queued:      ${figures.fullItemsPerSecond} new items/s (median of ${ROUNDS} rounds: ${fullRates.map(Math.round).join(', ')})`,
          `  throughput ratio:             ${figures.ratio}× the bare loop (goal ≥ 0.3×, and ≥ 500 new items/s)`,
          `  CPU per feed (this process): bare fetch+parse ${figures.cpuMsPerBareFetchParse} ms, full poll ${figures.cpuMsPerFullPoll} ms, 304 poll ${figures.cpuMsPer304Poll} ms`,
          `  CPU ratio 304 / full:         ${figures.cpuRatio304}× (goal ≤ 0.1×)`,
          '',
        ].join('\n'),
      );
      mkdirSync(join(ROOT, 'tests/bench/results'), { recursive: true });
      writeFileSync(join(ROOT, 'tests/bench/results/ingest.json'), `${JSON.stringify({ at: new Date().toISOString(), ...figures }, null, 2)}\n`);
    } finally {
      await queue.close();
      await db.drop();
      await q.cleanup();
      child.kill('SIGTERM');
    }
  });
});
