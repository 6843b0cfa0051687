import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Sources and their poll state (issue 2). Migrations: 0001_core.sql, 0100_ingest.sql. */
export const feeds = pgTable('feeds', {
  id: text('id').primaryKey().default(sql`gen_random_uuid()::text`),
  url: text('url').notNull().unique(),
  title: text('title').notNull(),
  kind: text('kind').notNull(),
  language: text('language'),
  pollIntervalSeconds: integer('poll_interval_seconds').notNull().default(1800),
  enabled: boolean('enabled').notNull().default(true),
  etag: text('etag'),
  lastModified: text('last_modified'),
  lastPolledAt: tz('last_polled_at'),
  lastSuccessAt: tz('last_success_at'),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  lastErrorCode: text('last_error_code'),
  lastErrorMessage: text('last_error_message'),
  lastErrorAt: tz('last_error_at'),
  nextPollAt: tz('next_poll_at'),
  /** Served by ingest's own loopback server (PULSE_FEEDS=demo); scheduled only while it runs. */
  demo: boolean('demo').notNull().default(false),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

/** Seeded source URLs inserted once: a seed the operator deleted is not inserted again. */
export const feedSeeds = pgTable('feed_seeds', {
  url: text('url').primaryKey(),
  appliedAt: tz('applied_at').notNull().defaultNow(),
});

/** One row per distinct item (deduplicated by canonical URL across feeds). */
export const items = pgTable(
  'items',
  {
    id: text('id').primaryKey(),
    canonicalUrl: text('canonical_url'),
    guid: text('guid'),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    contentHtml: text('content_html'),
    publishedAt: tz('published_at'),
    sourceUpdatedAt: tz('source_updated_at'),
    language: text('language'),
    type: text('type').notNull(),
    categories: jsonb('categories').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    startsAt: tz('starts_at'),
    endsAt: tz('ends_at'),
    location: text('location'),
    /** sha256 of title + summary: a change bumps `version` and sets `updated`. */
    contentHash: text('content_hash').notNull(),
    version: integer('version').notNull().default(1),
    updated: boolean('updated').notNull().default(false),
    firstSeenAt: tz('first_seen_at').notNull().defaultNow(),
    changedAt: tz('changed_at').notNull().defaultNow(),
    /** Set by the classifier; the item becomes visible to digests from then on. */
    classifiedAt: tz('classified_at'),
    classifiedVersion: integer('classified_version'),
    taxonomyVersion: text('taxonomy_version'),
    /** Canonical URL with its language marker wildcarded: language variants share it. */
    releaseKey: text('release_key'),
  },
  (t) => [
    uniqueIndex('items_canonical_url_uq').on(t.canonicalUrl),
    index('items_release_key_idx').on(t.releaseKey),
    index('items_published_at_idx').on(t.publishedAt),
    index('items_classified_at_idx').on(t.classifiedAt),
  ],
);

/** Which feed carried an item, under which guid: one row per (feed, guid-or-link). */
export const itemSources = pgTable(
  'item_sources',
  {
    feedId: text('feed_id')
      .notNull()
      .references(() => feeds.id, { onDelete: 'cascade' }),
    sourceKey: text('source_key').notNull(),
    itemId: text('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    url: text('url'),
    firstSeenAt: tz('first_seen_at').notNull().defaultNow(),
    lastSeenAt: tz('last_seen_at').notNull().defaultNow(),
    /** Hash of what this source last said (title, summary, event fields); null before 0100. */
    contentHash: text('content_hash'),
    language: text('language'),
  },
  (t) => [primaryKey({ columns: [t.feedId, t.sourceKey] }), index('item_sources_item_idx').on(t.itemId)],
);

/** Classifier output (issue 3): one row per (item, theme). */
export const itemThemes = pgTable(
  'item_themes',
  {
    itemId: text('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    themeId: text('theme_id').notNull(),
    score: real('score').notNull(),
    evidence: jsonb('evidence').$type<{ term: string; field: 'title' | 'summary'; weight?: number }[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.themeId] }), index('item_themes_theme_idx').on(t.themeId)],
);
