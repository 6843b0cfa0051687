import type { Database } from './client';

/**
 * Digest rows (issue 4; migrations 0300, 0400). The row for (subscriber, period) is written
 * before anything is sent, and every state change after that is one conditional statement, so
 * racing workers, retried jobs and the embedded single-connection database all see one truth.
 * `attempt` (the row's `attempts` after the claim) is the fencing token: a worker whose lease
 * was taken over can no longer mark the row.
 */
export type DigestStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'empty' | 'bounced' | 'cancelled';

/** One distinct schedule among active subscribers (weekday 0 for daily ones). */
export interface ScheduleGroup {
  frequency: 'daily' | 'weekly';
  timezone: string;
  sendHour: number;
  weekday: number;
}

export interface PlannedPeriod extends ScheduleGroup {
  periodKey: string;
  sendAt: Date;
}

export interface DigestSubscriber {
  id: string;
  email: string;
  status: 'pending' | 'active' | 'paused' | 'unsubscribed' | 'suspended';
  themes: string[];
  types: string[];
  frequency: 'daily' | 'weekly';
  timezone: string;
  sendHour: number;
  weekday: number | null;
  language: string;
  tokenVersion: number;
  confirmedAt: Date | null;
  createdAt: Date;
  lastDigestWindowEnd: Date | null;
  bounceCount: number;
}

export interface ClaimedDigest {
  id: string;
  periodKey: string;
  windowStart: Date;
  windowEnd: Date;
  attempt: number;
  /** `sending`: an earlier attempt was interrupted mid-send (its lease ran out). */
  previousStatus: 'pending' | 'sending';
  subscriber: DigestSubscriber;
}

export type ClaimResult =
  | { kind: 'claimed'; digest: ClaimedDigest }
  | { kind: 'gone' }
  | { kind: 'done'; status: DigestStatus }
  | { kind: 'held'; leaseExpiresAt: Date | null };

const SUBSCRIBER_COLUMNS = `s.id, s.email, s.status, s.themes, s.types, s.frequency, s.timezone, s.send_hour, s.weekday,
  s.language, s.token_version, s.confirmed_at, s.created_at, s.last_digest_window_end, s.bounce_count`;

type Row = Record<string, unknown>;

export function toDigestSubscriber(r: Row): DigestSubscriber {
  return {
    id: r.id as string,
    email: r.email as string,
    status: r.status as DigestSubscriber['status'],
    themes: (r.themes as string[]) ?? [],
    types: (r.types as string[]) ?? [],
    frequency: r.frequency as DigestSubscriber['frequency'],
    timezone: r.timezone as string,
    sendHour: Number(r.send_hour),
    weekday: r.weekday === null || r.weekday === undefined ? null : Number(r.weekday),
    language: r.language as string,
    tokenVersion: Number(r.token_version),
    confirmedAt: (r.confirmed_at as Date | null) ?? null,
    createdAt: r.created_at as Date,
    lastDigestWindowEnd: (r.last_digest_window_end as Date | null) ?? null,
    bounceCount: Number(r.bounce_count),
  };
}

/** By id, or by address when `ref` contains an `@`. */
export async function findDigestSubscriber(database: Database, ref: string): Promise<DigestSubscriber | null> {
  const where = ref.includes('@') ? 's.email = lower(trim($1))' : 's.id = $1';
  const [row] = await database.sql.query<Row>(`SELECT ${SUBSCRIBER_COLUMNS} FROM subscribers s WHERE ${where}`, [ref]);
  return row ? toDigestSubscriber(row) : null;
}

export async function listActiveScheduleGroups(database: Database): Promise<ScheduleGroup[]> {
  const rows = await database.sql.query<Row>(
    `SELECT DISTINCT frequency, timezone, send_hour,
            CASE WHEN frequency = 'weekly' THEN coalesce(weekday, 1) ELSE 0 END AS weekday
       FROM subscribers WHERE status = 'active'`,
  );
  return rows.map((r) => ({
    frequency: r.frequency as ScheduleGroup['frequency'],
    timezone: r.timezone as string,
    sendHour: Number(r.send_hour),
    weekday: Number(r.weekday),
  }));
}

