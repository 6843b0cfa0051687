import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { items } from './schema';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Webhook endpoints, deliveries and attempts (issue 5). Migrations: 0600_webhooks.sql, 0601_webhook_delivery_state.sql. */
export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: text('id').primaryKey().default(sql`gen_random_uuid()::text`),
  url: text('url').notNull(),
  description: text('description'),
  events: jsonb('events').$type<string[]>().notNull(),
  /** Empty: every item; otherwise items carrying at least one of these themes. */
  themes: jsonb('themes').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  secret: text('secret').notNull(),
  previousSecret: text('previous_secret'),
  previousSecretExpiresAt: tz('previous_secret_expires_at'),
  enabled: boolean('enabled').notNull().default(true),
  disabledReason: text('disabled_reason'),
  disabledAt: tz('disabled_at'),
  failingSince: tz('failing_since'),
  lastSuccessAt: tz('last_success_at'),
  lastFailureAt: tz('last_failure_at'),
  lastError: text('last_error'),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

/** One row per (endpoint, item event), written before any send; its id is the `webhook-id`. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    endpointId: text('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    /** Null for a test ping. */
    itemId: text('item_id').references(() => items.id, { onDelete: 'cascade' }),
    itemVersion: integer('item_version').notNull(),
    event: text('event').notNull(),
    status: text('status').$type<'pending' | 'delivered' | 'failed' | 'cancelled'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tz('next_attempt_at'),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: tz('created_at').notNull().defaultNow(),
    deliveredAt: tz('delivered_at'),
    /** The exact body, frozen at the first attempt. */
    payload: text('payload'),
    leaseUntil: tz('lease_until'),
    /** Attempts in the current retry cycle (resend, replay, re-enable start a new one). */
    cycleAttempts: integer('cycle_attempts').notNull().default(0),
  },
  (t) => [
    unique('webhook_deliveries_endpoint_id_item_id_item_version_event_key').on(t.endpointId, t.itemId, t.itemVersion, t.event),
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.createdAt),
    index('webhook_deliveries_pending_due_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`),
    index('webhook_deliveries_item_idx').on(t.itemId),
  ],
);

/** Every send, successful or not: the delivery log the operator reads. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attemptedAt: tz('attempted_at').notNull().defaultNow(),
    statusCode: integer('status_code'),
    latencyMs: integer('latency_ms'),
    /** At most 1 KiB of the response body. */
    responseExcerpt: text('response_excerpt'),
    error: text('error'),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.attemptedAt)],
);
