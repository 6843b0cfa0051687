import { asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { FeedKind } from '@pulse/contracts';
import type { Database, Db } from './client';
import { feedSeeds, feeds } from './schema';

export type FeedRecord = typeof feeds.$inferSelect;

export interface NewFeed {
  url: string;
  title: string;
  kind: FeedKind;
  language?: string | null;
  pollIntervalSeconds?: number;
  enabled?: boolean;
}

export type FeedPatch = Partial<NewFeed>;

export interface DemoFeed {
  /** Stable across restarts (the demo server's port is not). */
  id: string;
  url: string;
  title: string;
  kind: FeedKind;
  pollIntervalSeconds: number;
}

export interface PollSuccess {
  polledAt: Date;
  etag: string | null;
  lastModified: string | null;
  nextPollAt: Date;
}

export interface PollFailure {
  polledAt: Date;
  code: string;
  message: string;
  nextPollAt: Date;
}

/** Feeds and their poll state. Business rules (backoff, due times) live in the poller. */
export class FeedRepository {
  private readonly db: Db;

  constructor(private readonly database: Database) {
    this.db = database.db;
  }

  list(opts: { enabledOnly?: boolean } = {}): Promise<FeedRecord[]> {
    const q = this.db.select().from(feeds);
    return (opts.enabledOnly ? q.where(eq(feeds.enabled, true)) : q).orderBy(asc(feeds.demo), asc(feeds.title), asc(feeds.id));
  }

  async get(id: string): Promise<FeedRecord | null> {
    const [row] = await this.db.select().from(feeds).where(eq(feeds.id, id));
    return row ?? null;
  }

  async findByUrl(url: string): Promise<FeedRecord | null> {
    const [row] = await this.db.select().from(feeds).where(eq(feeds.url, url));
    return row ?? null;
  }

  /** An operator names a feed by id or by URL. */
  async findByRef(ref: string): Promise<FeedRecord | null> {
    const [row] = await this.db
      .select()
      .from(feeds)
      .where(or(eq(feeds.id, ref), eq(feeds.url, ref)));
    return row ?? null;
  }

  /** Null when a feed with this URL already exists. */
  async create(input: NewFeed): Promise<FeedRecord | null> {
    const [row] = await this.db
      .insert(feeds)
      .values({
        url: input.url,
        title: input.title,
        kind: input.kind,
        language: input.language ?? null,
        pollIntervalSeconds: input.pollIntervalSeconds,
        enabled: input.enabled,
      })
      .onConflictDoNothing({ target: feeds.url })
      .returning();
    return row ?? null;
  }

  /** A new URL is a new resource: its validators and failure history start over. */
  async update(id: string, patch: FeedPatch): Promise<FeedRecord | null> {
    const current = await this.get(id);
    if (!current) return null;
    const urlChanged = patch.url !== undefined && patch.url !== current.url;
    const [row] = await this.db
      .update(feeds)
      .set({
        ...patch,
        ...(urlChanged ? { etag: null, lastModified: null, consecutiveFailures: 0, nextPollAt: null } : {}),
        updatedAt: new Date(),
      })
      .where(eq(feeds.id, id))
      .returning();
    return row ?? null;
  }

  async remove(id: string): Promise<boolean> {
    const rows = await this.db.delete(feeds).where(eq(feeds.id, id)).returning({ id: feeds.id });
    return rows.length > 0;
  }

  /** A 200 or a 304: validators kept for the next conditional GET, failures reset. */
  async recordSuccess(id: string, s: PollSuccess): Promise<void> {
    // Plain SQL: this runs on every poll, a 304 included, and the query builder costs more
    // CPU than the rest of a 304 poll.
    await this.database.sql.query(
      `UPDATE feeds SET etag = $2, last_modified = $3, last_polled_at = $4, last_success_at = $4,
                        consecutive_failures = 0, next_poll_at = $5
        WHERE id = $1`,
      [id, s.etag, s.lastModified, s.polledAt, s.nextPollAt],
    );
  }

  /** Returns the new count of consecutive failures. */
  async recordFailure(id: string, f: PollFailure): Promise<number> {
    const [row] = await this.db
      .update(feeds)
      .set({
        lastPolledAt: f.polledAt,
        consecutiveFailures: sql`${feeds.consecutiveFailures} + 1`,
        lastErrorCode: f.code,
        lastErrorMessage: f.message.slice(0, 1000),
        lastErrorAt: f.polledAt,
        nextPollAt: f.nextPollAt,
      })
      .where(eq(feeds.id, id))
      .returning({ failures: feeds.consecutiveFailures });
    return row?.failures ?? 0;
  }

  /**
   * Inserts each seeded source that was never seeded before; returns how many were inserted.
   * An existing feed with the same URL (added by hand) is left as it is.
   */
  async seed(entries: NewFeed[]): Promise<number> {
    if (entries.length === 0) return 0;
    return this.db.transaction(async (tx) => {
      const done = await tx
        .select({ url: feedSeeds.url })
        .from(feedSeeds)
        .where(
          inArray(
            feedSeeds.url,
            entries.map((e) => e.url),
          ),
        );
      const seen = new Set(done.map((d) => d.url));
      const todo = entries.filter((e) => !seen.has(e.url));
      if (todo.length === 0) return 0;
      const inserted = await tx
        .insert(feeds)
        .values(todo.map((e) => ({ ...e, language: e.language ?? null })))
        .onConflictDoNothing({ target: feeds.url })
        .returning({ id: feeds.id });
      await tx
        .insert(feedSeeds)
        .values(todo.map((e) => ({ url: e.url })))
        .onConflictDoNothing();
      return inserted.length;
    });
  }

  /** Demo feeds keep their id (and so their items' sources) while the server's port changes. */
  async upsertDemo(entries: DemoFeed[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db
      .insert(feeds)
      .values(entries.map((e) => ({ ...e, demo: true })))
      .onConflictDoUpdate({
        target: feeds.id,
        set: { url: sql`excluded.url`, title: sql`excluded.title`, kind: sql`excluded.kind`, updatedAt: new Date() },
      });
  }
}
