import { randomUUID } from 'node:crypto';
import addressparser from 'nodemailer/lib/addressparser';
import { encodeWords, foldLines, isPlainText, quoteString } from 'nodemailer/lib/mime-funcs';
import { encode as qpEncode, wrap as qpWrap } from 'nodemailer/lib/qp';

/**
 * The whole RFC 5322 message of one mail (multipart/alternative: plain text, then HTML, both
 * UTF-8 quoted-printable), built here and handed to nodemailer's SMTP pool as `raw`.
 *
 * Why not let nodemailer compose it: a digest is ~30 kB, and composing it through nodemailer's
 * stream pipeline (byte-by-byte quoted-printable, line wrapping, many small socket writes)
 * was the largest single cost of a send (tests/bench/digest). Quoted-printable is line-local,
 * so a line's encoding never depends on its neighbours: lines that recur across mails (every
 * digest entry of a window, the template's chrome) are encoded once and reused from a bounded
 * cache, and the message reaches the socket as one buffer. Headers still go through
 * nodemailer's own encoders (encoded-words, folding, address parsing).
 */

/** A mailbox as `Name <address>`, or just the address. */
export interface Mailbox {
  name: string;
  address: string;
}

/** The first mailbox of an address header value such as `EMN Pulse <pulse@example.org>`. */
export function parseMailbox(value: string): Mailbox {
  const [first] = addressparser(value, { flatten: true }) as { name: string; address: string }[];
  if (!first?.address) throw new Error(`not an email address: "${value}"`);
  return { name: first.name ?? '', address: first.address };
}

// No CR or LF may reach a header from a value: that would start a header of the sender's choosing.
const oneLineValue = (v: string) => v.replace(/[\r\n]+/g, ' ');

function formatMailbox(m: Mailbox): string {
  const name = oneLineValue(m.name).trim();
  if (!name) return m.address;
  const shown = !isPlainText(name) ? encodeWords(name, 'Q', 52, false) : /^[\w ]*$/.test(name) ? name : quoteString(name);
  return `${shown} <${m.address}>`;
}

/** `Key: value`, non-ASCII as encoded-words, folded at 76 columns. */
function header(key: string, value: string): string {
  const v = oneLineValue(value);
  return foldLines(`${key}: ${isPlainText(v) ? v : encodeWords(v, 'Q', 52, false)}`, 76);
}

/**
 * Encoded lines by source line, bounded: emptied when full (what recurs comes back at once).
 * Short lines are cheaper to encode than to look up and are not kept.
 */
export class QuotedPrintableCache {
  private readonly lines = new Map<string, string>();
  hits = 0;
  misses = 0;

  constructor(
    private readonly maxLines = 5_000,
    private readonly minLength = 80,
  ) {}

  /** `text` (LF or CRLF line ends) as a quoted-printable body with CRLF line ends. */
  encode(text: string): string {
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) lines[i] = this.line(lines[i]!);
    return lines.join('\r\n');
  }

  private line(line: string): string {
    if (line.length < this.minLength) return encodeLine(line);
    const hit = this.lines.get(line);
    if (hit !== undefined) {
      this.hits++;
      return hit;
    }
    this.misses++;
    const encoded = encodeLine(line);
    if (this.lines.size >= this.maxLines) this.lines.clear();
    // `line` is a slice of its whole mail: kept as the key, it would keep that mail alive too
    // (V8 sliced strings). A copy holds just the line.
    this.lines.set(Buffer.from(line, 'utf8').toString('utf8'), encoded);
    return encoded;
  }
}

/** One source line: trailing white space is encoded (it ends the line), soft breaks at 76. */
const encodeLine = (line: string): string => (line === '' ? '' : qpWrap(qpEncode(line), 76));

/** One encoder per process: the cache is what makes the next digest of the same window cheap. */
const sharedCache = new QuotedPrintableCache();

export interface MimeInput {
  from: Mailbox;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers?: Record<string, string>;
  date?: Date;
}

/** RFC 5322 date in UTC, e.g. `Mon, 07 Dec 2026 23:11:49 +0000`. */
const rfc5322Date = (d: Date) => d.toUTCString().replace(/GMT$/, '+0000');

/**
 * The message, CRLF throughout, ready for SMTP DATA (dot-stuffing is the transport's); 7-bit
 * unless an address is not ASCII. A string rather than a Buffer: a message waiting for an SMTP
 * connection then lives in the JavaScript heap, where a garbage collection sizes itself to it,
 * rather than outside it where only a full collection frees it (peak RSS of the digest worker,
 * tests/bench/digest).
 */
export function composeMime(m: MimeInput, cache: QuotedPrintableCache = sharedCache): string {
  const boundary = `--_pulse_${randomUUID().replaceAll('-', '')}`;
  const head = [
    header('From', formatMailbox(m.from)),
    `To: ${oneLineValue(m.to)}`,
    header('Subject', m.subject),
    `Date: ${rfc5322Date(m.date ?? new Date())}`,
    `Message-ID: ${oneLineValue(m.messageId)}`,
    'MIME-Version: 1.0',
    ...Object.entries(m.headers ?? {}).map(([k, v]) => header(k.replace(/[^!-9;-~]/g, ''), v)),
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ];
  const part = (type: string, body: string) =>
    `--${boundary}\r\nContent-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${cache.encode(body)}\r\n`;
  return `${head.join('\r\n')}\r\n\r\n${part('text/plain', m.text)}${part('text/html', m.html)}--${boundary}--\r\n`;
}
