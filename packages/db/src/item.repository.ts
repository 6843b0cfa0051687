import { and, asc, eq, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Database, Db } from './client';
import { feeds, items, itemSources } from './schema';

export type DbTransaction = Parameters<Parameters<Db['transaction']>[0]>[0];
type Executor = Db | DbTransaction;

export type ItemRecord = typeof items.$inferSelect;
export type NewItemRecord = typeof items.$inferInsert;
export type ItemSourceRecord = typeof itemSources.$inferSelect;
export type NewItemSourceRecord = typeof itemSources.$inferInsert;

/** A feed's existing source row, with what the dedupe needs of its item. */
export interface KnownSource {
  sourceKey: string;
  itemId: string;
  url: string | null;
  contentHash: string | null;
  itemCanonicalUrl: string | null;
  itemContentHash: string;
}

interface KnownSourceRow extends Record<string, unknown> {
  source_key: string;
  item_id: string;
  url: string | null;
  content_hash: string | null;
  item_canonical_url: string | null;
  item_content_hash: string;
}

/** An existing item an incoming one may be the same as (by id, URL or release key). */
export interface ItemMatch {
  id: string;
  canonicalUrl: string | null;
  releaseKey: string | null;
}

/** What a change of the primary source rewrites; the version is bumped by the database. */
export type ItemContent = Pick<
  NewItemRecord,
  'title' | 'summary' | 'contentHtml' | 'sourceUpdatedAt' | 'categories' | 'startsAt' | 'endsAt' | 'location' | 'contentHash'
>;

const SOURCE_COLUMNS = {
  feedId: itemSources.feedId,
  sourceKey: itemSources.sourceKey,
  itemId: itemSources.itemId,
  url: itemSources.url,
  firstSeenAt: itemSources.firstSeenAt,
  lastSeenAt: itemSources.lastSeenAt,
  contentHash: itemSources.contentHash,
  language: itemSources.language,
};

// Keeps each statement well under PostgreSQL's 65,535 bind parameters.
const CHUNK = 500;
const chunks = <T>(rows: T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
};

/** Items and their sources. The dedupe rules live in `@pulse/poller`; these are its queries. */
export class ItemRepository {
  constructor(private readonly db: Executor) {}

  static of(database: Database): ItemRepository {
    return new ItemRepository(database.db);
  }

  /** One transaction; PGlite runs it exclusively, PostgreSQL on one pooled connection. */
  static transaction<T>(database: Database, fn: (repo: ItemRepository) => Promise<T>): Promise<T> {
    return database.db.transaction((tx) => fn(new ItemRepository(tx)));
  }

