import type { NewsItem } from '@pulse/contracts';
import ICAL from 'ical.js';
import { FeedError } from './feed.error';
import { collapseWhitespace } from './html.text';
import { itemId, type NormaliseContext } from './item.normaliser';
import { languageFromUrl, normaliseLanguage } from './language';
import { canonicalUrl } from './url.canonical';

/** Windows zone names some calendar exporters write as TZID, for the zones EU sources use. */
const WINDOWS_ZONES: Record<string, string> = {
  'W. Europe Standard Time': 'Europe/Berlin',
  'Romance Standard Time': 'Europe/Paris',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Central European Standard Time': 'Europe/Warsaw',
  'GMT Standard Time': 'Europe/London',
  'GTB Standard Time': 'Europe/Bucharest',
  'FLE Standard Time': 'Europe/Helsinki',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'Eastern Standard Time': 'America/New_York',
  'Pacific Standard Time': 'America/Los_Angeles',
  UTC: 'UTC',
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function ianaZone(tzid: string): string | null {
  const name = WINDOWS_ZONES[tzid] ?? tzid.replace(/^\/[^/]+\/[^/]+\//, ''); // "/mozilla.org/20050126_1/Europe/Brussels"
  if (formatters.has(name)) return name;
  try {
    formatters.set(name, new Intl.DateTimeFormat('en-US', { timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }));
    return name;
  } catch {
    return null;
  }
}

function offsetMs(utc: number, zone: string): number {
  const parts = (formatters.get(zone) as Intl.DateTimeFormat).formatToParts(new Date(utc));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second')) - utc;
}

/** A wall-clock time in an IANA zone to UTC (iterated to settle across DST changes). */
function wallTimeToUtc(t: ICAL.Time, zone: string): number {
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  let utc = wall - offsetMs(wall, zone);
  for (let i = 0; i < 2; i++) utc = wall - offsetMs(utc, zone);
  return utc;
}

/**
 * UTC ISO for DTSTART/DTEND: a VTIMEZONE in the calendar first (ical.js applies it), then the
 * TZID as an IANA or Windows zone name, then the calendar's X-WR-TIMEZONE; otherwise UTC.
 * All-day dates are midnight UTC of that date.
 */
function toUtcIso(t: ICAL.Time | null, prop: ICAL.Property | null, calendarZone: string | null): string | null {
  if (!t) return null;
  if (t.isDate) return new Date(Date.UTC(t.year, t.month - 1, t.day)).toISOString();
  const tzid = prop?.getParameter('tzid');
  const resolved = t.zone && t.zone.tzid !== 'floating';
  if (resolved) return new Date(t.toUnixTime() * 1000).toISOString();
  const zone = (typeof tzid === 'string' ? ianaZone(tzid) : null) ?? (calendarZone ? ianaZone(calendarZone) : null);
  if (zone) return new Date(wallTimeToUtc(t, zone)).toISOString();
  return new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second)).toISOString();
}

const text = (v: unknown): string => (typeof v === 'string' ? collapseWhitespace(v) : '');

function firstTime(vevent: ICAL.Component, name: string, calendarZone: string | null): string | null {
  const prop = vevent.getFirstProperty(name);
  const value = prop?.getFirstValue();
  return value instanceof ICAL.Time ? toUtcIso(value, prop, calendarZone) : null;
}

function readEvent(vevent: ICAL.Component, ctx: NormaliseContext, calendarZone: string | null): NewsItem {
  const event = new ICAL.Event(vevent);
  const uid = text(event.uid) || null;
  // An overridden occurrence shares its series' UID; its RECURRENCE-ID tells them apart.
  const recurrence = vevent.getFirstPropertyValue('recurrence-id');
  const guid = uid && recurrence ? `${uid}/${String(recurrence)}` : uid;
  const url = canonicalUrl(text(vevent.getFirstPropertyValue('url')), ctx.feedUrl);
  const title = text(event.summary);
  const summary = text(event.description);
  const startsAt = toUtcIso(event.startDate, vevent.getFirstProperty('dtstart'), calendarZone);
  const hasEnd = vevent.hasProperty('dtend') || vevent.hasProperty('duration');
  const endsAt = hasEnd ? toUtcIso(event.endDate, vevent.getFirstProperty('dtend') ?? vevent.getFirstProperty('dtstart'), calendarZone) : null;
  const publishedAt = firstTime(vevent, 'created', calendarZone) ?? firstTime(vevent, 'last-modified', calendarZone);
  const summaryLang = vevent.getFirstProperty('summary')?.getParameter('language');
  return {
    id: itemId(url, guid, ctx, title, startsAt, summary),
    guid,
    url,
    title,
    summary,
    contentHtml: null,
    publishedAt,
    updatedAt: firstTime(vevent, 'last-modified', calendarZone),
    language: normaliseLanguage(typeof summaryLang === 'string' ? summaryLang : null) ?? languageFromUrl(url) ?? normaliseLanguage(ctx.feedLanguage ?? ctx.defaultLanguage),
    type: 'event',
    categories: [...new Set(vevent.getAllProperties('categories').flatMap((p) => p.getValues().map(text)).filter(Boolean))],
    startsAt,
    endsAt,
    location: text(event.location) || null,
    sourceFeedId: ctx.feedId,
  };
}

export interface ParsedCalendar {
  title: string | null;
  items: NewsItem[];
}

/** An iCalendar document: each VEVENT is one event item. */
export function readCalendar(source: string, ctx: NormaliseContext): ParsedCalendar {
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(source.replace(/^\uFEFF/, '')));
  } catch (err) {
    throw new FeedError('malformed', `invalid iCalendar: ${(err as Error).message.split('\n')[0]}`, { cause: err });
  }
  const calendarZone = text(calendar.getFirstPropertyValue('x-wr-timezone')) || null;
  const items: NewsItem[] = [];
  for (const vevent of calendar.getAllSubcomponents('vevent')) {
    try {
      items.push(readEvent(vevent, ctx, calendarZone));
    } catch (err) {
      if (err instanceof FeedError) throw err;
      // One broken event (a bad date value) does not cost the others.
    }
  }
  return { title: text(calendar.getFirstPropertyValue('x-wr-calname')) || null, items };
}
