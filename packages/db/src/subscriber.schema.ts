import { sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const id = () => text('id').primaryKey().default(sql`gen_random_uuid()::text`);

/** Digest subscribers (issue 4). Migration: 0300_subscriptions.sql. */
export const subscribers = pgTable('subscribers', {
  id: id(),
  email: text('email').notNull().unique(),
  status: text('status').$type<'pending' | 'active' | 'paused' | 'unsubscribed' | 'suspended'>().notNull().default('pending'),
  themes: jsonb('themes').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  types: jsonb('types').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  frequency: text('frequency').$type<'daily' | 'weekly'>().notNull(),
  timezone: text('timezone').notNull(),
  sendHour: integer('send_hour').notNull().default(7),
  /** ISO weekday, 1 = Monday; weekly subscribers only. */
  weekday: integer('weekday'),
  language: text('language').notNull().default('en'),
  /** Bumped to invalidate every link already sent. */
  tokenVersion: integer('token_version').notNull().default(1),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
  confirmedAt: tz('confirmed_at'),
  pausedAt: tz('paused_at'),
  unsubscribedAt: tz('unsubscribed_at'),
  suspendedAt: tz('suspended_at'),
  suspendedReason: text('suspended_reason'),
  lastConfirmationSentAt: tz('last_confirmation_sent_at'),
  bounceCount: integer('bounce_count').notNull().default(0),
  lastBounceAt: tz('last_bounce_at'),
  /** End of the last digest window sent; the next window starts here. */
  lastDigestWindowEnd: tz('last_digest_window_end'),
});

export const consents = pgTable('consents', {
  id: id(),
  subscriberId: text('subscriber_id')
    .notNull()
    .references(() => subscribers.id, { onDelete: 'cascade' }),
  textVersion: text('text_version').notNull(),
  text: text('text').notNull(),
  source: text('source').$type<'form' | 'api'>().notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
  agreedAt: tz('agreed_at').notNull().defaultNow(),
  confirmedAt: tz('confirmed_at'),
});

/** Transactional mail (confirmation): the address lives here, never in a queue payload. */
export const mailOutbox = pgTable('mail_outbox', {
  id: id(),
  subscriberId: text('subscriber_id').references(() => subscribers.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  toAddress: text('to_address').notNull(),
  subject: text('subject').notNull(),
  html: text('html').notNull(),
  text: text('text').notNull(),
  headers: jsonb('headers').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
  status: text('status').$type<'pending' | 'sending' | 'sent' | 'failed'>().notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  messageId: text('message_id'),
  createdAt: tz('created_at').notNull().defaultNow(),
  sentAt: tz('sent_at'),
});

/** One row per (subscriber, period), written before the send: the exactly-once outbox. */
export const digests = pgTable(
  'digests',
  {
    id: id(),
    subscriberId: text('subscriber_id')
      .notNull()
      .references(() => subscribers.id, { onDelete: 'cascade' }),
    periodKey: text('period_key').notNull(),
    windowStart: tz('window_start').notNull(),
    windowEnd: tz('window_end').notNull(),
    status: text('status').$type<'pending' | 'sending' | 'sent' | 'failed' | 'empty' | 'bounced' | 'cancelled'>().notNull().default('pending'),
    itemIds: jsonb('item_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    messageId: text('message_id'),
    createdAt: tz('created_at').notNull().defaultNow(),
    sentAt: tz('sent_at'),
    /** While `sending`: until when the claiming worker owns the send (0400_digest_delivery.sql). */
    leaseExpiresAt: tz('lease_expires_at'),
  },
  (t) => [unique('digests_subscriber_id_period_key_key').on(t.subscriberId, t.periodKey)],
);
