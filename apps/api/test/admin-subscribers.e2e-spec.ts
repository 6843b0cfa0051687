import { jobIds, JOBS, QUEUES } from '@pulse/contracts';
import { startAdminApi, type AdminHarness } from './admin-harness';

interface Seed {
  email: string;
  status: 'pending' | 'active' | 'paused' | 'unsubscribed' | 'suspended';
  themes: string[];
  frequency: 'daily' | 'weekly';
  confirmed?: boolean;
  paused?: boolean;
}

const SEEDS: Seed[] = [
  { email: 'ana@ministry.example', status: 'active', themes: ['legal-migration', 'integration'], frequency: 'daily', confirmed: true },
  { email: 'ben@ngo.example', status: 'active', themes: ['integration'], frequency: 'weekly', confirmed: true },
  { email: 'chloe@ngo.example', status: 'paused', themes: ['trafficking'], frequency: 'daily', confirmed: true, paused: true },
  { email: 'dan@press.example', status: 'pending', themes: ['integration'], frequency: 'daily' },
  { email: 'eva@press.example', status: 'unsubscribed', themes: ['legal-migration'], frequency: 'weekly', confirmed: true },
  { email: 'Finn.Ngo@Uni.example', status: 'active', themes: ['trafficking', 'integration'], frequency: 'weekly', confirmed: true },
];

