import { QUEUES } from '@pulse/contracts';
import { startAdminApi, type AdminHarness } from './admin-harness';

interface Seed {
  id: string;
  title: string;
  summary?: string;
  publishedAt: string | null;
  firstSeenAt?: string;
  language?: string;
  type?: string;
  feeds: string[];
  themes?: [string, number][];
  classified?: boolean;
}

const ITEMS: Seed[] = [
  { id: 'i01', title: 'Commission proposes new rules on return of irregular migrants', publishedAt: '2026-03-11T09:00:00Z', feeds: ['press'], themes: [['return-readmission', 0.92], ['irregular-migration-smuggling', 0.55]] },
  { id: 'i02', title: 'EU Talent Pool: Council agrees its position', publishedAt: '2026-03-10T12:00:00Z', feeds: ['council'], themes: [['legal-migration', 0.88]] },
  { id: 'i03', title: 'La Commission salue l’accord sur le pacte sur la migration et l’asile', publishedAt: '2026-03-09T08:00:00Z', language: 'fr', feeds: ['press'], themes: [['international-protection', 0.81]] },
  { id: 'i04', title: 'Customs seize 3 tonnes of cocaine at the port of Antwerp', publishedAt: '2026-03-08T08:00:00Z', feeds: ['press'], themes: [] },
  { id: 'i05', title: 'EMN conference on unaccompanied minors', publishedAt: '2026-03-07T08:00:00Z', type: 'event', feeds: ['emn'], themes: [['vulnerable-groups', 0.9], ['international-protection', 0.4]] },
  { id: 'i06', title: 'Europol: migrant smuggling network dismantled', publishedAt: null, firstSeenAt: '2026-03-12T00:00:00Z', feeds: ['europol'], themes: [['irregular-migration-smuggling', 0.95]] },
  { id: 'i07', title: 'Anti-Trafficking Directive: new rules apply', publishedAt: '2026-02-01T08:00:00Z', feeds: ['press', 'council'], themes: [['trafficking', 0.97]] },
  { id: 'i08', title: 'Not yet classified release on migration statistics', publishedAt: '2026-03-01T08:00:00Z', feeds: ['press'], classified: false },
];

