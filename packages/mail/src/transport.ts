import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { composeMime, parseMailbox, type Mailbox } from './mime';

/** One message; headers are passed through as given (List-Unsubscribe and the like). */
export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
  /** `<local@domain>`; give a deterministic one so a resend of the same thing is recognisable. */
  messageId?: string;
}

export interface MailSendResult {
  messageId: string;
  accepted: string[];
  /** The server's final reply (SMTP) or the file written (outbox). */
  response: string;
}

export interface MailTransportOptions {
  /** `smtp://user:pass@host:port` or `smtps://…`; unset: `.eml` files under `outboxDir`. */
  smtpUrl?: string;
  outboxDir: string;
  from: string;
  /** Messages per second over the whole pool; 0 or unset: no limit. */
  rateLimitPerSecond?: number;
  /** Open SMTP connections; nodemailer's default is 5. */
  poolSize?: number;
  /** Bounds every wait on the server, so a hung send cannot outlive a digest's lease. */
  timeoutsMs?: { connection?: number; greeting?: number; socket?: number };
  log?: (line: string) => void;
}

export interface MailTransport {
  readonly kind: 'smtp' | 'outbox';
  /** Where mail goes, without credentials: for logs. */
  readonly target: string;
  /** The longest a single `send` can take before it fails (queueing behind the rate limit aside). */
  readonly maxSendMs: number;
  send(message: OutgoingMail): Promise<MailSendResult>;
  close(): Promise<void>;
}

export type MailErrorKind = 'transient' | 'permanent';

/**
 * A failed send. `permanent`: the server refused this recipient or message for good (5xx),
 * so retrying is pointless and the address bounced. `transient`: try again later (4xx,
 * connection failures, timeouts, and refusals that are about us rather than the recipient).
 */
export class MailError extends Error {
  constructor(
    message: string,
    readonly kind: MailErrorKind,
    readonly responseCode?: number,
    readonly code?: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = 'MailError';
  }
}

interface SmtpErrorLike {
  message?: string;
  code?: string;
  responseCode?: number;
  command?: string;
  response?: string;
}

/**
 * A 5xx to AUTH, EHLO or MAIL FROM says the server will not take mail from *us* (bad
 * credentials, sender not allowed): retrying after the operator fixes it is right, and
 * counting it as the subscriber's bounce would suspend every address at once.
 */
const SENDER_SIDE_COMMANDS = /^(AUTH|EHLO|HELO|LHLO|MAIL FROM|STARTTLS)/i;
const SENDER_SIDE_CODES = new Set(['EAUTH', 'ENOAUTH', 'EOAUTH2', 'ECONFIG', 'ETLS', 'EREQUIRETLS']);

export function classifyMailError(err: unknown): MailError {
  if (err instanceof MailError) return err;
  const e = (err ?? {}) as SmtpErrorLike;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const command = typeof e.command === 'string' ? e.command : undefined;
  const message = (e.response ?? e.message ?? String(err)).toString().slice(0, 500);
  const senderSide = (code && SENDER_SIDE_CODES.has(code)) || (command ? SENDER_SIDE_COMMANDS.test(command) : false);
  // 503 is "bad sequence of commands": the session, not the message, was wrong.
  const permanent = responseCode !== undefined && responseCode >= 500 && responseCode < 600 && responseCode !== 503 && !senderSide;
  return new MailError(message, permanent ? 'permanent' : 'transient', responseCode, code, command);
}

/** The SMTP URL without its password, for logs. */
export function redactSmtpUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'smtp://(unparseable url)';
  }
}

const DEFAULT_TIMEOUTS = { connection: 10_000, greeting: 10_000, socket: 60_000 };

export function createMailTransport(opts: MailTransportOptions): MailTransport {
  return opts.smtpUrl ? createSmtpTransport(opts, opts.smtpUrl) : createOutboxTransport(opts);
}

/** The whole message (see `composeMime`): the same for SMTP and the `.eml` outbox. */
function compose(from: Mailbox, m: OutgoingMail): { messageId: string; raw: string } {
  const messageId = m.messageId ?? `<${randomUUID()}@${from.address.split('@')[1] ?? 'localhost'}>`;
  return { messageId, raw: composeMime({ from, to: m.to, subject: m.subject, text: m.text, html: m.html, headers: m.headers, messageId }) };
}

function createSmtpTransport(opts: MailTransportOptions, smtpUrl: string): MailTransport {
  const t = { ...DEFAULT_TIMEOUTS, ...opts.timeoutsMs };
  const rate = opts.rateLimitPerSecond && opts.rateLimitPerSecond > 0 ? opts.rateLimitPerSecond : undefined;
  const transporter: Transporter = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: opts.poolSize ?? 5,
    maxMessages: 1000,
    ...(rate ? { rateLimit: rate, rateDelta: 1000 } : {}),
    // A connection lost mid-message is requeued by the pool at most once; further retries go
    // through the caller, which counts them.
    maxRequeues: 1,
    connectionTimeout: t.connection,
    greetingTimeout: t.greeting,
    socketTimeout: t.socket,
  });
  const target = redactSmtpUrl(smtpUrl);
  const from = parseMailbox(opts.from);
  opts.log?.(`mail goes to ${target} (pool of ${opts.poolSize ?? 5}${rate ? `, ${rate}/s` : ''})`);
  return {
    kind: 'smtp',
    target,
    maxSendMs: 2 * (t.connection + t.greeting + t.socket),
    async send(m) {
      try {
        const { messageId, raw } = compose(from, m);
        // messageId: nodemailer would otherwise make up one of its own (six random reads) for a raw message
        const info = await transporter.sendMail({ envelope: { from: from.address, to: [m.to] }, raw, messageId });
        return { messageId, accepted: (info.accepted ?? []).map(String), response: String(info.response ?? '') };
      } catch (err) {
        throw classifyMailError(err);
      }
    },
    async close() {
      transporter.close();
    },
  };
}

/** Files are named after the Message-ID: sending the same message twice rewrites one file. */
const fileName = (messageId: string) => `${messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9._@-]/g, '_').slice(0, 180)}.eml`;

function createOutboxTransport(opts: MailTransportOptions): MailTransport {
  const dir = resolve(opts.outboxDir);
  const from = parseMailbox(opts.from);
  opts.log?.(`SMTP_URL is unset: mail is written as .eml files to ${dir}`);
  return {
    kind: 'outbox',
    target: dir,
    maxSendMs: 10_000,
    async send(m) {
      const { messageId, raw } = compose(from, m);
      const path = join(dir, fileName(messageId));
      await mkdir(dir, { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      await writeFile(tmp, raw, 'utf8');
      await rename(tmp, path);
      opts.log?.(`wrote ${path}`);
      return { messageId, accepted: [m.to], response: path };
    },
    async close() {},
  };
}
