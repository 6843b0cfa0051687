import { Command, Option } from 'commander';
import type { Queue } from 'bullmq';
import { z } from 'zod';
import { databaseEnv, networkEnv, parseEnv, redisEnv } from '@pulse/config';
import { FeedKindSchema, ITEM_TYPES, jobIds, JOBS, QUEUES, type FeedKind, type ItemClassifyJob } from '@pulse/contracts';
import type { Database, FeedRecord, FeedRepository } from '@pulse/db';
import type { PollOutcome } from '@pulse/poller';
import { CliError } from '../cli-error';

/**
 * Loaded when first needed: `pulse --help` and `feeds list` need no queue, fetcher or poller,
 * and each of these takes a noticeable part of a second to load.
 */
const once = <T>(load: () => Promise<T>) => {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
};
const libs = {
  db: once(() => import('@pulse/db')),
  queue: once(async () => ({ Queue: (await import('bullmq')).Queue, redisOptionsFromUrl: (await import('@pulse/queue')).redisOptionsFromUrl })),
  feeds: once(() => import('@pulse/feeds')),
  poller: once(() => import('@pulse/poller')),
};

const FeedsCliEnvSchema = databaseEnv.extend(redisEnv.shape).extend(networkEnv.shape);
type FeedsCliEnv = z.infer<typeof FeedsCliEnvSchema>;

const REDIS_TIMEOUT_MS = 10_000;
const POLL_CONCURRENCY = 4;

interface Context {
  env: FeedsCliEnv;
  database: Database;
  feeds: FeedRepository;
  queue(name: string): Promise<Queue>;
}

/** Opens what a command needs and closes it, whatever happens. */
async function withContext<T>(fn: (ctx: Context) => Promise<T>): Promise<T> {
  const env = parseEnv(FeedsCliEnvSchema);
  const { createDatabase, FeedRepository, migrate } = await libs.db();
  const database = await createDatabase({ url: env.DATABASE_URL, dataDir: env.PULSE_DATA_DIR, max: POLL_CONCURRENCY + 1 });
  const queues = new Map<string, Queue>();
  try {
    await migrate(database);
    const queue = async (name: string) => {
      const { Queue, redisOptionsFromUrl } = await libs.queue();
      let q = queues.get(name);
      if (!q) queues.set(name, (q = new Queue(name, { connection: redisOptionsFromUrl(env.REDIS_URL), prefix: env.PULSE_QUEUE_PREFIX })));
      return q;
    };
    return await fn({ env, database, feeds: new FeedRepository(database), queue });
  } finally {
    await Promise.all([...queues.values()].map((q) => q.close().catch(() => undefined)));
    await database.close();
  }
}

/** A CLI must not hang on a Redis that is not there. */
async function withinRedisTimeout<T>(what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CliError(`Redis did not answer within ${REDIS_TIMEOUT_MS / 1000} s (${what})`)), REDIS_TIMEOUT_MS);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Tells ingest to (re)schedule or drop the feed; ingest also reconciles every feed at start. */
async function syncFeed(ctx: Context, feedId: string): Promise<void> {
  try {
    await withinRedisTimeout(
      'feed-sync',
      (await ctx.queue(QUEUES.feedSync)).add(JOBS.feedSync, { feedId }, { jobId: jobIds.feedSync(feedId), removeOnComplete: { count: 1000 } }),
    );
  } catch (err) {
    process.stderr.write(`pulse: warning: ingest not told (${err instanceof Error ? err.message : err}); it picks the change up at its next start\n`);
  }
}

async function requireFeed(ctx: Context, ref: string): Promise<FeedRecord> {
  const feed = await ctx.feeds.findByRef(ref);
  if (!feed) throw new CliError(`no feed with id or URL "${ref}"`);
  return feed;
}

const ago = (d: Date | null, now: number) => {
  if (!d) return '-';
  const s = Math.round((d.getTime() - now) / 1000);
  const abs = Math.abs(s);
  const text = abs < 90 ? `${abs}s` : abs < 5400 ? `${Math.round(abs / 60)}m` : abs < 129_600 ? `${Math.round(abs / 3600)}h` : `${Math.round(abs / 86_400)}d`;
  return s < 0 ? `${text} ago` : `in ${text}`;
};