/**
 * Writes the digest row of every active subscriber whose current period is due and not yet
 * planned, at most `limit` per call; returns the new ids. The window starts where the last one
 * ended (else at confirmation) and ends at the period's send time: the same rule as the pure
 * `dueWindow`, evaluated here so 100,000 subscribers are one statement.
 */
export async function insertDueDigests(database: Database, periods: PlannedPeriod[], limit: number): Promise<string[]> {
  if (periods.length === 0) return [];
  const rows = await database.sql.query<{ id: string }>(
    `INSERT INTO digests (subscriber_id, period_key, window_start, window_end)
     SELECT s.id, g.period_key, coalesce(s.last_digest_window_end, s.confirmed_at, s.created_at), g.send_at
       FROM subscribers s
       JOIN unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::text[], $6::timestamptz[])
            AS g(frequency, timezone, send_hour, weekday, period_key, send_at)
         ON s.frequency = g.frequency AND s.timezone = g.timezone AND s.send_hour = g.send_hour
        AND (CASE WHEN s.frequency = 'weekly' THEN coalesce(s.weekday, 1) ELSE 0 END) = g.weekday
      WHERE s.status = 'active'
        AND coalesce(s.last_digest_window_end, s.confirmed_at, s.created_at) < g.send_at
        AND NOT EXISTS (SELECT 1 FROM digests d WHERE d.subscriber_id = s.id AND d.period_key = g.period_key)
      LIMIT $7
     ON CONFLICT (subscriber_id, period_key) DO NOTHING
     RETURNING id`,
    [
      periods.map((p) => p.frequency),
      periods.map((p) => p.timezone),
      periods.map((p) => p.sendHour),
      periods.map((p) => p.weekday),
      periods.map((p) => p.periodKey),
      periods.map((p) => p.sendAt),
      limit,
    ],
  );
  return rows.map((r) => r.id);
}

/** Digests that should be moving and may have lost their job: old `pending`, or `sending` past its lease. */
export async function findStaleDigests(database: Database, pendingForMs: number, limit: number): Promise<string[]> {
  const rows = await database.sql.query<{ id: string }>(
    `SELECT id FROM digests
      WHERE (status = 'pending' AND created_at < now() - make_interval(secs => $1::double precision / 1000))
         OR (status = 'sending' AND lease_expires_at < now())
      ORDER BY created_at LIMIT $2`,
    [pendingForMs, limit],
  );
  return rows.map((r) => r.id);
}

/** Every digest still to send, oldest first (the CLI's `send --now`). */
export async function listPendingDigestIds(database: Database, limit: number): Promise<string[]> {
  const rows = await database.sql.query<{ id: string }>(
    `SELECT id FROM digests WHERE status = 'pending' OR (status = 'sending' AND lease_expires_at < now())
      ORDER BY created_at LIMIT $1`,
    [limit],
  );
  return rows.map((r) => r.id);
}

/**
 * Takes the row for one send: `pending`, or `sending` whose lease has run out (its worker
 * died). One statement: the row lock makes two claimers serialise, and only one sees the
 * row still claimable.
 */
export async function claimDigest(database: Database, id: string, leaseMs: number): Promise<ClaimResult> {
  return (await claimDigests(database, [id], leaseMs)).get(id)!;
}

const toClaimed = (row: Row): ClaimedDigest => ({
  id: row.digest_id as string,
  periodKey: row.period_key as string,
  windowStart: row.window_start as Date,
  windowEnd: row.window_end as Date,
  attempt: Number(row.attempts),
  previousStatus: row.previous_status as 'pending' | 'sending',
  subscriber: toDigestSubscriber(row),
});

/**
 * `claimDigest` for many rows in one statement (the worker gathers the claims of its concurrent
 * jobs): each row is claimed or not exactly as it would be alone. Rows are locked in id order,
 * so two batches cannot deadlock. Rows not claimed are looked up once, together.
 */
