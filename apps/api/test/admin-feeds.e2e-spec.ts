import { QUEUES } from '@pulse/contracts';
import { startAdminApi, type AdminHarness } from './admin-harness';

/** Public unicast address literals: the URL guard passes them without DNS (none on the build machines). */
const publicUrl = (n: number, path = 'feed.xml') => `http://198.41.0.${(n % 250) + 1}/${n}/${path}`;

describe('admin API: feeds', () => {
  let h: AdminHarness;

  beforeAll(async () => {
    h = await startAdminApi('adminfeeds');
  });
  afterAll(() => h.close());

  const jobsOf = async (queue: string) => {
    const q = h.queue(queue);
    return q.getJobs(['waiting', 'delayed', 'prioritized', 'active', 'completed', 'failed']);
  };

  describe('validation', () => {
    it('answers 422 problem details with one error per field, unknown fields included', async () => {
      const res = await h.call('POST', '/api/feeds', { json: { url: 'not a url', kind: 'blog', pollIntervalSeconds: 5, colour: 'red' } });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 422, title: 'Validation failed', instance: '/api/feeds' });
      const fields = (res.body.errors as { field: string }[]).map((e) => e.field).sort();
      expect(fields).toEqual(['colour', 'kind', 'pollIntervalSeconds', 'url']);
      expect(res.body.errors.find((e: { field: string }) => e.field === 'colour').message).toBe('unknown field');
    });

    it('answers 400 problem details to malformed JSON', async () => {
      const res = await h.call('POST', '/api/feeds', { body: '{"url": "http://x', headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body.title).toBe('Malformed request body');
    });

    it('rejects unknown query parameters and bad filters', async () => {
      const res = await h.call('GET', '/api/feeds?enabled=yes&sort=title');
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['enabled', 'sort']);
      expect((await h.call('GET', '/api/feeds?limit=0')).status).toBe(422);
      expect((await h.call('GET', '/api/feeds?limit=201')).status).toBe(422);
    });

    it.each([
      'http://127.0.0.1:8080/feed',
      'http://localhost/feed',
      'http://[::1]/feed',
      'http://169.254.169.254/latest/meta-data',
      'http://10.1.2.3/feed',
      'http://2130706433/feed',
      'http://[::ffff:127.0.0.1]/feed',
    ])('refuses %s (not public) without PULSE_ALLOW_PRIVATE_NETWORKS', async (url) => {
      const res = await h.call('POST', '/api/feeds', { json: { url, title: 'private' } });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ field: 'url', message: expect.stringMatching(/non-public|refused/) }]);
    });
  });

  describe('lifecycle', () => {
    let id: string;

    it('creates a feed and tells ingest (feed-sync)', async () => {
      const res = await h.call('POST', '/api/feeds', {
        json: { url: publicUrl(1), title: 'EUAA press', kind: 'press-release', language: 'en', pollIntervalSeconds: 900 },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ url: publicUrl(1), title: 'EUAA press', kind: 'press-release', enabled: true, pollIntervalSeconds: 900 });
      id = res.body.id;
      const sync = (await jobsOf(QUEUES.feedSync)).filter((j) => j.data.feedId === id);
      expect(sync).toHaveLength(1);
      expect(sync[0]!.data).toEqual({ feedId: id });
    });

    it('answers 409 to a second feed with the same URL, created or changed', async () => {
      const res = await h.call('POST', '/api/feeds', { json: { url: publicUrl(1) } });
      expect(res.status).toBe(409);
      expect(res.body.detail).toContain(id);
      const other = await h.call('POST', '/api/feeds', { json: { url: publicUrl(2) } });
      expect((await h.call('PATCH', `/api/feeds/${other.body.id}`, { json: { url: publicUrl(1) } })).status).toBe(409);
      expect((await h.call('DELETE', `/api/feeds/${other.body.id}`)).status).toBe(204);
    });

    it('reads, updates, disables and enables it, each change synced', async () => {
      expect((await h.call('GET', `/api/feeds/${id}`)).body.title).toBe('EUAA press');
      const patched = await h.call('PATCH', `/api/feeds/${id}`, { json: { title: 'EUAA', pollIntervalSeconds: 3600 } });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ title: 'EUAA', pollIntervalSeconds: 3600 });
      expect((await h.call('PATCH', `/api/feeds/${id}`, { json: {} })).status).toBe(422);
      const refused = await h.call('PATCH', `/api/feeds/${id}`, { json: { url: 'http://127.0.0.1/feed' } });
      expect(refused.status).toBe(422);
      expect((await h.call('POST', `/api/feeds/${id}/disable`)).body.enabled).toBe(false);
      expect((await h.call('GET', `/api/feeds/${id}/health`)).body.status).toBe('disabled');
      expect((await h.call('POST', `/api/feeds/${id}/enable`)).body.enabled).toBe(true);
      // create, patch, disable, enable
      expect((await jobsOf(QUEUES.feedSync)).filter((j) => j.data.feedId === id)).toHaveLength(4);
    });

    it('queues a manual poll', async () => {
      const res = await h.call('POST', `/api/feeds/${id}/poll`);
      expect(res.status).toBe(202);
      const job = (await jobsOf(QUEUES.feedPoll)).find((j) => j.id === res.body.jobId);
      expect(job?.data).toEqual({ feedId: id, manual: true });
    });

    it('reports health from the poll state', async () => {
      expect((await h.call('GET', `/api/feeds/${id}/health`)).body.status).toBe('pending');
      await h.db.database.sql.query(
        `UPDATE feeds SET last_polled_at = '2026-05-01T10:05:00Z', last_success_at = '2026-05-01T09:00:00Z',
           consecutive_failures = 3, last_error_code = 'http-error', last_error_message = 'HTTP 503',
           last_error_at = '2026-05-01T10:05:00Z', next_poll_at = '2026-05-01T10:45:00Z' WHERE id = $1`,
        [id],
      );
      const res = await h.call('GET', `/api/feeds/${id}/health`, { key: h.keys.read });
      expect(res.body).toEqual({
        feedId: id,
        status: 'failing',
        enabled: true,
        lastPolledAt: '2026-05-01T10:05:00.000Z',
        lastSuccessAt: '2026-05-01T09:00:00.000Z',
        lastError: { code: 'http-error', message: 'HTTP 503', at: '2026-05-01T10:05:00.000Z' },
        consecutiveFailures: 3,
        nextPollAt: '2026-05-01T10:45:00.000Z',
      });
      const failing = await h.call('GET', '/api/feeds?failing=true');
      expect(failing.body.data.map((f: { id: string }) => f.id)).toEqual([id]);
    });

    it('deletes it', async () => {
      expect((await h.call('DELETE', `/api/feeds/${id}`)).status).toBe(204);
      expect((await h.call('GET', `/api/feeds/${id}`)).status).toBe(404);
      expect((await h.call('DELETE', `/api/feeds/${id}`)).status).toBe(404);
      expect((await h.call('POST', `/api/feeds/${id}/poll`)).status).toBe(404);
    });
  });

  describe('pagination', () => {
    const prefix = 'http://198.51.0.1/page/';

    beforeAll(async () => {
      // 237 feeds, many sharing one created_at so the id breaks the ties; microseconds that a JS Date would round
      await h.db.database.sql.query(
        `INSERT INTO feeds (url, title, kind, enabled, created_at)
         SELECT $1 || n, 'page ' || n, 'news', n % 3 <> 0,
                timestamptz '2026-01-01 00:00:00.123456+00' + ((n / 40) || ' microseconds')::interval
           FROM generate_series(1, 237) AS n`,
        [prefix],
      );
    });

    const walk = async (query: string, limit: number) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: Awaited<ReturnType<AdminHarness['call']>> = await h.call(
          'GET',
          `/api/feeds?q=${encodeURIComponent(prefix)}&limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`,
          { key: h.keys.read },
        );
        expect(res.status).toBe(200);
        expect(res.body.data.length).toBeLessThanOrEqual(limit);
        ids.push(...res.body.data.map((f: { id: string }) => f.id));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor);
      return { ids, pages };
    };

    it('walks every row once, in order, with no gaps', async () => {
      const expected = (
        await h.db.database.sql.query<{ id: string }>(`SELECT id FROM feeds WHERE url LIKE $1 ORDER BY created_at, id`, [`${prefix}%`])
      ).map((r) => r.id);
      const { ids, pages } = await walk('', 50);
      expect(ids).toEqual(expected);
      expect(new Set(ids).size).toBe(237);
      expect(pages).toBe(5);
    });

    it('formats list dates exactly as the single-feed read does (microseconds dropped)', async () => {
      const [row] = (await h.call('GET', `/api/feeds?q=${encodeURIComponent(prefix)}&limit=1`)).body.data;
      expect(row.createdAt).toBe('2026-01-01T00:00:00.123Z');
      expect((await h.call('GET', `/api/feeds/${row.id}`)).body).toEqual(row);
    });

    it('keeps filters across pages', async () => {
      const { ids } = await walk('&enabled=false', 17);
      expect(ids).toHaveLength(79);
      const rows = await h.db.database.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM feeds WHERE id = ANY($1) AND NOT enabled', [ids]);
      expect(rows[0]!.n).toBe(79);
    });

    it('does not repeat or skip rows added while paging', async () => {
      const first = await h.call('GET', `/api/feeds?q=${encodeURIComponent(prefix)}&limit=100`);
      await h.call('POST', '/api/feeds', { json: { url: `${prefix}late`, title: 'late' } });
      const second = await h.call('GET', `/api/feeds?q=${encodeURIComponent(prefix)}&limit=200&cursor=${first.body.nextCursor}`);
      const ids = [...first.body.data, ...second.body.data].map((f: { id: string }) => f.id);
      expect(new Set(ids).size).toBe(238);
      expect(second.body.data.at(-1).title).toBe('late');
      expect(second.body.nextCursor).toBeNull();
    });

    it('answers 422 to a cursor that is not one of this list', async () => {
      const items = Buffer.from(JSON.stringify(['items', '2026-01-01T00:00:00.000000Z', 'x'])).toString('base64url');
      for (const cursor of ['garbage', items, Buffer.from('["feeds","yesterday","x"]').toString('base64url')]) {
        const res = await h.call('GET', `/api/feeds?cursor=${cursor}`);
        expect(res.status).toBe(422);
        expect(res.body.errors[0].field).toBe('cursor');
      }
    });
  });

  describe('OPML', () => {
    const feeds = [
      { url: publicUrl(101), title: 'Council <press> & "releases"', kind: 'press-release', language: 'en', pollIntervalSeconds: 600, enabled: true },
      { url: publicUrl(102), title: 'Parlement européen', kind: 'news', language: 'fr', pollIntervalSeconds: 1800, enabled: false },
      { url: publicUrl(103, 'events.ics'), title: 'EMN events', kind: 'event', language: null, pollIntervalSeconds: 86400, enabled: true },
    ];
    const settings = (f: Record<string, unknown>) => ({
      url: f.url,
      title: f.title,
      kind: f.kind,
      language: f.language,
      pollIntervalSeconds: f.pollIntervalSeconds,
      enabled: f.enabled,
    });
    const opmlOnly = async () => {
      const all = await h.call('GET', '/api/feeds?limit=200&q=198.41.0.');
      return (all.body.data as Record<string, unknown>[]).filter((f) => /\/10[1-3]\//.test(f.url as string));
    };

    it('exports feeds and imports the export back to the same feeds', async () => {
      for (const f of feeds) expect((await h.call('POST', '/api/feeds', { json: f })).status).toBe(201);
      const exported = await h.call('GET', '/api/feeds/opml', { key: h.keys.read });
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-type')).toMatch(/^text\/x-opml/);
      expect(exported.text).toContain('title="Council &lt;press&gt; &amp; &quot;releases&quot;"');

      const before = (await opmlOnly()).map(settings);
      for (const f of await opmlOnly()) expect((await h.call('DELETE', `/api/feeds/${f.id}`)).status).toBe(204);
      expect(await opmlOnly()).toHaveLength(0);

      const imported = await h.call('POST', '/api/feeds/opml', { body: exported.text, headers: { 'content-type': 'text/x-opml' } });
      expect(imported.status).toBe(200);
      expect(imported.body.refused).toBe(0);
      const after = (await opmlOnly()).map(settings);
      expect(after.sort((a, b) => String(a.url).localeCompare(String(b.url)))).toEqual(
        before.sort((a, b) => String(a.url).localeCompare(String(b.url))),
      );
      expect(after).toHaveLength(3);

      const again = await h.call('POST', '/api/feeds/opml', { body: exported.text, headers: { 'content-type': 'application/xml' } });
      expect(again.body.created).toBe(0);
      expect(again.body.outlines.filter((o: { url: string }) => /\/10[1-3]\//.test(o.url)).map((o: { status: string }) => o.status)).toEqual([
        'skipped',
        'skipped',
        'skipped',
      ]);
    });

    it('reports each outline of a foreign OPML: created, skipped or refused', async () => {
      const doc = `<?xml version="1.0"?>
        <opml version="1.0"><head><title>reader export</title></head><body>
          <outline text="Migration">
            <outline type="rss" text="Frontex" xmlUrl="${publicUrl(201)}" htmlUrl="https://frontex.europa.eu"/>
            <outline type="rss" text="Intranet" xmlUrl="http://192.168.1.20/rss"/>
          </outline>
          <outline text="no feed here"/>
          <outline type="rss" title="Frontex again" xmlUrl="${publicUrl(201)}"/>
          <outline type="rss" text="ftp" xmlUrl="ftp://198.41.0.9/feed"/>
          <outline type="rss" text="Bad kind" xmlurl="${publicUrl(202)}" pulse:kind="blog" language="not a tag"/>
        </body></opml>`;
      const res = await h.call('POST', '/api/feeds/opml', { body: doc, headers: { 'content-type': 'text/xml' } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ created: 2, skipped: 1, refused: 2 });
      expect(res.body.outlines.map((o: { status: string }) => o.status)).toEqual(['created', 'refused', 'skipped', 'refused', 'created']);
      expect(res.body.outlines[1].reason).toMatch(/non-public/);
      const lenient = res.body.outlines[4];
      expect((await h.call('GET', `/api/feeds/${lenient.feedId}`)).body).toMatchObject({ kind: 'news', language: null, title: 'Bad kind' });
    });

    it('answers 415 to a body that is not sent as XML, and 400 to one that is not OPML', async () => {
      expect((await h.call('POST', '/api/feeds/opml', { json: { url: publicUrl(300) } })).status).toBe(415);
      const html = await h.call('POST', '/api/feeds/opml', { body: '<html><body/></html>', headers: { 'content-type': 'text/xml' } });
      expect(html.status).toBe(400);
      expect(html.body.detail).toMatch(/<html>/);
    });
  });
});

describe('admin API: feeds with PULSE_ALLOW_PRIVATE_NETWORKS=1', () => {
  let h: AdminHarness;

  beforeAll(async () => {
    h = await startAdminApi('adminfeedsprivate', { PULSE_ALLOW_PRIVATE_NETWORKS: '1' });
  });
  afterAll(() => h.close());

  it('accepts loopback and private addresses (tests, local demos)', async () => {
    for (const url of ['http://127.0.0.1:8080/feed', 'http://10.1.2.3/feed']) {
      expect((await h.call('POST', '/api/feeds', { json: { url } })).status).toBe(201);
    }
    // the scheme is still checked
    expect((await h.call('POST', '/api/feeds', { json: { url: 'file:///etc/passwd' } })).status).toBe(422);
  });
});
