import { currentPeriod, dueWindow, InvalidScheduleError, nextPeriod, sendInstant, type DigestSchedule } from './digest.schedule';

const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();
const daily = (timezone: string, sendHour = 7): DigestSchedule => ({ frequency: 'daily', timezone, sendHour });
const weekly = (timezone: string, weekday: number, sendHour = 7): DigestSchedule => ({ frequency: 'weekly', timezone, sendHour, weekday });

/** Every send of a schedule between two instants, by walking nextPeriod. */
function sends(s: DigestSchedule, from: string, to: string): { key: string; sendAt: string }[] {
  const out: { key: string; sendAt: string }[] = [];
  let t = at(from);
  for (;;) {
    const p = nextPeriod(s, t);
    if (p.sendAt > at(to)) return out;
    out.push({ key: p.key, sendAt: iso(p.sendAt) });
    t = p.sendAt;
  }
}

describe('daily periods', () => {
  it('sends at the local hour and keys the period by local date', () => {
    const p = currentPeriod(daily('Europe/Brussels'), at('2026-06-10T12:00:00Z'));
    expect(p).toEqual({ key: 'd:2026-06-10', sendAt: at('2026-06-10T05:00:00Z') });
    // Just before today's hour the current period is still yesterday's.
    expect(currentPeriod(daily('Europe/Brussels'), at('2026-06-10T04:59:59Z')).key).toBe('d:2026-06-09');
    expect(currentPeriod(daily('Europe/Brussels'), at('2026-06-10T05:00:00Z')).key).toBe('d:2026-06-10');
  });

  it('follows Europe/Brussels across the March change (23-hour day)', () => {
    expect(sends(daily('Europe/Brussels'), '2026-03-27T12:00:00Z', '2026-03-31T00:00:00Z')).toEqual([
      { key: 'd:2026-03-28', sendAt: '2026-03-28T06:00:00.000Z' },
      { key: 'd:2026-03-29', sendAt: '2026-03-29T05:00:00.000Z' },
      { key: 'd:2026-03-30', sendAt: '2026-03-30T05:00:00.000Z' },
    ]);
  });

  it('follows Europe/Brussels across the October change (25-hour day)', () => {
    expect(sends(daily('Europe/Brussels'), '2026-10-23T12:00:00Z', '2026-10-27T00:00:00Z')).toEqual([
      { key: 'd:2026-10-24', sendAt: '2026-10-24T05:00:00.000Z' },
      { key: 'd:2026-10-25', sendAt: '2026-10-25T06:00:00.000Z' },
      { key: 'd:2026-10-26', sendAt: '2026-10-26T06:00:00.000Z' },
    ]);
  });

  it('moves a send hour that does not exist (02:00 on 29 March in Brussels) forward, once', () => {
    const s = daily('Europe/Brussels', 2);
    expect(sends(s, '2026-03-28T00:00:00Z', '2026-03-30T12:00:00Z')).toEqual([
      { key: 'd:2026-03-28', sendAt: '2026-03-28T01:00:00.000Z' }, // 02:00 CET
      { key: 'd:2026-03-29', sendAt: '2026-03-29T01:00:00.000Z' }, // 03:00 CEST, first instant after the gap
      { key: 'd:2026-03-30', sendAt: '2026-03-30T00:00:00.000Z' }, // 02:00 CEST
    ]);
  });

  it('fires a repeated hour (02:00 on 25 October in Brussels) once, at its first occurrence', () => {
    const s = daily('Europe/Brussels', 2);
    expect(sends(s, '2026-10-24T12:00:00Z', '2026-10-26T12:00:00Z')).toEqual([
      { key: 'd:2026-10-25', sendAt: '2026-10-25T00:00:00.000Z' }, // 02:00 CEST
      { key: 'd:2026-10-26', sendAt: '2026-10-26T01:00:00.000Z' }, // 02:00 CET
    ]);
    // During the second 02:xx the period is still the same one: no second digest.
    expect(currentPeriod(s, at('2026-10-25T01:30:00Z'))).toEqual({ key: 'd:2026-10-25', sendAt: at('2026-10-25T00:00:00Z') });
  });

  it('handles America/New_York (March 8 and November 1, 2026)', () => {
    const s = daily('America/New_York', 2);
    expect(sends(s, '2026-03-07T00:00:00Z', '2026-03-09T12:00:00Z').map((p) => p.sendAt)).toEqual([
      '2026-03-07T07:00:00.000Z', // 02:00 EST
      '2026-03-08T07:00:00.000Z', // 02:00 does not exist: 03:00 EDT
      '2026-03-09T06:00:00.000Z', // 02:00 EDT
    ]);
    expect(sends(daily('America/New_York', 1), '2026-10-31T00:00:00Z', '2026-11-02T12:00:00Z').map((p) => p.sendAt)).toEqual([
      '2026-10-31T05:00:00.000Z',
      '2026-11-01T05:00:00.000Z', // first 01:00 (EDT); the repeated 01:00 EST does not fire
      '2026-11-02T06:00:00.000Z',
    ]);
  });

  it('handles Australia/Sydney, whose changes are in April and October', () => {
    // 5 April 2026: 03:00 AEDT goes back to 02:00 AEST; 02:30 happens twice.
    expect(sendInstant('Australia/Sydney', { year: 2026, month: 4, day: 5 }, 2).toUTC().toISO()).toBe('2026-04-04T15:00:00.000Z');
    // 4 October 2026: 02:00 AEST jumps to 03:00 AEDT.
    expect(sends(daily('Australia/Sydney', 2), '2026-10-03T00:00:00Z', '2026-10-04T23:00:00Z')).toEqual([
      { key: 'd:2026-10-04', sendAt: '2026-10-03T16:00:00.000Z' }, // 03:00 AEDT
      { key: 'd:2026-10-05', sendAt: '2026-10-04T15:00:00.000Z' },
    ]);
  });

  it('handles Asia/Kolkata (UTC+05:30, no DST): the local date decides the key', () => {
    const s = daily('Asia/Kolkata', 7);
    expect(currentPeriod(s, at('2026-03-29T01:30:00Z'))).toEqual({ key: 'd:2026-03-29', sendAt: at('2026-03-29T01:30:00Z') });
    expect(currentPeriod(s, at('2026-03-29T01:29:59Z')).key).toBe('d:2026-03-28');
  });

  it('keys by the subscriber-local date even when UTC is already the next day', () => {
    expect(currentPeriod(daily('America/New_York', 22), at('2026-06-11T03:00:00Z'))).toEqual({
      key: 'd:2026-06-10',
      sendAt: at('2026-06-11T02:00:00Z'),
    });
  });
});

