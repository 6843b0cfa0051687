import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { QUEUES } from '@pulse/contracts';
import { DatabaseModule, insertOutboxMail, insertSubscriber, updateSubscriber } from '@pulse/db';
import { createMailTransport, MAIL_KINDS, type MailTransport } from '@pulse/mail';
import { QueueModule, redisOptionsFromUrl } from '@pulse/queue';
import { createTestDatabase, startSmtpSink, TEST_REDIS_URL, testQueuePrefix, type SmtpSink, type TestDatabase } from '@pulse/testing';
import { MailSendModule } from '../src/mail-send/mail-send.module';
import { MailSendService } from '../src/mail-send/mail-send.service';

describe('mail-send worker (real PostgreSQL, Redis, SMTP)', () => {
  let db: TestDatabase;
  let sink: SmtpSink;
  let transport: MailTransport;
  let worker: INestApplicationContext;
  let queue: Queue;
  const q = testQueuePrefix('mailsend');
  const outboxDir = mkdtempSync(join(tmpdir(), 'pulse-mailsend-'));
  let n = 0;

  beforeAll(async () => {
    db = await createTestDatabase('mailsend');
    sink = await startSmtpSink();
    transport = createMailTransport({ smtpUrl: sink.url, outboxDir, from: 'EMN Pulse <pulse@pulse.test>' });
    const moduleRef = await Test.createTestingModule({
      imports: [
        DatabaseModule.forRoot({ database: db.database }),
        QueueModule.forRoot({ redisUrl: TEST_REDIS_URL, prefix: q.prefix }),
        MailSendModule.register({ useValue: transport }, { messageIdDomain: 'pulse.test' }),
      ],
    }).compile();
    worker = await moduleRef.init();
    queue = new Queue(QUEUES.mailSend, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix: q.prefix });
  });
  afterAll(async () => {
    await queue?.close();
    await worker?.close();
    await transport?.close();
    await sink?.close();
    await db?.drop();
    await q.cleanup();
    rmSync(outboxDir, { recursive: true, force: true });
  });

  async function outboxMail(status: 'pending' | 'active' | 'unsubscribed', kind: string = MAIL_KINDS.confirmation) {
    n += 1;
    const email = `person${n}@example.org`;
    const s = await insertSubscriber(db.database, { email, frequency: 'daily', timezone: 'UTC', themes: ['integration'] });
    if (!s) throw new Error('no subscriber');
    if (status !== 'pending') await updateSubscriber(db.database, s.id, { status });
    const mail = await insertOutboxMail(db.database, { subscriberId: s.id, kind, toAddress: email, subject: `hello ${n}`, html: '<p>hi</p>', text: 'hi' });
    return { email, mail };
  }
  const row = async (id: string) =>
    (await db.database.sql.query<{ status: string; attempts: number; last_error: string | null; message_id: string | null }>('SELECT * FROM mail_outbox WHERE id = $1', [id]))[0];
  async function until(fn: () => Promise<boolean>, ms = 15_000) {
    const end = Date.now() + ms;
    while (!(await fn())) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const enqueue = (mailId: string, jobId = `mail-${mailId}`) =>
    queue.add('mail.send', { mailId }, { jobId, attempts: 5, backoff: { type: 'fixed', delay: 50 } });

  it('sends a confirmation once and marks it sent with a stable Message-ID', async () => {
    const { email, mail } = await outboxMail('pending');
    await enqueue(mail.id);
    await until(async () => (await row(mail.id))?.status === 'sent');
    // the sink answers 250 before it has parsed the message: wait for the parse
    const sent = (await sink.waitFor(1)).filter((m) => m.envelope.to[0] === email);
    expect(sent).toHaveLength(1);
    const accepted = sink.accepted;
    expect(sent[0]?.parsed.messageId).toBe(`<mail-${mail.id}@pulse.test>`);
    expect((await row(mail.id))?.message_id).toBe(`<mail-${mail.id}@pulse.test>`);

    // A duplicated job (another id, same mail) and a direct retry send nothing more.
    await enqueue(mail.id, `mail-${mail.id}-again`);
    expect(await worker.get(MailSendService).send(mail.id, false)).toBe('skipped');
    await until(async () => (await queue.getJobCounts('completed')).completed >= 2);
    expect(sink.accepted).toBe(accepted);
  });

  it('retries 4xx answers with backoff, then sends; Redis never holds the address', async () => {
    const { email, mail } = await outboxMail('pending');
    let refusals = 0;
    sink.setFailWith((rcpt) => (rcpt === email && refusals++ < 2 ? 450 : undefined));
    await enqueue(mail.id);
    await until(async () => (await row(mail.id))?.status === 'sent');
    sink.setFailWith(undefined);
    expect(sink.rejections.filter((r) => r.rcpt === email).map((r) => r.code)).toEqual([450, 450]);
    expect((await row(mail.id))?.attempts).toBe(3);
    expect((await sink.waitFor(2)).filter((m) => m.envelope.to[0] === email)).toHaveLength(1);
    expect(await redisText(q.prefix)).not.toContain(email);
  });

  it('records a 5xx as failed at once, without retrying, the address redacted', async () => {
    const { email, mail } = await outboxMail('pending');
    sink.setFailWith((rcpt) => (rcpt === email ? 550 : undefined));
    await enqueue(mail.id);
    await until(async () => (await row(mail.id))?.status === 'failed');
    sink.setFailWith(undefined);
    const r = await row(mail.id);
    expect(r?.attempts).toBe(1);
    expect(r?.last_error).toContain('550');
    expect(r?.last_error).not.toContain(email);
    expect(sink.rejections.filter((x) => x.rcpt === email)).toHaveLength(1);
  });

  it('never sends anything but the confirmation to an unconfirmed address, nor a confirmation once it is not pending', async () => {
    const notice = await outboxMail('pending', MAIL_KINDS.notice);
    const late = await outboxMail('unsubscribed', MAIL_KINDS.confirmation);
    const ok = await outboxMail('active', MAIL_KINDS.notice);
    for (const m of [notice, late, ok]) await enqueue(m.mail.id);
    await until(async () => (await row(ok.mail.id))?.status === 'sent');
    await until(async () => (await row(notice.mail.id))?.status === 'failed' && (await row(late.mail.id))?.status === 'failed');
    expect((await row(notice.mail.id))?.last_error).toBe('not sent: subscriber is pending');
    expect((await row(late.mail.id))?.last_error).toBe('not sent: subscriber is unsubscribed');
    const to = (await sink.waitFor(3)).map((m) => m.envelope.to[0]);
    expect(to).toContain(ok.email);
    expect(to).not.toContain(notice.email);
    expect(to).not.toContain(late.email);
  });

  it('skips a mail whose row is gone (erased subscriber)', async () => {
    expect(await worker.get(MailSendService).send('00000000-0000-0000-0000-000000000000', false)).toBe('skipped');
  });
});

async function redisText(prefix: string): Promise<string> {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    const keys = await redis.keys(`${prefix}:*`);
    const parts: string[] = [];
    for (const key of keys) {
      const type = await redis.type(key);
      if (type === 'hash') parts.push(JSON.stringify(await redis.hgetall(key)));
      else if (type === 'list') parts.push(JSON.stringify(await redis.lrange(key, 0, -1)));
      else if (type === 'string') parts.push((await redis.get(key)) ?? '');
    }
    return parts.join('\n');
  } finally {
    redis.disconnect();
  }
}
