import type { Database } from './client';

/** What digests show: the items of a window, and what a subscriber was already sent (issue 4). */
type Row = Record<string, unknown>;

export interface WindowItemRow {
  id: string;
  title: string;
  summary: string;
  url: string | null;
  source: string | null;
  type: string;
  language: string | null;
  publishedAt: Date | null;
  firstSeenAt: Date;
  changedAt: Date;
  startsAt: Date | null;
  endsAt: Date | null;
  location: string | null;
  /** Every theme of the item, strongest first. */
  themeIds: string[];
}

export interface WindowQuery {
  /** Preferred language of links and sources. */
  language: string;
  start: Date;
  end: Date;
  limit: number;
}

/**
 * The classified items of a digest window, (start, end], that carry at least one theme, newest
 * first, at most `limit`, each with all its themes strongest first. Nothing here depends on
 * who the subscriber is (themes and types are filtered by the caller), so every subscriber
 * sharing a window shares the one query. Links and sources prefer a copy in `language`.
 */
export async function loadWindowItems(database: Database, q: WindowQuery): Promise<WindowItemRow[]> {
  const rows = await database.sql.query<Row>(
    `SELECT i.id, i.title, i.summary, coalesce(src.url, i.canonical_url) AS url, src.title AS source, i.type, i.language,
            i.published_at, i.first_seen_at, i.changed_at, i.starts_at, i.ends_at, i.location, th.theme_ids
       FROM items i
       JOIN LATERAL (
         SELECT array_agg(t.theme_id ORDER BY t.score DESC, t.theme_id) AS theme_ids FROM item_themes t WHERE t.item_id = i.id) th
         ON th.theme_ids IS NOT NULL
       LEFT JOIN LATERAL (
         SELECT f.title, s.url FROM item_sources s JOIN feeds f ON f.id = s.feed_id
          WHERE s.item_id = i.id
          ORDER BY (s.language IS NOT DISTINCT FROM $1) DESC, s.first_seen_at, s.feed_id LIMIT 1) src ON true
      WHERE i.classified_at > $2 AND i.classified_at <= $3
      ORDER BY coalesce(i.published_at, i.first_seen_at) DESC, i.id
      LIMIT $4`,
    [q.language, q.start, q.end, q.limit],
  );
  return rows.map((r) => ({
    id: r.id as string,
    title: r.title as string,
    summary: r.summary as string,
    url: (r.url as string | null) ?? null,
    source: (r.source as string | null) ?? null,
    type: r.type as string,
    language: (r.language as string | null) ?? null,
    publishedAt: (r.published_at as Date | null) ?? null,
    firstSeenAt: r.first_seen_at as Date,
    changedAt: r.changed_at as Date,
    startsAt: (r.starts_at as Date | null) ?? null,
    endsAt: (r.ends_at as Date | null) ?? null,
    location: (r.location as string | null) ?? null,
    themeIds: (r.theme_ids as string[] | null) ?? [],
  }));
}

/** When each of these items was last in a digest sent to this subscriber (absent: never). */
export async function loadLastSent(database: Database, subscriberId: string, itemIds: readonly string[]): Promise<Map<string, Date>> {
  if (itemIds.length === 0) return new Map();
  const rows = await database.sql.query<{ item_id: string; last_sent_at: Date }>(
    `SELECT e.item_id, max(d.sent_at) AS last_sent_at
       FROM digests d CROSS JOIN LATERAL jsonb_array_elements_text(d.item_ids) AS e(item_id)
      WHERE d.subscriber_id = $1 AND d.status = 'sent' AND d.item_ids ?| $2::text[] AND e.item_id = ANY($2::text[])
      GROUP BY e.item_id`,
    [subscriberId, [...itemIds]],
  );
  return new Map(rows.map((r) => [r.item_id, r.last_sent_at]));
}
