import type { Database } from './client';
import { sortAtSql, type KeysetAfter } from './feed-admin.repository';

/** Admin queries over items (issue 5); ingest's item.repository owns the writes. */
export interface ItemThemeRow {
  id: string;
  score: number;
  evidence?: { term: string; field: 'title' | 'summary'; weight?: number }[];
}

export interface ItemAdminRow {
  id: string;
  url: string | null;
  guid: string | null;
  title: string;
  summary: string;
  publishedAt: Date | null;
  language: string | null;
  type: string;
  categories: string[];
  startsAt: Date | null;
  endsAt: Date | null;
  location: string | null;
  version: number;
  updated: boolean;
  firstSeenAt: Date;
  changedAt: Date;
  classifiedAt: Date | null;
  classifiedVersion: number | null;
  taxonomyVersion: string | null;
  themes: ItemThemeRow[];
  feedIds: string[];
  sortAt: string;
}

export interface ItemSourceRow {
  feedId: string;
  feedTitle: string;
  feedUrl: string;
  url: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

export interface ItemAdminDetail extends ItemAdminRow {
  contentHtml: string | null;
  sourceUpdatedAt: Date | null;
  sources: ItemSourceRow[];
}

export interface ItemAdminFilter {
  /** Items carrying at least one of these themes. */
  themes?: string[];
  types?: string[];
  language?: string;
  feedId?: string;
  publishedFrom?: Date;
  publishedTo?: Date;
  /** Words, each matched as a word prefix in the title or summary (full-text, `simple` config). */
  words?: string[];
  classified?: boolean;
}

/** Items without a source date sort by when they were first seen. */
const SORT_KEY = 'coalesce(i.published_at, i.first_seen_at)';
/** Must stay the expression of `items_text_search_idx` (migration 0501) for the index to be used. */
const TEXT_VECTOR = `to_tsvector('simple', i.title || ' ' || i.summary)`;

const themesSql = (withEvidence: boolean) => `(SELECT coalesce(json_agg(json_build_object('id', t.theme_id, 'score', t.score
    ${withEvidence ? ", 'evidence', t.evidence" : ''}) ORDER BY t.score DESC, t.theme_id), '[]'::json)
   FROM item_themes t WHERE t.item_id = i.id) AS themes`;

const SELECT_LIST = (withEvidence: boolean) => `SELECT i.id, i.canonical_url, i.guid, i.title, i.summary, i.published_at, i.language,
  i.type, i.categories, i.starts_at, i.ends_at, i.location, i.version, i.updated, i.first_seen_at, i.changed_at,
  i.classified_at, i.classified_version, i.taxonomy_version, ${themesSql(withEvidence)},
  (SELECT coalesce(json_agg(s.feed_id ORDER BY s.first_seen_at), '[]'::json) FROM item_sources s WHERE s.item_id = i.id) AS feed_ids,
  ${sortAtSql(SORT_KEY)} AS sort_at`;

type Raw = Record<string, unknown>;
const toRow = (r: Raw): ItemAdminRow => ({
  id: r.id as string,
  url: r.canonical_url as string | null,
  guid: r.guid as string | null,
  title: r.title as string,
  summary: r.summary as string,
  publishedAt: r.published_at as Date | null,
  language: r.language as string | null,
  type: r.type as string,
  categories: r.categories as string[],
  startsAt: r.starts_at as Date | null,
  endsAt: r.ends_at as Date | null,
  location: r.location as string | null,
  version: r.version as number,
  updated: r.updated as boolean,
  firstSeenAt: r.first_seen_at as Date,
  changedAt: r.changed_at as Date,
  classifiedAt: r.classified_at as Date | null,
  classifiedVersion: r.classified_version as number | null,
  taxonomyVersion: r.taxonomy_version as string | null,
  themes: r.themes as ItemThemeRow[],
  feedIds: r.feed_ids as string[],
  sortAt: r.sort_at as string,
});

function whereOf(filter: ItemAdminFilter, after: KeysetAfter | undefined, params: unknown[]): string[] {
  const p = (v: unknown) => `$${params.push(v)}`;
  const where: string[] = [];
  if (filter.themes?.length) {
    where.push(`EXISTS (SELECT 1 FROM item_themes t WHERE t.item_id = i.id AND t.theme_id = ANY(${p(filter.themes)}::text[]))`);
  }
  if (filter.types?.length) where.push(`i.type = ANY(${p(filter.types)}::text[])`);
  if (filter.language) where.push(`i.language = ${p(filter.language)}`);
  if (filter.feedId) where.push(`EXISTS (SELECT 1 FROM item_sources s WHERE s.item_id = i.id AND s.feed_id = ${p(filter.feedId)})`);
  if (filter.publishedFrom) where.push(`i.published_at >= ${p(filter.publishedFrom)}`);
  if (filter.publishedTo) where.push(`i.published_at < ${p(filter.publishedTo)}`);
  if (filter.words?.length) {
    // words are letters and digits only (the API strips the rest), so the tsquery cannot be malformed
    where.push(`${TEXT_VECTOR} @@ to_tsquery('simple', ${p(filter.words.map((w) => `${w}:*`).join(' & '))})`);
  }
  if (filter.classified !== undefined) where.push(`i.classified_at IS ${filter.classified ? 'NOT NULL' : 'NULL'}`);
  if (after) where.push(`(${SORT_KEY}, i.id) < (${p(after.at)}::timestamptz, ${p(after.id)})`);
  return where;
}

/** Newest first by `(coalesce(published_at, first_seen_at), id)`; pass `limit + 1` to detect a next page. */
export async function listItemsPage(
  database: Database,
  filter: ItemAdminFilter,
  page: { limit: number; after?: KeysetAfter },
): Promise<ItemAdminRow[]> {
  const params: unknown[] = [];
  const where = whereOf(filter, page.after, params);
  const sql = `${SELECT_LIST(false)} FROM items i ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${SORT_KEY} DESC, i.id DESC LIMIT $${params.push(page.limit)}`;
  return (await database.sql.query<Raw>(sql, params)).map(toRow);
}

export async function getItemDetail(database: Database, id: string): Promise<ItemAdminDetail | null> {
  const [row] = await database.sql.query<Raw>(
    `${SELECT_LIST(true)}, i.content_html, i.source_updated_at FROM items i WHERE i.id = $1`,
    [id],
  );
  if (!row) return null;
  const sources = await database.sql.query<Raw>(
    `SELECT s.feed_id, f.title, f.url AS feed_url, s.url, s.first_seen_at, s.last_seen_at
       FROM item_sources s JOIN feeds f ON f.id = s.feed_id WHERE s.item_id = $1 ORDER BY s.first_seen_at, s.feed_id`,
    [id],
  );
  return {
    ...toRow(row),
    contentHtml: row.content_html as string | null,
    sourceUpdatedAt: row.source_updated_at as Date | null,
    sources: sources.map((s) => ({
      feedId: s.feed_id as string,
      feedTitle: s.title as string,
      feedUrl: s.feed_url as string,
      url: s.url as string | null,
      firstSeenAt: s.first_seen_at as Date,
      lastSeenAt: s.last_seen_at as Date,
    })),
  };
}

export async function getItemVersion(database: Database, id: string): Promise<number | null> {
  const [row] = await database.sql.query<{ version: number }>('SELECT version FROM items WHERE id = $1', [id]);
  return row ? row.version : null;
}