describe('admin API: subscribers', () => {
  let h: AdminHarness;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await startAdminApi('adminsubs');
    const sql = h.db.database.sql;
    for (const [n, s] of SEEDS.entries()) {
      const [row] = await sql.query<{ id: string }>(
        `INSERT INTO subscribers (email, status, themes, frequency, timezone, weekday, created_at, confirmed_at, paused_at, unsubscribed_at)
         VALUES ($1, $2, $3, $4, 'Europe/Brussels', $5, timestamptz '2026-01-01T00:00:00Z' + ($6 || ' hours')::interval,
                 $7, $8, $9) RETURNING id`,
        [
          s.email.toLowerCase(), s.status, JSON.stringify(s.themes), s.frequency, s.frequency === 'weekly' ? 1 : null, n,
          s.confirmed ? '2026-01-02T00:00:00Z' : null, s.paused ? '2026-02-01T00:00:00Z' : null, s.status === 'unsubscribed' ? '2026-02-02T00:00:00Z' : null,
        ],
      );
      ids[s.email.toLowerCase()] = row!.id;
    }
    const ana = ids['ana@ministry.example'];
    await sql.query(`INSERT INTO consents (subscriber_id, text_version, text, source, ip, agreed_at, confirmed_at)
                     VALUES ($1, 'v1', 'I agree to receive digests.', 'form', '192.0.2.7', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')`, [ana]);
    for (const [period, status] of [['2026-01-10', 'sent'], ['2026-01-11', 'sent'], ['2026-01-12', 'empty']]) {
      await sql.query(
        `INSERT INTO digests (subscriber_id, period_key, window_start, window_end, status, sent_at)
         VALUES ($1, $2, $3::timestamptz - interval '1 day', $3::timestamptz, $4, CASE WHEN $4 = 'sent' THEN $3::timestamptz END)`,
        [ana, period, `${period}T07:00:00Z`, status],
      );
    }
  });
  afterAll(() => h.close());

  const emails = async (query = '') => {
    const res = await h.call('GET', `/api/subscribers?${query}`, { key: h.keys.read });
    expect([query, res.status]).toEqual([query, 200]);
    return (res.body.data as { email: string }[]).map((s) => s.email);
  };

  it('lists newest first and searches by address, status, theme and frequency', async () => {
    expect(await emails()).toEqual(SEEDS.map((s) => s.email.toLowerCase()).reverse());
    expect(await emails('email=NGO')).toEqual(['finn.ngo@uni.example', 'chloe@ngo.example', 'ben@ngo.example']);
    expect(await emails('email=ngo&status=active')).toEqual(['finn.ngo@uni.example', 'ben@ngo.example']);
    expect(await emails('theme=trafficking')).toEqual(['finn.ngo@uni.example', 'chloe@ngo.example']);
    expect(await emails('frequency=weekly&theme=integration')).toEqual(['finn.ngo@uni.example', 'ben@ngo.example']);
    // LIKE wildcards in the search are literal
    expect(await emails('email=%25')).toEqual([]);
    expect((await h.call('GET', '/api/subscribers?status=gone')).status).toBe(422);
  });

  it('pages with no duplicate and no gap', async () => {
    const first = await h.call('GET', '/api/subscribers?limit=4');
    expect(first.body.data).toHaveLength(4);
    const rest = await h.call('GET', `/api/subscribers?limit=4&cursor=${first.body.nextCursor}`);
    expect(rest.body.nextCursor).toBeNull();
    const all = [...first.body.data, ...rest.body.data].map((s: { id: string }) => s.id);
    expect(new Set(all).size).toBe(SEEDS.length);
  });

  it('shows one subscriber with consents and digest counts', async () => {
    const res = await h.call('GET', `/api/subscribers/${ids['ana@ministry.example']}`, { key: h.keys.read });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      email: 'ana@ministry.example',
      status: 'active',
      themes: ['legal-migration', 'integration'],
      consents: [{ textVersion: 'v1', source: 'form', agreedAt: '2026-01-01T00:00:00.000Z', confirmedAt: '2026-01-02T00:00:00.000Z' }],
      digests: [
        { status: 'empty', count: 1, lastSentAt: null },
        { status: 'sent', count: 2, lastSentAt: '2026-01-11T07:00:00.000Z' },
      ],
    });
    expect((await h.call('GET', '/api/subscribers/00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });

  it('counts subscribers per status, and active ones per theme and frequency', async () => {
    const res = await h.call('GET', '/api/subscribers/stats', { key: h.keys.read });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(6);
    expect(res.body.byStatus).toEqual({ pending: 1, active: 3, paused: 1, unsubscribed: 1, suspended: 0 });
    expect(res.body.byFrequency).toEqual({ daily: 1, weekly: 2 });
    expect(res.body.byTheme).toMatchObject({ integration: 3, 'legal-migration': 1, trafficking: 1, 'return-readmission': 0 });
    expect(Object.keys(res.body.byTheme)).toHaveLength(10);
  });

  it('suspends and unsuspends back to the state the person chose', async () => {
    const ben = ids['ben@ngo.example']!;
    await h.db.database.sql.query('UPDATE subscribers SET bounce_count = 3 WHERE id = $1', [ben]);
    const suspended = await h.call('POST', `/api/subscribers/${ben}/suspend`, { json: { reason: 'hard bounces' } });
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', suspendedReason: 'hard bounces', suspendedAt: expect.any(String) });
    expect((await h.call('GET', '/api/subscribers/stats')).body.byStatus.suspended).toBe(1);
    const back = await h.call('POST', `/api/subscribers/${ben}/unsuspend`);
    expect(back.body).toMatchObject({ status: 'active', suspendedAt: null, suspendedReason: null, bounceCount: 0 });
    expect((await h.call('POST', `/api/subscribers/${ben}/unsuspend`)).status).toBe(409);

    const chloe = ids['chloe@ngo.example']!;
    expect((await h.call('POST', `/api/subscribers/${chloe}/suspend`)).body.suspendedReason).toBe('suspended by an operator');
    expect((await h.call('POST', `/api/subscribers/${chloe}/unsuspend`)).body.status).toBe('paused');
    const dan = ids['dan@press.example']!;
    await h.call('POST', `/api/subscribers/${dan}/suspend`, { json: { reason: 'spam trap' } });
    expect((await h.call('POST', `/api/subscribers/${dan}/unsuspend`)).body.status).toBe('pending');

    const eva = ids['eva@press.example']!;
    expect((await h.call('POST', `/api/subscribers/${eva}/suspend`)).status).toBe(409);
    expect((await h.call('POST', `/api/subscribers/${ben}/suspend`, { key: h.keys.read })).status).toBe(403);
    expect((await h.call('POST', `/api/subscribers/${ben}/suspend`, { json: { reason: '' } })).status).toBe(422);
  });

  it('exports everything held, with a write key only', async () => {
    const ana = ids['ana@ministry.example']!;
    expect((await h.call('GET', `/api/subscribers/${ana}/export`, { key: h.keys.read })).status).toBe(403);
    const res = await h.call('GET', `/api/subscribers/${ana}/export`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      format: 'emn-pulse.subscriber-export.v1',
      subscriber: { id: ana, email: 'ana@ministry.example' },
      consents: [{ ip: '192.0.2.7', text: 'I agree to receive digests.' }],
    });
    expect(res.body.digests).toHaveLength(3);
  });

  it('erases a subscriber: rows and queued jobs gone, the address nowhere', async () => {
    const finn = ids['finn.ngo@uni.example']!;
    const [mail] = await h.db.database.sql.query<{ id: string }>(
      `INSERT INTO mail_outbox (subscriber_id, kind, to_address, subject, html, text) VALUES ($1, 'confirm', 'finn.ngo@uni.example', 's', 'h', 't') RETURNING id`,
      [finn],
    );
    const mailQueue = h.queue(QUEUES.mailSend);
    const jobId = jobIds.mailSend({ mailId: mail!.id });
    await mailQueue.add(JOBS.mailSend, { mailId: mail!.id }, { jobId, delay: 60_000 });
    expect(await mailQueue.getJob(jobId)).toBeDefined();

    expect((await h.call('DELETE', `/api/subscribers/${finn}`, { key: h.keys.read })).status).toBe(403);
    const res = await h.call('DELETE', `/api/subscribers/${finn}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ subscriberId: finn, consents: 0, mails: 1, digests: 0 });
    expect(await mailQueue.getJob(jobId)).toBeUndefined();
    expect((await h.call('GET', `/api/subscribers/${finn}`)).status).toBe(404);
    expect((await h.call('DELETE', `/api/subscribers/${finn}`)).status).toBe(404);
    const left = await h.db.database.sql.query(
      `SELECT 1 FROM subscribers WHERE email ILIKE '%finn%' UNION ALL SELECT 1 FROM mail_outbox WHERE to_address ILIKE '%finn%'`,
    );
    expect(left).toHaveLength(0);
  });
});