export async function claimDigests(database: Database, ids: readonly string[], leaseMs: number): Promise<Map<string, ClaimResult>> {
  const out = new Map<string, ClaimResult>();
  if (ids.length === 0) return out;
  const rows = await database.sql.query<Row>(
    `WITH cur AS (SELECT id, status, lease_expires_at FROM digests WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE)
     UPDATE digests d
        SET status = 'sending', attempts = d.attempts + 1,
            lease_expires_at = now() + make_interval(secs => $2::double precision / 1000)
       FROM cur, subscribers s
      WHERE d.id = cur.id AND s.id = d.subscriber_id
        AND (cur.status = 'pending' OR (cur.status = 'sending' AND cur.lease_expires_at < now()))
     RETURNING d.id AS digest_id, d.period_key, d.window_start, d.window_end, d.attempts, cur.status AS previous_status,
               ${SUBSCRIBER_COLUMNS}`,
    [[...new Set(ids)], leaseMs],
    { prepared: 'digests-claim' },
  );
  for (const row of rows) out.set(row.digest_id as string, { kind: 'claimed', digest: toClaimed(row) });
  const rest = ids.filter((id) => !out.has(id));
  if (rest.length === 0) return out;
  const curs = await database.sql.query<{ id: string; status: DigestStatus; lease_expires_at: Date | null }>(
    'SELECT id, status, lease_expires_at FROM digests WHERE id = ANY($1::text[])',
    [rest],
  );
  const byId = new Map(curs.map((c) => [c.id, c]));
  for (const id of rest) {
    const cur = byId.get(id);
    if (!cur) out.set(id, { kind: 'gone' });
    else if (cur.status === 'sending' || cur.status === 'pending') out.set(id, { kind: 'held', leaseExpiresAt: cur.lease_expires_at });
    else out.set(id, { kind: 'done', status: cur.status });
  }
  return out;
}

/**
 * Ends a claimed send and moves the subscriber's window on (`sent`, `empty`, `bounced`), in one
 * statement. False when the claim was lost (the lease ran out and another attempt took over).
 */
async function finish(
  database: Database,
  id: string,
  attempt: number,
  set: { status: DigestStatus; messageId?: string | null; itemIds?: string[]; note?: string | null },
  subscriberSet: string,
  params: unknown[] = [],
): Promise<Row | null> {
  const [row] = await database.sql.query<Row>(
    `WITH d AS (
       UPDATE digests SET status = $3, message_id = coalesce($4, message_id), item_ids = coalesce($5::jsonb, item_ids),
              last_error = $6, lease_expires_at = NULL,
              sent_at = CASE WHEN $3 = 'sent' THEN now() ELSE sent_at END
        WHERE id = $1 AND status = 'sending' AND attempts = $2
        RETURNING subscriber_id, window_end),
     sub AS (
       UPDATE subscribers s SET ${subscriberSet}
         FROM d WHERE s.id = d.subscriber_id
       RETURNING s.status, s.bounce_count)
     SELECT (SELECT count(*) FROM d)::int AS n, (SELECT status FROM sub) AS subscriber_status,
            (SELECT bounce_count FROM sub) AS bounce_count`,
    [id, attempt, set.status, set.messageId ?? null, set.itemIds ? JSON.stringify(set.itemIds) : null, set.note ?? null, ...params],
  );
  return row && Number(row.n) === 1 ? row : null;
}

const ADVANCE = 'last_digest_window_end = GREATEST(s.last_digest_window_end, d.window_end)';

export async function markDigestSent(
  database: Database,
  id: string,
  attempt: number,
  messageId: string,
  itemIds: string[],
  note: string | null = null,
): Promise<boolean> {
  return (await markDigestsSent(database, [{ id, attempt, messageId, itemIds, note }])).has(id);
}

export interface SentMark {
  id: string;
  attempt: number;
  messageId: string;
  itemIds: string[];
  note?: string | null;
}

/**
 * `markDigestSent` for many rows in one statement; returns the ids whose claim still held
 * (each row is fenced by its own attempt). A subscriber with two rows in the batch has their
 * window moved to the later end, as two single marks would.
 */
