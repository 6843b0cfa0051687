import { claimDigest, markDigestSent, type Database } from '@pulse/db';
import { DigestRetryError, DigestSender, digestMessageId, planDueDigests, type DigestSenderOptions } from '@pulse/digest-core';
import { createMailTransport, type MailTransport } from '@pulse/mail';
import {
  createTestDatabase,
  insertClassifiedItems,
  insertSubscribers as insertRows,
  startSmtpSink,
  type SmtpSink,
  type SubscriberSeed,
  type TestDatabase,
} from '@pulse/testing';

/** Tuesday 10 March 2026, 12:00 UTC; Brussels is UTC+1, so a 07:00 digest went out at 06:00 UTC. */
const AT = new Date('2026-03-10T12:00:00Z');
const SEND = new Date('2026-03-10T06:00:00Z');
const h = (hours: number) => new Date(SEND.getTime() + hours * 3_600_000);
const FROM = 'EMN Pulse <pulse@pulse.example.org>';
/** Subscribers confirmed well before the test clock (the factory's default is relative to the real one). */
const CONFIRMED = new Date('2026-02-01T00:00:00Z');
const insertSubscribers = (db: Database, seeds: SubscriberSeed[]) =>
  insertRows(db, seeds.map((s) => ({ confirmedAt: CONFIRMED, createdAt: CONFIRMED, ...s })));

