import { urlPath } from './url.canonical';

/**
 * Dates as feeds write them, to UTC ISO 8601; null when the text is not a date this parser is
 * sure about (a publication date is never guessed). Handles W3CDTF / ISO 8601, RFC 822/1123/2822
 * and their usual corruptions (no weekday, no comma, full month names, two-digit years, `+0200`,
 * `+02:00`, named zones, missing seconds or zone), `Jan 1, 2004`, `21.08.2026`, `2026/08/21`.
 */

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
/** Hours east of UTC. Military letters other than Z are ambiguous (RFC 2822 §4.3): read as UTC. */
const ZONES: Record<string, number> = {
  z: 0, ut: 0, utc: 0, gmt: 0, wet: 0, bst: 1, west: 1, cet: 1, met: 1, cest: 2, mest: 2, eet: 2, eest: 3, msk: 3,
  est: -5, edt: -4, cst: -6, cdt: -5, mst: -7, mdt: -6, pst: -8, pdt: -7, akst: -9, akdt: -8, hst: -10,
};

const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\\.?';
const WEEKDAY = '(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s*)?';
const TIME = '(?:[\\sT,]+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,]\\d+)?)?\\s*(am|pm)?)?';
const ZONE = '\\s*(z|[a-z]{1,5}(?:\\s*[+-]\\d{1,2}(?::?\\d{2})?)?|[+-]\\d{1,2}(?::?\\d{2})?)?\\s*(?:\\([^)]*\\))?';

const ISO = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T\s]+(\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?$/i;
const RFC822 = new RegExp(`^${WEEKDAY}(\\d{1,2})(?:st|nd|rd|th)?[\\s-]+${MONTH}[\\s-]+(\\d{2}|\\d{4})${TIME}${ZONE}$`, 'i');
const MONTH_FIRST = new RegExp(`^${WEEKDAY}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${TIME}${ZONE}$`, 'i');
/** `Thu Jan 01 19:48:21 2004` (asctime) and `Thu Jan 01 2004 19:48:21 GMT+0000` (JavaScript). */
const ASCTIME = new RegExp(`^${WEEKDAY}${MONTH}\\s+(\\d{1,2})\\s+(\\d{1,2}):(\\d{2}):(\\d{2})\\s+(\\d{4})${ZONE}$`, 'i');
const NUMERIC = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[\s,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$|^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[\sT]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

interface Parts {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  millis?: number;
  /** Minutes east of UTC. */
  offset?: number | null;
}

function zoneOffset(zone: string | undefined): number | null {
  if (!zone) return 0;
  const z = zone.toLowerCase().replace(/\s+/g, '');
  const numeric = /^([a-z]*)([+-])(\d{1,2}):?(\d{2})?$/.exec(z);
  if (numeric) {
    const [, name, sign, hh, mm] = numeric;
    if (name && !(name in ZONES)) return null;
    const minutes = Number(hh) * 60 + Number(mm ?? 0);
    if (Number(hh) > 14 || Number(mm ?? 0) > 59) return null;
    return (name ? (ZONES[name] as number) * 60 : 0) + (sign === '-' ? -minutes : minutes);
  }
  if (z in ZONES) return (ZONES[z] as number) * 60;
  if (/^[a-ik-y]$/.test(z)) return 0;
  return null;
}

function toIso(p: Parts): string | null {
  const { year, month, day } = p;
  let hour = p.hour ?? 0;
  const minute = p.minute ?? 0;
  const second = Math.min(p.second ?? 0, 59); // a leap second is the same instant for our purposes
  if (p.offset === null || year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  if (hour > 24 || minute > 59 || (hour === 24 && (minute > 0 || second > 0))) return null;
  if (hour === 24) hour = 0;
  const utc = Date.UTC(year, month - 1, day + (p.hour === 24 ? 1 : 0), hour, minute, second, p.millis ?? 0) - (p.offset ?? 0) * 60_000;
  return new Date(utc).toISOString();
}

const twelveHour = (hour: number, meridiem: string | undefined): number => {
  if (!meridiem) return hour;
  const pm = meridiem.toLowerCase() === 'pm';
  return (hour % 12) + (pm ? 12 : 0);
};

const fullYear = (y: string): number => (y.length === 2 ? (Number(y) < 50 ? 2000 + Number(y) : 1900 + Number(y)) : Number(y));

function parseIso(text: string): string | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  return toIso({
    year: Number(y), month: Number(mo), day: Number(d),
    hour: h === undefined ? 0 : Number(h), minute: Number(mi ?? 0), second: Number(s ?? 0),
    millis: frac ? Math.round(Number(`0.${frac}`) * 1000) : 0,
    offset: zoneOffset(zone),
  });
}

function parseRfc822(text: string): string | null {
  let m = RFC822.exec(text);
  let day: string | undefined, month: string | undefined, year: string | undefined;
  let rest: (string | undefined)[] = [];
  if (m) [, day, month, year, ...rest] = m;
  else if ((m = MONTH_FIRST.exec(text))) [, month, day, year, ...rest] = m;
  if (!m || !day || !month || !year) return null;
  const [h, mi, s, meridiem, zone] = rest;
  return toIso({
    year: fullYear(year), month: MONTHS[month.toLowerCase().slice(0, 3)] as number, day: Number(day),
    hour: h === undefined ? 0 : twelveHour(Number(h), meridiem), minute: Number(mi ?? 0), second: Number(s ?? 0),
    offset: zoneOffset(zone),
  });
}

function parseAsctime(text: string): string | null {
  const m = ASCTIME.exec(text);
  if (!m) return null;
  const [, month, day, h, mi, s, year, zone] = m;
  return toIso({
    year: Number(year), month: MONTHS[(month as string).toLowerCase().slice(0, 3)] as number, day: Number(day),
    hour: Number(h), minute: Number(mi), second: Number(s), offset: zoneOffset(zone),
  });
}

function parseNumeric(text: string): string | null {
  const m = NUMERIC.exec(text);
  if (!m) return null;
  const dotted = m[1] !== undefined;
  const [day, month, year, h, mi, s] = dotted ? [m[1], m[2], m[3], m[4], m[5], m[6]] : [m[9], m[8], m[7], m[10], m[11], m[12]];
  return toIso({ year: Number(year), month: Number(month), day: Number(day), hour: Number(h ?? 0), minute: Number(mi ?? 0), second: Number(s ?? 0), offset: 0 });
}

export function parseFeedDate(input: string | null | undefined): string | null {
  if (!input) return null;
  const text = input.replace(/\s+/g, ' ').trim();
  if (!text || text.length > 80) return null;
  return parseIso(text) ?? parseRfc822(text) ?? parseAsctime(text) ?? parseNumeric(text);
}

/** The date in a `…-2026-08-21_en` (or `…/2026-08-21/…`) URL, as midnight UTC. */
export function dateFromUrl(url: string | null): string | null {
  const m = /[-_/](\d{4})-(\d{2})-(\d{2})(?:_[a-z]{2}(?:-[a-z]{2})?)?(?:\.\w+)?\/?$/i.exec(urlPath(url) ?? '');
  return m ? toIso({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), offset: 0 }) : null;
}