  /** Serialises two stores of the same feed (a scheduled and a manual poll) until commit. */
  async lockFeed(feedId: string): Promise<void> {
    await this.db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`pulse-feed:${feedId}`}))`);
  }

  async findSources(feedId: string, keys: string[]): Promise<Map<string, KnownSource>> {
    const found = new Map<string, KnownSource>();
    for (const part of chunks(keys)) {
      const { rows } = await this.db.execute<KnownSourceRow>(sql`
        SELECT s.source_key, s.item_id, s.url, s.content_hash, i.canonical_url AS item_canonical_url, i.content_hash AS item_content_hash
          FROM item_sources s JOIN items i ON i.id = s.item_id
         WHERE s.feed_id = ${feedId} AND s.source_key = ANY(${sql.param(part)}::text[])`);
      for (const r of rows) {
        found.set(r.source_key, {
          sourceKey: r.source_key,
          itemId: r.item_id,
          url: r.url,
          contentHash: r.content_hash,
          itemCanonicalUrl: r.item_canonical_url,
          itemContentHash: r.item_content_hash,
        });
      }
    }
    return found;
  }

  /** Existing items with one of these ids, canonical URLs or release keys (oldest first). */
  async findMatches(q: { ids: string[]; urls: string[]; releaseKeys: string[] }): Promise<ItemMatch[]> {
    const out: ItemMatch[] = [];
    const n = Math.max(q.ids.length, q.urls.length, q.releaseKeys.length);
    for (let i = 0; i < n; i += CHUNK) {
      const part = (a: string[]) => sql.param(a.slice(i, i + CHUNK));
      const { rows } = await this.db.execute<{ id: string; canonical_url: string | null; release_key: string | null }>(sql`
        SELECT id, canonical_url, release_key FROM items
         WHERE id = ANY(${part(q.ids)}::text[]) OR canonical_url = ANY(${part(q.urls)}::text[])
            OR release_key = ANY(${part(q.releaseKeys)}::text[])
         ORDER BY first_seen_at, id`);
      out.push(...rows.map((r) => ({ id: r.id, canonicalUrl: r.canonical_url, releaseKey: r.release_key })));
    }
    return out;
  }

  /**
   * New items and new sources in one statement; returns the ids of the items actually inserted
   * (a concurrent poll of another feed may have won one: its source row still goes in). One
   * array parameter per column (unnest): drizzle's multi-row VALUES builder costs more CPU
   * than the rest of a poll.
   */
  async insertNew(newItems: NewItemRecord[], newSources: NewItemSourceRecord[]): Promise<Set<string>> {
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
    if (newItems.length <= CHUNK && newSources.length <= CHUNK) {
      if (newItems.length === 0 && newSources.length === 0) return new Set();
      const { rows } = await this.db.execute<{ id: string }>(sql`
        WITH new_items AS (${itemsInsert(newItems)}), new_sources AS (${sourcesInsert(newSources)})
        SELECT id FROM new_items`);
      return new Set(ids(rows));
    }
    // A big feed: all items first, so every source's item exists whichever chunk it is in.
    const inserted = new Set<string>();
    for (const part of chunks(newItems)) for (const id of ids((await this.db.execute<{ id: string }>(itemsInsert(part))).rows)) inserted.add(id);
    for (const part of chunks(newSources)) await this.db.execute(sourcesInsert(part));
    return inserted;
  }

  async updateSourceHashes(feedId: string, rows: { sourceKey: string; contentHash: string }[]): Promise<void> {
    for (const part of chunks(rows)) {
      const keys = part.map((r) => r.sourceKey);
      const hashes = part.map((r) => r.contentHash);
      // sql.param: one array parameter each, not drizzle's expansion into a list.
      await this.db.execute(sql`
        UPDATE item_sources AS s SET content_hash = v.h, last_seen_at = now()
          FROM unnest(${sql.param(keys)}::text[], ${sql.param(hashes)}::text[]) AS v(k, h)
         WHERE s.feed_id = ${feedId} AND s.source_key = v.k`);
    }
  }

  /** Rewrites the item when its content changed; returns the new version, or null if it did not. */
  async updateContent(id: string, content: ItemContent): Promise<number | null> {
    const [row] = await this.db
      .update(items)
      .set({ ...content, version: sql`${items.version} + 1`, updated: true, changedAt: new Date() })
      .where(and(eq(items.id, id), ne(items.contentHash, content.contentHash)))
      .returning({ version: items.version });
    return row?.version ?? null;
  }

  async get(id: string): Promise<ItemRecord | null> {
    const [row] = await this.db.select().from(items).where(eq(items.id, id));
    return row ?? null;
  }

  sourcesOf(itemId: string): Promise<(ItemSourceRecord & { feedTitle: string })[]> {
    return this.db
      .select({ ...SOURCE_COLUMNS, feedTitle: feeds.title })
      .from(itemSources)
      .innerJoin(feeds, eq(feeds.id, itemSources.feedId))
      .where(eq(itemSources.itemId, itemId))
      .orderBy(asc(itemSources.firstSeenAt), asc(itemSources.feedId));
  }

  /** Items whose current version the classifier has not recorded (a lost enqueue is retried). */
  listUnclassified(limit = 5000): Promise<{ itemId: string; version: number }[]> {
    return this.db
      .select({ itemId: items.id, version: items.version })
      .from(items)
      .where(or(isNull(items.classifiedVersion), ne(items.classifiedVersion, items.version)))
      .orderBy(asc(items.changedAt))
      .limit(limit);
  }
}

function itemsInsert(part: NewItemRecord[]): SQL {
  const col = <T>(f: (r: NewItemRecord) => T) => sql.param(part.map(f));
  const iso = (f: (r: NewItemRecord) => Date | null | undefined) => col((r) => f(r)?.toISOString() ?? null);
  return sql`
    INSERT INTO items (id, canonical_url, guid, title, summary, content_html, published_at, source_updated_at,
                       language, type, categories, starts_at, ends_at, location, content_hash, release_key)
    SELECT id, canonical_url, guid, title, summary, content_html, published_at, source_updated_at,
           language, type, categories::jsonb, starts_at, ends_at, location, content_hash, release_key
      FROM unnest(${col((r) => r.id)}::text[], ${col((r) => r.canonicalUrl ?? null)}::text[], ${col((r) => r.guid ?? null)}::text[],
                  ${col((r) => r.title)}::text[], ${col((r) => r.summary)}::text[], ${col((r) => r.contentHtml ?? null)}::text[],
                  ${iso((r) => r.publishedAt)}::timestamptz[], ${iso((r) => r.sourceUpdatedAt)}::timestamptz[],
                  ${col((r) => r.language ?? null)}::text[], ${col((r) => r.type)}::text[],
                  ${col((r) => JSON.stringify(r.categories ?? []))}::text[], ${iso((r) => r.startsAt)}::timestamptz[],
                  ${iso((r) => r.endsAt)}::timestamptz[], ${col((r) => r.location ?? null)}::text[],
                  ${col((r) => r.contentHash)}::text[], ${col((r) => r.releaseKey ?? null)}::text[])
        AS v(id, canonical_url, guid, title, summary, content_html, published_at, source_updated_at,
             language, type, categories, starts_at, ends_at, location, content_hash, release_key)
    ON CONFLICT DO NOTHING
    RETURNING id`;
}

// Same statement as the items: the foreign key is checked at its end, when they exist.
function sourcesInsert(part: NewItemSourceRecord[]): SQL {
  const col = <T>(f: (r: NewItemSourceRecord) => T) => sql.param(part.map(f));
  return sql`
    INSERT INTO item_sources (feed_id, source_key, item_id, url, content_hash, language)
    SELECT * FROM unnest(${col((r) => r.feedId)}::text[], ${col((r) => r.sourceKey)}::text[], ${col((r) => r.itemId)}::text[],
                         ${col((r) => r.url ?? null)}::text[], ${col((r) => r.contentHash ?? null)}::text[],
                         ${col((r) => r.language ?? null)}::text[])
    ON CONFLICT DO NOTHING`;
}
