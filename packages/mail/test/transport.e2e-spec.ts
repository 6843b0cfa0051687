import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startSmtpSink, type SmtpSink } from '@pulse/testing';
import { createMailTransport, MailError, type MailTransport } from '@pulse/mail';

const from = 'EMN Pulse <pulse@example.org>';
const mail = (to: string, i = 0) => ({
  to,
  subject: `Digest ${i}`,
  html: `<p>Item ${i}</p>`,
  text: `Item ${i}`,
  headers: {
    'List-Unsubscribe': '<https://pulse.example.org/unsubscribe?token=t0k3n>',
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  },
  messageId: `<digest.m${i}@example.org>`,
});

describe('SMTP transport against a real SMTP server on loopback', () => {
  let sink: SmtpSink;
  let transport: MailTransport;
  beforeEach(async () => {
    sink = await startSmtpSink({ failWith: (rcpt) => (rcpt.startsWith('soft') ? 451 : rcpt.startsWith('hard') ? 550 : undefined) });
  });
  afterEach(async () => {
    await transport?.close();
    await sink.close();
  });

  it('delivers multipart mail with the given Message-ID and headers', async () => {
    transport = createMailTransport({ smtpUrl: sink.url, outboxDir: '/nonexistent', from });
    const r = await transport.send(mail('reader@example.org', 1));
    expect(r).toMatchObject({ messageId: '<digest.m1@example.org>', accepted: ['reader@example.org'] });
    const [m] = await sink.waitFor(1);
    expect(m!.envelope.to).toEqual(['reader@example.org']);
    expect(m!.parsed.messageId).toBe('<digest.m1@example.org>');
    expect(m!.parsed.text?.trim()).toBe('Item 1');
    expect(m!.parsed.html).toContain('<p>Item 1</p>');
    const lines = Object.fromEntries(m!.parsed.headerLines.map((h) => [h.key, h.line]));
    expect(lines['list-unsubscribe-post']).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(lines['list-unsubscribe']).toBe('List-Unsubscribe: <https://pulse.example.org/unsubscribe?token=t0k3n>');
    // the bytes on the wire are ours (composeMime): each of these headers once, nothing added
    const head = m!.raw.toString('latin1').split('\r\n\r\n')[0]!;
    for (const name of ['Message-ID', 'Date', 'From', 'To', 'Subject', 'MIME-Version']) {
      expect(head.split('\r\n').filter((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))).toHaveLength(1);
    }
  });

  it('classifies 4xx as transient and 5xx as permanent, with the reply code', async () => {
    transport = createMailTransport({ smtpUrl: sink.url, outboxDir: '/nonexistent', from });
    const soft = await transport.send(mail('soft@example.org')).catch((e: unknown) => e);
    const hard = await transport.send(mail('hard@example.org')).catch((e: unknown) => e);
    expect(soft).toBeInstanceOf(MailError);
    expect(soft).toMatchObject({ kind: 'transient', responseCode: 451 });
    expect(hard).toMatchObject({ kind: 'permanent', responseCode: 550 });
    // The pool is still usable after refusals.
    await transport.send(mail('ok@example.org', 2));
    expect(sink.accepted).toBe(1);
  });

  it('treats a server that is not there as transient', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    transport = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${port}`, outboxDir: '/nonexistent', from });
    await expect(transport.send(mail('reader@example.org'))).rejects.toMatchObject({ kind: 'transient' });
  });

  it('holds the pool to its rate limit', async () => {
    transport = createMailTransport({ smtpUrl: sink.url, outboxDir: '/nonexistent', from, rateLimitPerSecond: 4, poolSize: 2 });
    const started = Date.now();
    await Promise.all(Array.from({ length: 9 }, (_, i) => transport.send(mail(`r${i}@example.org`, i))));
    // 9 messages at 4 per second need at least two full windows after the first.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(sink.accepted).toBe(9);
  });
});
