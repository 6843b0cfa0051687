import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { QUEUES } from '@pulse/contracts';
import { insertOutboxMail, insertSubscriber, recordConsent } from '@pulse/db';
import { redisOptionsFromUrl } from '@pulse/queue';
import { createTestDatabase, TEST_REDIS_URL, testQueuePrefix, type TestDatabase } from '@pulse/testing';

const ROOT = join(__dirname, '..', '..', '..');

describe('pnpm pulse subscribers export|erase (built CLI, real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let queue: Queue;
  const q = testQueuePrefix('clisubs');

  beforeAll(async () => {
    db = await createTestDatabase('clisubs');
    queue = new Queue(QUEUES.mailSend, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix: q.prefix });
  });
  afterAll(async () => {
    await queue?.close();
    await db?.drop();
    await q.cleanup();
  });

  const pulse = (...args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, 'apps/cli/bin/pulse.js'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, PULSE_QUEUE_PREFIX: q.prefix },
      timeout: 60_000,
    });

  it('exports everything as JSON, erases it all, and says so', async () => {
    const email = 'flora@example.org';
    const s = await insertSubscriber(db.database, { email, frequency: 'weekly', weekday: 2, timezone: 'Europe/Vienna', themes: ['integration'], language: 'fr' });
    if (!s) throw new Error('no subscriber');
    await recordConsent(db.database, { subscriberId: s.id, textVersion: 'v-test', text: 'I agree', source: 'form', ip: '192.0.2.1', userAgent: 'ua' });
    const mail = await insertOutboxMail(db.database, { subscriberId: s.id, kind: 'confirmation', toAddress: email, subject: 's', html: 'h', text: 't' });
    await queue.add('mail.send', { mailId: mail.id }, { jobId: `mail-${mail.id}`, delay: 3_600_000 });

    const exported = pulse('subscribers', 'export', 'Flora@Example.org');
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    const data = JSON.parse(exported.stdout);
    expect(data.subscriber).toMatchObject({ id: s.id, email, language: 'fr', weekday: 2 });
    expect(data.consents).toMatchObject([{ text: 'I agree', ip: '192.0.2.1', source: 'form' }]);
    expect(data.mails).toMatchObject([{ id: mail.id, toAddress: email }]);

    const erased = pulse('subscribers', 'erase', s.id);
    expect(erased.status).toBe(0);
    expect(erased.stdout).toContain(`Erased subscriber ${s.id}: 1 subscriber, 1 consent record(s), 1 mail(s), 0 digest(s).`);
    expect(erased.stdout).toContain('Removed 1 queued job(s)');
    for (const table of ['subscribers', 'consents', 'mail_outbox']) {
      const rows = await db.database.sql.query(`SELECT 1 FROM ${table} WHERE ${table === 'subscribers' ? 'id' : 'subscriber_id'} = $1`, [s.id]);
      expect(rows).toHaveLength(0);
    }
    expect(await queue.getJob(`mail-${mail.id}`)).toBeUndefined();

    const again = pulse('subscribers', 'erase', email);
    expect(again.status).toBe(1);
    expect(again.stderr).toBe(`pulse: no subscriber with id or address "${email}"\n`);
  });
});
