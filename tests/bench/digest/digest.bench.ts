/**
 * Digest throughput: N subscribers over varied themes, zones and languages, all due at once;
 * the built digest worker (a child process: planner tick → rows → BullMQ → build → SMTP pool)
 * delivers into a discard SMTP server (its own process). Beside it, in the same run, a bare
 * nodemailer pool (its own process, same pool size) sends one fixed message of digest size
 * to the same server. Prints both rates, their ratio (goal ≥ 0.7) and the worker's peak RSS
 * (VmHWM from /proc, goal < 300 MB). Asserts only that every subscriber got exactly one digest.
 *
 *   pnpm bench digest                        # N = 5,000 (default run, about a minute)
 *   BENCH_DIGEST_N=100000 pnpm bench digest  # the full figure (about 15 minutes here)
 *
 * Knobs: BENCH_DIGEST_POOL (SMTP connections, both sides, default 5), BENCH_DIGEST_CONCURRENCY and
 * BENCH_DIGEST_BATCH (worker; default: its own defaults), BENCH_DIGEST_HEAP_GROWTH (the worker's
 * PULSE_DIGEST_HEAP_GROWTH_PERCENT), BENCH_DIGEST_ITEMS (items in the day, default 80),
 * BENCH_DIGEST_NODE_OPTIONS (V8 flags for the worker), BENCH_DIGEST_PROFILE (a folder: the
 * worker writes a --cpu-prof profile there). Results also go to tests/bench/results/digest.json.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { THEME_IDS } from '@pulse/contracts';
import { findDigestSubscriber, type Database } from '@pulse/db';
import { buildDigestMail } from '@pulse/digest-core';
import { createTestDatabase, insertClassifiedItems, insertSubscribers, testQueuePrefix, TEST_REDIS_URL, type SubscriberSeed } from '@pulse/testing';

const N = Number(process.env.BENCH_DIGEST_N ?? 5_000);
const POOL = Number(process.env.BENCH_DIGEST_POOL ?? 5);
/** Unset: the worker's own defaults (PULSE_DIGEST_CONCURRENCY, PULSE_DIGEST_BATCH). */
const CONCURRENCY = process.env.BENCH_DIGEST_CONCURRENCY;
const BATCH = process.env.BENCH_DIGEST_BATCH;
const BASELINE_N = Math.max(2_000, Math.min(N, 20_000));
const ROOT = join(__dirname, '..', '..', '..');
const MAIN = join(ROOT, 'apps/digest/dist/main.js');
const HOUR = 3_600_000;
const ZONES = ['Europe/Brussels', 'Europe/Lisbon', 'Europe/Athens', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The local hour at `at` in `zone`: a subscriber with that send hour is due at `at`. */
const localHour = (zone: string, at: Date) => Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(at));

function subscribers(n: number, at: Date): SubscriberSeed[] {
  return Array.from({ length: n }, (_, i) => {
    const zone = ZONES[i % ZONES.length]!;
    const themes = [...new Set([THEME_IDS[i % 10]!, THEME_IDS[(i * 3 + 1) % 10]!, THEME_IDS[(i * 7 + 2) % 10]!].slice(0, 1 + (i % 3)))];
    return {
      email: `reader${i}@bench.example.org`,
      themes,
      types: i % 5 === 0 ? ['news', 'event'] : [],
      language: i % 4 === 0 ? 'fr' : 'en',
      timezone: zone,
      sendHour: localHour(zone, at),
      confirmedAt: new Date(at.getTime() - 24 * HOUR),
    };
  });
}

/** A day of EMN news (all sources): what a daily window holds. */
const ITEMS_PER_DAY = Number(process.env.BENCH_DIGEST_ITEMS ?? 80);

