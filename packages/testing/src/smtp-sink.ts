import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';

export interface SinkMessage {
  envelope: { from: string; to: string[] };
  raw: Buffer;
  parsed: ParsedMail;
  receivedAt: Date;
}

export interface SmtpSinkOptions {
  /** Reply code to give a recipient at RCPT TO (e.g. 450, 550); undefined accepts it. */
  failWith?: (rcpt: string) => number | undefined;
  /** Wait this long before answering each RCPT TO: a slow server, before any data is sent. */
  delayMs?: number;
  /** Count accepted messages without keeping or parsing them (benchmarks). */
  discard?: boolean;
}

export interface SmtpSink {
  url: string;
  port: number;
  /** Parsed messages, in the order their parsing finished (empty with `discard`). */
  messages: SinkMessage[];
  /** Messages answered 250, counted at once (the sink "commits" before replying, as an MTA does). */
  readonly accepted: number;
  /** Every RCPT TO refused through `failWith`. */
  rejections: { rcpt: string; code: number }[];
  /** Transactions currently stopped at MAIL FROM by `hold()`. */
  readonly held: number;
  /** Transactions past MAIL FROM and not yet answered after their data (or refused). */
  readonly inFlight: number;
  waitFor(n: number, timeoutMs?: number): Promise<SinkMessage[]>;
  /** Resolves once every accepted message has been parsed into `messages`. */
  settled(timeoutMs?: number): Promise<SinkMessage[]>;
  setFailWith(fn: SmtpSinkOptions['failWith']): void;
  setDelay(ms: number): void;
  /** Stops new transactions at MAIL FROM until `release()`; lets a test kill a client at a known point. */
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

/** Parses one RFC 822 message (an .eml file, a captured message) the way the sink does. */
export const parseMail = (raw: Buffer | string): Promise<ParsedMail> => simpleParser(raw);

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

/** A real SMTP server on loopback, port 0, that keeps (and parses) what it is sent. */
export async function startSmtpSink(opts: SmtpSinkOptions = {}): Promise<SmtpSink> {
  let failWith = opts.failWith;
  let delayMs = opts.delayMs ?? 0;
  let accepted = 0;
  let holding = false;
  let heldCallbacks: { session: string; go: () => void }[] = [];
  const messages: SinkMessage[] = [];
  const rejections: SmtpSink['rejections'] = [];
  const waiters = new Set<() => void>();
  const open = new Set<string>();
  const notify = () => waiters.forEach((w) => w());

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    closeTimeout: 100,
    onMailFrom(_address: SMTPServerAddress, session: SMTPServerSession, cb: (err?: Error | null) => void) {
      const go = () => {
        open.add(session.id);
        cb();
      };
      if (holding) heldCallbacks.push({ session: session.id, go });
      else go();
    },
    onClose(session: SMTPServerSession) {
      open.delete(session.id);
      heldCallbacks = heldCallbacks.filter((h) => h.session !== session.id);
    },
    onRcptTo(address: SMTPServerAddress, session: SMTPServerSession, cb: (err?: Error | null) => void) {
      const reply = () => {
        const code = failWith?.(address.address);
        if (code !== undefined) {
          rejections.push({ rcpt: address.address, code });
          open.delete(session.id);
          cb(smtpError(code, code >= 500 ? 'mailbox unavailable (sink)' : 'try again later (sink)'));
        } else cb();
      };
      if (delayMs > 0) setTimeout(reply, delayMs);
      else reply();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => {
        if (!opts.discard) chunks.push(c);
      });
      // The envelope is reset once the transaction is answered: read it first.
      const envelope = {
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((r) => r.address),
      };
      stream.on('end', () => {
        accepted += 1;
        open.delete(session.id);
        cb();
        if (opts.discard) return notify();
        const raw = Buffer.concat(chunks);
        void simpleParser(raw).then((parsed) => {
          messages.push({ envelope, raw, parsed, receivedAt: new Date() });
          notify();
        });
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;

  const waitFor = (n: number, timeoutMs = 15_000): Promise<SinkMessage[]> => {
    const count = () => (opts.discard ? accepted : messages.length);
    if (count() >= n) return Promise.resolve(messages);
    return new Promise((resolve, reject) => {
      const check = () => {
        if (count() < n) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(messages);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`smtp sink: ${count()} of ${n} messages after ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.add(check);
    });
  };

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    get accepted() {
      return accepted;
    },
    get held() {
      return heldCallbacks.length;
    },
    get inFlight() {
      return open.size;
    },
    rejections,
    waitFor,
    settled: (timeoutMs = 15_000) => waitFor(accepted, timeoutMs),
    setFailWith: (fn) => {
      failWith = fn;
    },
    setDelay: (ms) => {
      delayMs = ms;
    },
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      const pending = heldCallbacks;
      heldCallbacks = [];
      pending.forEach((h) => h.go());
    },
    close: () =>
      new Promise<void>((resolve) => {
        holding = false;
        heldCallbacks = [];
        server.close(() => resolve());
      }),
  };
}