export async function markDigestsSent(database: Database, marks: readonly SentMark[]): Promise<Set<string>> {
  if (marks.length === 0) return new Set();
  // A delivered digest ends a run of bounces: suspension is for addresses that keep failing.
  const rows = await database.sql.query<{ id: string }>(
    `WITH i AS (SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[]) AS i(id, attempt, message_id, item_ids, note)),
     d AS (
       UPDATE digests g SET status = 'sent', message_id = i.message_id, item_ids = i.item_ids::jsonb,
              last_error = i.note, lease_expires_at = NULL, sent_at = now()
         FROM i WHERE g.id = i.id AND g.status = 'sending' AND g.attempts = i.attempt
        RETURNING g.id, g.subscriber_id, g.window_end),
     w AS (SELECT subscriber_id, max(window_end) AS window_end FROM d GROUP BY subscriber_id),
     sub AS (
       UPDATE subscribers s SET last_digest_window_end = GREATEST(s.last_digest_window_end, w.window_end), bounce_count = 0
         FROM w WHERE s.id = w.subscriber_id RETURNING s.id)
     SELECT d.id FROM d`,
    [
      marks.map((m) => m.id),
      marks.map((m) => m.attempt),
      marks.map((m) => m.messageId),
      marks.map((m) => JSON.stringify(m.itemIds)),
      marks.map((m) => m.note ?? null),
    ],
    { prepared: 'digests-mark-sent' },
  );
  return new Set(rows.map((r) => r.id));
}

/** Nothing matched the window: no mail (no empty digests), but the window still moves on. */
export async function markDigestEmpty(database: Database, id: string, attempt: number): Promise<boolean> {
  return (await finish(database, id, attempt, { status: 'empty', itemIds: [] }, ADVANCE)) !== null;
}

/**
 * A permanent refusal: the digest is `bounced`, the subscriber's bounce count goes up, and at
 * `maxBounces` in a row they are suspended. The window moves on (the address is the problem).
 */
export async function markDigestBounced(
  database: Database,
  id: string,
  attempt: number,
  error: string,
  maxBounces: number,
): Promise<{ suspended: boolean; bounceCount: number } | null> {
  const reached = `s.bounce_count + 1 >= $7 AND s.status = 'active'`;
  const row = await finish(
    database,
    id,
    attempt,
    { status: 'bounced', note: error.slice(0, 1000) },
    `${ADVANCE}, bounce_count = s.bounce_count + 1, last_bounce_at = now(), updated_at = now(),
     status = CASE WHEN ${reached} THEN 'suspended' ELSE s.status END,
     suspended_at = CASE WHEN ${reached} THEN now() ELSE s.suspended_at END,
     suspended_reason = CASE WHEN ${reached} THEN $8 ELSE s.suspended_reason END`,
    [maxBounces, `${maxBounces} bounces in a row; last: ${error.slice(0, 200)}`],
  );
  return row ? { suspended: row.subscriber_status === 'suspended', bounceCount: Number(row.bounce_count) } : null;
}

/**
 * Gives a claimed row back after a failure that may pass (4xx, connection): `pending` for the
 * next attempt, or `failed` when no attempt is left. The window does not move, so a failed
 * period's items go into the next digest.
 */
export async function releaseDigest(database: Database, id: string, attempt: number, error: string, final: boolean): Promise<boolean> {
  const rows = await database.sql.query(
    `UPDATE digests SET status = $3, last_error = $4, lease_expires_at = NULL
      WHERE id = $1 AND status = 'sending' AND attempts = $2 RETURNING id`,
    [id, attempt, final ? 'failed' : 'pending', error.slice(0, 1000)],
  );
  return rows.length === 1;
}

/** The subscriber left (or paused) after the row was planned: nothing is sent, the window stays. */
export async function cancelDigest(database: Database, id: string, attempt: number, reason: string): Promise<boolean> {
  const rows = await database.sql.query(
    `UPDATE digests SET status = 'cancelled', last_error = $3, lease_expires_at = NULL
      WHERE id = $1 AND status = 'sending' AND attempts = $2 RETURNING id`,
    [id, attempt, reason],
  );
  return rows.length === 1;
}

export async function countDigestsByStatus(database: Database): Promise<Partial<Record<DigestStatus, number>>> {
  const rows = await database.sql.query<{ status: DigestStatus; n: number }>('SELECT status, count(*)::int AS n FROM digests GROUP BY status');
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
