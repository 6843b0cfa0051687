import { getTableColumns } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './client';
import { items } from './schema';
import { webhookDeliveries, webhookEndpoints } from './webhook.schema';

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type WebhookDeliveryStatus = WebhookDeliveryRow['status'];

/** What a delivery's send produced, as the delivery service decided it. */
export type DeliveryOutcome =
  | { kind: 'delivered' }
  | { kind: 'retry'; delayMs: number }
  | { kind: 'failed' }
  /** The endpoint is disabled: the delivery waits, unscheduled, until it is enabled again. */
  | { kind: 'parked' };

export interface AttemptRecord {
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
}

/** Why a delivery could not be claimed, and when to look again. */
export type ClaimMiss =
  | { kind: 'vanished' }
  | { kind: 'settled'; status: WebhookDeliveryStatus }
  | { kind: 'unscheduled' }
  | { kind: 'busy'; retryInMs: number }
  | { kind: 'not-due'; dueInMs: number; dueAtMs: number };

export interface ClaimedDelivery {
  delivery: WebhookDeliveryRow;
  endpoint: WebhookEndpointRow;
  /** The item as it is now; only when the delivery has no stored body yet (and the item exists). */
  snapshot?: ItemSnapshot;
}

/** The item fields a webhook payload carries (not its HTML body). */
const PAYLOAD_ITEM_FIELDS = [
  'id', 'title', 'summary', 'canonicalUrl', 'publishedAt', 'sourceUpdatedAt', 'language', 'type',
  'categories', 'startsAt', 'endsAt', 'location', 'taxonomyVersion', 'version',
] as const;

export interface ItemSnapshot {
  item: Pick<typeof items.$inferSelect, (typeof PAYLOAD_ITEM_FIELDS)[number]>;
  themes: { themeId: string; score: number; evidence: unknown[] }[];
  sources: { feedId: string; feedTitle: string; url: string | null }[];
}

/** A due delivery may be claimed up to this early: the queue's clock and the database's differ a little. */
const CLAIM_TOLERANCE_MS = 1000;

/** `"alias"."snake_name" AS "prefixcamelName"` for each column (all by default): rows come back shaped like drizzle's. */
function columns(table: PgTable, alias: string, prefix = '', only?: readonly string[]): string {
  return Object.entries(getTableColumns(table))
    .filter(([key]) => !only || only.includes(key))
    .map(([key, col]) => `"${alias}"."${col.name}" AS "${prefix}${key}"`)
    .join(', ');
}

function unprefix<T>(row: Record<string, unknown>, prefix: string): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
  return out as T;
}

const CLAIM_SQL = `
  WITH claimed AS (
    UPDATE webhook_deliveries SET lease_until = now() + $2::bigint * interval '1 millisecond'
     WHERE id = $1 AND status = 'pending'
       AND next_attempt_at <= now() + ${CLAIM_TOLERANCE_MS} * interval '1 millisecond'
       AND (lease_until IS NULL OR lease_until < now())
    RETURNING *
  )
  SELECT ${columns(webhookDeliveries, 'c', 'd.')}, ${columns(webhookEndpoints, 'e', 'e.')}, ${columns(items, 'i', 'i.', PAYLOAD_ITEM_FIELDS)},
    -- themes and sources only for a first attempt: later ones send the stored body
    CASE WHEN i.id IS NOT NULL THEN coalesce((
      SELECT json_agg(json_build_object('themeId', t.theme_id, 'score', t.score, 'evidence', t.evidence) ORDER BY t.score DESC, t.theme_id)
        FROM item_themes t WHERE t.item_id = i.id), '[]'::json) END AS "s.themes",
    CASE WHEN i.id IS NOT NULL THEN coalesce((
      SELECT json_agg(json_build_object('feedId', s.feed_id, 'feedTitle', f.title, 'url', s.url) ORDER BY s.first_seen_at, s.feed_id)
        FROM item_sources s JOIN feeds f ON f.id = s.feed_id WHERE s.item_id = i.id), '[]'::json) END AS "s.sources"
    FROM claimed c
    JOIN webhook_endpoints e ON e.id = c.endpoint_id
    LEFT JOIN items i ON i.id = c.item_id AND c.payload IS NULL`;

const RECORD_SQL = `
  WITH attempt AS (
    -- nothing to log when the endpoint (and with it the delivery) was deleted during the send
    INSERT INTO webhook_attempts (delivery_id, status_code, latency_ms, response_excerpt, error)
    SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM webhook_deliveries WHERE id = $1)
  ), healthy AS (
    -- kept to the second: every delivery to a busy endpoint would otherwise queue on this row's lock
    UPDATE webhook_endpoints SET failing_since = NULL, last_success_at = now()
     WHERE $9::boolean AND id = $10
       AND (failing_since IS NOT NULL OR last_success_at IS NULL OR last_success_at < now() - interval '1 second')
  )
  UPDATE webhook_deliveries SET
    status = $6,
    delivered_at = CASE WHEN $6 = 'delivered' THEN now() END,
    next_attempt_at = CASE WHEN $7::bigint IS NULL THEN NULL ELSE now() + $7::bigint * interval '1 millisecond' END,
    payload = coalesce(payload, $8),
    attempts = attempts + 1,
    cycle_attempts = cycle_attempts + 1,
    last_status_code = $2,
    last_error = $5,
    lease_until = NULL
  WHERE id = $1`;

