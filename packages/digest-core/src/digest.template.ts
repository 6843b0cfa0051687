import { DateTime } from 'luxon';
import { THEME_IDS } from '@pulse/contracts';
import { themeLabel, type Language, type RenderedMail } from '@pulse/mail';
import { DIGEST_STRINGS, type DigestStrings } from './digest.strings';

/** One item as the digest shows it. All text is feed text: never trusted, always escaped. */
export interface DigestEntry {
  id: string;
  title: string;
  summary: string;
  url: string | null;
  source: string | null;
  type: string;
  publishedAt: Date | null;
  startsAt: Date | null;
  endsAt: Date | null;
  location: string | null;
  /** The subscriber's themes this item carries, strongest first. */
  themeIds: string[];
  /** Already sent to this subscriber, and changed since. */
  updated: boolean;
  /**
   * The immutable row this entry was made from, shared by every digest of its window (the
   * worker's window cache). When given, the entry's rendering is kept with that row and reused
   * by the next subscriber with the same language and zone (`renderedEntry`).
   */
  shared?: object;
}

export interface DigestTemplateInput {
  language: Language;
  timezone: string;
  frequency: 'daily' | 'weekly';
  /** The subscriber's themes (all ten when they chose none). */
  themes: readonly string[];
  /** Newest first. */
  entries: DigestEntry[];
  /** Items of the window left out by the size cap. */
  omitted: number;
  windowStart: Date;
  /** Events starting after this are "upcoming". */
  now: Date;
  links: { preferencesUrl: string; unsubscribeUrl: string };
}

