import { urlPath } from './url.canonical';

/**
 * Meeting feeds (the Council's JHA meetings) say when a meeting is only in its URL
 * (`/meetings/jha/2026/10/13-14/`) or title ("…, 13-14 October 2026"). For items of an event
 * feed without explicit start and end, these give whole days: start at midnight UTC of the
 * first day, end at midnight after the last day of a range (exclusive, like iCalendar DTEND).
 */
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = `(${MONTHS.join('|')}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.?`;
const RANGE_IN_TEXT = new RegExp(`\\b(\\d{1,2})(?:\\s+${MONTH})?\\s*(?:-|–|to)\\s*(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})\\b`, 'i');
const DAY_IN_TEXT = new RegExp(`\\b(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})\\b`, 'i');
const DAYS_IN_PATH = /\/(\d{4})\/(\d{2})\/(\d{1,2})(?:-(\d{1,2}))?\/?$/;

export interface EventDays {
  startsAt: string;
  endsAt: string | null;
}

const monthNumber = (name: string): number => MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().replace('.', '').slice(0, 3))) + 1;

function days(year: number, month: number, first: number, lastMonth: number, last: number | null): EventDays | null {
  const start = Date.UTC(year, month - 1, first);
  const startDate = new Date(start);
  if (startDate.getUTCMonth() !== month - 1 || startDate.getUTCDate() !== first || month < 1) return null;
  if (last === null) return { startsAt: startDate.toISOString(), endsAt: null };
  const end = Date.UTC(year, lastMonth - 1, last + 1);
  return end > start ? { startsAt: startDate.toISOString(), endsAt: new Date(end).toISOString() } : null;
}

function fromPath(url: string | null): EventDays | null {
  const m = DAYS_IN_PATH.exec(urlPath(url) ?? '');
  if (!m) return null;
  const [year, month, first] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return days(year, month, first, month, m[4] === undefined ? null : Number(m[4]));
}

function fromText(text: string): EventDays | null {
  const range = RANGE_IN_TEXT.exec(text);
  if (range) {
    const lastMonth = monthNumber(range[4] as string);
    const firstMonth = range[2] ? monthNumber(range[2]) : lastMonth;
    return days(Number(range[5]), firstMonth, Number(range[1]), lastMonth, Number(range[3]));
  }
  const day = DAY_IN_TEXT.exec(text);
  return day ? days(Number(day[3]), monthNumber(day[2] as string), Number(day[1]), 0, null) : null;
}

export const eventDaysFrom = (url: string | null, title: string): EventDays | null => fromPath(url) ?? fromText(title);
