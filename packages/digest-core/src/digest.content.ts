import { THEME_IDS } from '@pulse/contracts';
import { loadLastSent, loadWindowItems, type Database, type DigestSubscriber, type WindowItemRow } from '@pulse/db';
import { buildManageLinks, DEFAULT_LANGUAGE, isLanguage, type Language, type RenderedMail } from '@pulse/mail';
import type { DigestWindow } from './digest.schedule';
import { renderDigest, type DigestEntry } from './digest.template';
import type { WindowItemsCache } from './window-items.cache';

export interface DigestContentOptions {
  /** `PUBLIC_BASE_URL`: links in the mail point there. */
  baseUrl: string;
  /** Signs the preference and unsubscribe links. */
  secret: string;
  maxItems: number;
  now: Date;
  /** Shares window queries between subscribers with the same window (the worker passes one). */
  cache?: WindowItemsCache<WindowItemRow[]>;
}

export interface DigestMail extends RenderedMail {
  /** List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers: Record<string, string>;
  /** What was shown, recorded on the digest row ("updated since last sent" reads it later). */
  itemIds: string[];
  omitted: number;
}

/** Items read per window; a window longer than this (a long outage) shows its newest ones. */
export const WINDOW_ITEM_CAP = 2_000;

/** The subscriber's themes; none chosen means all of them. */
export const effectiveThemes = (s: Pick<DigestSubscriber, 'themes'>): string[] => {
  const mine = s.themes.filter((t) => (THEME_IDS as readonly string[]).includes(t));
  return mine.length ? mine : [...THEME_IDS];
};

export interface SelectedItem extends WindowItemRow {
  /** Sent to this subscriber before and changed since. */
  updated: boolean;
  /** The window row it came from (shared between subscribers; never changed). */
  row: WindowItemRow;
}

/**
 * Which window items one subscriber gets: their themes (the item's themes narrowed to theirs,
 * strongest first) and types, minus what they were already sent unless it changed since.
 */
export function selectForSubscriber(
  rows: readonly WindowItemRow[],
  prefs: { themes: readonly string[]; types: readonly string[] },
  lastSent: ReadonlyMap<string, Date>,
): SelectedItem[] {
  const themes = new Set(prefs.themes);
  const types = new Set(prefs.types);
  const out: SelectedItem[] = [];
  for (const row of rows) {
    if (types.size && !types.has(row.type)) continue;
    const themeIds = row.themeIds.filter((t) => themes.has(t));
    if (themeIds.length === 0) continue;
    const sent = lastSent.get(row.id);
    if (sent && row.changedAt.getTime() <= sent.getTime()) continue;
    out.push({ ...row, themeIds, updated: sent !== undefined, row });
  }
  return out;
}

const languageOf = (s: DigestSubscriber): Language => (isLanguage(s.language) ? s.language : DEFAULT_LANGUAGE);

async function windowRows(database: Database, window: DigestWindow, language: Language, cache?: DigestContentOptions['cache']) {
  const load = () => loadWindowItems(database, { language, start: window.start, end: window.end, limit: WINDOW_ITEM_CAP });
  return cache ? cache.get(`${window.start.getTime()}|${window.end.getTime()}|${language}`, load) : load();
}

/** Builds one subscriber's digest for a window; null when nothing in it is for them (no empty digests). */
export async function buildDigestMail(
  database: Database,
  subscriber: DigestSubscriber,
  window: DigestWindow,
  opts: DigestContentOptions,
): Promise<DigestMail | null> {
  const themes = effectiveThemes(subscriber);
  const language = languageOf(subscriber);
  const rows = await windowRows(database, window, language, opts.cache);
  // Windows follow each other, so only an item first seen before this one began can have been
  // in an earlier digest: ask about those alone (none, usually).
  const carried = rows.filter((r) => r.firstSeenAt.getTime() <= window.start.getTime()).map((r) => r.id);
  const lastSent = await loadLastSent(database, subscriber.id, carried);
  const selected = selectForSubscriber(rows, { themes, types: subscriber.types }, lastSent);
  if (selected.length === 0) return null;
  const shown = selected.slice(0, opts.maxItems);
  const entries: DigestEntry[] = shown.map((i) => ({
    id: i.id,
    title: i.title,
    summary: i.summary,
    url: i.url,
    source: i.source,
    type: i.type,
    // Some sources give no date (Europol): when we first saw it is the honest stand-in.
    publishedAt: i.publishedAt ?? i.firstSeenAt,
    startsAt: i.startsAt,
    endsAt: i.endsAt,
    location: i.location,
    themeIds: i.themeIds,
    updated: i.updated,
    shared: i.row,
  }));
  const links = buildManageLinks(opts.baseUrl, { id: subscriber.id, tokenVersion: subscriber.tokenVersion }, opts.secret, opts.now);
  const omitted = selected.length - shown.length;
  const mail = renderDigest({
    language,
    timezone: subscriber.timezone,
    frequency: subscriber.frequency,
    themes,
    entries,
    omitted,
    windowStart: window.start,
    now: opts.now,
    links: { preferencesUrl: links.preferencesUrl, unsubscribeUrl: links.unsubscribeUrl },
  });
  return { ...mail, headers: { ...links.headers }, itemIds: shown.map((i) => i.id), omitted };
}