describe('admin API: items', () => {
  let h: AdminHarness;
  const feedIds: Record<string, string> = {};

  beforeAll(async () => {
    h = await startAdminApi('adminitems');
    const sql = h.db.database.sql;
    for (const name of ['press', 'council', 'emn', 'europol']) {
      const [row] = await sql.query<{ id: string }>(
        `INSERT INTO feeds (url, title, kind) VALUES ($1, $2, 'news') RETURNING id`,
        [`http://198.41.0.1/${name}.xml`, `${name} feed`],
      );
      feedIds[name] = row!.id;
    }
    // filler so that paging has work: 60 unclassified English news items from one feed
    const filler: Seed[] = Array.from({ length: 60 }, (_, n) => ({
      id: `f${String(n).padStart(2, '0')}`,
      title: `Filler news ${n}`,
      publishedAt: n % 7 === 0 ? null : `2025-12-${String((n % 28) + 1).padStart(2, '0')}T10:00:00Z`,
      firstSeenAt: '2026-01-05T00:00:00Z',
      feeds: ['council'],
      classified: false,
    }));
    for (const it of [...ITEMS, ...filler]) {
      const classified = it.classified !== false;
      await sql.query(
        `INSERT INTO items (id, canonical_url, guid, title, summary, published_at, language, type, content_hash, first_seen_at,
                            classified_at, classified_version, taxonomy_version)
         VALUES ($1, $2, $1, $3, $4, $5, $6, $7, md5($3), coalesce($8::timestamptz, now()), $9, $10, $11)`,
        [
          it.id, `https://ec.europa.eu/${it.id}`, it.title, it.summary ?? `${it.title}. Brussels.`, it.publishedAt, it.language ?? 'en',
          it.type ?? 'news', it.firstSeenAt ?? null, classified ? '2026-03-12T10:00:00Z' : null, classified ? 1 : null, classified ? 'v1' : null,
        ],
      );
      for (const f of it.feeds) {
        await sql.query(`INSERT INTO item_sources (feed_id, source_key, item_id, url) VALUES ($1, $2, $2, $3)`, [feedIds[f], it.id, `https://ec.europa.eu/${it.id}`]);
      }
      for (const [theme, score] of it.themes ?? []) {
        await sql.query(`INSERT INTO item_themes (item_id, theme_id, score, evidence) VALUES ($1, $2, $3, $4)`, [
          it.id, theme, score, JSON.stringify([{ term: theme.split('-')[0], field: 'title', weight: 1 }]),
        ]);
      }
    }
  });
  afterAll(() => h.close());

  const ids = async (query: string) => {
    const res = await h.call('GET', `/api/items?${query}`, { key: h.keys.read });
    expect([query, res.status]).toEqual([query, 200]);
    return (res.body.data as { id: string }[]).map((i) => i.id);
  };

  it('lists newest first, an undated item by when it was first seen', async () => {
    expect(await ids('limit=9')).toEqual(['i06', 'i01', 'i02', 'i03', 'i04', 'i05', 'i08', 'i07', 'f56']);
  });

  it('filters by theme (any of several), type, language, source and classification', async () => {
    expect(await ids('theme=international-protection')).toEqual(['i03', 'i05']);
    expect(await ids('theme=trafficking,return-readmission')).toEqual(['i01', 'i07']);
    expect(await ids('theme=trafficking&theme=legal-migration')).toEqual(['i02', 'i07']);
    expect(await ids('type=event')).toEqual(['i05']);
    expect(await ids('language=fr')).toEqual(['i03']);
    expect(await ids(`source=${feedIds.press}`)).toEqual(['i01', 'i03', 'i04', 'i08', 'i07']);
    expect(await ids(`source=${feedIds.press}&classified=false`)).toEqual(['i08']);
  });

  it('filters by publication date range, [from, to)', async () => {
    expect(await ids('from=2026-03-08&to=2026-03-10T12:00:00Z')).toEqual(['i03', 'i04']);
    expect(await ids('from=2026-03-10T13:00:00%2B01:00&limit=3')).toEqual(['i01', 'i02']);
  });

  it('searches words as prefixes in title and summary, all words required, any case', async () => {
    expect(await ids('q=smuggl')).toEqual(['i06']);
    expect(await ids('q=MIGRA')).toEqual(['i06', 'i01', 'i03', 'i08']);
    expect(await ids('q=migra%20rules')).toEqual(['i01']);
    expect(await ids('q=l’accord')).toEqual(['i03']);
    expect(await ids(`q=${encodeURIComponent('pacte asile')}`)).toEqual(['i03']);
    expect(await ids('q=brussels&theme=vulnerable-groups')).toEqual(['i05']);
  });

  it('pages through everything with no duplicate and no gap', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { data: { id: string }[]; nextCursor: string | null } } = await h.call(
        'GET',
        `/api/items?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.data.map((i) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(68);
    expect(new Set(seen).size).toBe(68);
    expect(seen.slice(0, 9)).toEqual(await ids('limit=9'));
  });

  it('answers 422 to invalid filters, naming the field', async () => {
    const bad = async (query: string, field: string) => {
      const res = await h.call('GET', `/api/items?${query}`);
      expect([query, res.status]).toEqual([query, 422]);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    };
    await bad('theme=drugs', 'theme.0');
    await bad('type=blog', 'type.0');
    await bad('from=yesterday', 'from');
    await bad('from=2026-03-10&to=2026-03-01', 'to');
    await bad('q=%20%2B%2B%20', 'q');
    await bad('page=2', 'page');
  });

  it('shows one item with themes, scores, evidence, taxonomy version and sources', async () => {
    const res = await h.call('GET', '/api/items/i07', { key: h.keys.read });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: 'i07',
      title: 'Anti-Trafficking Directive: new rules apply',
      publishedAt: '2026-02-01T08:00:00.000Z',
      taxonomyVersion: 'v1',
      classifiedVersion: 1,
      version: 1,
      themes: [{ id: 'trafficking', score: 0.97, evidence: [{ term: 'trafficking', field: 'title', weight: 1 }] }],
    });
    expect(res.body.sources.map((s: { feedTitle: string }) => s.feedTitle).sort()).toEqual(['council feed', 'press feed']);
    expect((await h.call('GET', '/api/items/nope')).status).toBe(404);
  });

  it('queues a reclassification of the current version, each request its own job', async () => {
    await h.db.database.sql.query('UPDATE items SET version = 3 WHERE id = $1', ['i02']);
    const first = await h.call('POST', '/api/items/i02/reclassify');
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ itemId: 'i02', version: 3 });
    await new Promise((r) => setTimeout(r, 5));
    const second = await h.call('POST', '/api/items/i02/reclassify');
    expect(second.body.jobId).not.toBe(first.body.jobId);
    const jobs = await h.queue(QUEUES.itemClassify).getJobs(['waiting', 'delayed', 'prioritized']);
    const mine = jobs.filter((j) => j.data.itemId === 'i02');
    expect(mine.map((j) => j.data)).toEqual([{ itemId: 'i02', version: 3 }, { itemId: 'i02', version: 3 }]);
    expect((await h.call('POST', '/api/items/i02/reclassify', { key: h.keys.read })).status).toBe(403);
    expect((await h.call('POST', '/api/items/nope/reclassify')).status).toBe(404);
  });
});
