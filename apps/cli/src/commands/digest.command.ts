import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { z } from 'zod';
import { databaseEnv, mailEnv, parseEnv, secretEnv } from '@pulse/config';
import { findDigestSubscriber, listPendingDigestIds, resolveLinkSecret, type Database } from '@pulse/db';
import {
  buildDigestMail,
  currentPeriod,
  digestEnv,
  DigestRetryError,
  DigestSender,
  digestSenderOptions,
  digestTransportFromEnv,
  dueWindow,
  LeaseHeldError,
  nextPeriod,
  planDueDigests,
  windowStart,
  type SendOutcome,
} from '@pulse/digest-core';
import { withDatabase } from '../cli-database';
import { CliError } from '../cli-error';

/** Preview and send digests by hand, with the worker's own code (`@pulse/digest-core`). */
const DigestCliEnvSchema = databaseEnv
  .extend(mailEnv.shape)
  .extend(secretEnv.shape)
  .extend(digestEnv.shape)
  .extend({ PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000') });
type DigestCliEnv = z.infer<typeof DigestCliEnvSchema>;


function parseAt(at: string | undefined): Date {
  if (!at) return new Date();
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) throw new CliError(`--at: not a date: "${at}"`);
  return d;
}

const note = (line: string) => process.stderr.write(`${line}\n`);

async function preview(ref: string, opts: { html?: boolean; at?: string }): Promise<void> {
  const env = parseEnv(DigestCliEnvSchema);
  const at = parseAt(opts.at);
  await withDatabase(env, async (database) => {
    const s = await findDigestSubscriber(database, ref);
    if (!s) throw new CliError(`no subscriber with id or address "${ref}"`);
    const schedule = { frequency: s.frequency, timezone: s.timezone, sendHour: s.sendHour, weekday: s.weekday };
    const period = currentPeriod(schedule, at);
    // Due now: the period's window. Otherwise: the next digest as it stands so far.
    const window = dueWindow(s, period) ?? { start: windowStart(s), end: at };
    const when = dueWindow(s, period) ? `due now (period ${period.key})` : `next due ${nextPeriod(schedule, at).sendAt.toISOString()}`;
    note(`subscriber ${s.id} (${s.status}, ${s.frequency}, ${s.timezone}, ${s.language}): ${when}`);
    note(`window ${window.start.toISOString()} → ${window.end.toISOString()}`);
    if (s.status !== 'active') note(`note: the subscriber is ${s.status}; nothing is sent to them`);
    const secret = await resolveLinkSecret(database, env.PULSE_SECRET);
    const mail = await buildDigestMail(database, s, window, { baseUrl: env.PUBLIC_BASE_URL, secret, maxItems: env.PULSE_DIGEST_MAX_ITEMS, now: at });
    if (!mail) {
      note('no items for this subscriber in the window: no digest would be sent');
      return;
    }
    note(`subject: ${mail.subject}`);
    process.stdout.write(opts.html ? mail.html : mail.text);
  });
}

type Tally = Record<SendOutcome['status'] | 'retry', number>;

function progress(total: number): { tick(): void; stop(): void } {
  if (process.stderr.isTTY) {
    const bar = new SingleBar({ stream: process.stderr, format: 'digests [{bar}] {value}/{total} {percentage}% · {eta_formatted} left', hideCursor: true });
    bar.start(total, 0);
    return { tick: () => bar.increment(), stop: () => bar.stop() };
  }
  let done = 0;
  let last = Date.now();
  return {
    tick: () => {
      done++;
      if (Date.now() - last >= 2_000 || done === total) {
        last = Date.now();
        note(`digests: ${done}/${total}`);
      }
    },
    stop: () => undefined,
  };
}

async function sendAll(sender: DigestSender, ids: string[], concurrency: number): Promise<Tally> {
  const tally: Tally = { sent: 0, empty: 0, bounced: 0, cancelled: 0, failed: 0, skipped: 0, held: 0, retry: 0 };
  const bar = progress(ids.length);
  let next = 0;
  const lane = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      try {
        tally[(await sender.send(id)).status]++;
      } catch (err) {
        if (err instanceof LeaseHeldError) tally.held++;
        else if (err instanceof DigestRetryError) tally.retry++;
        else throw err;
      }
      bar.tick();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, lane));
  } finally {
    bar.stop();
  }
  return tally;
}

async function sendDue(database: Database, env: DigestCliEnv, at: Date, concurrency: number): Promise<void> {
  const plan = await planDueDigests(database, at);
  for (const bad of plan.invalid) note(`warning: schedule skipped (${bad.error})`);
  const ids = await listPendingDigestIds(database, 1_000_000);
  note(`${plan.created.length} digest(s) planned now; ${ids.length} to send`);
  if (ids.length === 0) return;
  const transport = digestTransportFromEnv(env, note);
  try {
    const secret = await resolveLinkSecret(database, env.PULSE_SECRET);
    const sender = new DigestSender(database, transport, digestSenderOptions(env, secret, { log: note, warn: (m) => note(`warning: ${m}`) }));
    const t = await sendAll(sender, ids, concurrency);
    process.stdout.write(
      `${t.sent} sent, ${t.empty} empty (nothing for them), ${t.bounced} bounced, ${t.cancelled} cancelled, ` +
        `${t.skipped} already done, ${t.held} being sent by a worker, ${t.retry + t.failed} not sent\n`,
    );
    if (t.retry + t.failed > 0) {
      throw new CliError(`${t.retry + t.failed} digest(s) could not be sent now (mail server refused or unreachable); they stay pending for the worker`);
    }
  } finally {
    await transport.close();
  }
}

async function send(opts: { now?: boolean; at?: string; concurrency?: string }): Promise<void> {
  if (!opts.now) throw new CliError('say --now to build and send every due or overdue digest in this process');
  const env = parseEnv(DigestCliEnvSchema);
  const at = parseAt(opts.at);
  const concurrency = Number(opts.concurrency ?? env.PULSE_DIGEST_CONCURRENCY);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new CliError('--concurrency: a whole number ≥ 1');
  // Several connections: parallel sends claim and mark rows at the same time.
  await withDatabase(env, (database) => sendDue(database, env, at, concurrency), Math.min(concurrency + 2, 20));
}

export function register(program: Command): void {
  const cmd = program.command('digest').description('preview or send email digests by hand');
  cmd
    .command('preview <subscriber>')
    .description('render the digest a subscriber (id or email) would get now: plain text, or --html')
    .option('--html', 'print the HTML part instead of the text')
    .option('--at <iso-date>', 'pretend it is this moment')
    .action(preview);
  cmd
    .command('send')
    .description('build and send every due or overdue digest now, in this process')
    .option('--now', 'required: yes, send now')
    .option('--at <iso-date>', 'plan as if it were this moment')
    .option('--concurrency <n>', 'digests in flight at once (default PULSE_DIGEST_CONCURRENCY)')
    .action(send);
}