/** What the baseline sends: the real digest of a typical subscriber (two themes) of this run. */
async function fixedMessage(database: Database, at: Date) {
  const s = await findDigestSubscriber(database, 'reader1@bench.example.org');
  const mail = await buildDigestMail(database, s!, { start: s!.confirmedAt!, end: at }, {
    baseUrl: 'https://pulse.example.org', secret: 'bench-secret-0123456789abcdef', maxItems: 60, now: at,
  });
  return { from: 'EMN Pulse <pulse@bench.example.org>', subject: mail!.subject, html: mail!.html, text: mail!.text, headers: mail!.headers };
}

function startSink(): Promise<{ port: number; count(): Promise<number>; bytes(): Promise<number>; stop(): Promise<void> }> {
  const child = fork(join(__dirname, 'discard-sink.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve) => {
    child.once('message', (m: { port: number }) =>
      resolve({
        port: m.port,
        count: () =>
          new Promise((r) => {
            child.once('message', (c: { count: number }) => r(c.count));
            child.send({ type: 'count' });
          }),
        bytes: () =>
          new Promise((r) => {
            child.once('message', (c: { bytes: number }) => r(c.bytes));
            child.send({ type: 'count' });
          }),
        stop: () =>
          new Promise((r) => {
            child.once('exit', () => r());
            child.send({ type: 'stop' });
          }),
      }),
    );
  });
}

