import type { ItemClassifyJob, NewsItem } from '@pulse/contracts';
import {
  ItemRepository,
  type Database,
  type ItemMatch,
  type KnownSource,
  type NewItemRecord,
  type NewItemSourceRecord,
} from '@pulse/db';
import { contentHashOf, releaseKeyOf, sourceKeyOf } from './item.identity';

export interface StoreCounts {
  /** Items seen for the first time. */
  new: number;
  /** Items whose title, summary or event fields changed: version bumped, flagged updated. */
  updated: number;
  /** Already known from this feed and not changed. */
  unchanged: number;
  /** Already known from another feed or in another language: one more source, no new item. */
  merged: number;
}

export interface StoreResult {
  counts: StoreCounts;
  /** New and updated items, to queue for classification once the transaction committed. */
  toClassify: ItemClassifyJob[];
}

interface Prepared {
  item: NewsItem;
  sourceKey: string;
  hash: string;
  releaseKey: string | null;
}

interface Plan {
  newItems: NewItemRecord[];
  newSources: NewItemSourceRecord[];
  hashUpdates: { sourceKey: string; contentHash: string }[];
  contentUpdates: Prepared[];
  contentUpdateIds: string[];
  counts: StoreCounts;
}

/**
 * Stores one poll's items in one transaction. Dedupe rules:
 * - a source is (feed, guid-or-link); a source whose content did not change writes nothing;
 * - an unknown source whose item exists (same id, canonical URL or release key) adds a source
 *   and leaves the item as it is (another feed's wording is not a change);
 * - a source that changed rewrites its item (version + 1, flagged updated) when it carries the
 *   item's canonical URL and the content differs; a translation (another URL of the same
 *   release) never rewrites it. Since only a change of a source counts, two sources that word
 *   an item differently cannot flip it back and forth.
 */
export async function storeItems(database: Database, feedId: string, incoming: NewsItem[]): Promise<StoreResult> {
  const prepared = prepare(incoming);
  return ItemRepository.transaction(database, async (repo) => {
    await repo.lockFeed(feedId);
    const known = await repo.findSources(feedId, prepared.map((p) => p.sourceKey));
    const fresh = prepared.filter((p) => !known.has(p.sourceKey));
    const matches = fresh.length
      ? await repo.findMatches({
          ids: fresh.map((p) => p.item.id),
          urls: fresh.flatMap((p) => (p.item.url ? [p.item.url] : [])),
          releaseKeys: fresh.flatMap((p) => (p.releaseKey ? [p.releaseKey] : [])),
        })
      : [];
    const plan = planWrites(feedId, prepared, known, matches);
    const toClassify: ItemClassifyJob[] = [];
    const inserted = await repo.insertNew(plan.newItems, plan.newSources);
    for (const id of inserted) toClassify.push({ itemId: id, version: 1 });
    // Lost a race with another feed's poll for the same URL: that item now has two sources.
    plan.counts.merged += plan.newItems.length - inserted.size;
    plan.counts.new = inserted.size;
    await repo.updateSourceHashes(feedId, plan.hashUpdates);
    for (const [i, p] of plan.contentUpdates.entries()) {
      const version = await repo.updateContent(plan.contentUpdateIds[i]!, contentOf(p));
      if (version === null) plan.counts.unchanged++;
      else {
        plan.counts.updated++;
        toClassify.push({ itemId: plan.contentUpdateIds[i]!, version });
      }
    }
    return { counts: plan.counts, toClassify };
  });
}

