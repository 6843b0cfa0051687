import { spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  createTestDatabase,
  insertClassifiedItems,
  insertSubscribers,
  startSmtpSink,
  type SmtpSink,
  type TestDatabase,
} from '@pulse/testing';

const ROOT = join(__dirname, '..', '..', '..');
const HOUR = 3_600_000;
const sendAt = new Date(Math.floor(Date.now() / HOUR) * HOUR);
const before = (hours: number) => new Date(sendAt.getTime() - hours * HOUR);
const schedule = { timezone: 'UTC', sendHour: sendAt.getUTCHours() };

describe('pnpm pulse digest preview|send (built CLI, real PostgreSQL and SMTP)', () => {
  let db: TestDatabase;
  let sink: SmtpSink;

  /** Asynchronous: the SMTP sink lives in this process and must keep answering. */
  const pulse = (...args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [join(ROOT, 'apps/cli/bin/pulse.js'), ...args], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          DATABASE_URL: db.url,
          SMTP_URL: sink.url,
          MAIL_FROM: 'EMN Pulse <pulse@pulse.example.org>',
          PUBLIC_BASE_URL: 'https://pulse.example.org',
          PULSE_SECRET: 'cli-test-secret-0123456789',
          PULSE_SMTP_RATE_PER_SECOND: '0',
        },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });

  beforeAll(async () => {
    db = await createTestDatabase('clidigest');
    sink = await startSmtpSink({ failWith: (rcpt) => (rcpt === 'later@example.org' ? 451 : undefined) });
    await insertClassifiedItems(db.database, [
      { title: 'Frontex <annual> risk analysis & "key figures"', themes: ['borders-visa-schengen'], classifiedAt: before(3) },
      { title: 'New rules for seasonal workers', themes: ['legal-migration'], classifiedAt: before(2) },
    ]);
    await insertSubscribers(db.database, [
      { email: 'anna@example.org', themes: ['borders-visa-schengen', 'legal-migration'], confirmedAt: before(48), ...schedule },
      { email: 'bruno@example.org', themes: ['legal-migration'], language: 'fr', confirmedAt: before(48), ...schedule },
      { email: 'later@example.org', themes: ['legal-migration'], confirmedAt: before(48), ...schedule },
      { email: 'none@example.org', themes: ['integration'], confirmedAt: before(48), ...schedule },
    ]);
  });
  afterAll(async () => {
    await sink?.close();
    await db?.drop();
  });

  it('previews a subscriber digest as text or HTML, sending nothing', async () => {
    const text = await pulse('digest', 'preview', 'Anna@Example.org');
    expect(text.status).toBe(0);
    expect(text.stderr).toContain('due now (period d:');
    expect(text.stderr).toContain('subject: EMN Pulse · 2 new items: Legal migration (1), Borders, visa and Schengen governance (1)');
    expect(text.stdout).toContain('* Frontex <annual> risk analysis & "key figures"');
    expect(text.stdout).toContain('Unsubscribe: https://pulse.example.org/unsubscribe?token=');
    const html = await pulse('digest', 'preview', 'anna@example.org', '--html');
    expect(html.stdout).toContain('Frontex &lt;annual&gt; risk analysis &amp; &quot;key figures&quot;');
    const empty = await pulse('digest', 'preview', 'none@example.org');
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toContain('no digest would be sent');
    expect(sink.accepted).toBe(0);
    expect(await db.database.sql.query('SELECT 1 FROM digests')).toHaveLength(0);
  });

  it('refuses to send without --now, in one line', async () => {
    const r = await pulse('digest', 'send');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('pulse: say --now to build and send every due or overdue digest in this process\n');
  });

  it('sends every due digest at once, says what happened, and sends nothing the second time', async () => {
    const r = await pulse('digest', 'send', '--now');
    expect(r.stdout).toBe('2 sent, 1 empty (nothing for them), 0 bounced, 0 cancelled, 0 already done, 0 being sent by a worker, 1 not sent\n');
    expect(r.stderr).toContain('4 digest(s) planned now; 4 to send');
    expect(r.stderr).toContain('digests: 4/4');
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n').at(-1)).toBe('pulse: 1 digest(s) could not be sent now (mail server refused or unreachable); they stay pending for the worker');
    await sink.settled();
    expect(sink.messages.map((m) => m.envelope.to[0]).sort()).toEqual(['anna@example.org', 'bruno@example.org']);
    expect(sink.messages.find((m) => m.envelope.to[0] === 'bruno@example.org')!.parsed.subject).toBe('EMN Pulse · 1 nouvel article : Migration légale (1)');

    sink.setFailWith(undefined);
    const again = await pulse('digest', 'send', '--now');
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('0 digest(s) planned now; 1 to send');
    expect(again.stdout).toMatch(/^1 sent, /);
    await sink.settled();
    expect(sink.messages.map((m) => m.envelope.to[0]).sort()).toEqual(['anna@example.org', 'bruno@example.org', 'later@example.org']);
    const statuses = await db.database.sql.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM digests GROUP BY status ORDER BY status');
    expect(statuses).toEqual([{ status: 'empty', n: 1 }, { status: 'sent', n: 3 }]);
  });
});
