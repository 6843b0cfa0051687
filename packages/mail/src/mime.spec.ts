import { parseMail } from '@pulse/testing';
import { composeMime, parseMailbox, QuotedPrintableCache } from './mime';

/** What a mail client shows for a body: mailparser's decoding, LF line ends. */
const base = {
  from: { name: 'EMN Pulse', address: 'pulse@example.org' },
  to: 'reader@example.org',
  messageId: '<digest.d1@pulse.example.org>',
  date: new Date('2026-03-29T05:00:00Z'),
};

describe('composeMime', () => {
  it('round-trips text and HTML exactly through a real parser (accents, =, long lines, trailing spaces, dots)', async () => {
    const text = [
      'Retour et réadmission (3) — « Pacte » = 2 €',
      '.a line that starts with a dot',
      `${'long words '.repeat(40)}end`,
      'trailing spaces   ',
      'tab\tinside and trailing tab\t',
      '',
      'Ελληνικά · العربية · 中文 · 🇪🇺',
      'x=3D is not an escape here',
    ].join('\n');
    const html = `<p style="margin:0;font-size:14px">${'Réadmission <b>=</b> '.repeat(30)}</p>\n<p>fin.</p>`;
    const raw = Buffer.from(composeMime({ ...base, subject: 'EMN Pulse · 3 nouveaux éléments', text, html, headers: { 'List-Unsubscribe': `<https://pulse.example.org/unsubscribe?token=${'t'.repeat(120)}>` } }));
    const [head, ...body] = raw.toString('latin1').split('\r\n\r\n');
    // a URL has nowhere to fold: header lines may pass 78 (SHOULD) but never 998 (MUST)
    expect(head!.split('\r\n').every((l) => l.length <= 998)).toBe(true);
    expect(body.join('\r\n\r\n').split('\r\n').every((l) => l.length <= 76)).toBe(true);
    expect(raw.toString('latin1')).not.toMatch(/[^\r]\n/); // CRLF only
    expect([...raw].every((b) => b < 128)).toBe(true); // 7-bit clean: any relay takes it
    const parsed = await parseMail(raw);
    expect(parsed.text).toBe(text);
    expect(parsed.html).toBe(html);
    expect(parsed.subject).toBe('EMN Pulse · 3 nouveaux éléments');
    expect(parsed.messageId).toBe('<digest.d1@pulse.example.org>');
    expect(parsed.date?.toISOString()).toBe('2026-03-29T05:00:00.000Z');
    expect(parsed.from?.value).toEqual([{ name: 'EMN Pulse', address: 'pulse@example.org' }]);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0]?.address : undefined).toBe('reader@example.org');
    expect(JSON.stringify(parsed.headers.get('list'))).toContain(`token=${'t'.repeat(120)}`);
    expect(parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
  });

  it('encodes a non-ASCII or special sender name, and keeps CR/LF out of every header', async () => {
    const raw = composeMime({
      ...base,
      from: { name: 'Réseau européen, "EMN"', address: 'pulse@example.org' },
      subject: 'Hello\r\nBcc: victim@example.org',
      text: 'x',
      html: '<p>x</p>',
      headers: { 'X-Note': 'a\nX-Injected: 1' },
    });
    const parsed = await parseMail(raw);
    expect(parsed.from?.value[0]).toEqual({ name: 'Réseau européen, "EMN"', address: 'pulse@example.org' });
    expect(parsed.headers.has('bcc')).toBe(false);
    expect(parsed.headers.has('x-injected')).toBe(false);
    expect(parsed.subject).toBe('Hello Bcc: victim@example.org');
  });

  it('gives every message its own boundary', () => {
    const one = composeMime({ ...base, subject: 's', text: 't', html: 'h' });
    const two = composeMime({ ...base, subject: 's', text: 't', html: 'h' });
    const boundary = (s: string) => /boundary="([^"]+)"/.exec(s)![1];
    expect(boundary(one)).not.toBe(boundary(two));
  });
});

describe('QuotedPrintableCache', () => {
  it('encodes a recurring long line once and gives the same bytes as encoding it afresh', () => {
    const cache = new QuotedPrintableCache(10, 20);
    const line = `<tr><td style="padding:0">${'Réadmission = retour '.repeat(10)}</td></tr>`;
    const first = cache.encode(`head\n${line}\nfoot`);
    const again = cache.encode(`other head\n${line}\nfoot`);
    expect(cache.misses).toBe(1);
    expect(cache.hits).toBe(1);
    expect(again.split('\r\n').slice(1)).toEqual(first.split('\r\n').slice(1));
    expect(again).toBe(new QuotedPrintableCache().encode(`other head\n${line}\nfoot`));
  });

  it('stays within its size: emptied when full', () => {
    const cache = new QuotedPrintableCache(3, 1);
    for (let i = 0; i < 10; i++) cache.encode(`line ${i}`);
    expect(cache.misses).toBe(10);
    cache.encode('line 9');
    expect(cache.hits).toBe(1);
    cache.encode('line 0');
    expect(cache.misses).toBe(11);
  });
});

describe('parseMailbox', () => {
  it('reads MAIL_FROM forms', () => {
    expect(parseMailbox('EMN Pulse <pulse@localhost>')).toEqual({ name: 'EMN Pulse', address: 'pulse@localhost' });
    expect(parseMailbox('pulse@example.org')).toEqual({ name: '', address: 'pulse@example.org' });
    expect(() => parseMailbox('nobody')).toThrow(/not an email address/);
  });
});
