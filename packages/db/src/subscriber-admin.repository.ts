import { and, desc, eq, getTableColumns, ilike, ne, sql, type SQL } from 'drizzle-orm';
import type { Database } from './client';
import { escapeLike, sortAtSql, type KeysetAfter } from './feed-admin.repository';
import { consents, digests, subscribers } from './subscriber.schema';

/**
 * Admin-only queries over subscribers (issue 5). Lookup, export and erase are the
 * subscriptions code's (subscriber.repository); the admin API calls those.
 */
export type SubscriberStatus = (typeof subscribers.$inferSelect)['status'];
export type SubscriberAdminRow = typeof subscribers.$inferSelect & { sortAt: string };

export interface SubscriberAdminFilter {
  /** Substring of the address, case-insensitive. */
  email?: string;
  status?: SubscriberStatus;
  theme?: string;
  frequency?: 'daily' | 'weekly';
}

export interface SubscriberStats {
  total: number;
  byStatus: Record<string, number>;
  /** Active subscribers only: the people digests go to. */
  byTheme: Record<string, number>;
  byFrequency: Record<string, number>;
}

const withSortAt = { ...getTableColumns(subscribers), sortAt: sql<string>`${sql.raw(sortAtSql('"subscribers"."created_at"'))}` };

/** Newest first by `(created_at, id)`; pass `limit + 1` to detect a next page. */
export async function listSubscribersPage(
  database: Database,
  filter: SubscriberAdminFilter,
  page: { limit: number; after?: KeysetAfter },
): Promise<SubscriberAdminRow[]> {
  const where: SQL[] = [];
  if (filter.email) where.push(ilike(subscribers.email, `%${escapeLike(filter.email)}%`));
  if (filter.status) where.push(eq(subscribers.status, filter.status));
  if (filter.theme) where.push(sql`${subscribers.themes} ? ${filter.theme}`);
  if (filter.frequency) where.push(eq(subscribers.frequency, filter.frequency));
  if (page.after) where.push(sql`(${subscribers.createdAt}, ${subscribers.id}) < (${page.after.at}::timestamptz, ${page.after.id})`);
  return database.db
    .select(withSortAt)
    .from(subscribers)
    .where(and(...where))
    .orderBy(desc(subscribers.createdAt), desc(subscribers.id))
    .limit(page.limit);
}

export interface SubscriberActivity {
  consents: { textVersion: string; source: string; agreedAt: Date; confirmedAt: Date | null }[];
  digests: { status: string; count: number; lastSentAt: Date | null }[];
}

/** What an operator needs beside the row: consent history and digest counts (no mail bodies). */
export async function getSubscriberActivity(database: Database, id: string): Promise<SubscriberActivity> {
  const consentRows = await database.db
    .select({ textVersion: consents.textVersion, source: consents.source, agreedAt: consents.agreedAt, confirmedAt: consents.confirmedAt })
    .from(consents)
    .where(eq(consents.subscriberId, id))
    .orderBy(consents.agreedAt, consents.id);
  const digestRows = await database.db
    .select({ status: digests.status, count: sql<number>`count(*)::int`, lastSentAt: sql<Date | null>`max(${digests.sentAt})`.mapWith(digests.sentAt) })
    .from(digests)
    .where(eq(digests.subscriberId, id))
    .groupBy(digests.status)
    .orderBy(digests.status);
  return { consents: consentRows, digests: digestRows };
}

/** Stops every send to the subscriber; an unsubscribed person stays unsubscribed (null then). */
export async function suspendSubscriber(database: Database, id: string, reason: string): Promise<SubscriberAdminRow | null> {
  const [row] = await database.db
    .update(subscribers)
    .set({
      status: 'suspended',
      suspendedAt: sql`coalesce(${subscribers.suspendedAt}, now())`,
      suspendedReason: reason,
      updatedAt: new Date(),
    })
    .where(and(eq(subscribers.id, id), ne(subscribers.status, 'unsubscribed')))
    .returning(withSortAt);
  return row ?? null;
}

/**
 * Back to the state the person chose (paused, active, or pending when never confirmed). The
 * bounce count restarts, or the next soft bounce would suspend them again at once.
 */
export async function unsuspendSubscriber(database: Database, id: string): Promise<SubscriberAdminRow | null> {
  const [row] = await database.db
    .update(subscribers)
    .set({
      status: sql`CASE WHEN ${subscribers.pausedAt} IS NOT NULL THEN 'paused'
                       WHEN ${subscribers.confirmedAt} IS NOT NULL THEN 'active' ELSE 'pending' END`,
      suspendedAt: null,
      suspendedReason: null,
      bounceCount: 0,
      updatedAt: new Date(),
    })
    .where(and(eq(subscribers.id, id), eq(subscribers.status, 'suspended')))
    .returning(withSortAt);
  return row ?? null;
}

export async function subscriberStats(database: Database): Promise<SubscriberStats> {
  const [byStatus, byTheme, byFrequency] = await Promise.all([
    database.sql.query<{ key: string; n: number }>('SELECT status AS key, count(*)::int AS n FROM subscribers GROUP BY status'),
    database.sql.query<{ key: string; n: number }>(
      `SELECT theme AS key, count(*)::int AS n FROM subscribers, jsonb_array_elements_text(themes) AS theme
        WHERE status = 'active' GROUP BY theme`,
    ),
    database.sql.query<{ key: string; n: number }>(
      `SELECT frequency AS key, count(*)::int AS n FROM subscribers WHERE status = 'active' GROUP BY frequency`,
    ),
  ]);
  const toMap = (rows: { key: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.key, r.n]));
  return {
    total: byStatus.reduce((sum, r) => sum + r.n, 0),
    byStatus: toMap(byStatus),
    byTheme: toMap(byTheme),
    byFrequency: toMap(byFrequency),
  };
}