const readStatus = (pid: number, key: 'VmRSS' | 'VmHWM') => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${key}:`));
  return line ? Number(line.replace(/\D+/g, '')) * 1024 : 0;
};

/** Machine-wide CPU jiffies (busy, total) from /proc/stat: how saturated the cores were. */
const machineCpu = () => {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3]! + (f[4] ?? 0);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
};
const busyShare = (a: { busy: number; total: number }, b: { busy: number; total: number }) =>
  Math.round(((b.busy - a.busy) / Math.max(1, b.total - a.total)) * 100);

/** CPU seconds (user + system) a process has used so far. */
const cpuSeconds = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

/** CPU seconds used so far by every process on the machine, summed by command name. */
const cpuByCommand = (): Map<string, number> => {
  const out = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(comm, (out.get(comm) ?? 0) + (Number(f[11]) + Number(f[12])) / 100);
    } catch {
      // the process ended between the listing and the read
    }
  }
  return out;
};
/** Milliseconds of CPU per message for each command that used a noticeable share, largest first. */
const cpuSpentPer = (before: Map<string, number>, after: Map<string, number>, n: number) =>
  Object.fromEntries(
    [...after.entries()]
      .map(([comm, s]) => [comm, ((s - (before.get(comm) ?? 0)) * 1000) / n] as const)
      .filter(([, ms]) => ms >= 0.02)
      .sort((a, b) => b[1] - a[1])
      .map(([comm, ms]) => [comm, +ms.toFixed(2)]),
  );

const exited = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r())));

it(`delivers ${N} digests beside a bare nodemailer pool`, async () => {
  const tdb = await createTestDatabase('benchdigest');
  const q = testQueuePrefix('benchdigest');
  const sink = await startSink();
  const at = new Date();
  try {
    let t = performance.now();
    await insertClassifiedItems(
      tdb.database,
      Array.from({ length: ITEMS_PER_DAY }, (_, i) => ({
        title: `Item ${i}: ${THEME_IDS[i % 10]} news from the EU`,
        summary: 'A one-paragraph summary as the feeds give it, long enough to need cutting to a single line in the digest email. '.repeat(2),
        themes: [THEME_IDS[i % 10]!, ...(i % 4 === 0 ? [THEME_IDS[(i + 3) % 10]!] : [])],
        publishedAt: new Date(at.getTime() - (2 + (i % 23)) * HOUR),
        type: i % 9 === 0 ? 'event' : i % 3 === 0 ? 'press-release' : 'news',
        startsAt: i % 9 === 0 ? new Date(at.getTime() + 10 * 24 * HOUR) : null,
        classifiedAt: new Date(at.getTime() - (1 + (i % 23)) * HOUR),
        source: ['DG Migration and Home Affairs', 'Europol', 'Frontex', 'Council of the EU'][i % 4],
      })),
    );
    await insertSubscribers(tdb.database, subscribers(N, at));
    // Settle the database before anything is timed: autovacuum or a checkpoint after the seed
    // would otherwise land on whichever run comes first (the bare one), and flatter the ratio.
    await tdb.database.sql.exec('VACUUM ANALYZE');
    await tdb.database.sql.exec('CHECKPOINT');
    const seedS = (performance.now() - t) / 1000;

    // Baseline: a bare pool, same server, same pool size, one fixed message of digest size.
    const messageFile = join(tmpdir(), `pulse-bench-digest-${process.pid}.json`);
    const message = await fixedMessage(tdb.database, at);
    writeFileSync(messageFile, JSON.stringify(message));
    const cleanupMessage = () => rmSync(messageFile, { force: true });
    const bareCpu0 = machineCpu();
    const bareByCommand0 = cpuByCommand();
    const bare = spawn(process.execPath, [join(__dirname, 'bare-pool.mjs'), String(sink.port), String(BASELINE_N), String(POOL), messageFile], { stdio: ['ignore', 'pipe', 'inherit'] });
    let bareOut = '';
    bare.stdout!.on('data', (b: Buffer) => (bareOut += b.toString()));
    await exited(bare);
    cleanupMessage();
    const baseline = JSON.parse(bareOut) as { sent: number; ms: number; cpuMs: number };
    const bareRate = baseline.sent / (baseline.ms / 1000);
    const bareBusy = busyShare(bareCpu0, machineCpu());
    const bareByCommand = cpuSpentPer(bareByCommand0, cpuByCommand(), baseline.sent);
    const sinkBase = await sink.count();
    const bareBytes = (await sink.bytes()) / sinkBase;

    // The digest worker, built, as a child process.
    const worker = spawn(process.execPath, [...(process.env.BENCH_DIGEST_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_DIGEST_PROFILE}`] : []), MAIN], {
      env: {
        PATH: process.env.PATH, DATABASE_URL: tdb.url, REDIS_URL: TEST_REDIS_URL, PULSE_QUEUE_PREFIX: q.prefix,
        SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: message.from, PUBLIC_BASE_URL: 'https://pulse.example.org',
        PULSE_SECRET: 'bench-secret-0123456789abcdef', PULSE_SMTP_RATE_PER_SECOND: '0',
        PULSE_SMTP_POOL: String(POOL), LOG_LEVEL: 'info',
        ...(CONCURRENCY ? { PULSE_DIGEST_CONCURRENCY: CONCURRENCY } : {}),
        ...(BATCH ? { PULSE_DIGEST_BATCH: BATCH } : {}),
        ...(process.env.BENCH_DIGEST_HEAP_GROWTH ? { PULSE_DIGEST_HEAP_GROWTH_PERCENT: process.env.BENCH_DIGEST_HEAP_GROWTH } : {}),
        // e.g. BENCH_DIGEST_NODE_OPTIONS=--max-semi-space-size=8 to see what V8 heap settings do
        ...(process.env.BENCH_DIGEST_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_DIGEST_NODE_OPTIONS } : {}),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const started = new Promise<number>((resolve) =>
      createInterface({ input: worker.stdout! }).on('line', (l) => {
        if (l.includes('[digest]') && l.includes('started')) resolve(performance.now());
      }),
    );
    const t0 = await started;
    const workerCpu0 = machineCpu();
    const workerByCommand0 = cpuByCommand();
    let peakSampled = 0;
    let firstAt = 0;
    let delivered = 0;
    while (delivered < N) {
      await sleep(100);
      peakSampled = Math.max(peakSampled, readStatus(worker.pid!, 'VmRSS'));
      delivered = (await sink.count()) - sinkBase;
      if (delivered > 0 && !firstAt) firstAt = performance.now();
      if (worker.exitCode !== null) throw new Error('the digest worker exited');
    }
    const tEnd = performance.now();
    const workerBusy = busyShare(workerCpu0, machineCpu());
    const digestByCommand = cpuSpentPer(workerByCommand0, cpuByCommand(), N);
    const digestBytes = ((await sink.bytes()) - bareBytes * sinkBase) / N;
    const peakRss = readStatus(worker.pid!, 'VmHWM');
    const workerCpu = cpuSeconds(worker.pid!);
    worker.kill('SIGTERM');
    await exited(worker);

    const [counts] = await tdb.database.sql.query<{ sent: number; total: number; subscribers: number }>(
      `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*)::int AS total, count(DISTINCT subscriber_id)::int AS subscribers FROM digests`,
    );
    expect(counts).toEqual({ sent: N, total: N, subscribers: N });
    expect(delivered).toBe(N);

    const e2eRate = N / ((tEnd - t0) / 1000);
    const flowRate = N / ((tEnd - firstAt) / 1000);
    const result = {
      n: N, pool: POOL, concurrency: CONCURRENCY ?? 'default', batch: BATCH ?? 'default', seedSeconds: +seedS.toFixed(1),
      bareRate: +bareRate.toFixed(1), bareN: BASELINE_N,
      digestRateEndToEnd: +e2eRate.toFixed(1), digestRateFromFirstDelivery: +flowRate.toFixed(1),
      ratioEndToEnd: +(e2eRate / bareRate).toFixed(2), ratioFromFirstDelivery: +(flowRate / bareRate).toFixed(2),
      firstDeliveryAfterStartSeconds: +((firstAt - t0) / 1000).toFixed(1),
      peakRssMb: +(peakRss / 2 ** 20).toFixed(1), peakRssSampledMb: +(peakSampled / 2 ** 20).toFixed(1),
      workerCpuMsPerDigest: +((workerCpu * 1000) / N).toFixed(2),
      bareCpuMsPerMessage: +(baseline.cpuMs / baseline.sent).toFixed(2),
      machineBusyPercent: { bare: bareBusy, digest: workerBusy },
      cpuMsPerMessageByProcess: { bare: bareByCommand, digest: digestByCommand },
      bareKbPerMessage: +(bareBytes / 1024).toFixed(1), digestKbPerMessage: +(digestBytes / 1024).toFixed(1),
    };
    console.log(
      [
        `digest bench: ${N} subscribers (${ZONES.length} zones, 1-3 of 10 themes, en/fr), ${ITEMS_PER_DAY} items in the day, pool ${POOL}, concurrency ${CONCURRENCY ?? 'default (40)'}, batch ${BATCH ?? 'default (20)'}`,
        `bare nodemailer pool, one fixed digest (${result.bareKbPerMessage} kB on the wire) ×${BASELINE_N}: ${result.bareRate} msg/s`,
        `digest worker: ${N} digests built and delivered in ${((tEnd - t0) / 1000).toFixed(1)} s from worker start = ${result.digestRateEndToEnd}/s ` +
          `(${result.digestRateFromFirstDelivery}/s from the first delivery, ${result.firstDeliveryAfterStartSeconds} s after start; ${result.digestKbPerMessage} kB per digest on the wire)`,
        `ratio: ${result.ratioEndToEnd}× end to end, ${result.ratioFromFirstDelivery}× from first delivery (goal ≥ 0.7×)`,
        `all cores busy ${bareBusy}% during the bare run, ${workerBusy}% during the digest run (${cpus().length} cores; PostgreSQL, Redis and the sink share them)`,
        `CPU ms per message by process, bare run: ${JSON.stringify(bareByCommand)}`,
        `CPU ms per message by process, digest run: ${JSON.stringify(digestByCommand)}`,
        `peak RSS of the digest worker (child process, /proc VmHWM): ${result.peakRssMb} MB (goal < 300 MB); worker CPU ${result.workerCpuMsPerDigest} ms per digest (bare pool: ${result.bareCpuMsPerMessage} ms per message)`,
      ].join('\n'),
    );
    mkdirSync(join(ROOT, 'tests/bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'tests/bench/results/digest.json'), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await sink.stop();
    await tdb.drop();
    await q.cleanup();
  }
}, Math.max(600_000, N * 40));
