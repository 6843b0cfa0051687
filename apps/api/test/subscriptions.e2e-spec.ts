import { buildManageLinks, signToken, verifyToken } from '@pulse/mail';
import { startSubscriptionHarness, PUBLIC_BASE_URL, type SubscriptionHarness } from './subscription-harness';

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
  redirect: 'manual' as const,
});

const subscribeBody = (email: string, extra: Record<string, unknown> = {}) => ({
  email,
  themes: ['integration', 'trafficking'],
  frequency: 'weekly',
  timezone: 'Europe/Paris',
  language: 'en',
  ...extra,
});

describe('subscriptions (api, double opt-in, links, data protection)', () => {
  let h: SubscriptionHarness;

  beforeAll(async () => {
    h = await startSubscriptionHarness('subs');
  });
  afterAll(async () => {
    await h?.close();
  });

  const subscribe = (body: unknown) =>
    fetch(`${h.appUrl}/api/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'pulse-e2e/1.0' },
      body: JSON.stringify(body),
    });
  const subscriberRow = async (email: string) =>
    (await h.db.database.sql.query<Record<string, unknown>>('SELECT * FROM subscribers WHERE email = $1', [email]))[0];
  const outboxCount = async (email: string) =>
    (await h.db.database.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM mail_outbox WHERE to_address = $1', [email]))[0]?.n;
  const linkFrom = (text: string, path: string) => {
    const m = text.match(new RegExp(`${PUBLIC_BASE_URL.replace(/\./g, '\\.')}${path}\\?token=[A-Za-z0-9._%-]+`));
    if (!m) throw new Error(`no ${path} link in: ${text}`);
    return m[0];
  };

  it('subscribes with double opt-in: signed link by mail, GET shows a button, only POST confirms', async () => {
    const res = await subscribe(subscribeBody('Alice@Example.org'));
    expect(res.status).toBe(202);
    const accepted = await res.json();
    expect(accepted.status).toBe('accepted');

    const [mail] = await h.sink.waitFor(1);
    expect(mail?.envelope.to).toEqual(['alice@example.org']);
    expect(mail?.parsed.subject).toBe('Confirm your EMN Pulse subscription');
    expect(mail?.parsed.html).toContain('Confirm my subscription');
    const link = linkFrom(mail?.parsed.text ?? '', '/confirm');
    expect(mail?.parsed.html).toContain(link);
    const token = new URL(link).searchParams.get('token');
    const check = verifyToken(await h.secret(), token, 'confirm');
    expect(check.ok).toBe(true);
    const row = await subscriberRow('alice@example.org');
    expect(check.ok && check.claims.subscriberId).toBe(row?.id);
    expect(row).toMatchObject({ status: 'pending', frequency: 'weekly', weekday: 1, send_hour: 7, timezone: 'Europe/Paris' });
    expect(row?.types).toEqual(['press-release', 'news', 'event', 'publication', 'newsletter']);

    // Queue payloads are ids: the address is nowhere in Redis.
    const redis = await h.redisDump();
    expect(redis).toContain('mail-send');
    expect(redis.toLowerCase()).not.toContain('alice@example.org');

    const page = await fetch(h.rebase(link));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<form method="post" action="/confirm">');
    expect(html).toContain('alice@example.org');
    expect((await subscriberRow('alice@example.org'))?.status).toBe('pending');

    const done = await fetch(`${h.appUrl}/confirm`, form({ token: token ?? '' }));
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('You are subscribed');
    const confirmed = await subscriberRow('alice@example.org');
    expect(confirmed?.status).toBe('active');
    expect(confirmed?.confirmed_at).toBeInstanceOf(Date);

    const consents = await h.db.database.sql.query<Record<string, unknown>>('SELECT * FROM consents WHERE subscriber_id = $1', [confirmed?.id]);
    expect(consents).toHaveLength(1);
    expect(consents[0]).toMatchObject({ source: 'api', text_version: '2026-11-v1', user_agent: 'pulse-e2e/1.0', ip: '127.0.0.1' });
    expect(String(consents[0]?.text)).toContain('I agree that EMN Pulse stores my email address');
    expect(consents[0]?.confirmed_at).toBeInstanceOf(Date);
  });

  it('answers a repeated subscribe the same way and sends no second mail within the window', async () => {
    const first = await subscribe(subscribeBody('bob@example.org'));
    await h.sink.waitFor(2);
    const again = await subscribe(subscribeBody('bob@example.org', { themes: ['legal-migration'] }));
    const known = await subscribe(subscribeBody('alice@example.org'));
    const bodies = [await first.json(), await again.json(), await known.json()];
    expect([first.status, again.status, known.status]).toEqual([202, 202, 202]);
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
    expect(await outboxCount('bob@example.org')).toBe(1);
    // alice is confirmed: her earlier mail (the confirmation) is within the window, so nothing new
    expect(await outboxCount('alice@example.org')).toBe(1);
    // the latest request's preferences win while pending, and one unconfirmed consent is kept
    const bob = await subscriberRow('bob@example.org');
    expect(bob?.themes).toEqual(['legal-migration']);
    const consents = await h.db.database.sql.query('SELECT id FROM consents WHERE subscriber_id = $1', [bob?.id]);
    expect(consents).toHaveLength(1);

    // Once the window has passed, a new request gets a new mail.
    await h.db.database.sql.query("UPDATE subscribers SET last_confirmation_sent_at = now() - interval '11 minutes' WHERE email = $1", ['bob@example.org']);
    expect((await subscribe(subscribeBody('bob@example.org'))).status).toBe(202);
    const mails = await h.sink.waitFor(3);
    expect(mails.filter((m) => m.envelope.to[0] === 'bob@example.org')).toHaveLength(2);
    expect(h.sink.messages).toHaveLength(3);
  });

  it('rejects invalid input with 422 problem details, one error per field', async () => {
    const res = await subscribe({
      email: 'not-an-address',
      themes: ['integration', 'astrology'],
      frequency: 'hourly',
      timezone: 'Mars/Olympus_Mons',
      sendHour: 25,
      weekday: 9,
      language: 'tlh',
      types: [],
      colour: 'blue',
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = await res.json();
    expect(problem.status).toBe(422);
    expect(problem.errors.map((e: { field: string }) => e.field)).toEqual([
      'email',
      'themes',
      'frequency',
      'timezone',
      'sendHour',
      'weekday',
      'language',
      'types',
      'colour',
    ]);
    expect((await subscribe({ ...subscribeBody('x@example.org'), themes: [] })).status).toBe(422);
    expect(await outboxCount('x@example.org')).toBe(0);
  });

  it('unsubscribes with one click (RFC 8058): 200, no redirect, repeatable; GET only shows a button', async () => {
    const alice = await subscriberRow('alice@example.org');
    const links = buildManageLinks(PUBLIC_BASE_URL, { id: String(alice?.id), tokenVersion: Number(alice?.token_version) }, await h.secret());
    expect(links.headers['List-Unsubscribe']).toBe(`<${links.unsubscribeUrl}>`);
    expect(links.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');

    const page = await fetch(h.rebase(links.unsubscribeUrl));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="List-Unsubscribe" value="One-Click"');
    expect((await subscriberRow('alice@example.org'))?.status).toBe('active');

    const res = await fetch(h.rebase(links.unsubscribeUrl), form({ 'List-Unsubscribe': 'One-Click' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
    expect((await subscriberRow('alice@example.org'))?.status).toBe('unsubscribed');

    // Mail providers may post multipart and may retry.
    const multipart = new FormData();
    multipart.set('List-Unsubscribe', 'One-Click');
    const again = await fetch(h.rebase(links.unsubscribeUrl), { method: 'POST', body: multipart, redirect: 'manual' });
    expect(again.status).toBe(200);
  });

  it('treats a subscribe after an unsubscribe as a new double opt-in, revoking the old links', async () => {
    const before = await subscriberRow('alice@example.org');
    expect(before?.status).toBe('unsubscribed');
    const old = buildManageLinks(PUBLIC_BASE_URL, { id: String(before?.id), tokenVersion: Number(before?.token_version) }, await h.secret());
    await h.db.database.sql.query("UPDATE subscribers SET last_confirmation_sent_at = now() - interval '11 minutes' WHERE id = $1", [before?.id]);

    expect((await subscribe(subscribeBody('alice@example.org', { themes: ['return-readmission'] }))).status).toBe(202);
    const after = await subscriberRow('alice@example.org');
    expect(after).toMatchObject({ status: 'pending', themes: ['return-readmission'], token_version: Number(before?.token_version) + 1 });
    expect((await fetch(h.rebase(old.preferencesUrl))).status).toBe(410);

    const mails = await h.sink.waitFor(4);
    const link = linkFrom(mails[3]?.parsed.text ?? '', '/confirm');
    expect(mails[3]?.envelope.to).toEqual(['alice@example.org']);
    expect((await fetch(`${h.appUrl}/confirm`, form({ token: new URL(link).searchParams.get('token') ?? '' }))).status).toBe(200);
    expect((await subscriberRow('alice@example.org'))?.status).toBe('active');
    const consents = await h.db.database.sql.query<{ confirmed_at: Date | null }>('SELECT confirmed_at FROM consents WHERE subscriber_id = $1', [before?.id]);
    expect(consents).toHaveLength(2);
    expect(consents.every((c) => c.confirmed_at instanceof Date)).toBe(true);
  });

  it('tells a confirmed address that subscribes again how to manage it, changing nothing', async () => {
    const alice = await subscriberRow('alice@example.org');
    await h.db.database.sql.query("UPDATE subscribers SET last_confirmation_sent_at = now() - interval '11 minutes' WHERE id = $1", [alice?.id]);
    expect((await subscribe(subscribeBody('alice@example.org', { themes: ['legal-migration'], frequency: 'daily' }))).status).toBe(202);
    const mails = await h.sink.waitFor(5);
    expect(mails[4]?.parsed.subject).toBe('Your EMN Pulse subscription');
    const prefs = linkFrom(mails[4]?.parsed.text ?? '', '/preferences');
    expect(verifyToken(await h.secret(), new URL(prefs).searchParams.get('token'), 'prefs').ok).toBe(true);
    expect(await subscriberRow('alice@example.org')).toMatchObject({ status: 'active', themes: ['return-readmission'], frequency: 'weekly' });
    const page = await fetch(h.rebase(prefs));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Preferences for alice@example.org.');
  });

  it('answers tampered, wrong-purpose, expired and revoked links with a clear 400/410 page', async () => {
    const bob = await subscriberRow('bob@example.org');
    const subject = { id: String(bob?.id), tokenVersion: Number(bob?.token_version) };
    const secret = await h.secret();
    const good = signToken(secret, 'confirm', subject);
    const tampered = `${good.slice(0, -2)}${good.endsWith('AA') ? 'BB' : 'AA'}`;
    const forged = signToken('another-secret-of-32-characters!', 'confirm', subject);
    const wrongPurpose = signToken(secret, 'unsubscribe', subject);
    const expired = signToken(secret, 'confirm', subject, { now: new Date(Date.now() - 8 * 24 * 3600 * 1000) });

    for (const token of [tampered, forged, wrongPurpose, 'garbage', '']) {
      const res = await fetch(`${h.appUrl}/confirm?token=${encodeURIComponent(token)}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toContain('This link does not work');
    }
    const old = await fetch(`${h.appUrl}/confirm?token=${expired}`);
    expect(old.status).toBe(410);
    expect(await old.text()).toContain('This link is no longer valid');
    // a POST with a bad token changes nothing either
    expect((await fetch(`${h.appUrl}/confirm`, form({ token: tampered }))).status).toBe(400);
    expect((await fetch(`${h.appUrl}/unsubscribe?token=${tampered}`, form({}))).status).toBe(400);
    expect((await subscriberRow('bob@example.org'))?.status).toBe('pending');

    await h.db.database.sql.query('UPDATE subscribers SET token_version = token_version + 1 WHERE id = $1', [bob?.id]);
    const revoked = await fetch(`${h.appUrl}/confirm?token=${good}`);
    expect(revoked.status).toBe(410);
  });

  it('exports everything held as JSON, then erases it all from PostgreSQL and Redis', async () => {
    const email = 'carol@example.org';
    expect((await subscribe(subscribeBody(email, { language: 'fr' }))).status).toBe(202);
    const mails = await h.sink.waitFor(6);
    const confirmLink = linkFrom(mails.find((m) => m.envelope.to[0] === email)?.parsed.text ?? '', '/confirm');
    expect((await fetch(`${h.appUrl}/confirm`, form({ token: new URL(confirmLink).searchParams.get('token') ?? '' }))).status).toBe(200);
    const carol = await subscriberRow(email);
    const { preferencesUrl } = buildManageLinks(PUBLIC_BASE_URL, { id: String(carol?.id), tokenVersion: Number(carol?.token_version) }, await h.secret());

    const exported = await fetch(h.rebase(preferencesUrl), form({ action: 'export' }));
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    const data = await exported.json();
    expect(data.subscriber).toMatchObject({ email, status: 'active', language: 'fr', themes: ['integration', 'trafficking'] });
    expect(data.consents).toHaveLength(1);
    expect(data.consents[0].text).toContain("J'accepte");
    expect(data.mails).toHaveLength(1);
    expect(data.mails[0]).toMatchObject({ toAddress: email, kind: 'confirmation', status: 'sent' });

    expect(await h.findInDatabase(email)).toEqual(expect.arrayContaining(['subscribers.email', 'mail_outbox.to_address']));
    const ask = await fetch(h.rebase(preferencesUrl), form({ action: 'erase' }));
    expect(await ask.text()).toContain('erase-confirm');
    expect(await subscriberRow(email)).toBeDefined();

    const erased = await fetch(h.rebase(preferencesUrl), form({ action: 'erase-confirm' }));
    expect(erased.status).toBe(200);
    expect(await erased.text()).toContain('Vos données sont effacées');
    expect(await h.findInDatabase(email)).toEqual([]);
    expect((await h.redisDump()).toLowerCase()).not.toContain(email);
    // the links die with the data
    expect((await fetch(h.rebase(preferencesUrl))).status).toBe(410);
  });
});
