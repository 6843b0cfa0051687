import { and, asc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
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
      const rows = await this.db
        .select({
          sourceKey: itemSources.sourceKey,
          itemId: itemSources.itemId,
          url: itemSources.url,
          contentHash: itemSources.contentHash,
          itemCanonicalUrl: items.canonicalUrl,
          itemContentHash: items.contentHash,
        })
        .from(itemSources)
        .innerJoin(items, eq(items.id, itemSources.itemId))
        .where(and(eq(itemSources.feedId, feedId), inArray(itemSources.sourceKey, part)));
      for (const r of rows) found.set(r.sourceKey, r);
    }
    return found;
  }

  async findMatches(q: { ids: string[]; urls: string[]; releaseKeys: string[] }): Promise<ItemMatch[]> {
    const out: ItemMatch[] = [];
    const cols = { id: items.id, canonicalUrl: items.canonicalUrl, releaseKey: items.releaseKey };
    for (const part of chunks(q.ids)) out.push(...(await this.db.select(cols).from(items).where(inArray(items.id, part))));
    for (const part of chunks(q.urls)) out.push(...(await this.db.select(cols).from(items).where(inArray(items.canonicalUrl, part))));
    for (const part of chunks(q.releaseKeys)) {
      out.push(...(await this.db.select(cols).from(items).where(inArray(items.releaseKey, part)).orderBy(asc(items.firstSeenAt))));
    }
    return out;
  }

  /** Returns the ids actually inserted (a concurrent poll of another feed may have won one). */
  async insertItems(rows: NewItemRecord[]): Promise<Set<string>> {
    const inserted = new Set<string>();
    for (const part of chunks(rows)) {
      const ids = await this.db.insert(items).values(part).onConflictDoNothing().returning({ id: items.id });
      for (const r of ids) inserted.add(r.id);
    }
    return inserted;
  }

  async insertSources(rows: NewItemSourceRecord[]): Promise<void> {
    for (const part of chunks(rows)) await this.db.insert(itemSources).values(part).onConflictDoNothing();
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
