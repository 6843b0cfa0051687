import { getTableColumns } from 'drizzle-orm';
import type { Database } from './client';
import { feeds } from './schema';

/**
 * Admin listing of `feeds` (issue 5): filters and keyset pages. Single-feed reads and writes go
 * through ingest's `FeedRepository`.
 */
export type FeedAdminRow = IsoDates<typeof feeds.$inferSelect> & { sortAt: string };

/** A row whose timestamps are ISO 8601 strings (`…T…Z`, milliseconds), as the API sends them. */
export type IsoDates<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

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

/** The same text as `Date#toISOString()` (both drop the microseconds). */
export const isoSql = (expr: string) => `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Every column under its property name, timestamps already as ISO strings: parsing and
 * re-formatting the 300 timestamps of a page cost about as much as the query itself.
 */
const SELECT_LIST = Object.entries(getTableColumns(feeds))
  .map(([key, column]) => `${column.dataType === 'date' ? isoSql(column.name) : column.name} AS "${key}"`)
  .join(', ');

/**
 * Oldest first, by `(created_at, id)`; pass `limit + 1` to learn whether a next page exists.
 * Plain SQL: this is the admin API's hottest query, and the query builder's per-call cost was
 * three times the query's own (measured with tests/bench/api).
 */
export async function listFeedsPage(
  database: Database,
  filter: FeedAdminFilter,
  page: { limit: number; after?: KeysetAfter },
): Promise<FeedAdminRow[]> {
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  const where: string[] = [];
  if (filter.enabled !== undefined) where.push(`enabled = ${p(filter.enabled)}`);
  if (filter.kind) where.push(`kind = ${p(filter.kind)}`);
  if (filter.failing !== undefined) where.push(filter.failing ? 'consecutive_failures > 0' : 'consecutive_failures = 0');
  if (filter.q) {
    const like = p(`%${escapeLike(filter.q)}%`);
    where.push(`(title ILIKE ${like} OR url ILIKE ${like})`);
  }
  if (page.after) where.push(`(created_at, id) > (${p(page.after.at)}::timestamptz, ${p(page.after.id)})`);
  return database.sql.query<FeedAdminRow>(
    `SELECT ${SELECT_LIST}, ${sortAtSql('created_at')} AS "sortAt" FROM feeds ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY created_at, id LIMIT ${p(page.limit)}`,
    params,
  );
}
