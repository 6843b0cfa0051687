import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMail } from '@pulse/testing';
import { classifyMailError, createMailTransport, MailError, redactSmtpUrl } from './transport';

describe('classifyMailError', () => {
  const cases: [string, object, 'transient' | 'permanent'][] = [
    ['4xx at RCPT TO', { code: 'EENVELOPE', responseCode: 450, command: 'RCPT TO' }, 'transient'],
    ['5xx at RCPT TO', { code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }, 'permanent'],
    ['5xx after DATA', { code: 'EMESSAGE', responseCode: 554, command: 'DATA' }, 'permanent'],
    ['503 bad sequence', { code: 'EPROTOCOL', responseCode: 503, command: 'RCPT TO' }, 'transient'],
    ['connection refused', { code: 'ESOCKET', originalCode: 'ECONNREFUSED' }, 'transient'],
    ['timeout', { code: 'ETIMEDOUT' }, 'transient'],
    ['421 shutting down', { code: 'ECONNECTION', responseCode: 421 }, 'transient'],
    // Refusals of *our* account or sender are not the subscriber's bounce.
    ['535 bad credentials', { code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' }, 'transient'],
    ['550 sender refused', { code: 'EENVELOPE', responseCode: 550, command: 'MAIL FROM' }, 'transient'],
  ];
  it.each(cases)('%s', (_name, err, kind) => {
    const e = classifyMailError(Object.assign(new Error('x'), err));
    expect(e).toBeInstanceOf(MailError);
    expect(e.kind).toBe(kind);
    expect(e.responseCode).toBe((err as { responseCode?: number }).responseCode);
  });

  it('keeps an already classified error', () => {
    const e = new MailError('m', 'permanent', 550);
    expect(classifyMailError(e)).toBe(e);
  });
});

describe('redactSmtpUrl', () => {
  it('hides the password only', () => {
    expect(redactSmtpUrl('smtp://user:secret@mail.example.org:587')).toBe('smtp://user:***@mail.example.org:587');
  });
});

describe('outbox transport (no SMTP_URL)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pulse-outbox-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one RFC 822 .eml per message, named after its Message-ID, and logs where', async () => {
    const lines: string[] = [];
    const t = createMailTransport({ outboxDir: dir, from: 'EMN Pulse <pulse@example.org>', log: (l) => lines.push(l) });
    expect(t.kind).toBe('outbox');
    const message = {
      to: 'reader@example.org',
      subject: 'Résumé <b>',
      html: '<p>Hello</p>',
      text: 'Hello',
      headers: { 'List-Unsubscribe': '<https://pulse.example.org/unsubscribe?token=abc>' },
      messageId: '<digest.d1@pulse.example.org>',
    };
    const r1 = await t.send(message);
    const r2 = await t.send(message);
    await t.close();
    expect(r1.messageId).toBe('<digest.d1@pulse.example.org>');
    expect(r1.accepted).toEqual(['reader@example.org']);
    expect(readdirSync(dir)).toEqual(['digest.d1@pulse.example.org.eml']);
    expect(r2.response).toBe(r1.response);
    expect(lines.some((l) => l.includes(dir))).toBe(true);
    const raw = readFileSync(join(dir, 'digest.d1@pulse.example.org.eml'));
    expect(raw.toString('latin1')).toContain('\r\n');
    const parsed = await parseMail(raw);
    expect(parsed.subject).toBe('Résumé <b>');
    expect(parsed.messageId).toBe('<digest.d1@pulse.example.org>');
    expect(parsed.text?.trim()).toBe('Hello');
    expect(parsed.html).toContain('<p>Hello</p>');
    expect(JSON.stringify(parsed.headers.get('list'))).toContain('https://pulse.example.org/unsubscribe?token=abc');
  });
});
