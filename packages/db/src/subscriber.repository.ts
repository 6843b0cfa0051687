import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { jobIds, QUEUES } from '@pulse/contracts';
import type { Database } from './client';
import { consents, digests, mailOutbox, subscribers } from './subscriber.schema';

/** Process-wide settings (migration 0301_settings.sql). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export type Subscriber = typeof subscribers.$inferSelect;
export type NewSubscriber = typeof subscribers.$inferInsert;
export type Consent = typeof consents.$inferSelect;
export type NewConsent = typeof consents.$inferInsert;
export type OutboxMail = typeof mailOutbox.$inferSelect;
export type NewOutboxMail = typeof mailOutbox.$inferInsert;

/** Addresses are stored trimmed and lower-cased, so one mailbox is one row. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

const LINK_SECRET_KEY = 'link_secret';

/**
 * The secret that signs subscriber links: `PULSE_SECRET` when set, else one generated on
 * first use and kept in `settings`, so every process (api, digest, cli) and every restart
 * signs and checks with the same one. Two processes racing both read the row that won.
 */
export async function resolveLinkSecret(database: Database, configured?: string): Promise<string> {
  if (configured) return configured;
  await database.sql.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [
    LINK_SECRET_KEY,
    randomBytes(32).toString('base64url'),
  ]);
  const [row] = await database.sql.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [LINK_SECRET_KEY]);
  if (!row) throw new Error('link secret missing from settings');
  return row.value;
}

/** By id, or by address when `ref` contains an `@` (the CLI takes either). */
export async function findSubscriber(database: Database, ref: string): Promise<Subscriber | null> {
  const where = ref.includes('@') ? eq(subscribers.email, normaliseEmail(ref)) : eq(subscribers.id, ref);
  const [row] = await database.db.select().from(subscribers).where(where).limit(1);
  return row ?? null;
}

/** A new pending subscriber, or null when the address already has a row (caller re-reads it). */
export async function insertSubscriber(database: Database, values: NewSubscriber): Promise<Subscriber | null> {
  const [row] = await database.db
    .insert(subscribers)
    .values({ ...values, email: normaliseEmail(values.email) })
    .onConflictDoNothing({ target: subscribers.email })
    .returning();
  return row ?? null;
}

export type SubscriberPatch = Partial<Omit<NewSubscriber, 'id' | 'email' | 'createdAt'>>;

export async function updateSubscriber(database: Database, id: string, patch: SubscriberPatch): Promise<Subscriber | null> {
  const [row] = await database.db
    .update(subscribers)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(subscribers.id, id))
    .returning();
  return row ?? null;
}

/**
 * Claims the right to mail this subscriber about their subscription: true for at most one
 * caller per `windowSeconds`, even when requests race (one conditional UPDATE).
 */
export async function claimSubscriptionMailSlot(database: Database, id: string, windowSeconds: number): Promise<boolean> {
  const rows = await database.sql.query(
    `UPDATE subscribers SET last_confirmation_sent_at = now()
      WHERE id = $1 AND (last_confirmation_sent_at IS NULL OR last_confirmation_sent_at <= now() - make_interval(secs => $2))
      RETURNING id`,
    [id, windowSeconds],
  );
  return rows.length === 1;
}

/** Gives the slot back when the mail could not be queued, so a retry is not refused. */
export async function releaseSubscriptionMailSlot(database: Database, id: string): Promise<void> {
  await database.db.update(subscribers).set({ lastConfirmationSentAt: null }).where(eq(subscribers.id, id));
}

/**
 * Records what the person agreed to. An unconfirmed earlier consent of the same subscriber is
 * replaced (only the request being confirmed counts), so repeated requests cannot pile rows up.
 */
export async function recordConsent(database: Database, values: NewConsent): Promise<Consent> {
  return database.db.transaction(async (tx) => {
    await tx.delete(consents).where(and(eq(consents.subscriberId, values.subscriberId), isNull(consents.confirmedAt)));
    const [row] = await tx.insert(consents).values(values).returning();
    if (!row) throw new Error('consent insert returned nothing');
    return row;
  });
}

export async function insertOutboxMail(database: Database, values: NewOutboxMail): Promise<OutboxMail> {
  const [row] = await database.db.insert(mailOutbox).values(values).returning();
  if (!row) throw new Error('outbox insert returned nothing');
  return row;
}

export async function deleteOutboxMail(database: Database, id: string): Promise<void> {
  await database.db.delete(mailOutbox).where(eq(mailOutbox.id, id));
}

/** Double opt-in: pending → active, and the consents given so far are marked confirmed. */
export async function confirmSubscriber(database: Database, id: string, at = new Date()): Promise<Subscriber | null> {
  return database.db.transaction(async (tx) => {
    const [row] = await tx
      .update(subscribers)
      // A re-subscription starts its digest windows afresh at this confirmation (see windowStart).
      .set({ status: 'active', confirmedAt: at, updatedAt: at, bounceCount: 0, suspendedAt: null, suspendedReason: null, lastDigestWindowEnd: null })
      .where(and(eq(subscribers.id, id), eq(subscribers.status, 'pending')))
      .returning();
    if (!row) return null;
    await tx.update(consents).set({ confirmedAt: at }).where(and(eq(consents.subscriberId, id), isNull(consents.confirmedAt)));
    return row;
  });
}

