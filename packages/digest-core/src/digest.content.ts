import { THEME_IDS } from '@pulse/contracts';
import { loadWindowItems, type Database, type DigestSubscriber } from '@pulse/db';
import { buildManageLinks, DEFAULT_LANGUAGE, isLanguage, type RenderedMail } from '@pulse/mail';
import type { DigestWindow } from './digest.schedule';
import { renderDigest, type DigestEntry } from './digest.template';

export interface DigestContentOptions {
  /** `PUBLIC_BASE_URL`: links in the mail point there. */
  baseUrl: string;
  /** Signs the preference and unsubscribe links. */
  secret: string;
  maxItems: number;
  now: Date;
}

export interface DigestMail extends RenderedMail {
  /** List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers: Record<string, string>;
  /** What was shown, recorded on the digest row ("updated since last sent" reads it later). */
  itemIds: string[];
  omitted: number;
}

/** The subscriber's themes; none chosen means all of them. */
export const effectiveThemes = (s: DigestSubscriber): string[] => {
  const mine = s.themes.filter((t) => (THEME_IDS as readonly string[]).includes(t));
  return mine.length ? mine : [...THEME_IDS];
};

/** Builds one subscriber's digest for a window; null when nothing in it is for them (no empty digests). */
export async function buildDigestMail(
  database: Database,
  subscriber: DigestSubscriber,
  window: DigestWindow,
  opts: DigestContentOptions,
): Promise<DigestMail | null> {
  const themes = effectiveThemes(subscriber);
  const language = isLanguage(subscriber.language) ? subscriber.language : DEFAULT_LANGUAGE;
  const { items, total } = await loadWindowItems(database, {
    subscriberId: subscriber.id,
    themes,
    types: subscriber.types,
    language,
    start: window.start,
    end: window.end,
    limit: opts.maxItems,
  });
  if (items.length === 0) return null;
  const entries: DigestEntry[] = items.map((i) => ({
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
    updated: i.lastSentAt !== null,
  }));
  const links = buildManageLinks(opts.baseUrl, { id: subscriber.id, tokenVersion: subscriber.tokenVersion }, opts.secret, opts.now);
  const mail = renderDigest({
    language,
    timezone: subscriber.timezone,
    frequency: subscriber.frequency,
    themes,
    entries,
    omitted: Math.max(0, total - items.length),
    windowStart: window.start,
    now: opts.now,
    links: { preferencesUrl: links.preferencesUrl, unsubscribeUrl: links.unsubscribeUrl },
  });
  return { ...mail, headers: { ...links.headers }, itemIds: items.map((i) => i.id), omitted: Math.max(0, total - items.length) };
}
