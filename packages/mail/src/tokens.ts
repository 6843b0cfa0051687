import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Signed links for subscribers without an account. A token is
 * `base64url(JSON [purpose, subscriberId, tokenVersion, expiresAtSeconds]) . base64url(HMAC-SHA256)`.
 * The purpose is inside the signed part, so an unsubscribe token can never confirm or open the
 * preference centre. Bumping the subscriber's `token_version` revokes every link already sent:
 * the caller compares the version in the claims with the stored one.
 */
export const TOKEN_PURPOSES = ['confirm', 'prefs', 'unsubscribe'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/** Defaults: a confirmation is short-lived; links in digests must still work in old emails. */
export const TOKEN_TTL_SECONDS: Record<TokenPurpose, number> = {
  confirm: 7 * 24 * 3600,
  prefs: 365 * 24 * 3600,
  unsubscribe: 365 * 24 * 3600,
};

export interface LinkSubject {
  id: string;
  tokenVersion: number;
}

export interface TokenClaims {
  purpose: TokenPurpose;
  subscriberId: string;
  tokenVersion: number;
  expiresAt: Date;
}

/** `invalid`: malformed, tampered, signed with another secret or for another purpose. */
export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'invalid' | 'expired'; claims?: TokenClaims };

const DOMAIN = 'emn-pulse.link.v1.';
const MAX_TOKEN_LENGTH = 512;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/;

/** A fresh 256-bit secret, for a deployment that sets no `PULSE_SECRET`. */
export const generateTokenSecret = (): string => randomBytes(32).toString('base64url');

function mac(secret: string, payload: string): Buffer {
  if (secret.length < 16) throw new Error('token secret too short');
  return createHmac('sha256', secret).update(DOMAIN + payload).digest();
}

export function signToken(
  secret: string,
  purpose: TokenPurpose,
  subject: LinkSubject,
  opts: { ttlSeconds?: number; now?: Date } = {},
): string {
  const now = opts.now ?? new Date();
  const exp = Math.floor(now.getTime() / 1000) + (opts.ttlSeconds ?? TOKEN_TTL_SECONDS[purpose]);
  const payload = Buffer.from(JSON.stringify([purpose, subject.id, subject.tokenVersion, exp])).toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

function parseClaims(payload: string): TokenClaims | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 4) return null;
    const [purpose, id, version, exp] = v as unknown[];
    if (!(TOKEN_PURPOSES as readonly unknown[]).includes(purpose)) return null;
    if (typeof id !== 'string' || id.length === 0 || !Number.isInteger(version) || !Number.isInteger(exp)) return null;
    return { purpose: purpose as TokenPurpose, subscriberId: id, tokenVersion: version as number, expiresAt: new Date((exp as number) * 1000) };
  } catch {
    return null;
  }
}

/** Checks the signature (constant time) before trusting anything in the payload. */
export function verifyToken(secret: string, token: unknown, purpose: TokenPurpose, now = new Date()): TokenCheck {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH || !TOKEN_SHAPE.test(token)) return { ok: false, reason: 'invalid' };
  const [payload = '', signature = ''] = token.split('.');
  // Compared as canonical text: decoding first would accept other spellings of the last character.
  const given = Buffer.from(signature, 'ascii');
  const expected = Buffer.from(mac(secret, payload).toString('base64url'), 'ascii');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  const claims = parseClaims(payload);
  if (!claims || claims.purpose !== purpose) return { ok: false, reason: 'invalid' };
  if (claims.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired', claims };
  return { ok: true, claims };
}