/**
 * Deletes pending subscriptions never confirmed within `olderThanSeconds` of their last
 * confirmation mail: an address nobody confirmed is not kept (data minimisation).
 */
export async function purgeStalePendingSubscribers(database: Database, olderThanSeconds: number): Promise<number> {
  const rows = await database.sql.query(
    `DELETE FROM subscribers
      WHERE status = 'pending' AND coalesce(last_confirmation_sent_at, created_at) < now() - make_interval(secs => $1)
      RETURNING id`,
    [olderThanSeconds],
  );
  return rows.length;
}

export interface SubscriberExport {
  format: 'emn-pulse.subscriber-export.v1';
  exportedAt: string;
  subscriber: Subscriber;
  consents: Consent[];
  mails: OutboxMail[];
  digests: (typeof digests.$inferSelect)[];
}

/** Everything held about one subscriber (GDPR art. 15 and 20), as plain JSON. */
export async function exportSubscriber(database: Database, ref: string): Promise<SubscriberExport | null> {
  const subscriber = await findSubscriber(database, ref);
  if (!subscriber) return null;
  const id = subscriber.id;
  const [consentRows, mailRows, digestRows] = await Promise.all([
    database.db.select().from(consents).where(eq(consents.subscriberId, id)).orderBy(asc(consents.agreedAt)),
    database.db.select().from(mailOutbox).where(eq(mailOutbox.subscriberId, id)).orderBy(asc(mailOutbox.createdAt)),
    database.db.select().from(digests).where(eq(digests.subscriberId, id)).orderBy(asc(digests.windowEnd)),
  ]);
  return {
    format: 'emn-pulse.subscriber-export.v1',
    exportedAt: new Date().toISOString(),
    subscriber,
    consents: consentRows,
    mails: mailRows,
    digests: digestRows,
  };
}

export interface ErasedSubscriber {
  subscriberId: string;
  consents: number;
  mails: number;
  digests: number;
  /** BullMQ job ids (per queue) that referred to erased rows: callers remove them from Redis. */
  jobIds: { [QUEUES.mailSend]: string[]; [QUEUES.digestSend]: string[] };
}

/**
 * Erases a subscriber and everything linked (consents, mails, digests cascade) in one
 * transaction (GDPR art. 17). Returns null when nothing matches.
 */
export async function eraseSubscriber(database: Database, ref: string): Promise<ErasedSubscriber | null> {
  const target = await findSubscriber(database, ref);
  if (!target) return null;
  return database.db.transaction(async (tx) => {
    const [locked] = await tx.select({ id: subscribers.id }).from(subscribers).where(eq(subscribers.id, target.id)).for('update');
    if (!locked) return null;
    const [consentCount] = await tx.select({ n: sql<number>`count(*)::int` }).from(consents).where(eq(consents.subscriberId, locked.id));
    const mails = await tx.select({ id: mailOutbox.id }).from(mailOutbox).where(eq(mailOutbox.subscriberId, locked.id));
    const digestRows = await tx.select({ id: digests.id }).from(digests).where(eq(digests.subscriberId, locked.id));
    await tx.delete(subscribers).where(eq(subscribers.id, locked.id));
    return {
      subscriberId: locked.id,
      consents: consentCount?.n ?? 0,
      mails: mails.length,
      digests: digestRows.length,
      jobIds: {
        [QUEUES.mailSend]: mails.map((m) => jobIds.mailSend({ mailId: m.id })),
        [QUEUES.digestSend]: digestRows.map((d) => jobIds.digestSend({ digestId: d.id })),
      },
    };
  });
}

export interface ClaimedOutboxMail extends OutboxMail {
  /** The recipient's current status; null for mail not tied to a subscriber. */
  subscriberStatus: Subscriber['status'] | null;
}

/**
 * Takes an outbox mail for sending: null when it is gone, already sent or given up on, so a
 * retried or duplicated job never sends it twice once it is marked sent.
 */
export async function claimOutboxMail(database: Database, id: string): Promise<ClaimedOutboxMail | null> {
  const [row] = await database.db
    .update(mailOutbox)
    .set({ status: 'sending', attempts: sql`${mailOutbox.attempts} + 1` })
    .where(and(eq(mailOutbox.id, id), inArray(mailOutbox.status, ['pending', 'sending'])))
    .returning();
  if (!row) return null;
  const [owner] = row.subscriberId
    ? await database.db.select({ status: subscribers.status }).from(subscribers).where(eq(subscribers.id, row.subscriberId))
    : [];
  return { ...row, subscriberStatus: owner?.status ?? null };
}

export async function markOutboxMailSent(database: Database, id: string, messageId: string | null): Promise<void> {
  await database.db
    .update(mailOutbox)
    .set({ status: 'sent', sentAt: new Date(), messageId, lastError: null })
    .where(eq(mailOutbox.id, id));
}

/** `final`: the mail is given up on (5xx, last attempt); otherwise it stays retryable. */
export async function recordOutboxMailError(database: Database, id: string, error: string, final: boolean): Promise<void> {
  await database.db
    .update(mailOutbox)
    .set({ lastError: error.slice(0, 1000), ...(final ? { status: 'failed' as const } : {}) })
    .where(eq(mailOutbox.id, id));
}
