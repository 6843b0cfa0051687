import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { type AddressPolicy, assertPublicUrl, guardedLookup } from './address.guard';
import { readLimitedBody } from './body.reader';
import { FeedError } from './feed.error';
import { headerValue, parseMaxAge, parseRetryAfter } from './http-cache.headers';

export const DEFAULT_USER_AGENT = 'EMN-Pulse/1.0 (+https://github.com/emn-pulse; feed reader)';
export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_BYTES = 15 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, text/calendar;q=0.8, */*;q=0.5';

export interface FetchOptions {
  etag?: string | null;
  lastModified?: string | null;
  allowPrivateNetworks: boolean;
  /** Whole fetch, all hops and the body included. Default 20 s. */
  timeoutMs?: number;
  /** Limit on the decoded body (and on the bytes on the wire). Default 15 MiB. */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  userAgent?: string;
  /** Overrides which resolved addresses may be contacted (an operator allow-list, tests). */
  addressPolicy?: AddressPolicy;
}

interface CacheHints {
  finalUrl: string;
  etag: string | null;
  lastModified: string | null;
  maxAgeSeconds: number | null;
  retryAfterSeconds: number | null;
}

export type FetchResult =
  | ({ status: 'not-modified' } & CacheHints)
  | ({ status: 'ok'; body: Buffer; contentType: string | null; httpStatus: number } & CacheHints);

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function hints(res: IncomingMessage, finalUrl: string): CacheHints {
  return {
    finalUrl,
    etag: headerValue(res.headers, 'etag'),
    lastModified: headerValue(res.headers, 'last-modified'),
    maxAgeSeconds: parseMaxAge(res.headers),
    retryAfterSeconds: parseRetryAfter(res.headers),
  };
}

function requestHeaders(opts: FetchOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': opts.userAgent ?? DEFAULT_USER_AGENT,
    accept: ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (opts.etag) headers['if-none-match'] = opts.etag;
  if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
  return headers;
}

function send(url: URL, opts: FetchOptions, signal: AbortSignal): Promise<IncomingMessage> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, {
      method: 'GET',
      headers: requestHeaders(opts),
      // Checked again at connect time: the answer may differ from the one assertPublicUrl saw.
      lookup: guardedLookup(opts.allowPrivateNetworks, opts.addressPolicy),
      agent: false,
      signal,
    });
    req.once('response', resolve);
    req.once('error', reject);
    req.end();
  });
}

function networkError(err: unknown, signal: AbortSignal): FeedError {
  if (signal.aborted) return signal.reason as FeedError;
  if (err instanceof FeedError) return err;
  const e = err as NodeJS.ErrnoException;
  return new FeedError('network', `${e.code ? `${e.code}: ` : ''}${e.message}`, { cause: err });
}

async function withAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) throw signal.reason;
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

function httpError(res: IncomingMessage): FeedError {
  const status = res.statusCode ?? 0;
  const retryAfter = parseRetryAfter(res.headers);
  const why = status === 202 ? ' (the server deferred the answer; often bot protection)' : '';
  return new FeedError('http-error', `HTTP ${status} ${res.statusMessage ?? ''}`.trim() + why, {
    httpStatus: status,
    ...(retryAfter === null ? {} : { retryAfterSeconds: retryAfter }),
  });
}

async function follow(url: string, opts: FetchOptions, signal: AbortSignal): Promise<FetchResult> {
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  let current = url;
  for (let hop = 0; ; hop++) {
    await withAbort(assertPublicUrl(current, opts.allowPrivateNetworks, opts.addressPolicy), signal);
    const res = await send(new URL(current), opts, signal).catch((err) => {
      throw networkError(err, signal);
    });
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (REDIRECTS.has(status) && location) {
      res.destroy();
      if (hop >= maxRedirects) throw new FeedError('too-many-redirects', `more than ${maxRedirects} redirects (last to ${location})`);
      current = new URL(location, current).toString();
      continue;
    }
    if (status === 304) {
      res.resume();
      return { status: 'not-modified', ...hints(res, current) };
    }
    // 202 and other odd 2xx answers carry no feed; 203 (a transforming proxy) does.
    if (status !== 200 && status !== 203 && status !== 204) {
      res.destroy();
      throw httpError(res);
    }
    const body = status === 204 ? Buffer.alloc(0) : await readLimitedBody(res, opts.maxBytes ?? DEFAULT_MAX_BYTES, signal);
    return { status: 'ok', body, contentType: headerValue(res.headers, 'content-type'), httpStatus: status, ...hints(res, current) };
  }
}

/**
 * Conditional GET of a feed with node's http(s): every hop passes the SSRF guard, the whole
 * fetch (a slow-dripping server included) has one deadline, and the body one size limit.
 * Throws FeedError.
 */
export async function fetchFeed(url: string, opts: FetchOptions): Promise<FetchResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new FeedError('timeout', `no complete answer within ${(timeoutMs / 1000).toFixed(timeoutMs % 1000 ? 1 : 0)} s`)),
    timeoutMs,
  );
  try {
    return await follow(url, opts, controller.signal);
  } catch (err) {
    throw networkError(err, controller.signal);
  } finally {
    clearTimeout(timer);
  }
}
