import { createHash, randomBytes } from 'node:crypto';
import type { ThemeResult } from '@pulse/contracts';
import type { Database } from '@pulse/db';

/**
 * Rows a classified item leaves behind (feed, item, source, themes), written the way ingest
 * and the classifier write them, for webhook tests and the benchmark.
 */
export interface TestItem {
  id: string;
  version: number;
}

export const testSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

export async function insertFeed(database: Database, url = `https://home-affairs.ec.europa.eu/${randomBytes(4).toString('hex')}/rss_en`): Promise<string> {
  const [row] = await database.sql.query<{ id: string }>(
    `INSERT INTO feeds (url, title, kind, language) VALUES ($1, 'DG Migration and Home Affairs news', 'news', 'en') RETURNING id`,
    [url],
  );
  return row!.id;
}

export async function insertClassifiedItem(
  database: Database,
  feedId: string,
  opts: { title?: string; version?: number; themes?: ThemeResult[]; type?: string; startsAt?: string; endsAt?: string } = {},
): Promise<TestItem> {
  const id = `it_${randomBytes(8).toString('hex')}`;
  const title = opts.title ?? 'Commission proposes new rules on the return of irregularly staying migrants';
  const summary = 'The proposal sets common rules for return decisions and readmission across the EU.';
  const url = `https://home-affairs.ec.europa.eu/news/${id}-2026-09-04_en`;
  const version = opts.version ?? 1;
  await database.sql.query(
    `INSERT INTO items (id, canonical_url, guid, title, summary, published_at, language, type, categories, starts_at, ends_at,
                        content_hash, version, updated, classified_at, classified_version, taxonomy_version)
     VALUES ($1, $2, $2, $3, $4, '2026-09-04T10:00:00Z', 'en', $5, '["POLICY_AREA=migration"]', $6, $7, $8, $9, $10, now(), $9, 'v1')`,
    [id, url, title, summary, opts.type ?? 'news', opts.startsAt ?? null, opts.endsAt ?? null, createHash('sha256').update(title + summary).digest('hex'), version, version > 1],
  );
  await database.sql.query(`INSERT INTO item_sources (feed_id, source_key, item_id, url) VALUES ($1, $2, $3, $2)`, [feedId, url, id]);
  const themes = opts.themes ?? [
    { id: 'return-readmission', score: 0.92, evidence: [{ term: 'return', field: 'title', weight: 1 }, { term: 'readmission', field: 'summary', weight: 1 }] },
    { id: 'irregular-migration-smuggling', score: 0.61, evidence: [{ term: 'irregularly staying', field: 'title' }] },
  ];
  for (const t of themes) {
    await database.sql.query(`INSERT INTO item_themes (item_id, theme_id, score, evidence) VALUES ($1, $2, $3, $4)`, [id, t.id, t.score, JSON.stringify(t.evidence)]);
  }
  return { id, version };
}

/** Polls until `check` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