describe('digest planner and sender on PostgreSQL and a real SMTP server', () => {
  let tdb: TestDatabase;
  let db: Database;
  let sink: SmtpSink;
  const transports: MailTransport[] = [];

  const sender = (over: Partial<DigestSenderOptions> = {}) => {
    const transport = createMailTransport({ smtpUrl: sink.url, outboxDir: '/nonexistent', from: FROM, poolSize: 2 });
    transports.push(transport);
    return new DigestSender(db, transport, {
      baseUrl: 'https://pulse.example.org',
      secret: 'test-secret-of-sufficient-length',
      from: FROM,
      leaseMs: 60_000,
      maxBounces: 3,
      maxItems: 60,
      inDoubt: 'resend',
      clock: () => AT,
      ...over,
    });
  };
  const digestOf = async (email: string) =>
    db.sql.query<{ id: string; status: string; period_key: string; window_start: Date; window_end: Date; attempts: number; message_id: string | null; last_error: string | null; item_ids: string[] }>(
      `SELECT d.* FROM digests d JOIN subscribers s ON s.id = d.subscriber_id WHERE s.email = $1 ORDER BY d.window_end`,
      [email],
    );
  const subscriber = async (email: string) =>
    (await db.sql.query<{ status: string; bounce_count: number; last_digest_window_end: Date | null }>('SELECT * FROM subscribers WHERE email = $1', [email]))[0]!;
  const mailsTo = (email: string) => sink.messages.filter((m) => m.envelope.to.includes(email));

  beforeAll(async () => {
    tdb = await createTestDatabase('digestcore');
    db = tdb.database;
    sink = await startSmtpSink();
    await insertClassifiedItems(db, [
      { id: 'ret-1', title: 'Return: new "border procedure" <adopted>', themes: ['return-readmission'], classifiedAt: h(-20), publishedAt: h(-21) },
      { id: 'ret-2', title: 'Readmission agreement signed', themes: ['return-readmission', 'trafficking'], classifiedAt: h(-2) },
      { id: 'trf-1', title: 'Trafficking ring dismantled', themes: ['trafficking'], classifiedAt: h(-5), source: 'Europol' },
      { id: 'evt-1', title: 'JHA Council', type: 'event', themes: ['return-readmission'], classifiedAt: h(-3), startsAt: new Date('2026-06-12T07:30:00Z') },
      { id: 'late-1', title: 'Classified after the send time', themes: ['return-readmission'], classifiedAt: h(1) },
      { id: 'old-1', title: 'Classified long ago', themes: ['return-readmission'], classifiedAt: new Date('2026-02-01T00:00:00Z') },
      { id: 'leg-1', title: 'Blue Card statistics', themes: ['legal-migration'], classifiedAt: h(-4) },
    ]);
  });
  afterAll(async () => {
    for (const t of transports) await t.close();
    await sink.close();
    await tdb.drop();
  });
  beforeEach(() => sink.setFailWith(undefined));

  it('plans one row per due subscriber and period, once, with the right window', async () => {
    await insertSubscribers(db, [
      { email: 'due@example.org', themes: ['return-readmission', 'trafficking'], confirmedAt: new Date('2026-03-01T00:00:00Z') },
      { email: 'overdue@example.org', themes: ['trafficking'], lastDigestWindowEnd: new Date('2026-03-07T06:00:00Z') },
      { email: 'paused@example.org', themes: ['trafficking'], status: 'paused' },
      { email: 'pending@example.org', themes: ['trafficking'], status: 'pending', confirmedAt: null },
      { email: 'later@example.org', themes: ['trafficking'], sendHour: 18 },
      { email: 'newcomer@example.org', themes: ['trafficking'], confirmedAt: h(1), createdAt: h(0.5) },
      { email: 'weekly-friday@example.org', themes: ['trafficking'], frequency: 'weekly', weekday: 5 },
    ]);
    const first = await planDueDigests(db, AT);
    const again = await planDueDigests(db, new Date(AT.getTime() + 3_600_000));
    expect(again.created).toEqual([]);
    const planned = await db.sql.query<{ email: string; period_key: string; window_start: Date; window_end: Date }>(
      'SELECT s.email, d.period_key, d.window_start, d.window_end FROM digests d JOIN subscribers s ON s.id = d.subscriber_id ORDER BY s.email',
    );
    expect(first.created).toHaveLength(4);
    expect(planned).toEqual([
      { email: 'due@example.org', period_key: 'd:2026-03-10', window_start: new Date('2026-03-01T00:00:00Z'), window_end: SEND },
      // At 13:00 in Brussels an 18:00 subscriber's current period is yesterday's.
      { email: 'later@example.org', period_key: 'd:2026-03-09', window_start: CONFIRMED, window_end: new Date('2026-03-09T17:00:00Z') },
      // Three missed days make one digest reaching back to the last one, not three.
      { email: 'overdue@example.org', period_key: 'd:2026-03-10', window_start: new Date('2026-03-07T06:00:00Z'), window_end: SEND },
      // Friday 6 March was the last weekly send; first digest since confirmation.
      { email: 'weekly-friday@example.org', period_key: 'w:2026-W10', window_start: CONFIRMED, window_end: new Date('2026-03-06T06:00:00Z') },
    ]);
  });

  it('sends one multipart digest with its window, themes, grouping and unsubscribe headers, and never again', async () => {
    const [d] = await digestOf('due@example.org');
    const s = sender();
    const outcome = await s.send(d!.id);
    expect(outcome).toMatchObject({ status: 'sent', messageId: digestMessageId(d!.id, FROM), items: 4, resent: false });
    expect(await s.send(d!.id)).toEqual({ status: 'skipped', reason: 'already sent' });
    const [m] = await sink.waitFor(1);
    expect(mailsTo('due@example.org')).toHaveLength(1);
    const mail = m!.parsed;
    expect(mail.messageId).toBe(`<digest.${d!.id}@pulse.example.org>`);
    expect(mail.subject).toBe('EMN Pulse · 3 new items: Return and readmission (2), Trafficking in human beings (1) · 1 upcoming event');
    // Long header lines are folded (RFC 5322); unfold before comparing.
    const headers = Object.fromEntries(mail.headerLines.map((l) => [l.key, l.line.replace(/\r?\n[ \t]+/g, ' ').replace(/: +/, ': ')]));
    expect(headers['list-unsubscribe']).toMatch(/^List-Unsubscribe: <https:\/\/pulse\.example\.org\/unsubscribe\?token=[\w.-]+>$/);
    expect(headers['list-unsubscribe-post']).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(mail.text).toContain('Return: new "border procedure" <adopted>');
    expect(mail.html).toContain('Return: new &quot;border procedure&quot; &lt;adopted&gt;');
    expect(mail.text).not.toContain('Classified after the send time');
    expect(mail.text).not.toContain('Classified long ago');
    expect(mail.text).not.toContain('Blue Card');
    const [row] = await digestOf('due@example.org');
    expect(row).toMatchObject({ status: 'sent', attempts: 1, message_id: `<digest.${d!.id}@pulse.example.org>` });
    expect([...row!.item_ids].sort()).toEqual(['evt-1', 'ret-1', 'ret-2', 'trf-1']);
    expect((await subscriber('due@example.org')).last_digest_window_end).toEqual(SEND);
  });

  it('never sends twice when two workers race for the same digests', async () => {
    const emails = Array.from({ length: 12 }, (_, i) => `race${i}@example.org`);
    await insertSubscribers(db, emails.map((email) => ({ email, themes: ['trafficking'] })));
    const { created } = await planDueDigests(db, AT);
    expect(created).toHaveLength(12);
    const [a, b] = [sender(), sender()];
    await sink.settled();
    const before = sink.accepted;
    const outcomes = await Promise.all(created.flatMap((id) => [a.send(id, { final: true }), b.send(id, { final: true })]));
    expect(outcomes.filter((o) => o.status === 'sent')).toHaveLength(12);
    expect(outcomes.filter((o) => o.status !== 'sent').every((o) => o.status === 'skipped' || o.status === 'held')).toBe(true);
    expect(sink.accepted - before).toBe(12);
    await sink.settled();
    for (const email of emails) expect(mailsTo(email)).toHaveLength(1);
  });

  it('plans in batches, handing each batch over as soon as it is written', async () => {
    await insertSubscribers(db, Array.from({ length: 12 }, (_, i) => ({ email: `batch${i}@example.org`, themes: ['integration'] })));
    const batches: number[] = [];
    const plan = await planDueDigests(db, AT, { batch: 5, onBatch: async (ids) => void batches.push(ids.length) });
    expect(batches).toEqual([5, 5, 2]);
    expect(plan).toMatchObject({ planned: 12, created: [] });
    await db.sql.query(`UPDATE subscribers SET status = 'paused' WHERE email LIKE 'batch%'`);
  });

  it('sends nothing when no item matches, yet moves the window on', async () => {
    await insertSubscribers(db, [{ email: 'nothing@example.org', themes: ['citizenship-statelessness'] }]);
    const { created } = await planDueDigests(db, AT);
    expect(await sender().send(created[0]!)).toEqual({ status: 'empty' });
    expect(mailsTo('nothing@example.org')).toHaveLength(0);
    expect((await digestOf('nothing@example.org'))[0]).toMatchObject({ status: 'empty', item_ids: [] });
    expect((await subscriber('nothing@example.org')).last_digest_window_end).toEqual(SEND);
  });

  it('filters by the subscriber types as well as themes', async () => {
    await insertSubscribers(db, [{ email: 'events@example.org', themes: ['return-readmission'], types: ['event'] }]);
    const { created } = await planDueDigests(db, AT);
    expect(await sender().send(created[0]!)).toMatchObject({ status: 'sent', items: 1 });
    const m = (await sink.settled()).find((x) => x.envelope.to.includes('events@example.org'))!;
    expect(m.parsed.subject).toBe('EMN Pulse · 1 upcoming event');
  });

  it('retries a 4xx and then sends exactly one email', async () => {
    await insertSubscribers(db, [{ email: 'greylisted@example.org', themes: ['trafficking'] }]);
    const { created } = await planDueDigests(db, AT);
    let refusals = 0;
    sink.setFailWith((rcpt) => (rcpt === 'greylisted@example.org' && refusals++ < 1 ? 451 : undefined));
    const s = sender();
    await expect(s.send(created[0]!)).rejects.toThrow(DigestRetryError);
    expect((await digestOf('greylisted@example.org'))[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await digestOf('greylisted@example.org'))[0]!.last_error).toContain('451');
    expect(await s.send(created[0]!)).toMatchObject({ status: 'sent' });
    await sink.settled();
    expect(mailsTo('greylisted@example.org')).toHaveLength(1);
    expect(sink.rejections.filter((r) => r.rcpt === 'greylisted@example.org')).toEqual([{ rcpt: 'greylisted@example.org', code: 451 }]);
  });

  it('marks a failure that outlasts every attempt failed and keeps the window for the next digest', async () => {
    await insertSubscribers(db, [{ email: 'down@example.org', themes: ['trafficking'] }]);
    const { created } = await planDueDigests(db, AT);
    sink.setFailWith((rcpt) => (rcpt === 'down@example.org' ? 421 : undefined));
    expect(await sender().send(created[0]!, { final: true })).toMatchObject({ status: 'failed' });
    expect((await digestOf('down@example.org'))[0]!.status).toBe('failed');
    expect((await subscriber('down@example.org')).last_digest_window_end).toBeNull();
  });

  it('records 5xx as bounces and suspends after three in a row', async () => {
    await insertClassifiedItems(db, [6, 7, 8].map((day) => ({ title: `Development news of ${day} March`, themes: ['migration-development'], classifiedAt: new Date(`2026-03-0${day}T12:00:00Z`) })));
    await insertSubscribers(db, [{ email: 'gone@example.org', themes: ['migration-development'], lastDigestWindowEnd: new Date('2026-03-06T06:00:00Z') }]);
    sink.setFailWith((rcpt) => (rcpt === 'gone@example.org' ? 550 : undefined));
    const s = sender();
    const statuses: unknown[] = [];
    for (const day of [7, 8, 9, 10]) {
      const { created } = await planDueDigests(db, new Date(`2026-03-${String(day).padStart(2, '0')}T12:00:00Z`));
      const mine = (await digestOf('gone@example.org')).filter((d) => created.includes(d.id));
      for (const d of mine) statuses.push(await s.send(d.id));
    }
    expect(statuses).toEqual([
      { status: 'bounced', suspended: false, responseCode: 550 },
      { status: 'bounced', suspended: false, responseCode: 550 },
      { status: 'bounced', suspended: true, responseCode: 550 },
    ]);
    expect(await subscriber('gone@example.org')).toMatchObject({ status: 'suspended', bounce_count: 3 });
    expect(mailsTo('gone@example.org')).toHaveLength(0);
  });

  it('cancels a planned digest whose subscriber left, and sends nothing', async () => {
    await insertSubscribers(db, [{ email: 'leaver@example.org', themes: ['trafficking'] }]);
    const { created } = await planDueDigests(db, AT);
    await db.sql.query(`UPDATE subscribers SET status = 'unsubscribed' WHERE email = 'leaver@example.org'`);
    expect(await sender().send(created[0]!)).toEqual({ status: 'cancelled', reason: 'subscriber is unsubscribed' });
    expect(mailsTo('leaver@example.org')).toHaveLength(0);
    expect((await subscriber('leaver@example.org')).last_digest_window_end).toBeNull();
  });

  it('resends a digest whose worker died mid-send, with the same Message-ID, and fences the dead attempt', async () => {
    await insertSubscribers(db, [{ email: 'interrupted@example.org', themes: ['trafficking'] }]);
    const { created } = await planDueDigests(db, AT);
    const id = created[0]!;
    // A worker claims it with a short lease, then dies before sending.
    const dead = await claimDigest(db, id, 2_000);
    expect(dead.kind).toBe('claimed');
    const s = sender();
    await expect(s.send(id)).rejects.toThrow(/being sent by another attempt/);
    // Its lease runs out (the database's clock decides).
    await tdb.database.sql.query(`UPDATE digests SET lease_expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
    expect(await s.send(id)).toMatchObject({ status: 'sent', resent: true, messageId: `<digest.${id}@pulse.example.org>` });
    const [row] = await digestOf('interrupted@example.org');
    expect(row).toMatchObject({ status: 'sent', attempts: 2, last_error: 'resent after interrupted attempt 1' });
    // The dead attempt, were it to wake up, can no longer mark the row.
    expect(await markDigestSent(db, id, 1, '<other@x>', [])).toBe(false);
    await sink.settled();
    expect(mailsTo('interrupted@example.org')).toHaveLength(1);
  });

  it('holds an interrupted send for review when told to', async () => {
    await insertSubscribers(db, [{ email: 'held@example.org', themes: ['trafficking'] }]);
    const { created } = await planDueDigests(db, AT);
    await claimDigest(db, created[0]!, 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(await sender({ inDoubt: 'hold' }).send(created[0]!)).toMatchObject({ status: 'failed' });
    expect(mailsTo('held@example.org')).toHaveLength(0);
  });

  it('shows an item again only when it changed since it was sent, marked updated', async () => {
    // due@example.org got ret-1, ret-2, trf-1 and evt-1 on 10 March (at 06:05 on the test clock;
    // the row says when the database sent it, in real time). Later that day ret-2 was edited
    // at the source and reclassified; trf-1 was only reclassified.
    await db.sql.query(`UPDATE digests SET sent_at = $1 FROM subscribers s WHERE s.id = subscriber_id AND s.email = 'due@example.org'`, [h(0.1)]);
    await db.sql.query(`UPDATE items SET changed_at = $1, classified_at = $1, title = 'Readmission agreement signed (corrected)' WHERE id = 'ret-2'`, [h(10)]);
    await db.sql.query(`UPDATE items SET classified_at = $1 WHERE id = 'trf-1'`, [h(10)]);
    const { created } = await planDueDigests(db, new Date('2026-03-11T12:00:00Z'));
    const next = (await digestOf('due@example.org')).find((d) => created.includes(d.id))!;
    expect(next).toMatchObject({ period_key: 'd:2026-03-11', window_start: SEND });
    const outcome = await sender({ clock: () => new Date('2026-03-11T12:00:00Z') }).send(next.id);
    expect(outcome).toMatchObject({ status: 'sent', items: 2 }); // late-1 and ret-2 (updated); not trf-1
    const mail = (await sink.settled()).filter((m) => m.envelope.to.includes('due@example.org')).at(-1)!.parsed;
    expect(mail.text).toContain('[Updated] Readmission agreement signed (corrected)');
    expect(mail.text).toContain('Classified after the send time');
    expect(mail.text).not.toContain('Trafficking ring dismantled');
  });
});
