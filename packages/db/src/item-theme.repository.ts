import { and, asc, eq, gt, gte, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { ThemeResult } from '@pulse/contracts';
import type { Database, Db } from './client';
import { items, itemThemes } from './schema';
import { createDeliveriesForItem } from './webhook-fanout.repository';

type Executor = Db | Parameters<Parameters<Db['transaction']>[0]>[0];
const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Progress of `pulse reclassify` (issue 3). Migration: 0200_reclassify_runs.sql. */
export const reclassifyRuns = pgTable('reclassify_runs', {
  id: text('id').primaryKey().default(sql`gen_random_uuid()::text`),
  mode: text('mode').$type<ReclassifyMode>().notNull(),
  since: tz('since'),
  taxonomyVersion: text('taxonomy_version').notNull(),
  lastItemId: text('last_item_id'),
  done: integer('done').notNull().default(0),
  total: integer('total').notNull(),
  startedAt: tz('started_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
  finishedAt: tz('finished_at'),
});
export type ReclassifyRun = typeof reclassifyRuns.$inferSelect;
export type ReclassifyMode = 'stale' | 'all' | 'since';

/**
 * What the classifier app and `pulse reclassify` hand in: the taxonomy's pure `classify`
 * (packages/db does not depend on @pulse/taxonomy) and the version it stamps.
 */
export interface ItemClassifier {
  readonly version: string;
  classify(input: { title: string; summary: string; language: string | null }): { themes: readonly ThemeResult[] };
}

export type ClassifyOutcome =
  | { status: 'gone'; itemId: string }
  | {
      /** `unchanged`: the stored themes were already these, for this version and taxonomy. */
      status: 'classified' | 'unchanged';
      itemId: string;
      /** The version classified: the stored one, which may be newer than the job's. */
      version: number;
      themeIds: string[];
      /** Pending webhook deliveries of this item event, to enqueue (new or left by a crash). */
      deliveryIds: string[];
    };

interface StoredTheme {
  themeId: string;
  score: number;
  evidence: ThemeResult['evidence'];
}

// Scores are stored as real (float4): compare at that precision.
const SCORE_EPSILON = 1e-5;
const evidenceKey = (e: ThemeResult['evidence']) => JSON.stringify(e.map((x) => [x.term, x.field, x.weight ?? null]));

function sameThemes(stored: StoredTheme[], computed: readonly ThemeResult[]): boolean {
  if (stored.length !== computed.length) return false;
  const byId = new Map(stored.map((s) => [s.themeId, s]));
  return computed.every((c) => {
    const s = byId.get(c.id);
    return s !== undefined && Math.abs(s.score - c.score) < SCORE_EPSILON && evidenceKey(s.evidence) === evidenceKey(c.evidence);
  });
}

/** The item_themes rows and the classification columns of `items`. */
export class ItemThemeRepository {
  constructor(private readonly db: Executor) {}

  static of(database: Database): ItemThemeRepository {
    return new ItemThemeRepository(database.db);
  }

  /** The item's text and classification state, locked until the transaction ends. */
  async lockForClassification(itemId: string) {
    const [row] = await this.db
      .select({
        id: items.id,
        version: items.version,
        title: items.title,
        summary: items.summary,
        language: items.language,
        classifiedVersion: items.classifiedVersion,
        taxonomyVersion: items.taxonomyVersion,
      })
      .from(items)
      .where(eq(items.id, itemId))
      .for('update');
    return row;
  }

  themesOf(itemId: string): Promise<StoredTheme[]> {
    return this.db
      .select({ themeId: itemThemes.themeId, score: itemThemes.score, evidence: itemThemes.evidence })
      .from(itemThemes)
      .where(eq(itemThemes.itemId, itemId));
  }

  /** Replaces the item's themes and stamps version, taxonomy and time (call inside a transaction). */
  async replace(itemId: string, version: number, taxonomyVersion: string, themes: readonly ThemeResult[]): Promise<void> {
    await this.db.delete(itemThemes).where(eq(itemThemes.itemId, itemId));
    if (themes.length) {
      await this.db.insert(itemThemes).values(themes.map((t) => ({ itemId, themeId: t.id, score: t.score, evidence: [...t.evidence] })));
    }
    await this.db
      .update(items)
      .set({ classifiedAt: new Date(), classifiedVersion: version, taxonomyVersion })
      .where(eq(items.id, itemId));
  }

  // ---- pulse reclassify ----

  private candidates(mode: ReclassifyMode, taxonomyVersion: string, since: Date | null): SQL | undefined {
    if (mode === 'stale') return or(isNull(items.taxonomyVersion), ne(items.taxonomyVersion, taxonomyVersion));
    if (mode === 'since') return gte(items.firstSeenAt, since ?? new Date(0));
    return undefined;
  }

  async countCandidates(mode: ReclassifyMode, taxonomyVersion: string, since: Date | null, afterId: string | null): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(items)
      .where(and(this.candidates(mode, taxonomyVersion, since), afterId === null ? undefined : gt(items.id, afterId)));
    return row?.n ?? 0;
  }

  /** The next batch of item ids to re-tag, in id order after `afterId`. */
  async nextCandidates(mode: ReclassifyMode, taxonomyVersion: string, since: Date | null, afterId: string | null, limit: number): Promise<string[]> {
    const rows = await this.db
      .select({ id: items.id })
      .from(items)
      .where(and(this.candidates(mode, taxonomyVersion, since), afterId === null ? undefined : gt(items.id, afterId)))
      .orderBy(asc(items.id))
      .limit(limit);
    return rows.map((r) => r.id);
  }

  /** The unfinished run asked to do the same thing, if a previous one was interrupted. */
  async openRun(mode: ReclassifyMode, taxonomyVersion: string, since: Date | null): Promise<ReclassifyRun | undefined> {
    const r = reclassifyRuns;
    const [row] = await this.db
      .select()
      .from(r)
      .where(
        and(eq(r.mode, mode), eq(r.taxonomyVersion, taxonomyVersion), isNull(r.finishedAt), since === null ? isNull(r.since) : eq(r.since, since)),
      )
      .orderBy(asc(r.startedAt))
      .limit(1);
    return row;
  }

  async startRun(mode: ReclassifyMode, taxonomyVersion: string, since: Date | null, total: number): Promise<ReclassifyRun> {
    const [row] = await this.db.insert(reclassifyRuns).values({ mode, taxonomyVersion, since, total }).returning();
    return row as ReclassifyRun;
  }

  async advanceRun(runId: string, lastItemId: string, done: number): Promise<void> {
    await this.db.update(reclassifyRuns).set({ lastItemId, done, updatedAt: new Date() }).where(eq(reclassifyRuns.id, runId));
  }

  async finishRun(runId: string): Promise<void> {
    await this.db.update(reclassifyRuns).set({ finishedAt: new Date(), updatedAt: new Date() }).where(eq(reclassifyRuns.id, runId));
  }
}

/**
 * Classifies the item's current version (newer than the job's if it changed since), stores
 * its themes in one transaction, then writes its webhook deliveries (the outbox). Running it
 * twice changes nothing the second time: the same themes are not rewritten, and the delivery
 * rows are unique per endpoint and item event, so the caller enqueues the same delivery ids
 * under the same job ids. A vanished item is `gone`, not an error.
 */
export async function classifyStoredItem(database: Database, itemId: string, classifier: ItemClassifier): Promise<ClassifyOutcome> {
  const stored = await database.db.transaction(async (tx) => {
    const repo = new ItemThemeRepository(tx);
    const item = await repo.lockForClassification(itemId);
    if (!item) return null;
    const { themes } = classifier.classify({ title: item.title, summary: item.summary, language: item.language });
    const unchanged =
      item.classifiedVersion === item.version &&
      item.taxonomyVersion === classifier.version &&
      sameThemes(await repo.themesOf(itemId), themes);
    if (!unchanged) await repo.replace(itemId, item.version, classifier.version, themes);
    return { version: item.version, themeIds: themes.map((t) => t.id), unchanged };
  });
  if (!stored) return { status: 'gone', itemId };
  const deliveryIds = await createDeliveriesForItem(database, {
    itemId,
    version: stored.version,
    event: stored.version === 1 ? 'item.published' : 'item.updated',
    themeIds: stored.themeIds,
  });
  return { status: stored.unchanged ? 'unchanged' : 'classified', itemId, version: stored.version, themeIds: stored.themeIds, deliveryIds };
}
