import { createHash, randomUUID } from 'node:crypto';
import type { Database } from '@pulse/db';

/**
 * Rows for digest tests and benchmarks: subscribers as the subscription flow leaves them, and
 * items as ingest + the classifier leave them (with themes, a feed and a source link). Bulk
 * inserts through `jsonb_to_recordset`, so 100,000 subscribers take seconds.
 */
export interface SubscriberSeed {
  id?: string;
  email: string;
  status?: 'pending' | 'active' | 'paused' | 'unsubscribed' | 'suspended';
  themes: string[];
  types?: string[];
  frequency?: 'daily' | 'weekly';
  timezone?: string;
  sendHour?: number;
  weekday?: number | null;
  language?: string;
  confirmedAt?: Date | null;
  createdAt?: Date;
  lastDigestWindowEnd?: Date | null;
  bounceCount?: number;
}

export interface ItemSeed {
  id?: string;
  title: string;
  summary?: string;
  url?: string;
  type?: string;
  language?: string;
  publishedAt?: Date | null;
  /** When the classifier finished it: what digest windows select on. */
  classifiedAt: Date;
  changedAt?: Date;
  /** Theme ids, strongest first (scores decrease), or explicit scores. */
  themes: (string | { id: string; score: number })[];
  startsAt?: Date | null;
  endsAt?: Date | null;
  location?: string | null;
  /** Feed title shown as the item's source. */
  source?: string;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export async function insertSubscribers(database: Database, seeds: SubscriberSeed[], chunk = 5_000): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < seeds.length; i += chunk) {
    const rows = seeds.slice(i, i + chunk).map((s) => ({
      id: s.id ?? randomUUID(),
      email: s.email.toLowerCase(),
      status: s.status ?? 'active',
      themes: s.themes,
      types: s.types ?? [],
      frequency: s.frequency ?? 'daily',
      timezone: s.timezone ?? 'Europe/Brussels',
      send_hour: s.sendHour ?? 7,
      weekday: s.weekday ?? (s.frequency === 'weekly' ? 1 : null),
      language: s.language ?? 'en',
      confirmed_at: iso(s.confirmedAt === undefined ? new Date(Date.now() - 30 * 86_400_000) : s.confirmedAt),
      created_at: iso(s.createdAt ?? new Date(Date.now() - 31 * 86_400_000)),
      last_digest_window_end: iso(s.lastDigestWindowEnd),
      bounce_count: s.bounceCount ?? 0,
    }));
    await database.sql.query(
      `INSERT INTO subscribers (id, email, status, themes, types, frequency, timezone, send_hour, weekday, language,
                                confirmed_at, created_at, last_digest_window_end, bounce_count)
       SELECT id, email, status, themes, types, frequency, timezone, send_hour, weekday, language,
              confirmed_at, created_at, last_digest_window_end, bounce_count
         FROM jsonb_to_recordset($1::jsonb) AS x(id text, email text, status text, themes jsonb, types jsonb, frequency text,
              timezone text, send_hour int, weekday int, language text, confirmed_at timestamptz, created_at timestamptz,
              last_digest_window_end timestamptz, bounce_count int)`,
      [JSON.stringify(rows)],
    );
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

async function ensureFeed(database: Database, title: string): Promise<string> {
  const url = `https://feeds.example.test/${slug(title)}.xml`;
  const [row] = await database.sql.query<{ id: string }>(
    `INSERT INTO feeds (url, title, kind) VALUES ($1, $2, 'news')
     ON CONFLICT (url) DO UPDATE SET title = EXCLUDED.title RETURNING id`,
    [url, title],
  );
  return row!.id;
}

/** Classified items with their themes, feed and source link; returns their ids in order. */
export async function insertClassifiedItems(database: Database, seeds: ItemSeed[]): Promise<string[]> {
  const feeds = new Map<string, string>();
  for (const title of new Set(seeds.map((s) => s.source ?? 'DG Migration and Home Affairs'))) feeds.set(title, await ensureFeed(database, title));
  const items = seeds.map((s) => {
    const id = s.id ?? `itm_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    const url = s.url ?? `https://home-affairs.example.test/news/${id}_en`;
    return {
      id,
      canonical_url: url,
      title: s.title,
      summary: s.summary ?? `Summary of ${s.title}`,
      published_at: iso(s.publishedAt === undefined ? s.classifiedAt : s.publishedAt),
      language: s.language ?? 'en',
      type: s.type ?? 'news',
      starts_at: iso(s.startsAt),
      ends_at: iso(s.endsAt),
      location: s.location ?? null,
      content_hash: createHash('sha256').update(`${s.title}\n${s.summary ?? ''}`).digest('hex'),
      first_seen_at: iso(s.classifiedAt),
      changed_at: iso(s.changedAt ?? s.classifiedAt),
      classified_at: iso(s.classifiedAt),
      feed_id: feeds.get(s.source ?? 'DG Migration and Home Affairs'),
      themes: s.themes.map((t, i) => (typeof t === 'string' ? { theme_id: t, score: Math.max(0.05, 0.9 - i * 0.1) } : { theme_id: t.id, score: t.score })),
    };
  });
  const json = JSON.stringify(items);
  await database.sql.query(
    `INSERT INTO items (id, canonical_url, title, summary, published_at, language, type, starts_at, ends_at, location,
                        content_hash, first_seen_at, changed_at, classified_at, classified_version, taxonomy_version)
     SELECT id, canonical_url, title, summary, published_at, language, type, starts_at, ends_at, location,
            content_hash, first_seen_at, changed_at, classified_at, 1, 'v1'
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, canonical_url text, title text, summary text, published_at timestamptz,
            language text, type text, starts_at timestamptz, ends_at timestamptz, location text, content_hash text,
            first_seen_at timestamptz, changed_at timestamptz, classified_at timestamptz)`,
    [json],
  );
  await database.sql.query(
    `INSERT INTO item_sources (feed_id, source_key, item_id, url, language)
     SELECT feed_id, canonical_url, id, canonical_url, language
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, feed_id text, canonical_url text, language text)`,
    [json],
  );
  await database.sql.query(
    `INSERT INTO item_themes (item_id, theme_id, score, evidence)
     SELECT x.id, t.theme_id, t.score, '[]'::jsonb
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, themes jsonb)
       CROSS JOIN LATERAL jsonb_to_recordset(x.themes) AS t(theme_id text, score real)`,
    [json],
  );
  return items.map((i) => i.id);
}