/**
 * The webhooks worker's side of the delivery rows: the hot path, in plain SQL (one statement
 * per step, no query building). The row is the source of truth; a queue job only wakes a
 * worker up, which then decides from the row whether to send.
 */
export class WebhookDeliveryRepository {
  constructor(private readonly database: Database) {}

  /**
   * Takes the lease on a due, pending delivery and, in the same statement, reads its endpoint
   * and (when no body is stored yet) its item with themes and sources. Undefined when the
   * delivery is not this caller's to send now.
   */
  async claimDelivery(id: string, leaseMs: number): Promise<ClaimedDelivery | undefined> {
    const [row] = await this.database.sql.query<Record<string, unknown>>(CLAIM_SQL, [id, Math.round(leaseMs)], { prepared: 'webhook-claim' });
    if (!row) return undefined;
    const item = unprefix<ItemSnapshot['item']>(row, 'i.');
    const snapshot = item.id ? { item, themes: row['s.themes'] as ItemSnapshot['themes'], sources: row['s.sources'] as ItemSnapshot['sources'] } : undefined;
    return { delivery: unprefix(row, 'd.'), endpoint: unprefix(row, 'e.'), snapshot };
  }

  async explainClaimMiss(id: string): Promise<ClaimMiss> {
    const [row] = await this.database.sql.query<{ status: WebhookDeliveryStatus; scheduled: boolean; due_in: number; due_at: string; lease_in: number }>(
      `SELECT status, next_attempt_at IS NOT NULL AS scheduled,
              ceil(greatest(0, extract(epoch from next_attempt_at - now()) * 1000))::int AS due_in,
              floor(extract(epoch from next_attempt_at) * 1000)::bigint::text AS due_at,
              ceil(greatest(0, extract(epoch from lease_until - now()) * 1000))::int AS lease_in
         FROM webhook_deliveries WHERE id = $1`,
      [id],
    );
    if (!row) return { kind: 'vanished' };
    if (row.status !== 'pending') return { kind: 'settled', status: row.status };
    if (!row.scheduled) return { kind: 'unscheduled' };
    if (Number(row.lease_in) > 0) return { kind: 'busy', retryInMs: Number(row.lease_in) };
    return { kind: 'not-due', dueInMs: Number(row.due_in ?? 0), dueAtMs: Number(row.due_at) };
  }

  /**
   * Logs the attempt and moves the delivery on, releasing its lease; stores the body on the
   * first attempt; on a success of an item message, ends the endpoint's failing streak. One
   * statement: atomic, and one round trip.
   */
  async recordAttempt(
    delivery: { id: string; endpointId: string },
    attempt: AttemptRecord,
    outcome: DeliveryOutcome,
    opts: { payload?: string; endpointSucceeded?: boolean } = {},
  ): Promise<void> {
    const status = outcome.kind === 'delivered' || outcome.kind === 'failed' ? outcome.kind : 'pending';
    const retryInMs = outcome.kind === 'retry' ? Math.round(outcome.delayMs) : null;
    await this.database.sql.query(RECORD_SQL, [
      delivery.id,
      attempt.statusCode,
      attempt.latencyMs,
      attempt.responseExcerpt,
      attempt.error,
      status,
      retryInMs,
      opts.payload ?? null,
      opts.endpointSucceeded === true,
      delivery.endpointId,
    ], { prepared: 'webhook-record-attempt' });
  }

  /** Leaves a delivery pending without a schedule (its endpoint is disabled) and releases it. */
  async parkDelivery(id: string): Promise<void> {
    await this.database.sql.query('UPDATE webhook_deliveries SET next_attempt_at = NULL, lease_until = NULL WHERE id = $1', [id]);
  }

  async releaseLease(id: string): Promise<void> {
    await this.database.sql.query('UPDATE webhook_deliveries SET lease_until = NULL WHERE id = $1', [id]);
  }

  /** Due deliveries nobody is holding and whose wake-up seems lost (crash, Redis loss); oldest first. */
  async findOverdueDeliveries(graceMs: number, limit: number): Promise<string[]> {
    const rows = await this.database.sql.query<{ id: string }>(
      `SELECT id FROM webhook_deliveries
        WHERE status = 'pending' AND next_attempt_at < now() - $1::bigint * interval '1 millisecond'
          AND (lease_until IS NULL OR lease_until < now())
        ORDER BY next_attempt_at LIMIT $2`,
      [Math.round(graceMs), limit],
    );
    return rows.map((r) => r.id);
  }

  /** Starts (or continues) the endpoint's failing streak; returns when it started. */
  async recordEndpointFailure(endpointId: string, error: string): Promise<Date | undefined> {
    const [row] = await this.database.sql.query<{ failing_since: Date }>(
      `UPDATE webhook_endpoints SET failing_since = coalesce(failing_since, now()), last_failure_at = now(), last_error = $2
        WHERE id = $1 RETURNING failing_since`,
      [endpointId, error],
    );
    return row?.failing_since;
  }
}