export interface DigestSection {
  themeId: string;
  label: string;
  entries: DigestEntry[];
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Only http(s) links from feeds become links: never `javascript:` or `data:`. */
const safeUrl = (u: string | null): string | null => (u && /^https?:\/\/[^\s]+$/i.test(u) ? u : null);

/** One line: whitespace collapsed, cut at a word boundary. */
export function oneLine(s: string, max = 220): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '')}…`;
}

const local = (d: Date, zone: string, t: DigestStrings) => DateTime.fromJSDate(d, { zone }).setLocale(t.locale);

/** Building an Intl formatter costs far more than using one: keep one per locale and zone. */
const DATE_FORMATS = new Map<string, Intl.DateTimeFormat>();
function dateLabel(d: Date, zone: string, t: DigestStrings): string {
  const key = `${t.locale}|${zone}`;
  let f = DATE_FORMATS.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(t.locale, { ...DateTime.DATE_MED, timeZone: zone });
    if (DATE_FORMATS.size > 500) DATE_FORMATS.clear();
    DATE_FORMATS.set(key, f);
  }
  return f.format(d);
}

function eventWhen(e: DigestEntry, zone: string, t: DigestStrings): string {
  const start = local(e.startsAt!, zone, t);
  const timed = start.hour !== 0 || start.minute !== 0;
  const fmt = timed ? { ...DateTime.DATETIME_MED_WITH_WEEKDAY, timeZoneName: 'short' as const } : DateTime.DATE_MED_WITH_WEEKDAY;
  const from = start.toLocaleString(fmt);
  if (!e.endsAt || e.endsAt.getTime() <= e.startsAt!.getTime()) return from;
  const end = local(e.endsAt, zone, t);
  return `${from} – ${end.hasSame(start, 'day') ? end.toLocaleString(DateTime.TIME_SIMPLE) : end.toLocaleString(fmt)}`;
}

/**
 * Upcoming events apart; every other item under its strongest theme among the subscriber's,
 * so it appears once. Sections with more items first, then taxonomy order.
 */
export function groupDigest(input: DigestTemplateInput): { sections: DigestSection[]; events: DigestEntry[] } {
  const events = input.entries
    .filter((e) => e.startsAt && e.startsAt.getTime() > input.now.getTime())
    .sort((a, b) => a.startsAt!.getTime() - b.startsAt!.getTime());
  const byTheme = new Map<string, DigestEntry[]>();
  for (const e of input.entries) {
    if (events.includes(e)) continue;
    const theme = e.themeIds.find((id) => input.themes.includes(id)) ?? e.themeIds[0];
    if (!theme) continue;
    byTheme.set(theme, [...(byTheme.get(theme) ?? []), e]);
  }
  const order = (id: string) => (THEME_IDS as readonly string[]).indexOf(id);
  const sections = [...byTheme.entries()]
    .map(([themeId, entries]) => ({ themeId, label: themeLabel(themeId, input.language), entries }))
    .sort((a, b) => b.entries.length - a.entries.length || order(a.themeId) - order(b.themeId));
  return { sections, events };
}

/** "EMN Pulse · 5 new items: Return and readmission (3), Trafficking (2) · 1 upcoming event" */
export function digestSubject(input: DigestTemplateInput, sections: DigestSection[], events: DigestEntry[]): string {
  const t = DIGEST_STRINGS[input.language];
  const parts = ['EMN Pulse'];
  const n = sections.reduce((sum, s) => sum + s.entries.length, 0);
  if (n > 0) {
    const allNew = sections.every((s) => s.entries.every((e) => !e.updated));
    const shown = sections.slice(0, 3).map((s) => `${s.label} (${s.entries.length})`);
    const more = sections.length > 3 ? ', …' : '';
    parts.push(`${t.items(n, allNew)}${t.colon} ${shown.join(', ')}${more}`);
  }
  if (events.length > 0) parts.push(t.events(events.length));
  return parts.join(' · ');
}

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const MUTED = 'color:#4b5563;font-size:13px;';

function entryHtml(e: DigestEntry, t: DigestStrings, when: string): string {
  const url = safeUrl(e.url);
  const title = url
    ? `<a href="${esc(url)}" style="color:#1d4ed8;text-decoration:underline;">${esc(e.title)}</a>`
    : esc(e.title);
  const badge = e.updated
    ? ` <span style="background:#fef3c7;color:#92400e;font-size:12px;font-weight:bold;padding:1px 6px;border-radius:3px;">${esc(t.updated)}</span>`
    : '';
  const meta = [e.source, when, e.location && e.startsAt ? `${t.location}${t.colon} ${e.location}` : null].filter(Boolean) as string[];
  return [
    '<tr><td style="padding:0 0 16px 0;">',
    `<p style="${FONT}margin:0 0 4px;font-size:16px;line-height:1.35;font-weight:bold;color:#111827;">${title}${badge}</p>`,
    `<p style="${FONT}margin:0 0 4px;${MUTED}">${meta.map(esc).join(' · ')}</p>`,
    e.summary ? `<p style="${FONT}margin:0;font-size:14px;line-height:1.5;color:#1f2937;">${esc(oneLine(e.summary))}</p>` : '',
    '</td></tr>',
  ].join('');
}

/**
 * Each entry row is a line of its own: the same item renders to the same line in every digest
 * of the window (per language and zone), which the mail encoder then encodes once (`composeMime`).
 */
type EntryKind = 'published' | 'event';
interface RenderedEntry {
  html: string;
  text: string[];
}

/** Renderings by shared row, then by `language|zone|updated|kind`; they go when the row does. */
const RENDERED = new WeakMap<object, Map<string, RenderedEntry>>();

/**
 * One entry as HTML and text lines. Everything it shows comes from the row, the subscriber's
 * language and zone, and the "updated" mark, so a rendering is reused for the same four.
 */
function renderedEntry(e: DigestEntry, input: DigestTemplateInput, t: DigestStrings, kind: EntryKind): RenderedEntry {
  const render = (): RenderedEntry => {
    const when = kind === 'event' ? eventWhen(e, input.timezone, t) : e.publishedAt ? dateLabel(e.publishedAt, input.timezone, t) : '';
    return { html: entryHtml(e, t, when), text: entryText(e, t, when) };
  };
  if (!e.shared) return render();
  let byVariant = RENDERED.get(e.shared);
  if (!byVariant) RENDERED.set(e.shared, (byVariant = new Map()));
  const key = `${input.language}|${input.timezone}|${e.updated ? 1 : 0}|${kind}`;
  let r = byVariant.get(key);
  if (!r) byVariant.set(key, (r = render()));
  return r;
}

function sectionHtml(heading: string, rows: string[]): string {
  return [
    `<tr><td style="padding:8px 24px 0 24px;"><h2 style="${FONT}font-size:18px;line-height:1.3;margin:8px 0 12px;color:#111827;border-bottom:2px solid #1d4ed8;padding-bottom:4px;">${esc(heading)}</h2>`,
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">',
    ...rows,
    '</table></td></tr>',
  ].join('\n');
}

function renderHtml(input: DigestTemplateInput, subject: string, sections: DigestSection[], events: DigestEntry[]): string {
  const t = DIGEST_STRINGS[input.language];
  const z = input.timezone;
  const body = [
    ...sections.map((s) => sectionHtml(`${s.label} (${s.entries.length})`, s.entries.map((e) => renderedEntry(e, input, t, 'published').html))),
    ...(events.length ? [sectionHtml(t.upcoming, events.map((e) => renderedEntry(e, input, t, 'event').html))] : []),
  ];
  const themes = input.themes.map((id) => themeLabel(id, input.language)).join(', ');
  const link = (href: string, label: string) => `<a href="${esc(href)}" style="color:#1d4ed8;text-decoration:underline;">${esc(label)}</a>`;
  return [
    `<!DOCTYPE html><html lang="${input.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="x-apple-disable-message-reformatting"><title>${esc(subject)}</title></head>`,
    '<body style="margin:0;padding:0;background:#f3f4f6;">',
    `<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${esc(subject)}</div>`,
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6;"><tr><td align="center" style="padding:24px 8px;">',
    '<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:600px;background:#ffffff;border:1px solid #d1d5db;">',
    `<tr><td style="padding:24px 24px 8px 24px;"><h1 style="${FONT}font-size:22px;line-height:1.3;margin:0 0 8px;color:#111827;">${esc(t.title(input.frequency))}</h1>`,
    `<p style="${FONT}margin:0;font-size:14px;color:#374151;">${esc(t.since(dateLabel(input.windowStart, z, t)))}</p></td></tr>`,
    ...body,
    input.omitted > 0 ? `<tr><td style="padding:0 24px 8px 24px;"><p style="${FONT}margin:0;${MUTED}">${esc(t.omitted(input.omitted))}</p></td></tr>` : '',
    `<tr><td style="padding:16px 24px 24px 24px;border-top:1px solid #e5e7eb;"><p style="${FONT}margin:0 0 8px;${MUTED}">${esc(t.why(input.frequency, themes))}</p>`,
    `<p style="${FONT}margin:0;${MUTED}">${link(input.links.preferencesUrl, t.preferences)} &nbsp;·&nbsp; ${link(input.links.unsubscribeUrl, t.unsubscribe)}</p></td></tr>`,
    '</table></td></tr></table></body></html>',
  ].join('\n');
}

