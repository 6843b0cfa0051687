import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { assertPublicUrl, guardedLookup } from '@pulse/feeds';
import { WEBHOOKS_ENV, type WebhooksEnv } from '../config/env';

export const USER_AGENT = 'EMN-Pulse-Webhooks/1.0 (+https://www.standardwebhooks.com/)';
/** The delivery log keeps this much of a response body. */
export const EXCERPT_BYTES = 1024;
/** Read (and drop) at most this much of a response before giving up on the connection. */
const DRAIN_LIMIT_BYTES = 64 * 1024;
/** Idle keep-alive sockets are closed after this; receivers often close theirs at 5 s. */
const IDLE_SOCKET_MS = 4000;

export interface SendResult {
  /** 2xx: the receiver took the message. */
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
}

/**
 * POSTs one signed message. Redirects are not followed (a 3xx is a failure); the address is
 * checked before the request and again at connect time, so a name that resolves to a private
 * address is refused unless private networks are allowed.
 */
@Injectable()
export class WebhookSenderService implements OnModuleDestroy {
  private readonly allowPrivate: boolean;
  private readonly timeoutMs: number;
  private readonly agents: { http: http.Agent; https: https.Agent };

  constructor(@Inject(WEBHOOKS_ENV) env: WebhooksEnv) {
    this.allowPrivate = env.PULSE_ALLOW_PRIVATE_NETWORKS;
    this.timeoutMs = env.PULSE_WEBHOOK_TIMEOUT;
    const lookup = guardedLookup(this.allowPrivate);
    const opts = { keepAlive: true, timeout: IDLE_SOCKET_MS, lookup, scheduling: 'lifo' as const };
    this.agents = { http: new http.Agent(opts), https: new https.Agent(opts) };
  }

  onModuleDestroy(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  async send(url: string, headers: Record<string, string>, body: string): Promise<SendResult> {
    const started = performance.now();
    try {
      await assertPublicUrl(url, this.allowPrivate);
    } catch (err) {
      return { ok: false, statusCode: null, latencyMs: elapsed(started), responseExcerpt: null, error: (err as Error).message };
    }
    return this.post(new URL(url), headers, body, started);
  }

  private post(url: URL, headers: Record<string, string>, body: string, started: number): Promise<SendResult> {
    return new Promise((resolve) => {
      let settled = false;
      let status: number | null = null;
      let excerpt: Buffer = Buffer.alloc(0);
      const finish = (error: string | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const ok = status !== null && status >= 200 && status < 300;
        resolve({ ok, statusCode: status, latencyMs: elapsed(started), responseExcerpt: status === null ? null : decodeExcerpt(excerpt), error: ok ? error : (error ?? statusError(status, location)) });
      };
      let location: string | undefined;
      const lib = url.protocol === 'https:' ? https : http;
      const req = lib.request(url, {
        method: 'POST',
        agent: url.protocol === 'https:' ? this.agents.https : this.agents.http,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': USER_AGENT },
      });
      const timer = setTimeout(() => req.destroy(new Error(`timed out after ${this.timeoutMs} ms`)), this.timeoutMs);
      req.on('error', (err) => finish(status === null ? describe(err) : `response interrupted: ${describe(err)}`));
      req.on('response', (res) => {
        status = res.statusCode ?? null;
        location = res.headers.location;
        let seen = 0;
        res.on('data', (chunk: Buffer) => {
          seen += chunk.length;
          if (excerpt.length < EXCERPT_BYTES) excerpt = Buffer.concat([excerpt, chunk]).subarray(0, EXCERPT_BYTES);
          if (seen > DRAIN_LIMIT_BYTES) {
            res.destroy();
            finish(null);
          }
        });
        res.on('end', () => finish(null));
        res.on('error', (err) => finish(`response interrupted: ${describe(err)}`));
        res.on('aborted', () => finish('response interrupted'));
      });
      req.end(body);
    });
  }
}

const elapsed = (started: number) => Math.max(0, Math.round(performance.now() - started));

function describe(err: Error): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code && !err.message.includes(code) ? `${code}: ${err.message}` : err.message;
}

function statusError(status: number | null, location?: string): string | null {
  if (status === null) return 'no response';
  if (status >= 300 && status < 400) return `HTTP ${status}: redirect not followed${location ? ` (Location: ${location.slice(0, 300)})` : ''}`;
  return `HTTP ${status}`;
}

/** Up to 1 KiB (as UTF-8) of text; a character cut in half at the end is dropped. */
export function decodeExcerpt(bytes: Buffer): string | null {
  if (bytes.length === 0) return null;
  let text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, EXCERPT_BYTES))
    .replace(/\uFFFD$/, '')
    // PostgreSQL text cannot hold NUL
    .replace(/\u0000/g, '');
  // invalid bytes decode to U+FFFD (3 bytes each): the text can outgrow the bytes it came from
  while (Buffer.byteLength(text) > EXCERPT_BYTES) text = text.slice(0, -1);
  return text;
}