describe('weekly periods', () => {
  it('sends on the ISO weekday at the local hour, keyed by ISO week', () => {
    // Sunday 29 March 2026 is in ISO week 13; the Brussels change happens that very morning.
    const s = weekly('Europe/Brussels', 7, 9);
    expect(currentPeriod(s, at('2026-03-30T12:00:00Z'))).toEqual({ key: 'w:2026-W13', sendAt: at('2026-03-29T07:00:00Z') });
    expect(currentPeriod(s, at('2026-03-29T06:59:00Z')).key).toBe('w:2026-W12');
    expect(nextPeriod(s, at('2026-03-29T07:00:00Z'))).toEqual({ key: 'w:2026-W14', sendAt: at('2026-04-05T07:00:00Z') });
  });

  it('uses the ISO week-year at the turn of the year', () => {
    // Monday 28 December 2026 is in ISO week 53 of 2026; Friday 1 January 2027 too.
    expect(currentPeriod(weekly('Europe/Brussels', 5), at('2027-01-02T12:00:00Z')).key).toBe('w:2026-W53');
    expect(currentPeriod(weekly('Europe/Brussels', 1), at('2027-01-04T12:00:00Z')).key).toBe('w:2027-W01');
  });

  it('crosses the October change on a Sunday with a repeated hour once', () => {
    const s = weekly('Europe/Brussels', 7, 2);
    expect(sends(s, '2026-10-17T00:00:00Z', '2026-11-02T00:00:00Z')).toEqual([
      { key: 'w:2026-W42', sendAt: '2026-10-18T00:00:00.000Z' },
      { key: 'w:2026-W43', sendAt: '2026-10-25T00:00:00.000Z' },
      { key: 'w:2026-W44', sendAt: '2026-11-01T01:00:00.000Z' },
    ]);
  });

  it('defaults a missing weekday to Monday', () => {
    const s: DigestSchedule = { frequency: 'weekly', timezone: 'UTC', sendHour: 7, weekday: null };
    expect(currentPeriod(s, at('2026-06-10T00:00:00Z')).sendAt).toEqual(at('2026-06-08T07:00:00Z'));
  });
});

describe('schedule validation', () => {
  it('refuses unknown zones and hours out of range', () => {
    expect(() => currentPeriod(daily('Mars/Olympus'), new Date())).toThrow(InvalidScheduleError);
    expect(() => currentPeriod(daily('UTC', 24), new Date())).toThrow(InvalidScheduleError);
    expect(() => currentPeriod(weekly('UTC', 8), new Date())).toThrow(InvalidScheduleError);
  });
});

describe('dueWindow', () => {
  const period = { key: 'd:2026-06-10', sendAt: at('2026-06-10T05:00:00Z') };
  it('starts at confirmation for the first digest', () => {
    const w = dueWindow({ lastDigestWindowEnd: null, confirmedAt: at('2026-06-08T10:00:00Z'), createdAt: at('2026-06-08T09:00:00Z') }, period);
    expect(w).toEqual({ start: at('2026-06-08T10:00:00Z'), end: period.sendAt });
  });
  it('starts where the last digest ended, reaching back over missed periods', () => {
    const w = dueWindow({ lastDigestWindowEnd: at('2026-06-06T05:00:00Z'), confirmedAt: at('2026-01-01T00:00:00Z'), createdAt: at('2026-01-01T00:00:00Z') }, period);
    expect(w).toEqual({ start: at('2026-06-06T05:00:00Z'), end: period.sendAt });
  });
  it('is null once the period has been covered, or before confirmation reaches it', () => {
    expect(dueWindow({ lastDigestWindowEnd: period.sendAt, confirmedAt: null, createdAt: at('2026-01-01T00:00:00Z') }, period)).toBeNull();
    expect(dueWindow({ lastDigestWindowEnd: null, confirmedAt: at('2026-06-10T06:00:00Z'), createdAt: at('2026-06-10T06:00:00Z') }, period)).toBeNull();
  });
});