function feedJson(f: FeedRecord) {
  const { etag: _e, lastModified: _l, ...rest } = f;
  return rest;
}

function renderTable(rows: FeedRecord[]): string {
  const now = Date.now();
  const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  const table = [
    ['ID', 'TITLE', 'KIND', 'ON', 'LAST SUCCESS', 'FAILS', 'LAST ERROR', 'NEXT POLL'],
    ...rows.map((f) => [
      f.id,
      cut(f.demo ? `${f.title} [demo]` : f.title, 44),
      f.kind,
      f.enabled ? 'yes' : 'no',
      ago(f.lastSuccessAt, now),
      String(f.consecutiveFailures),
      f.consecutiveFailures > 0 && f.lastErrorCode ? cut(`${f.lastErrorCode}: ${f.lastErrorMessage ?? ''}`, 48) : '-',
      f.enabled ? ago(f.nextPollAt, now).replace(/ ago$/, ' ago (due)') : '-',
    ]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  return table.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

/**
 * The poller's own guard. A host that does not resolve right now is accepted (the guard runs
 * again before every poll); a private or loopback address is refused.
 */
async function checkUrl(ctx: Context, url: string): Promise<void> {
  try {
    await (await libs.feeds()).assertPublicUrl(url, ctx.env.PULSE_ALLOW_PRIVATE_NETWORKS);
  } catch (err) {
    if (err instanceof (await libs.feeds()).FeedError && err.code === 'network') {
      process.stderr.write(`pulse: warning: ${err.message}; added anyway, the guard runs again before every poll\n`);
      return;
    }
    throw new CliError(`refused: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function parseInterval(text: string): number {
  const m = /^(\d+)\s*(s|m|h)?$/i.exec(text.trim());
  if (!m) throw new CliError(`--interval: "${text}" is not a duration (e.g. 900, 30m, 2h)`);
  const seconds = Number(m[1]) * ({ s: 1, m: 60, h: 3600 }[(m[2] ?? 's').toLowerCase() as 's' | 'm' | 'h']);
  if (seconds < 60) throw new CliError('--interval: at least 60 seconds');
  return seconds;
}

function describeOutcome(f: FeedRecord, o: PollOutcome): string {
  const name = `${f.title} (${f.id})`;
  const ms = `${o.durationMs} ms`;
  switch (o.status) {
    case 'ok': {
      const c = o.counts;
      return `${name}: ${c.new} new, ${c.updated} updated, ${c.unchanged} unchanged, ${c.merged} merged; ${o.queued} queued for classification (${ms})`;
    }
    case 'not-modified':
      return `${name}: not modified (304) (${ms})`;
    case 'error':
      return `${name}: failed: ${o.code}: ${o.message} (failure ${o.consecutiveFailures}; next poll ${o.nextPollAt.toISOString()})`;
    case 'skipped':
      return `${name}: skipped (${o.reason})`;
  }
}

async function pollFeeds(ctx: Context, targets: FeedRecord[], json: boolean): Promise<number> {
  const { classifyEnqueuer, pollFeedOnce } = await libs.poller();
  const enqueue = classifyEnqueuer(await ctx.queue(QUEUES.itemClassify));
  const deps = { database: ctx.database, enqueueClassify: (jobs: ItemClassifyJob[]) => withinRedisTimeout('item-classify', enqueue(jobs)) };
  const opts = { allowPrivateNetworks: ctx.env.PULSE_ALLOW_PRIVATE_NETWORKS, force: true };
  const todo = [...targets];
  let failed = 0;
  const worker = async () => {
    for (let f = todo.shift(); f; f = todo.shift()) {
      const o = await pollFeedOnce(deps, f, opts);
      if (o.status === 'error') failed++;
      process.stdout.write(`${json ? JSON.stringify({ title: f.title, ...o }) : describeOutcome(f, o)}\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(POLL_CONCURRENCY, targets.length) }, worker));
  return failed;
}

interface AddOptions {
  title: string;
  kind: string;
  language?: string;
  interval: string;
  disabled?: boolean;
}

async function addFeed(url: string, o: AddOptions): Promise<void> {
  const kind: FeedKind = FeedKindSchema.parse(o.kind);
  const pollIntervalSeconds = parseInterval(o.interval);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(`"${url}" is not a URL`);
  }
  if (!/^https?:$/.test(parsed.protocol)) throw new CliError('only http and https feeds can be polled');
  await withContext(async (ctx) => {
    const existing = await ctx.feeds.findByUrl(parsed.href);
    if (existing) throw new CliError(`a feed with this URL exists already: ${existing.id}`);
    await checkUrl(ctx, parsed.href);
    const language = o.language?.toLowerCase() ?? null;
    const feed = await ctx.feeds.create({ url: parsed.href, title: o.title, kind, language, pollIntervalSeconds, enabled: !o.disabled });
    if (!feed) throw new CliError('a feed with this URL was added meanwhile');
    await syncFeed(ctx, feed.id);
    process.stdout.write(`added ${feed.id} ${feed.title} (${feed.kind}, every ${feed.pollIntervalSeconds} s${feed.enabled ? '' : ', disabled'})\n`);
  });
}

const listFeeds = (o: { json?: boolean }) =>
  withContext(async (ctx) => {
    const rows = await ctx.feeds.list();
    if (o.json) for (const f of rows) process.stdout.write(`${JSON.stringify(feedJson(f))}\n`);
    else process.stdout.write(rows.length ? `${renderTable(rows)}\n` : 'no feeds yet (ingest seeds the EU sources at start)\n');
  });

async function pollNow(ref: string | undefined, o: { all?: boolean; json?: boolean }): Promise<void> {
  if (!ref === !o.all) throw new CliError('give a feed id or URL, or --all');
  await withContext(async (ctx) => {
    const targets = o.all ? (await ctx.feeds.list({ enabledOnly: true })).filter((f) => !f.demo) : [await requireFeed(ctx, ref!)];
    const failed = await pollFeeds(ctx, targets, Boolean(o.json));
    if (failed > 0) throw new CliError(`${failed} of ${targets.length} polls failed`);
  });
}

const switchFeed = (ref: string, enabled: boolean) =>
  withContext(async (ctx) => {
    const feed = (await ctx.feeds.update((await requireFeed(ctx, ref)).id, { enabled }))!;
    await syncFeed(ctx, feed.id);
    process.stdout.write(`${feed.id} ${feed.title}: ${enabled ? 'enabled' : 'disabled'}\n`);
  });

const removeFeed = (ref: string) =>
  withContext(async (ctx) => {
    const feed = await requireFeed(ctx, ref);
    await ctx.feeds.remove(feed.id);
    await syncFeed(ctx, feed.id);
    process.stdout.write(`removed ${feed.id} ${feed.title}\n`);
  });

export function register(program: Command): void {
  const feeds = program.command('feeds').description('list, add, poll and switch the sources ingest polls');
  feeds
    .command('list')
    .description('every feed with its health: last success, last error, consecutive failures, next poll')
    .option('--json', 'one JSON object per line')
    .action(listFeeds);
  feeds
    .command('add <url>')
    .description('add a source; ingest schedules it at once')
    .requiredOption('--title <title>', 'shown in lists and digests')
    .addOption(new Option('--kind <kind>', 'default type of its items').choices([...ITEM_TYPES]).makeOptionMandatory())
    .option('--language <code>', 'default language of its items (e.g. en)')
    .option('--interval <duration>', 'poll interval: seconds, or 30m, 2h', '30m')
    .option('--disabled', 'add it switched off')
    .action(addFeed);
  feeds
    .command('poll [feed]')
    .description('poll a feed now (id or URL), or every enabled feed with --all, and say what happened')
    .option('--all', 'every enabled feed (demo feeds are polled by ingest, which serves them)')
    .option('--json', 'one JSON outcome per line')
    .action(pollNow);
  feeds.command('enable <feed>').description('enable a feed (id or URL); its scheduler follows').action((ref: string) => switchFeed(ref, true));
  feeds.command('disable <feed>').description('disable a feed (id or URL); its scheduler follows').action((ref: string) => switchFeed(ref, false));
  feeds.command('remove <feed>').description('delete a feed (id or URL); its items stay, its scheduler goes').action(removeFeed);
}
