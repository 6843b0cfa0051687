import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NewsItemSchema } from '@pulse/contracts';
import { FeedError } from './feed.error';
import { parseFeed } from './feed.parser';

const ICS = readFileSync(join(__dirname, '..', '..', '..', 'tests', 'fixtures', 'feeds', 'emn_events.ics'));

const calendar = (events: string, extra = '') => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n${extra}${events}END:VCALENDAR\r\n`;
const event = (lines: string) => `BEGIN:VEVENT\r\nUID:u1\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:S\r\n${lines}END:VEVENT\r\n`;

describe('iCalendar sources', () => {
  it('detects iCalendar by content and gives one event item per VEVENT', async () => {
    const feed = await parseFeed(ICS, { feedId: 'emn-events', defaultType: 'news' });
    expect(feed.title).toBe('EMN events');
    expect(feed.items).toHaveLength(5);
    for (const item of feed.items) {
      expect(NewsItemSchema.parse(item)).toEqual(item);
      expect(item.type).toBe('event');
      expect(item.sourceFeedId).toBe('emn-events');
    }
  });

  it('converts TZID-aware DTSTART/DTEND to UTC using the calendar VTIMEZONE (summer time)', async () => {
    const [conference] = (await parseFeed(ICS)).items;
    expect(conference).toMatchObject({
      guid: 'emn-conf-2026@emn.example.eu',
      url: 'https://emn.example.eu/events/annual-conference-2026',
      title: 'EMN Annual Conference 2026: Legal pathways and labour migration',
      summary: 'The conference brings together policy makers, researchers and National Contact Points. Registration closes on 1 September.',
      startsAt: '2026-09-15T07:30:00.000Z',
      endsAt: '2026-09-15T15:30:00.000Z',
      location: 'Charlemagne building, Brussels',
      publishedAt: '2026-06-15T08:00:00.000Z',
      updatedAt: '2026-07-20T09:30:00.000Z',
      categories: ['legal-migration', 'conference'],
    });
  });

  it('handles winter time, DURATION, an IANA zone with no VTIMEZONE, all-day and UTC events', async () => {
    const [, webinar, seminar, board, call] = (await parseFeed(ICS)).items;
    expect([webinar?.startsAt, webinar?.endsAt]).toEqual(['2026-11-03T13:00:00.000Z', '2026-11-03T14:30:00.000Z']);
    expect([seminar?.startsAt, seminar?.endsAt, seminar?.language]).toEqual(['2026-10-20T08:00:00.000Z', '2026-10-20T13:00:00.000Z', 'pl']);
    expect([board?.startsAt, board?.endsAt]).toEqual(['2026-12-01T00:00:00.000Z', '2026-12-03T00:00:00.000Z']);
    expect([call?.startsAt, call?.endsAt, call?.publishedAt]).toEqual(['2026-09-10T08:00:00.000Z', '2026-09-10T09:00:00.000Z', null]);
  });

  it('reads a Windows zone name and the calendar-wide X-WR-TIMEZONE for floating times', async () => {
    const windows = await parseFeed(calendar(event('DTSTART;TZID=Romance Standard Time:20260115T100000\r\n')));
    expect(windows.items[0]?.startsAt).toBe('2026-01-15T09:00:00.000Z');
    const floating = await parseFeed(calendar(event('DTSTART:20260715T100000\r\n'), 'X-WR-TIMEZONE:Europe/Warsaw\r\n'));
    expect(floating.items[0]?.startsAt).toBe('2026-07-15T08:00:00.000Z');
    expect(floating.items[0]?.endsAt).toBeNull();
  });

  it('reports an iCalendar it cannot read as malformed', async () => {
    await expect(parseFeed('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;;;\r\n')).rejects.toMatchObject({ code: 'malformed' });
    await expect(parseFeed('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;;;\r\n')).rejects.toBeInstanceOf(FeedError);
  });
});
