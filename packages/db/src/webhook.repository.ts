import { and, asc, desc, eq, gte, inArray, ne, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Database } from './client';
import type { KeysetAfter } from './feed-admin.repository';
import { items } from './schema';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from './webhook.schema';
import type { WebhookDeliveryRow, WebhookDeliveryStatus, WebhookEndpointRow } from './webhook-delivery.repository';
import { newMessageId } from './webhook-fanout.repository';

export type WebhookAttemptRow = typeof webhookAttempts.$inferSelect;

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

const ms = (n: number) => sql`(${Math.max(0, Math.round(n))}::bigint * interval '1 millisecond')`;
const exactTime = (col: AnyPgColumn) =>
  sql<string>`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Webhook endpoints and the operator's side of deliveries (log, resend, replay, ping). The
 * worker's side is `WebhookDeliveryRepository`.
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