function planWrites(feedId: string, prepared: Prepared[], known: Map<string, KnownSource>, matches: ItemMatch[]): Plan {
  const plan: Plan = {
    newItems: [],
    newSources: [],
    hashUpdates: [],
    contentUpdates: [],
    contentUpdateIds: [],
    counts: { new: 0, updated: 0, unchanged: 0, merged: 0 },
  };
  const byId = new Map<string, string>();
  const byUrl = new Map<string, string>();
  const byRelease = new Map<string, string>();
  const remember = (m: ItemMatch) => {
    byId.set(m.id, m.id);
    if (m.canonicalUrl) byUrl.set(m.canonicalUrl, m.id);
    if (m.releaseKey && !byRelease.has(m.releaseKey)) byRelease.set(m.releaseKey, m.id);
  };
  matches.forEach(remember);
  for (const p of prepared) {
    const source = known.get(p.sourceKey);
    if (source) {
      planKnown(plan, p, source);
      continue;
    }
    const itemId =
      byId.get(p.item.id) ?? (p.item.url ? byUrl.get(p.item.url) : undefined) ?? (p.releaseKey ? byRelease.get(p.releaseKey) : undefined);
    plan.newSources.push(sourceRow(feedId, p, itemId ?? p.item.id));
    if (itemId) {
      plan.counts.merged++;
      continue;
    }
    plan.newItems.push(itemRow(p));
    remember({ id: p.item.id, canonicalUrl: p.item.url, releaseKey: p.releaseKey });
  }
  return plan;
}

function planKnown(plan: Plan, p: Prepared, source: KnownSource): void {
  if (source.contentHash === p.hash) {
    plan.counts.unchanged++;
    return;
  }
  plan.hashUpdates.push({ sourceKey: p.sourceKey, contentHash: p.hash });
  const primary = !source.itemCanonicalUrl || source.url === source.itemCanonicalUrl;
  if (primary && source.itemContentHash !== p.hash) {
    plan.contentUpdates.push(p);
    plan.contentUpdateIds.push(source.itemId);
  } else plan.counts.unchanged++;
}

/** One entry per source key (the first wins); English first, so it leads a multilingual release. */
function prepare(incoming: NewsItem[]): Prepared[] {
  const seen = new Set<string>();
  const out: Prepared[] = [];
  for (const raw of incoming) {
    const item = clean(raw);
    const sourceKey = sourceKeyOf(item);
    if (seen.has(sourceKey)) continue;
    seen.add(sourceKey);
    out.push({ item, sourceKey, hash: contentHashOf(item), releaseKey: releaseKeyOf(item.url) });
  }
  const rank = (p: Prepared) => (p.releaseKey && p.item.language?.toLowerCase().startsWith('en') ? 0 : 1);
  return out.sort((a, b) => rank(a) - rank(b));
}

// PostgreSQL text cannot hold NUL; a hostile feed must not make every store fail.
const noNul = (s: string) => (s.includes('\u0000') ? s.replace(/\u0000/g, '') : s);
const noNulOrNull = (s: string | null | undefined) => (s == null ? null : noNul(s));

function clean(item: NewsItem): NewsItem {
  return {
    ...item,
    guid: noNulOrNull(item.guid),
    title: noNul(item.title),
    summary: noNul(item.summary),
    contentHtml: noNulOrNull(item.contentHtml),
    location: noNulOrNull(item.location),
    categories: item.categories.map(noNul),
  };
}

/** ISO string to Date; anything PostgreSQL's timestamptz would refuse becomes null. */
function toDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  const year = d.getUTCFullYear();
  return Number.isNaN(d.getTime()) || year < 1 || year > 9999 ? null : d;
}

function contentOf(p: Prepared) {
  const i = p.item;
  return {
    title: i.title,
    summary: i.summary,
    contentHtml: i.contentHtml,
    sourceUpdatedAt: toDate(i.updatedAt),
    categories: i.categories,
    startsAt: toDate(i.startsAt),
    endsAt: toDate(i.endsAt),
    location: i.location ?? null,
    contentHash: p.hash,
  };
}

function itemRow(p: Prepared): NewItemRecord {
  const i = p.item;
  return {
    ...contentOf(p),
    id: i.id,
    canonicalUrl: i.url,
    guid: i.guid,
    publishedAt: toDate(i.publishedAt),
    language: i.language,
    type: i.type,
    releaseKey: p.releaseKey,
  };
}

function sourceRow(feedId: string, p: Prepared, itemId: string): NewItemSourceRecord {
  return { feedId, sourceKey: p.sourceKey, itemId, url: p.item.url, contentHash: p.hash, language: p.item.language };
}
