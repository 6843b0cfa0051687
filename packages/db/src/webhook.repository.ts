import { and, asc, desc, eq, gte, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Database } from './client';
import type { KeysetAfter } from './feed-admin.repository';
import { items } from './schema';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from './webhook.schema';
import { newMessageId } from './webhook-fanout.repository';

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type WebhookAttemptRow = typeof webhookAttempts.$inferSelect;
export type WebhookDeliveryStatus = WebhookDeliveryRow['status'];

/** Rows of a keyset page; `sortAt` is the creation time at full (microsecond) precision. */
export type WithSortAt<T> = T & { sortAt: string };

export interface NewEndpoint {
  url: string;
  description?: string | null;
  events: string[];
  themes: string[];
  secret: string;
}
export type EndpointPatch = Partial<Pick<NewEndpoint, 'url' | 'description' | 'events' | 'themes'>>;

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

export interface ItemSnapshot {
  item: typeof items.$inferSelect;
  themes: { themeId: string; score: number; evidence: unknown[] }[];
  sources: { feedId: string; feedTitle: string; url: string | null }[];
}

const ms = (n: number) => sql`(${Math.max(0, Math.round(n))}::bigint * interval '1 millisecond')`;
const exactTime = (col: AnyPgColumn) =>
  sql<string>`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
/** Qualified: drizzle leaves a lone table's columns unqualified, and `id` inside a subquery would bind to `feeds`. */
const ITEM_ID = sql.raw('"items"."id"');
/** A due delivery may be claimed up to this early: the queue's clock and the database's differ a little. */
const CLAIM_TOLERANCE_MS = 1000;

/**
 * Webhook endpoints, deliveries and attempts. The delivery row is the source of truth; queue
 * jobs only wake a worker up, which then decides from the row whether to send.
 */
export class WebhookRepository {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  // ---- endpoints ----

  async createEndpoint(e: NewEndpoint): Promise<WebhookEndpointRow> {
    const [row] = await this.db
      .insert(webhookEndpoints)
      .values({ url: e.url, description: e.description ?? null, events: e.events, themes: e.themes, secret: e.secret })
      .returning();
    return row!;
  }

  async findEndpoint(id: string): Promise<WebhookEndpointRow | undefined> {
    const [row] = await this.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    return row;
  }

  /** Oldest first (as feeds are); pass `limit + 1` to learn whether a next page exists. */
  async listEndpoints(opts: { limit: number; after?: KeysetAfter; enabled?: boolean }): Promise<WithSortAt<WebhookEndpointRow>[]> {
    const t = webhookEndpoints;
    const after = opts.after ? sql`(${t.createdAt}, ${t.id}) > (${opts.after.at}::timestamptz, ${opts.after.id})` : undefined;
    const rows = await this.db
      .select({ row: t, sortAt: exactTime(t.createdAt) })
      .from(t)
      .where(and(opts.enabled === undefined ? undefined : eq(t.enabled, opts.enabled), after))
      .orderBy(asc(t.createdAt), asc(t.id))
      .limit(opts.limit);
    return rows.map((r) => ({ ...r.row, sortAt: r.sortAt }));
  }

  async updateEndpoint(id: string, patch: EndpointPatch): Promise<WebhookEndpointRow | undefined> {
    const [row] = await this.db
      .update(webhookEndpoints)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(webhookEndpoints.id, id))
      .returning();
    return row;
  }

  async deleteEndpoint(id: string): Promise<boolean> {
    const rows = await this.db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning({ id: webhookEndpoints.id });
    return rows.length > 0;
  }

  /** Enabling starts afresh: the reason, the failing streak and the disabled time are cleared. */
  async enableEndpoint(id: string): Promise<WebhookEndpointRow | undefined> {
    const [row] = await this.db
      .update(webhookEndpoints)
      .set({ enabled: true, disabledReason: null, disabledAt: null, failingSince: null, updatedAt: sql`now()` })
      .where(eq(webhookEndpoints.id, id))
      .returning();
    return row;
  }

  /** Disables an enabled endpoint; `onlyIfFailingForMs` makes it the "failing for days" rule. */
  async disableEndpoint(id: string, reason: string, onlyIfFailingForMs?: number): Promise<WebhookEndpointRow | undefined> {
    const t = webhookEndpoints;
    const failingLongEnough =
      onlyIfFailingForMs === undefined ? undefined : sql`${t.failingSince} <= now() - ${ms(onlyIfFailingForMs)}`;
    const [row] = await this.db
      .update(t)
      .set({ enabled: false, disabledReason: reason, disabledAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(t.id, id), eq(t.enabled, true), failingLongEnough))
      .returning();
    return row;
  }

  /** The old secret keeps signing (beside the new one) until the overlap ends. */
  async rotateSecret(id: string, secret: string, overlapMs: number): Promise<WebhookEndpointRow | undefined> {
    const t = webhookEndpoints;
    const [row] = await this.db
      .update(t)
      .set({
        secret,
        previousSecret: overlapMs > 0 ? sql`${t.secret}` : null,
        previousSecretExpiresAt: overlapMs > 0 ? sql`now() + ${ms(overlapMs)}` : null,
        updatedAt: sql`now()`,
      })
      .where(eq(t.id, id))
      .returning();
    return row;
  }

  /**
   * Ends the failing streak. `last_success_at` is kept to the second: every delivery to a busy
   * endpoint would otherwise queue on this one row's lock.
   */
  async recordEndpointSuccess(id: string): Promise<void> {
    const t = webhookEndpoints;
    await this.db
      .update(t)
      .set({ failingSince: null, lastSuccessAt: sql`now()` })
      .where(
        and(
          eq(t.id, id),
          or(sql`${t.failingSince} IS NOT NULL`, isNull(t.lastSuccessAt), sql`${t.lastSuccessAt} < now() - interval '1 second'`),
        ),
      );
  }

  /** Starts (or continues) the failing streak; returns when it started. */
  async recordEndpointFailure(id: string, error: string): Promise<Date | undefined> {
    const t = webhookEndpoints;
    const [row] = await this.db
      .update(t)
      .set({ failingSince: sql`coalesce(${t.failingSince}, now())`, lastFailureAt: sql`now()`, lastError: error })
      .where(eq(t.id, id))
      .returning({ failingSince: t.failingSince });
    return row?.failingSince ?? undefined;
  }

  async deliveryCounts(endpointId: string): Promise<Record<WebhookDeliveryStatus, number>> {
    const t = webhookDeliveries;
    const rows = await this.db
      .select({ status: t.status, n: sql<number>`count(*)::int` })
      .from(t)
      .where(eq(t.endpointId, endpointId))
      .groupBy(t.status);
    const counts = { pending: 0, delivered: 0, failed: 0, cancelled: 0 };
    for (const r of rows) counts[r.status] = Number(r.n);
    return counts;
  }

  // ---- deliveries: the worker's side ----

  /** Takes the lease on a due, pending delivery; undefined when it is not this caller's to send now. */
  async claimDelivery(id: string, leaseMs: number): Promise<WebhookDeliveryRow | undefined> {
    const t = webhookDeliveries;
    const [row] = await this.db
      .update(t)
      .set({ leaseUntil: sql`now() + ${ms(leaseMs)}` })
      .where(
        and(
          eq(t.id, id),
          eq(t.status, 'pending'),
          sql`${t.nextAttemptAt} <= now() + ${ms(CLAIM_TOLERANCE_MS)}`,
          or(isNull(t.leaseUntil), sql`${t.leaseUntil} < now()`),
        ),
      )
      .returning();
    return row;
  }

  async explainClaimMiss(id: string): Promise<ClaimMiss> {
    const t = webhookDeliveries;
    const [row] = await this.db
      .select({
        status: t.status,
        scheduled: sql<boolean>`${t.nextAttemptAt} IS NOT NULL`,
        dueInMs: sql<number>`ceil(greatest(0, extract(epoch from ${t.nextAttemptAt} - now()) * 1000))::int`,
        dueAtMs: sql<string>`floor(extract(epoch from ${t.nextAttemptAt}) * 1000)::bigint::text`,
        leaseInMs: sql<number>`ceil(greatest(0, extract(epoch from ${t.leaseUntil} - now()) * 1000))::int`,
      })
      .from(t)
      .where(eq(t.id, id));
    if (!row) return { kind: 'vanished' };
    if (row.status !== 'pending') return { kind: 'settled', status: row.status };
    if (!row.scheduled) return { kind: 'unscheduled' };
    if (Number(row.leaseInMs) > 0) return { kind: 'busy', retryInMs: Number(row.leaseInMs) };
    return { kind: 'not-due', dueInMs: Number(row.dueInMs ?? 0), dueAtMs: Number(row.dueAtMs) };
  }

  /** Stores the body once; a later call gets the body stored first. */
  async freezePayload(id: string, payload: string): Promise<string> {
    const t = webhookDeliveries;
    const [stored] = await this.db.update(t).set({ payload }).where(and(eq(t.id, id), isNull(t.payload))).returning({ payload: t.payload });
    if (stored) return payload;
    const [row] = await this.db.select({ payload: t.payload }).from(t).where(eq(t.id, id));
    return row?.payload ?? payload;
  }

  /** Logs the attempt and moves the delivery on, in one transaction; releases the lease. */
  async recordAttempt(id: string, attempt: AttemptRecord, outcome: DeliveryOutcome): Promise<void> {
    const status = outcome.kind === 'delivered' || outcome.kind === 'failed' ? outcome.kind : 'pending';
    // One statement (attempt row and delivery update) keeps it atomic in one round trip.
    await this.database.sql.query(
      `WITH attempt AS (
         INSERT INTO webhook_attempts (delivery_id, status_code, latency_ms, response_excerpt, error) VALUES ($1, $2, $3, $4, $5)
       )
       UPDATE webhook_deliveries SET
         status = $6,
         delivered_at = CASE WHEN $6 = 'delivered' THEN now() END,
         next_attempt_at = CASE WHEN $7::bigint IS NULL THEN NULL ELSE now() + $7::bigint * interval '1 millisecond' END,
         attempts = attempts + 1,
         cycle_attempts = cycle_attempts + 1,
         last_status_code = $2,
         last_error = $5,
         lease_until = NULL
       WHERE id = $1`,
      [id, attempt.statusCode, attempt.latencyMs, attempt.responseExcerpt, attempt.error, status, outcome.kind === 'retry' ? Math.round(outcome.delayMs) : null],
    );
  }

  /** Leaves a delivery pending without a schedule (its endpoint is disabled) and releases it. */
  async parkDelivery(id: string): Promise<void> {
    await this.db.update(webhookDeliveries).set({ nextAttemptAt: null, leaseUntil: null }).where(eq(webhookDeliveries.id, id));
  }

  async releaseLease(id: string): Promise<void> {
    await this.db.update(webhookDeliveries).set({ leaseUntil: null }).where(eq(webhookDeliveries.id, id));
  }

  /** Due deliveries nobody is holding and whose wake-up seems lost (crash, Redis loss). */
  async findOverdueDeliveries(graceMs: number, limit: number): Promise<string[]> {
    const t = webhookDeliveries;
    const rows = await this.db
      .select({ id: t.id })
      .from(t)
      .where(
        and(
          eq(t.status, 'pending'),
          sql`${t.nextAttemptAt} < now() - ${ms(graceMs)}`,
          or(isNull(t.leaseUntil), sql`${t.leaseUntil} < now()`),
        ),
      )
      .orderBy(asc(t.nextAttemptAt))
      .limit(limit);
    return rows.map((r) => r.id);
  }

  /** The item with its themes (by score) and sources (first seen first), in one query. */
  async loadItemSnapshot(itemId: string): Promise<ItemSnapshot | undefined> {
    const [row] = await this.db
      .select({
        item: items,
        themes: sql<ItemSnapshot['themes']>`coalesce((
          SELECT json_agg(json_build_object('themeId', t.theme_id, 'score', t.score, 'evidence', t.evidence) ORDER BY t.score DESC, t.theme_id)
            FROM item_themes t WHERE t.item_id = ${ITEM_ID}), '[]'::json)`,
        sources: sql<ItemSnapshot['sources']>`coalesce((
          SELECT json_agg(json_build_object('feedId', s.feed_id, 'feedTitle', f.title, 'url', s.url) ORDER BY s.first_seen_at, s.feed_id)
            FROM item_sources s JOIN feeds f ON f.id = s.feed_id WHERE s.item_id = ${ITEM_ID}), '[]'::json)`,
      })
      .from(items)
      .where(eq(items.id, itemId));
    return row;
  }

  // ---- deliveries: the operator's side ----

  async findDelivery(endpointId: string, id: string): Promise<WebhookDeliveryRow | undefined> {
    const t = webhookDeliveries;
    const [row] = await this.db.select().from(t).where(and(eq(t.id, id), eq(t.endpointId, endpointId)));
    return row;
  }

  /** The delivery log, newest first; pass `limit + 1` to learn whether a next page exists. */
  async listDeliveries(
    endpointId: string,
    opts: { limit: number; after?: KeysetAfter; status?: WebhookDeliveryStatus; event?: string },
  ): Promise<WithSortAt<WebhookDeliveryRow>[]> {
    const t = webhookDeliveries;
    const after = opts.after ? sql`(${t.createdAt}, ${t.id}) < (${opts.after.at}::timestamptz, ${opts.after.id})` : undefined;
    const rows = await this.db
      .select({ row: t, sortAt: exactTime(t.createdAt) })
      .from(t)
      .where(
        and(
          eq(t.endpointId, endpointId),
          opts.status ? eq(t.status, opts.status) : undefined,
          opts.event ? eq(t.event, opts.event) : undefined,
          after,
        ),
      )
      .orderBy(desc(t.createdAt), desc(t.id))
      .limit(opts.limit);
    return rows.map((r) => ({ ...r.row, sortAt: r.sortAt }));
  }

  async attemptsFor(deliveryIds: string[]): Promise<WebhookAttemptRow[]> {
    if (deliveryIds.length === 0) return [];
    const t = webhookAttempts;
    return this.db.select().from(t).where(inArray(t.deliveryId, deliveryIds)).orderBy(asc(t.attemptedAt), asc(t.id));
  }

  /** Sends one message again, now, under its own id, with a fresh retry cycle. */
  async resendDelivery(endpointId: string, id: string): Promise<WebhookDeliveryRow | undefined> {
    const t = webhookDeliveries;
    const [row] = await this.db
      .update(t)
      .set({ status: 'pending', nextAttemptAt: sql`now()`, cycleAttempts: 0, deliveredAt: null })
      .where(and(eq(t.id, id), eq(t.endpointId, endpointId)))
      .returning();
    return row;
  }

  /** Re-enabling resumes the endpoint's parked and pending deliveries with a fresh cycle. */
  async resumePendingDeliveries(endpointId: string): Promise<string[]> {
    const t = webhookDeliveries;
    const rows = await this.db
      .update(t)
      .set({ nextAttemptAt: sql`now()`, cycleAttempts: 0 })
      .where(and(eq(t.endpointId, endpointId), eq(t.status, 'pending')))
      .returning({ id: t.id });
    return rows.map((r) => r.id);
  }

  async createPing(endpointId: string): Promise<WebhookDeliveryRow> {
    const [row] = await this.db
      .insert(webhookDeliveries)
      .values({ id: newMessageId(), endpointId, itemId: null, itemVersion: 0, event: 'ping', nextAttemptAt: sql`now()` })
      .returning();
    return row!;
  }

  /**
   * Replay since a time. Messages already written for this endpoint since then (delivered or
   * not) are sent again under their own ids; item events since then that this endpoint never
   * got a message for (it was disabled, created later, or filtered differently) get new rows.
   */
  async replaySince(endpoint: WebhookEndpointRow, since: Date): Promise<{ reused: string[]; created: string[] }> {
    const t = webhookDeliveries;
    const reused = await this.db
      .update(t)
      .set({ status: 'pending', nextAttemptAt: sql`now()`, cycleAttempts: 0, deliveredAt: null })
      .where(and(eq(t.endpointId, endpoint.id), ne(t.event, 'ping'), gte(t.createdAt, since)))
      .returning({ id: t.id });
    const missing = await this.itemEventsWithoutDelivery(endpoint, since);
    const created: string[] = [];
    for (let i = 0; i < missing.length; i += 500) {
      const rows = await this.db
        .insert(t)
        .values(missing.slice(i, i + 500).map((m) => ({ id: newMessageId(), endpointId: endpoint.id, ...m, nextAttemptAt: sql`now()` })))
        .onConflictDoNothing()
        .returning({ id: t.id });
      created.push(...rows.map((r) => r.id));
    }
    return { reused: reused.map((r) => r.id), created };
  }

  /** Items classified since `since` (current version) matching the endpoint, with no message for it yet. */
  private async itemEventsWithoutDelivery(endpoint: WebhookEndpointRow, since: Date) {
    const event = sql<string>`CASE WHEN ${items.version} > 1 THEN 'item.updated' ELSE 'item.published' END`;
    const themeMatch =
      endpoint.themes.length === 0
        ? undefined
        : sql`EXISTS (SELECT 1 FROM item_themes it WHERE it.item_id = ${items.id} AND it.theme_id = ANY(${sql.param(endpoint.themes)}::text[]))`;
    const rows = await this.db
      .select({ itemId: items.id, itemVersion: items.version, event })
      .from(items)
      .where(
        and(
          gte(items.classifiedAt, since),
          eq(items.classifiedVersion, items.version),
          sql`(${event}) = ANY(${sql.param(endpoint.events)}::text[])`,
          themeMatch,
          sql`NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.endpoint_id = ${endpoint.id} AND d.item_id = ${items.id}
                AND d.item_version = ${items.version} AND d.event = (${event}))`,
        ),
      )
      .orderBy(asc(items.classifiedAt));
    return rows.map((r) => ({ itemId: r.itemId, itemVersion: r.itemVersion, event: r.event }));
  }
}
