import { generateTokenSecret, signToken, TOKEN_TTL_SECONDS, verifyToken } from './tokens';

const secret = 'a-test-secret-that-is-long-enough';
const subject = { id: '5f0c6a3e-3c1e-4c55-9d55-1b8a0c7e9d10', tokenVersion: 3 };
const now = new Date('2026-03-01T12:00:00Z');

describe('signed link tokens', () => {
  it('round-trips purpose, subscriber id, token version and expiry', () => {
    const token = signToken(secret, 'prefs', subject, { now });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    const check = verifyToken(secret, token, 'prefs', now);
    expect(check).toEqual({
      ok: true,
      claims: {
        purpose: 'prefs',
        subscriberId: subject.id,
        tokenVersion: 3,
        expiresAt: new Date(now.getTime() + TOKEN_TTL_SECONDS.prefs * 1000),
      },
    });
  });

  it('is bound to its purpose', () => {
    const token = signToken(secret, 'unsubscribe', subject, { now });
    expect(verifyToken(secret, token, 'confirm', now)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyToken(secret, token, 'prefs', now)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyToken(secret, token, 'unsubscribe', now).ok).toBe(true);
  });

  it('expires', () => {
    const token = signToken(secret, 'confirm', subject, { now, ttlSeconds: 60 });
    expect(verifyToken(secret, token, 'confirm', new Date(now.getTime() + 59_000)).ok).toBe(true);
    const late = verifyToken(secret, token, 'confirm', new Date(now.getTime() + 60_000));
    expect(late).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('rejects a token signed with another secret, or with any byte changed', () => {
    const token = signToken(secret, 'confirm', subject, { now });
    expect(verifyToken(generateTokenSecret(), token, 'confirm', now)).toEqual({ ok: false, reason: 'invalid' });
    const [payload, sig] = token.split('.') as [string, string];
    // the payload re-signed by nobody: another subscriber id, same signature
    const other = Buffer.from(JSON.stringify(['confirm', 'someone-else', 3, 9_999_999_999])).toString('base64url');
    expect(verifyToken(secret, `${other}.${sig}`, 'confirm', now).ok).toBe(false);
    for (let i = 0; i < token.length; i++) {
      if (token[i] === '.') continue;
      const flipped = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
      expect(verifyToken(secret, flipped, 'confirm', now).ok).toBe(false);
    }
    expect(verifyToken(secret, `${payload}.${sig}`, 'confirm', now).ok).toBe(true);
    // the signature's last character has 2 unused bits: no other spelling of it may pass
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (const c of alphabet) {
      if (c === sig.at(-1)) continue;
      expect(verifyToken(secret, `${payload}.${sig.slice(0, -1)}${c}`, 'confirm', now).ok).toBe(false);
    }
  });

  it('rejects malformed input without throwing', () => {
    for (const bad of [undefined, null, 42, '', '.', 'abc', 'a.b', `x.${'A'.repeat(43)}`, `${'A'.repeat(600)}.${'A'.repeat(43)}`, ['a']]) {
      expect(verifyToken(secret, bad, 'confirm', now)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('carries the token version, so a bump is visible to the caller', () => {
    const old = signToken(secret, 'prefs', { ...subject, tokenVersion: 1 }, { now });
    const check = verifyToken(secret, old, 'prefs', now);
    expect(check.ok && check.claims.tokenVersion).toBe(1);
  });

  it('refuses a secret too short to be one', () => {
    expect(() => signToken('short', 'prefs', subject)).toThrow('too short');
  });
});
