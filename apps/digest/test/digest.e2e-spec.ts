import type { INestApplicationContext } from '@nestjs/common';
import { Queue, QueueEvents } from 'bullmq';
import { JOBS, QUEUES } from '@pulse/contracts';
import { redisOptionsFromUrl } from '@pulse/queue';
import {
  createTestDatabase,
  insertClassifiedItems,
  insertSubscribers,
  startSmtpSink,
  testQueuePrefix,
  TEST_REDIS_URL,
  type SmtpSink,
  type TestDatabase,
} from '@pulse/testing';
import { loadDigestEnv } from '../src/config/env';
import { createDigestApp } from '../src/main';

const HOUR = 3_600_000;
/** Subscribers in UTC whose send hour is the current one: their period is due as the test runs. */
const now = new Date();
const sendAt = new Date(Math.floor(now.getTime() / HOUR) * HOUR);
const daysAgo = (d: number) => new Date(sendAt.getTime() - d * 24 * HOUR);
const schedule = { timezone: 'UTC', sendHour: sendAt.getUTCHours(), frequency: 'daily' as const };

describe('digest worker on Redis, PostgreSQL and a real SMTP server', () => {
  let tdb: TestDatabase;
  let sink: SmtpSink;
  let app: INestApplicationContext;
  let build: Queue;
  let events: QueueEvents;
  const q = testQueuePrefix('digest');
  let ticks = 0;

  /** One planner pass (as the Job Scheduler would run it), awaited to its end. */
  const tick = async (at?: Date) => {
    const job = await build.add(JOBS.digestBuild, at ? { at: at.toISOString() } : {}, { jobId: `test-tick-${++ticks}` });
    return job.waitUntilFinished(events, 15_000);
  };
  const rows = (email: string) =>
    tdb.database.sql.query<{ status: string; attempts: number; last_error: string | null; period_key: string }>(
      `SELECT d.status, d.attempts, d.last_error, d.period_key FROM digests d JOIN subscribers s ON s.id = d.subscriber_id
        WHERE s.email = $1 ORDER BY d.window_end`,
      [email],
    );
  const until = async (what: () => Promise<boolean>, timeoutMs = 15_000) => {
    const end = Date.now() + timeoutMs;
    while (!(await what())) {
      if (Date.now() > end) throw new Error('condition not reached in time');
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const mailsTo = (email: string) => sink.messages.filter((m) => m.envelope.to.includes(email));

  beforeAll(async () => {
    tdb = await createTestDatabase('digestapp');
    sink = await startSmtpSink();
    await insertClassifiedItems(tdb.database, [
      { title: 'Council agrees on the Return Regulation', themes: ['return-readmission'], classifiedAt: daysAgo(0.5) },
      { title: 'Readmission talks with a third country', themes: ['return-readmission', 'trafficking'], classifiedAt: daysAgo(0.2) },
      { title: 'Victims of trafficking: new EU guidance', themes: ['trafficking'], classifiedAt: daysAgo(0.3), source: 'Europol' },
      { title: 'Integration fund calls', themes: ['integration'], classifiedAt: daysAgo(0.4) },
      ...[2.5, 1.5, 0.5].map((d) => ({ title: `Development news, ${d} days back`, themes: ['migration-development'], classifiedAt: daysAgo(d) })),
    ]);
    const env = loadDigestEnv({
      DATABASE_URL: tdb.url,
      REDIS_URL: TEST_REDIS_URL,
      PULSE_QUEUE_PREFIX: q.prefix,
      SMTP_URL: sink.url,
      MAIL_FROM: 'EMN Pulse <pulse@pulse.example.org>',
      PUBLIC_BASE_URL: 'https://pulse.example.org',
      PULSE_SECRET: 'e2e-secret-0123456789abcdef',
      // The scheduler's own ticks stay out of the way: the test ticks itself.
      PULSE_DIGEST_TICK_MS: String(HOUR),
      PULSE_DIGEST_RETRY_BASE_MS: '100',
      PULSE_DIGEST_SEND_ATTEMPTS: '4',
      PULSE_SMTP_RATE_PER_SECOND: '0',
      LOG_LEVEL: 'error',
    });
    app = await createDigestApp(env);
    await app.init();
    const connection = redisOptionsFromUrl(TEST_REDIS_URL);
    build = new Queue(QUEUES.digestBuild, { connection, prefix: q.prefix });
    events = new QueueEvents(QUEUES.digestBuild, { connection, prefix: q.prefix });
    await events.waitUntilReady();
    // The Job Scheduler runs its first tick at once; let it finish before the tests tick themselves.
    await until(async () => (await build.getJobCounts('completed')).completed >= 1);
  });
  afterAll(async () => {
    await app?.close();
    await build?.close();
    await events?.close();
    await sink?.close();
    await tdb?.drop();
    await q.cleanup();
  });
  beforeEach(() => sink.setFailWith(undefined));

  it('schedules the planner as a BullMQ Job Scheduler', async () => {
    const schedulers = await build.getJobSchedulers();
    expect(schedulers.map((s) => ({ key: s.key, every: Number(s.every) }))).toEqual([{ key: 'digest-build-tick', every: HOUR }]);
  });

  it('delivers the due digest once: parts, headers, grouping, and nothing on the next run', async () => {
    await insertSubscribers(tdb.database, [
      { email: 'reader@example.org', themes: ['return-readmission', 'trafficking'], confirmedAt: daysAgo(3), ...schedule },
      { email: 'fr.reader@example.org', themes: ['trafficking'], language: 'fr', confirmedAt: daysAgo(3), ...schedule },
    ]);
    expect(await tick()).toMatchObject({ planned: 2 });
    await sink.waitFor(2);
    const [en] = mailsTo('reader@example.org');
    expect(en!.parsed.subject).toBe('EMN Pulse · 3 new items: Return and readmission (2), Trafficking in human beings (1)');
    expect(en!.parsed.text).toMatch(/Return and readmission \(2\)\n=+\n\n\* Readmission talks with a third country[\s\S]*\* Council agrees on the Return Regulation[\s\S]*Trafficking in human beings \(1\)\n=+\n\n\* Victims of trafficking: new EU guidance\n  Europol/);
    expect(en!.parsed.html).toContain('<table role="presentation"');
    expect(en!.parsed.text).not.toContain('Integration fund');
    const headers = Object.fromEntries(en!.parsed.headerLines.map((l) => [l.key, l.line.replace(/\r?\n[ \t]+/g, ' ')]));
    expect(headers['list-unsubscribe']).toMatch(/<https:\/\/pulse\.example\.org\/unsubscribe\?token=[\w.-]+>/);
    expect(headers['list-unsubscribe-post']).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(en!.parsed.messageId).toMatch(/^<digest\.[\w-]+@pulse\.example\.org>$/);
    expect(mailsTo('fr.reader@example.org')[0]!.parsed.subject).toBe('EMN Pulse · 2 nouveaux articles : Traite des êtres humains (2)');
    await until(async () => (await rows('reader@example.org'))[0]?.status === 'sent');

    expect(await tick()).toEqual({ planned: 0, requeued: 0 });
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.accepted).toBe(2);
    expect(await rows('reader@example.org')).toHaveLength(1);
  });

  it('retries a 4xx with backoff through the queue and sends one email', async () => {
    let refusals = 0;
    sink.setFailWith((rcpt) => (rcpt === 'greylist@example.org' && refusals++ < 2 ? 450 : undefined));
    await insertSubscribers(tdb.database, [{ email: 'greylist@example.org', themes: ['trafficking'], confirmedAt: daysAgo(3), ...schedule }]);
    await tick();
    await until(async () => (await rows('greylist@example.org'))[0]?.status === 'sent');
    await sink.settled();
    expect(mailsTo('greylist@example.org')).toHaveLength(1);
    expect(await rows('greylist@example.org')).toMatchObject([{ status: 'sent', attempts: 3 }]);
  });

  it('queues due digests as one batch job; a 4xx in the batch continues alone and the rest is sent once', async () => {
    const emails = Array.from({ length: 5 }, (_, i) => `batch${i}@example.org`);
    let refusals = 0;
    sink.setFailWith((rcpt) => (rcpt === 'batch3@example.org' && refusals++ < 1 ? 451 : undefined));
    await insertSubscribers(tdb.database, emails.map((email) => ({ email, themes: ['trafficking'], confirmedAt: daysAgo(3), ...schedule })));
    const sendQueue = new Queue(QUEUES.digestSend, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix: q.prefix });
    try {
      expect(await tick()).toMatchObject({ planned: 5 });
      const ids = await tdb.database.sql.query<{ id: string; email: string }>(
        `SELECT d.id, s.email FROM digests d JOIN subscribers s ON s.id = d.subscriber_id WHERE s.email LIKE 'batch%' ORDER BY d.id`,
      );
      await until(async () => (await Promise.all(emails.map(rows))).every((r) => r[0]?.status === 'sent'));
      await sink.settled();
      for (const email of emails) expect(mailsTo(email)).toHaveLength(1);
      // one batch job carried all five (the planner writes rows in id order); only the refused digest got a job of its own
      const jobs = await sendQueue.getJobs(['completed']);
      const batch = jobs.find((j) => Array.isArray(j.data.digestIds) && j.data.digestIds.includes(ids[0]!.id));
      expect([...batch!.data.digestIds].sort()).toEqual(ids.map((r) => r.id));
      expect(batch!.returnvalue).toEqual({ sent: 4, 'retry-queued': 1 });
      const alone = jobs.filter((j) => ids.some((r) => j.data.digestId === r.id)).map((j) => j.data.digestId);
      expect(alone).toEqual([ids.find((r) => r.email === 'batch3@example.org')!.id]);
      expect((await rows('batch3@example.org'))[0]).toMatchObject({ attempts: 2 });
    } finally {
      await sendQueue.close();
    }
  });

  it('suspends a subscriber after three 5xx bounces, one per period, and plans nothing more', async () => {
    sink.setFailWith((rcpt) => (rcpt === 'bouncer@example.org' ? 550 : undefined));
    await insertSubscribers(tdb.database, [
      { email: 'bouncer@example.org', themes: ['migration-development'], confirmedAt: daysAgo(10), lastDigestWindowEnd: daysAgo(3), ...schedule },
    ]);
    for (const d of [2, 1, 0]) {
      await tick(new Date(daysAgo(d).getTime() + 60_000));
      await until(async () => (await rows('bouncer@example.org')).length === 3 - d && (await rows('bouncer@example.org')).every((r) => r.status === 'bounced'));
    }
    const [s] = await tdb.database.sql.query<{ status: string; bounce_count: number }>(`SELECT status, bounce_count FROM subscribers WHERE email = 'bouncer@example.org'`);
    expect(s).toEqual({ status: 'suspended', bounce_count: 3 });
    expect(await tick(new Date(now.getTime() + 24 * HOUR))).toMatchObject({ planned: expect.any(Number) });
    expect(await rows('bouncer@example.org')).toHaveLength(3);
    expect(mailsTo('bouncer@example.org')).toHaveLength(0);
  });

  it('sends nothing to a subscriber with no matching items', async () => {
    await insertSubscribers(tdb.database, [{ email: 'quiet@example.org', themes: ['citizenship-statelessness'], confirmedAt: daysAgo(3), ...schedule }]);
    await tick();
    await until(async () => (await rows('quiet@example.org'))[0]?.status === 'empty');
    expect(mailsTo('quiet@example.org')).toHaveLength(0);
  });

  it('queues again a planned digest whose job was lost', async () => {
    await insertSubscribers(tdb.database, [{ email: 'orphan@example.org', themes: ['trafficking'], confirmedAt: daysAgo(3), ...schedule }]);
    // The row exists but its enqueue never happened (a crash between the two).
    await tdb.database.sql.query(
      `INSERT INTO digests (subscriber_id, period_key, window_start, window_end, created_at)
       SELECT id, $2, $3, $4, now() - interval '1 hour' FROM subscribers WHERE email = $1`,
      ['orphan@example.org', `d:${sendAt.toISOString().slice(0, 10)}`, daysAgo(3), sendAt],
    );
    expect(await tick()).toEqual({ planned: 0, requeued: 1 });
    await until(async () => (await rows('orphan@example.org'))[0]?.status === 'sent');
    await sink.settled();
    expect(mailsTo('orphan@example.org')).toHaveLength(1);
  });
});
