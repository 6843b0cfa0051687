import { createHash } from 'node:crypto';
import type { ItemType, NewsItem } from '@pulse/contracts';
import { eventDaysFrom } from './event-dates';
import { dateFromUrl, parseFeedDate } from './feed-date.parser';
import type { RawEntry } from './feed.reader';
import { collapseWhitespace, htmlToText, sanitizeContentHtml } from './html.text';
import { languageFromUrl, normaliseLanguage } from './language';
import { contradictingLanguage } from './language.guesser';
import type { TextValue } from './text-construct.reader';
import { canonicalUrl } from './url.canonical';

export interface NormaliseContext {
  /** The feed's own URL: the base for relative links, and part of ids without a link. */
  feedUrl: string | null;
  /** The site the feed links to: the base of last resort for relative links. */
  siteUrl?: string | null;
  feedId: string | null;
  feedLanguage: string | null;
  defaultLanguage: string | null;
  defaultType: ItemType | null;
}

const SUMMARY_MAX = 5000;
const TITLE_FROM_SUMMARY_MAX = 140;

const plain = (t: TextValue | null): string => (!t ? '' : t.html ? htmlToText(t.value) : collapseWhitespace(t.value));

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/**
 * The Commission press corner opens every description with "European Commission Press release
 * Brussels, 03 Sep 2026" (in the item's language for the type word). It is boilerplate in the
 * summary, but its date is the release date when the item carries none.
 */
const PRESS_OPENING = /^European Commission\s+[^,]{2,80}?\s+[\p{Lu}][\p{L}.'’ -]{1,40},\s+(\d{1,2} [A-Z][a-z]{2,8}\.? \d{4})\s*/u;

/** WordPress appends "The post <title> appeared first on <site>." to every excerpt. */
const WORDPRESS_FOOTER = /\s*The post .{1,400}? appeared first on .{1,200}$/u;

function splitPressOpening(summary: string): { summary: string; date: string | null } {
  const m = PRESS_OPENING.exec(summary);
  if (!m || m[0].length >= summary.length) return { summary, date: null };
  return { summary: summary.slice(m[0].length), date: parseFeedDate(m[1]) };
}

const firstDate = (values: string[]): string | null => {
  for (const v of values) {
    const d = parseFeedDate(v);
    if (d) return d;
  }
  return null;
};

/** Days a feed date may trail the date in the item's URL before it counts as an edit date. */
const EDIT_SLACK_MS = 2 * 24 * 3600 * 1000;

/**
 * The feed's own dates first. Sites on the Commission's web platform put the publication date
 * in the URL (`…-2026-06-18_en`) but some of their feeds date items by their last edit: a feed
 * date well after the URL date is then an update, and the URL date is the publication.
 */
function datesFor(raw: RawEntry, url: string | null, textDate: string | null): { publishedAt: string | null; updatedAt: string | null } {
  const stated = firstDate(raw.publishedDates) ?? firstDate(raw.updatedDates);
  const updated = firstDate(raw.updatedDates);
  const fromUrl = dateFromUrl(url);
  if (stated && fromUrl && Date.parse(stated) - Date.parse(fromUrl) > EDIT_SLACK_MS) {
    return { publishedAt: fromUrl, updatedAt: updated ?? stated };
  }
  return { publishedAt: stated ?? fromUrl ?? textDate, updatedAt: updated };
}

/** `POLICY_AREA=COMPETY,ANTITRUST` (press corner) is a list of codes under a key. */
function normaliseCategories(values: string[]): string[] {
  const out = values.flatMap((v) => {
    const keyed = /^[A-Z][A-Z0-9_]*=(.+)$/.exec(v.trim());
    return keyed ? (keyed[1] as string).split(',') : [v];
  });
  return [...new Set(out.map((c) => collapseWhitespace(c)).filter(Boolean))];
}

export function itemId(url: string | null, guid: string | null, ctx: NormaliseContext, title: string, publishedAt: string | null, summary: string): string {
  const feedKey = ctx.feedId ?? ctx.feedUrl ?? '';
  const key = url ? `url\n${url}` : guid ? `guid\n${feedKey}\n${guid}` : `text\n${feedKey}\n${title}\n${publishedAt ?? ''}\n${summary.slice(0, 500)}`;
  return `itm_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
}

function languageFor(raw: RawEntry, url: string | null, ctx: NormaliseContext, text: string): string | null {
  // An entry's own marking wins; then its URL (aggregators mix languages under one feed
  // language); then what the feed declares, unless the text clearly is in another language;
  // then what the operator configured.
  const own = normaliseLanguage(raw.ownLanguage);
  if (own) return own;
  const fromUrl = languageFromUrl(url);
  if (fromUrl) return fromUrl;
  const inherited =
    raw.ownLanguage === ''
      ? normaliseLanguage(ctx.defaultLanguage)
      : (normaliseLanguage(raw.inheritedLanguage) ?? normaliseLanguage(ctx.feedLanguage) ?? normaliseLanguage(ctx.defaultLanguage));
  return inherited ? (contradictingLanguage(text, inherited) ?? inherited) : null;
}

/** When and where, for RSS event-module items, or for an event feed's items from URL or title. */
function eventFields(raw: RawEntry, ctx: NormaliseContext, url: string | null, title: string): Pick<NewsItem, 'startsAt' | 'endsAt' | 'location'> | null {
  const location = raw.location ? collapseWhitespace(raw.location) : null;
  const startsAt = parseFeedDate(raw.startsAt);
  if (startsAt) return { startsAt, endsAt: parseFeedDate(raw.endsAt), location };
  if (ctx.defaultType !== 'event') return null;
  const days = eventDaysFrom(url, title);
  return { startsAt: days?.startsAt ?? null, endsAt: days?.endsAt ?? null, location };
}

export function normaliseEntry(raw: RawEntry, ctx: NormaliseContext): NewsItem {
  const base = raw.base || ctx.feedUrl || ctx.siteUrl || null;
  const url = canonicalUrl(raw.link, base);
  const rawSummary = (plain(raw.summary) || plain(raw.content)).replace(WORDPRESS_FOOTER, '');
  const opening = splitPressOpening(rawSummary);
  const summary = truncate(opening.summary, SUMMARY_MAX);
  const title = plain(raw.title) || truncate(summary, TITLE_FROM_SUMMARY_MAX);
  // A description is content only when it holds markup; plain text is already the summary.
  const richest = raw.content?.html ? raw.content : raw.summary?.html && /<[a-z][^>]*>/i.test(raw.summary.value) ? raw.summary : null;
  const contentHtml = richest ? sanitizeContentHtml(richest.value, base) || null : null;
  const dates = datesFor(raw, url, opening.date);
  const event = eventFields(raw, ctx, url, title);
  return {
    id: itemId(url, raw.guid, ctx, title, dates.publishedAt, summary),
    guid: raw.guid,
    url,
    title,
    summary,
    contentHtml,
    publishedAt: dates.publishedAt,
    updatedAt: dates.updatedAt,
    language: languageFor(raw, url, ctx, `${title} ${summary.slice(0, 1000)}`),
    type: ctx.defaultType ?? (event ? 'event' : 'news'),
    categories: normaliseCategories(raw.categories),
    ...event,
    sourceFeedId: ctx.feedId,
  };
}
