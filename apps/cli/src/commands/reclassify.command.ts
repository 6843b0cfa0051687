import { Option, type Command } from 'commander';
import { Queue } from 'bullmq';
import { SingleBar } from 'cli-progress';
import { databaseEnv, parseEnv, redisEnv } from '@pulse/config';
import { JOB_NAMES, QUEUES, WebhookDeliverJobSchema, jobIds } from '@pulse/contracts';
import {
  classifyStoredItem,
  createDatabase,
  ItemThemeRepository,
  migrate,
  type Database,
  type ItemClassifier,
  type ReclassifyMode,
  type ReclassifyRun,
} from '@pulse/db';
import { redisOptionsFromUrl } from '@pulse/queue';
import { classify, TAXONOMY_VERSION } from '@pulse/taxonomy';
import { CliError } from '../cli-error';
import { CliEnvSchema } from '../config/env';

const ReclassifyEnvSchema = CliEnvSchema.extend(databaseEnv.shape).extend(redisEnv.shape);

const classifier: ItemClassifier = { version: TAXONOMY_VERSION, classify };
const REDIS_TIMEOUT_MS = 10_000;
/** Wake-up jobs, as the classifier app enqueues them. */
const KEEP = { removeOnComplete: { age: 3600, count: 10_000 }, removeOnFail: { age: 7 * 86_400 } };

interface Options {
  all?: boolean;
  since?: string;
  batchSize: string;
  restart?: boolean;
}

interface Tally {
  seen: number;
  changed: number;
  gone: number;
  queued: number;
}

function modeOf(opts: Options): { mode: ReclassifyMode; since: Date | null } {
  if (opts.all && opts.since) throw new CliError('--all and --since exclude each other');
  if (opts.all) return { mode: 'all', since: null };
  if (opts.since === undefined) return { mode: 'stale', since: null };
  const since = new Date(opts.since);
  if (Number.isNaN(since.getTime())) throw new CliError(`--since: not a date: "${opts.since}" (use e.g. 2026-09-01)`);
  return { mode: 'since', since };
}

/** The delivery ids go on the queue; if Redis is away the rows stay pending for the webhooks sweeper. */
class DeliveryQueue {
  private down = false;
  constructor(private readonly queue: Queue) {}

  async add(deliveryIds: string[]): Promise<number> {
    if (this.down || deliveryIds.length === 0) return 0;
    const jobs = deliveryIds.map((deliveryId) => ({
      name: JOB_NAMES[QUEUES.webhookDeliver],
      data: WebhookDeliverJobSchema.parse({ deliveryId }),
      opts: { jobId: jobIds.webhookDeliver({ deliveryId }), ...KEEP },
    }));
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.queue.addBulk(jobs),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${REDIS_TIMEOUT_MS / 1000} s`)), REDIS_TIMEOUT_MS))),
      ]);
      return jobs.length;
    } catch (err) {
      this.down = true;
      process.stderr.write(`\npulse: warning: webhook deliveries not queued (${err instanceof Error ? err.message : err}); the webhooks worker's sweep sends them\n`);
      return 0;
    } finally {
      clearTimeout(timer);
    }
  }
}

async function openRun(repo: ItemThemeRepository, mode: ReclassifyMode, since: Date | null, restart: boolean): Promise<ReclassifyRun> {
  const open = await repo.openRun(mode, TAXONOMY_VERSION, since);
  if (open && !restart) return open;
  if (open) await repo.finishRun(open.id);
  return repo.startRun(mode, TAXONOMY_VERSION, since, await repo.countCandidates(mode, TAXONOMY_VERSION, since, null));
}

async function work(database: Database, deliveries: DeliveryQueue, opts: Options, batchSize: number): Promise<Tally> {
  const { mode, since } = modeOf(opts);
  const repo = ItemThemeRepository.of(database);
  const run = await openRun(repo, mode, since, opts.restart === true);
  const remaining = await repo.countCandidates(mode, TAXONOMY_VERSION, since, run.lastItemId);
  if (run.lastItemId) process.stderr.write(`resuming an interrupted run: ${run.done} items already done\n`);
  const bar = new SingleBar({ stream: process.stderr, format: 'reclassify |{bar}| {value}/{total} items | {percentage}% | ETA {eta_formatted}', hideCursor: true });
  bar.start(run.done + remaining, run.done);
  const tally: Tally = { seen: 0, changed: 0, gone: 0, queued: 0 };
  let last = run.lastItemId;
  let done = run.done;
  try {
    for (;;) {
      const ids = await repo.nextCandidates(mode, TAXONOMY_VERSION, since, last, batchSize);
      if (ids.length === 0) break;
      const pending: string[] = [];
      for (const id of ids) {
        const outcome = await classifyStoredItem(database, id, classifier);
        tally.seen++;
        if (outcome.status === 'gone') tally.gone++;
        else {
          if (outcome.status === 'classified') tally.changed++;
          pending.push(...outcome.deliveryIds);
        }
      }
      tally.queued += await deliveries.add(pending);
      last = ids[ids.length - 1] as string;
      done += ids.length;
      // The checkpoint follows the batch: a killed run redoes at most one batch, harmlessly.
      await repo.advanceRun(run.id, last, done);
      bar.update(done);
    }
    await repo.finishRun(run.id);
  } finally {
    bar.stop();
  }
  return tally;
}

async function run(opts: Options): Promise<void> {
  const batchSize = Number(opts.batchSize);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new CliError('--batch-size: a whole number from 1 to 10000');
  modeOf(opts);
  const env = parseEnv(ReclassifyEnvSchema);
  const database = await createDatabase({ url: env.DATABASE_URL, dataDir: env.PULSE_DATA_DIR, max: 2 });
  const queue = new Queue(QUEUES.webhookDeliver, { connection: redisOptionsFromUrl(env.REDIS_URL), prefix: env.PULSE_QUEUE_PREFIX });
  queue.on('error', () => undefined);
  try {
    await migrate(database);
    const t = await work(database, new DeliveryQueue(queue), opts, batchSize);
    process.stdout.write(
      `reclassified ${t.seen} items with taxonomy ${TAXONOMY_VERSION}: ${t.changed} changed, ${t.seen - t.changed - t.gone} unchanged, ${t.gone} gone; ${t.queued} webhook deliveries queued\n`,
    );
  } finally {
    await queue.close().catch(() => undefined);
    await database.close();
  }
}

export function register(program: Command): void {
  program
    .command('reclassify')
    .description('re-tag stored items after a taxonomy change (default: items tagged by another taxonomy version); resumable')
    .addOption(new Option('--all', 'every stored item').conflicts('since'))
    .addOption(new Option('--since <date>', 'every item first seen on or after this date').conflicts('all'))
    .option('--batch-size <n>', 'items per checkpoint', '200')
    .option('--restart', 'start over instead of resuming an interrupted run of the same kind')
    .action(run);
}
