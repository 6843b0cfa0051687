import { claimDigests, markDigestsSent } from '@pulse/db';
import { createTestDatabase, insertSubscribers, type TestDatabase } from '@pulse/testing';

/**
 * The batch forms of the digest claim and "sent" mark, on real PostgreSQL, with every kind of
 * row in one call: each row must be claimed or fenced on its own terms, as the single forms do.
 */
describe('claimDigests / markDigestsSent with mixed rows', () => {
  let db: TestDatabase;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase('digestbatch');
    const names = ['pending', 'held', 'expired', 'sent', 'second'];
    await insertSubscribers(db.database, names.map((n) => ({ id: `sub-${n}`, email: `${n}@example.org`, themes: ['trafficking'], confirmedAt: new Date('2026-12-01T00:00:00Z') })));
    const row = async (name: string, subscriber: string, period: string, end: string, status: string, attempts: number, lease: string | null) => {
      const [r] = await db.database.sql.query<{ id: string }>(
        `INSERT INTO digests (subscriber_id, period_key, window_start, window_end, status, attempts, lease_expires_at)
         VALUES ($1, $2, '2026-12-06T07:00:00Z', $3, $4, $5, $6::timestamptz) RETURNING id`,
        [subscriber, period, end, status, attempts, lease === null ? null : lease === 'future' ? new Date(Date.now() + 600_000) : new Date(Date.now() - 1_000)],
      );
      ids[name] = r!.id;
    };
    await row('pending', 'sub-pending', 'd:2026-12-07', '2026-12-07T07:00:00Z', 'pending', 0, null);
    await row('held', 'sub-held', 'd:2026-12-07', '2026-12-07T07:00:00Z', 'sending', 1, 'future');
    await row('expired', 'sub-expired', 'd:2026-12-07', '2026-12-07T07:00:00Z', 'sending', 1, 'past');
    await row('sent', 'sub-sent', 'd:2026-12-07', '2026-12-07T07:00:00Z', 'sent', 1, null);
    // one subscriber with two periods in one batch (a catch-up after an outage)
    await row('second-a', 'sub-second', 'd:2026-12-06', '2026-12-06T07:00:00Z', 'pending', 0, null);
    await row('second-b', 'sub-second', 'd:2026-12-07', '2026-12-07T07:00:00Z', 'pending', 0, null);
  });
  afterAll(() => db.drop());

  it('claims pending and lease-expired rows in one call, and tells held, done and missing apart', async () => {
    const all = [ids.pending!, ids.held!, ids.expired!, ids.sent!, 'no-such-digest', ids['second-a']!, ids['second-b']!, ids.pending!];
    const r = await claimDigests(db.database, all, 60_000);
    expect(r.get(ids.pending!)).toMatchObject({ kind: 'claimed', digest: { attempt: 1, previousStatus: 'pending', subscriber: { email: 'pending@example.org' } } });
    expect(r.get(ids.expired!)).toMatchObject({ kind: 'claimed', digest: { attempt: 2, previousStatus: 'sending' } });
    expect(r.get(ids.held!)).toMatchObject({ kind: 'held' });
    expect((r.get(ids.held!) as { leaseExpiresAt: Date }).leaseExpiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(r.get(ids.sent!)).toEqual({ kind: 'done', status: 'sent' });
    expect(r.get('no-such-digest')).toEqual({ kind: 'gone' });
    expect(r.get(ids['second-a']!)).toMatchObject({ kind: 'claimed' });
    // claimed once, though asked for twice: the second call finds it held
    expect((await claimDigests(db.database, [ids.pending!], 60_000)).get(ids.pending!)).toMatchObject({ kind: 'held' });
  });

  it('marks each row against its own attempt, and moves a subscriber with two rows to the later window end', async () => {
    const mark = (id: string, attempt: number) => ({ id, attempt, messageId: `<digest.${id}@example.org>`, itemIds: ['i1', 'i2'] });
    const ok = await markDigestsSent(db.database, [
      mark(ids.pending!, 1),
      mark(ids.expired!, 1), // stale: attempt 2 holds it now
      mark(ids['second-b']!, 1),
      mark(ids['second-a']!, 1),
    ]);
    expect([...ok].sort()).toEqual([ids.pending!, ids['second-a']!, ids['second-b']!].sort());
    const rows = await db.database.sql.query<{ id: string; status: string; message_id: string | null; item_ids: string[] }>('SELECT id, status, message_id, item_ids FROM digests');
    const byId = new Map(rows.map((x) => [x.id, x]));
    expect(byId.get(ids.pending!)).toMatchObject({ status: 'sent', message_id: `<digest.${ids.pending}@example.org>`, item_ids: ['i1', 'i2'] });
    expect(byId.get(ids.expired!)).toMatchObject({ status: 'sending', message_id: null });
    expect(byId.get(ids.held!)).toMatchObject({ status: 'sending' });
    const [second] = await db.database.sql.query<{ last_digest_window_end: Date }>(`SELECT last_digest_window_end FROM subscribers WHERE id = 'sub-second'`);
    expect(second!.last_digest_window_end.toISOString()).toBe('2026-12-07T07:00:00.000Z');
    expect(await markDigestsSent(db.database, [])).toEqual(new Set());
  });
});
