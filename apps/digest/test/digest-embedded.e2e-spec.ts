import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { createDatabase, DATABASE, migrate, type Database } from '@pulse/db';
import { insertClassifiedItems, insertSubscribers, parseMail, testQueuePrefix, TEST_REDIS_URL } from '@pulse/testing';
import { Queue, QueueEvents } from 'bullmq';
import { JOBS, QUEUES } from '@pulse/contracts';
import { redisOptionsFromUrl } from '@pulse/queue';
import { loadDigestEnv } from '../src/config/env';
import { createDigestApp } from '../src/main';

const HOUR = 3_600_000;
const sendAt = new Date(Math.floor(Date.now() / HOUR) * HOUR);

/**
 * The defaults of `pnpm start`: embedded PGlite shared with the launcher, no SMTP_URL, so each
 * digest lands as an .eml file in PULSE_OUTBOX_DIR that a person can open.
 */
describe('digest worker on embedded PGlite with the .eml outbox', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-digest-embedded-'));
  const outbox = join(dir, 'outbox');
  const q = testQueuePrefix('digestpglite');
  let database: Database;
  let app: INestApplicationContext;

  beforeAll(async () => {
    database = await createDatabase({ dataDir: dir });
    await migrate(database);
    const env = loadDigestEnv({
      PULSE_DATA_DIR: dir,
      PULSE_OUTBOX_DIR: outbox,
      REDIS_URL: TEST_REDIS_URL,
      PULSE_QUEUE_PREFIX: q.prefix,
      PUBLIC_BASE_URL: 'https://pulse.example.org',
      PULSE_DIGEST_TICK_MS: String(HOUR),
      LOG_LEVEL: 'error',
    });
    app = await createDigestApp(env, { database });
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await q.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the digest as an .eml file, once', async () => {
    expect(app.get(DATABASE)).toBe(database);
    await insertClassifiedItems(database, [{ title: 'Schengen evaluation report published', themes: ['borders-visa-schengen'], classifiedAt: new Date(sendAt.getTime() - HOUR) }]);
    await insertSubscribers(database, [
      { email: 'local@example.org', themes: ['borders-visa-schengen'], timezone: 'UTC', sendHour: sendAt.getUTCHours(), confirmedAt: new Date(sendAt.getTime() - 48 * HOUR) },
    ]);
    const connection = redisOptionsFromUrl(TEST_REDIS_URL);
    const build = new Queue(QUEUES.digestBuild, { connection, prefix: q.prefix });
    const events = new QueueEvents(QUEUES.digestBuild, { connection, prefix: q.prefix });
    try {
      await events.waitUntilReady();
      for (const n of [1, 2]) {
        const job = await build.add(JOBS.digestBuild, {}, { jobId: `embedded-tick-${n}` });
        await job.waitUntilFinished(events, 15_000);
      }
    } finally {
      await build.close();
      await events.close();
    }
    for (let i = 0; i < 200; i++) {
      const [row] = await database.sql.query<{ status: string }>('SELECT status FROM digests');
      if (row?.status === 'sent') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const files = readdirSync(outbox);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^digest\.[\w-]+@localhost\.eml$/);
    const mail = await parseMail(readFileSync(join(outbox, files[0]!)));
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('local@example.org');
    expect(mail.subject).toBe('EMN Pulse · 1 new item: Borders, visa and Schengen governance (1)');
    expect(mail.text).toContain('Schengen evaluation report published');
  });
});
