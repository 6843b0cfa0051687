import type { IncomingHttpHeaders } from 'node:http';

const MAX_HINT_SECONDS = 7 * 24 * 3600;

const header = (headers: IncomingHttpHeaders, name: string): string | null => {
  const v = headers[name];
  if (Array.isArray(v)) return v.join(', ');
  return v ?? null;
};

/** `Cache-Control: max-age=N` (or `Expires` minus `Date`), in seconds; `no-store`/`no-cache` is 0. */
export function parseMaxAge(headers: IncomingHttpHeaders, now = Date.now()): number | null {
  const cc = header(headers, 'cache-control');
  if (cc) {
    const directives = cc.toLowerCase().split(',').map((d) => d.trim());
    if (directives.includes('no-store') || directives.includes('no-cache')) return 0;
    const maxAge = directives.map((d) => /^max-age\s*=\s*"?(\d+)"?$/.exec(d)).find(Boolean);
    if (maxAge) return Math.min(Number(maxAge[1]), MAX_HINT_SECONDS);
  }
  const expires = header(headers, 'expires');
  if (!expires) return null;
  const at = Date.parse(expires);
  // An invalid Expires (often "0" or "-1") means "already expired" (RFC 9111 §5.3).
  if (Number.isNaN(at)) return 0;
  const date = Date.parse(header(headers, 'date') ?? '');
  const base = Number.isNaN(date) ? now : date;
  return Math.min(Math.max(0, Math.round((at - base) / 1000)), MAX_HINT_SECONDS);
}

/** `Retry-After` as delay-seconds or an HTTP-date, in seconds from now. */
export function parseRetryAfter(headers: IncomingHttpHeaders, now = Date.now()): number | null {
  const value = header(headers, 'retry-after')?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Math.min(Number(value), MAX_HINT_SECONDS);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, Math.ceil((at - now) / 1000)), MAX_HINT_SECONDS);
}

export { header as headerValue };
