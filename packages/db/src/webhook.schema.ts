import { sql } from 'drizzle-orm';
import { bigserial, boolean, integer, jsonb, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { items } from './schema';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Webhook endpoints, deliveries and attempts (issue 5). Migration: 0600_webhooks.sql. */
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
    itemId: text('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    itemVersion: integer('item_version').notNull(),
    event: text('event').notNull(),
    status: text('status').$type<'pending' | 'delivered' | 'failed' | 'cancelled'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tz('next_attempt_at'),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: tz('created_at').notNull().defaultNow(),
    deliveredAt: tz('delivered_at'),
  },
  (t) => [
    unique('webhook_deliveries_endpoint_id_item_id_item_version_event_key').on(t.endpointId, t.itemId, t.itemVersion, t.event),
  ],
);

export const webhookAttempts = pgTable('webhook_attempts', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  deliveryId: text('delivery_id')
    .notNull()
    .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
  attemptedAt: tz('attempted_at').notNull().defaultNow(),
  statusCode: integer('status_code'),
  latencyMs: integer('latency_ms'),
  responseExcerpt: text('response_excerpt'),
  error: text('error'),
});
