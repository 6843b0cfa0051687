import { DateTime, IANAZone } from 'luxon';

/**
 * Digest calendar: pure functions of a subscriber's schedule and an instant. A period is one
 * scheduled send (a local date for daily digests, an ISO week for weekly ones); its key is what
 * the `digests` row is unique on, so one period can never give two emails.
 */
export interface DigestSchedule {
  frequency: 'daily' | 'weekly';
  /** IANA zone, e.g. `Europe/Brussels`. */
  timezone: string;
  /** Local hour, 0–23. */
  sendHour: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday; weekly only (Monday when missing). */
  weekday?: number | null;
}

export interface DigestPeriod {
  /** `d:2026-03-29` (local date) or `w:2026-W13` (ISO week-year and week of the send date). */
  key: string;
  sendAt: Date;
}

export interface DigestWindow {
  start: Date;
  end: Date;
}

/** What decides where a subscriber's next window starts. */
export interface WindowAnchor {
  lastDigestWindowEnd: Date | null;
  confirmedAt: Date | null;
  createdAt: Date;
}

export class InvalidScheduleError extends Error {}

export const isValidTimezone = (zone: string): boolean => IANAZone.isValidZone(zone);

function check(s: DigestSchedule): void {
  if (!isValidTimezone(s.timezone)) throw new InvalidScheduleError(`unknown time zone: ${s.timezone}`);
  if (!Number.isInteger(s.sendHour) || s.sendHour < 0 || s.sendHour > 23) throw new InvalidScheduleError(`bad send hour: ${s.sendHour}`);
  const wd = s.weekday ?? 1;
  if (s.frequency === 'weekly' && (!Number.isInteger(wd) || wd < 1 || wd > 7)) throw new InvalidScheduleError(`bad weekday: ${wd}`);
}

/**
 * The instant a local date's send hour happens. A local hour that does not exist (the spring
 * change) moves forward to the first instant after the gap; one that happens twice (the autumn
 * change) is taken at its first occurrence, like cron. Either way each date gets exactly one.
 */
export function sendInstant(zone: string, date: { year: number; month: number; day: number }, hour: number): DateTime {
  const t = DateTime.fromObject({ ...date, hour }, { zone });
  // luxon resolves a repeated wall time to its later offset; an hour earlier may show the same.
  const earlier = t.minus({ hours: 1 });
  if (earlier.hour === hour && earlier.day === t.day) return earlier;
  return t;
}

const ymd = (d: DateTime) => ({ year: d.year, month: d.month, day: d.day });

function periodOf(s: DigestSchedule, localDate: DateTime): { key: string; send: DateTime } {
  const send = sendInstant(s.timezone, ymd(localDate), s.sendHour);
  const key = s.frequency === 'daily' ? `d:${localDate.toFormat('yyyy-MM-dd')}` : `w:${localDate.toFormat("kkkk-'W'WW")}`;
  return { key, send };
}

/** The local date carrying the period that contains `local`'s date (itself daily, its week's weekday weekly). */
function anchorDate(s: DigestSchedule, local: DateTime): DateTime {
  const day = local.startOf('day');
  if (s.frequency === 'daily') return day;
  return day.startOf('week').plus({ days: (s.weekday ?? 1) - 1 });
}

const stepOf = (s: DigestSchedule) => (s.frequency === 'daily' ? { days: 1 } : { weeks: 1 });

const toPeriod = (p: { key: string; send: DateTime }): DigestPeriod => ({ key: p.key, sendAt: p.send.toJSDate() });

/** The latest scheduled send at or before `at`: the period that is due (or overdue) at `at`. */
export function currentPeriod(s: DigestSchedule, at: Date): DigestPeriod {
  check(s);
  const local = DateTime.fromJSDate(at, { zone: s.timezone });
  let date = anchorDate(s, local);
  let p = periodOf(s, date);
  if (p.send.toMillis() > at.getTime()) {
    date = date.minus(stepOf(s));
    p = periodOf(s, date);
  }
  return toPeriod(p);
}

/** The first scheduled send strictly after `at`. */
export function nextPeriod(s: DigestSchedule, at: Date): DigestPeriod {
  check(s);
  const local = DateTime.fromJSDate(at, { zone: s.timezone });
  let date = anchorDate(s, local);
  let p = periodOf(s, date);
  while (p.send.toMillis() <= at.getTime()) {
    date = date.plus(stepOf(s));
    p = periodOf(s, date);
  }
  return toPeriod(p);
}

/** Where the next window starts: the end of the last one, else confirmation, else creation. */
export const windowStart = (a: WindowAnchor): Date => a.lastDigestWindowEnd ?? a.confirmedAt ?? a.createdAt;

/**
 * The window a digest for `period` covers, or null when nothing is due: items classified after
 * the previous window's end, up to the period's send time. An overdue subscriber gets one window
 * reaching back to the last digest, never one digest per missed period.
 */
export function dueWindow(anchor: WindowAnchor, period: DigestPeriod): DigestWindow | null {
  const start = windowStart(anchor);
  return period.sendAt.getTime() > start.getTime() ? { start, end: period.sendAt } : null;
}