function entryText(e: DigestEntry, t: DigestStrings, when: string): string[] {
  const meta = [e.source, when, e.location && e.startsAt ? `${t.location}${t.colon} ${e.location}` : null].filter(Boolean).join(' · ');
  const url = safeUrl(e.url);
  return [`* ${e.updated ? `[${t.updated}] ` : ''}${oneLine(e.title, 300)}`, ...(meta ? [`  ${meta}`] : []), ...(e.summary ? [`  ${oneLine(e.summary)}`] : []), ...(url ? [`  ${url}`] : []), ''];
}

function renderText(input: DigestTemplateInput, sections: DigestSection[], events: DigestEntry[]): string {
  const t = DIGEST_STRINGS[input.language];
  const z = input.timezone;
  const heading = (s: string) => [s, '='.repeat(Math.min(s.length, 72)), ''];
  const lines = [t.title(input.frequency), '', t.since(dateLabel(input.windowStart, z, t)), ''];
  for (const s of sections) {
    lines.push(...heading(`${s.label} (${s.entries.length})`));
    for (const e of s.entries) lines.push(...renderedEntry(e, input, t, 'published').text);
  }
  if (events.length) {
    lines.push(...heading(t.upcoming));
    for (const e of events) lines.push(...renderedEntry(e, input, t, 'event').text);
  }
  if (input.omitted > 0) lines.push(t.omitted(input.omitted), '');
  const themes = input.themes.map((id) => themeLabel(id, input.language)).join(', ');
  lines.push('-- ', t.why(input.frequency, themes), `${t.preferences}: ${input.links.preferencesUrl}`, `${t.unsubscribe}: ${input.links.unsubscribeUrl}`, '');
  return lines.join('\n');
}

/** The digest email: subject, HTML (table layout, inline CSS) and plain text, from one input. */
export function renderDigest(input: DigestTemplateInput): RenderedMail {
  const { sections, events } = groupDigest(input);
  const subject = digestSubject(input, sections, events);
  return { subject, html: renderHtml(input, subject, sections, events), text: renderText(input, sections, events) };
}
