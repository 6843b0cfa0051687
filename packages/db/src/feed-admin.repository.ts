import { and, asc, eq, getTableColumns, gt, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from './client';
import { feeds } from './schema';

/**
 * Admin listing of `feeds` (issue 5): filters and keyset pages. Single-feed reads and writes go
 * through ingest's `FeedRepository`.
 */
export type FeedAdminRow = typeof feeds.$inferSelect & { sortAt: string };

export interface FeedAdminFilter {
  enabled?: boolean;
  kind?: string;
  /** Only feeds whose last poll failed (true) or did not (false). */
  failing?: boolean;
  /** Substring of the title or URL, case-insensitive. */
  q?: string;
}

/** Keyset position: rows strictly after `(at, id)` in the list order. */
export interface KeysetAfter {
  at: string;
  id: string;
}

/**
 * A sort key at full precision: PostgreSQL keeps microseconds, a JS Date only milliseconds, and
 * a rounded cursor would repeat or skip rows. ISO with `Z` parses back to the same instant.
 */
export const sortAtSql = (expr: string) => `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Oldest first, by `(created_at, id)`; pass `limit + 1` to learn whether a next page exists. */
export async function listFeedsPage(
  database: Database,
  filter: FeedAdminFilter,
  page: { limit: number; after?: KeysetAfter },
): Promise<FeedAdminRow[]> {
  const where: (SQL | undefined)[] = [];
  if (filter.enabled !== undefined) where.push(eq(feeds.enabled, filter.enabled));
  if (filter.kind) where.push(eq(feeds.kind, filter.kind));
  if (filter.failing !== undefined) where.push(filter.failing ? gt(feeds.consecutiveFailures, 0) : eq(feeds.consecutiveFailures, 0));
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    where.push(or(ilike(feeds.title, like), ilike(feeds.url, like)));
  }
  if (page.after) where.push(sql`(${feeds.createdAt}, ${feeds.id}) > (${page.after.at}::timestamptz, ${page.after.id})`);
  return database.db
    .select({ ...getTableColumns(feeds), sortAt: sql<string>`${sql.raw(sortAtSql('"feeds"."created_at"'))}` })
    .from(feeds)
    .where(and(...where))
    .orderBy(asc(feeds.createdAt), asc(feeds.id))
    .limit(page.limit);
}
