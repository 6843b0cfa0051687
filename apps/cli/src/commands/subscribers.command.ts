import type { Command } from 'commander';
import { Queue } from 'bullmq';
import { databaseEnv, parseEnv, redisEnv } from '@pulse/config';
import { eraseSubscriber, exportSubscriber, type ErasedSubscriber } from '@pulse/db';
import { withDatabase } from '../cli-database';
import { redisOptionsFromUrl } from '@pulse/queue';
import { CliError } from '../cli-error';

/** Data-protection requests (GDPR art. 15, 17, 20) by hand: the same code as the preference centre. */
const SubscribersCliEnvSchema = databaseEnv.extend(redisEnv.shape);
type SubscribersCliEnv = ReturnType<typeof SubscribersCliEnvSchema.parse>;

const notFound = (ref: string) => new CliError(`no subscriber with id or address "${ref}"`);

async function exportOne(ref: string): Promise<void> {
  const env = parseEnv(SubscribersCliEnvSchema);
  const data = await withDatabase(env, (database) => exportSubscriber(database, ref));
  if (!data) throw notFound(ref);
  process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
}

/** Jobs hold ids only, but an erasure leaves nothing behind that pointed at the person. */
async function removeJobs(env: SubscribersCliEnv, jobIds: ErasedSubscriber['jobIds']): Promise<number> {
  let removed = 0;
  for (const [name, ids] of Object.entries(jobIds)) {
    if (ids.length === 0) continue;
    const queue = new Queue(name, { connection: { ...redisOptionsFromUrl(env.REDIS_URL), maxRetriesPerRequest: 1 }, prefix: env.PULSE_QUEUE_PREFIX });
    try {
      for (const id of ids) removed += await queue.remove(id);
    } finally {
      await queue.close();
    }
  }
  return removed;
}

async function eraseOne(ref: string): Promise<void> {
  const env = parseEnv(SubscribersCliEnvSchema);
  const erased = await withDatabase(env, (database) => eraseSubscriber(database, ref));
  if (!erased) throw notFound(ref);
  const rows = `1 subscriber, ${erased.consents} consent record(s), ${erased.mails} mail(s), ${erased.digests} digest(s)`;
  process.stdout.write(`Erased subscriber ${erased.subscriberId}: ${rows}.\n`);
  try {
    const removed = await removeJobs(env, erased.jobIds);
    process.stdout.write(`Removed ${removed} queued job(s) that referred to them.\n`);
  } catch (err) {
    // The rows are gone either way; a leftover job holds an id only and finds nothing to do.
    process.stderr.write(`pulse: warning: could not remove queued jobs from Redis: ${(err as Error).message.split('\n')[0]}\n`);
  }
}

export function register(program: Command): void {
  const cmd = program.command('subscribers').description('data-protection requests: export or erase one subscriber');
  cmd
    .command('export <email-or-id>')
    .description('print everything held about a subscriber as JSON (subscriber, consents, mails, digests)')
    .action(exportOne);
  cmd
    .command('erase <email-or-id>')
    .description('erase a subscriber and everything linked to them, at once (asks nothing)')
    .action(eraseOne);
}
