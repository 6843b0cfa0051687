import { FeedRepository, ItemRepository, type FeedRecord } from '@pulse/db';
import { createTestDatabase, type TestDatabase } from '@pulse/testing';
import { storeItems } from '../src/item.store';
import { item, PC } from './news-item.factory';

describe('item store on PostgreSQL', () => {
  let t: TestDatabase;
  let a: FeedRecord;
  let b: FeedRecord;

  beforeAll(async () => {
    t = await createTestDatabase('itemstore');
    const feeds = new FeedRepository(t.database);
    a = (await feeds.create({ url: 'https://a.example/rss', title: 'A', kind: 'press-release' }))!;
    b = (await feeds.create({ url: 'https://b.example/atom', title: 'B', kind: 'news' }))!;
  });
  afterAll(() => t.drop());

  const items = ItemRepository.of.bind(ItemRepository);
  const count = async (table: string) =>
    Number((await t.database.sql.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

  it('stores new items once and queues each at version 1; a repeat writes nothing', async () => {
    const batch = [item(`${PC}/en/ip_26_1`), item(`${PC}/en/ip_26_2`)];
    const first = await storeItems(t.database, a.id, batch);
    expect(first.counts).toEqual({ new: 2, updated: 0, unchanged: 0, merged: 0 });
    expect(first.toClassify).toEqual(batch.map((i) => ({ itemId: i.id, version: 1 })));

    const before = await t.database.sql.query<{ last_seen_at: Date }>('SELECT last_seen_at FROM item_sources ORDER BY source_key');
    const again = await storeItems(t.database, a.id, batch);
    expect(again).toEqual({ counts: { new: 0, updated: 0, unchanged: 2, merged: 0 }, toClassify: [] });
    const after = await t.database.sql.query<{ last_seen_at: Date }>('SELECT last_seen_at FROM item_sources ORDER BY source_key');
    expect(after).toEqual(before);
  });

  it('a duplicate guid inside one feed is one source', async () => {
    const url = `${PC}/en/ip_26_3`;
    const r = await storeItems(t.database, a.id, [item(url), item(url, { title: 'same guid again' })]);
    expect(r.counts.new).toBe(1);
    expect((await items(t.database).get(`id-${url}`))?.title).toBe(`Title of ${url}`);
  });

  it('the same canonical URL from another feed is one item with two sources', async () => {
    const url = `${PC}/en/ip_26_1`;
    const r = await storeItems(t.database, b.id, [item(url, { guid: 'urn:b:1', summary: 'B words it differently' })]);
    expect(r).toEqual({ counts: { new: 0, updated: 0, unchanged: 0, merged: 1 }, toClassify: [] });
    const sources = await items(t.database).sourcesOf(`id-${url}`);
    expect(sources.map((s) => [s.feedTitle, s.sourceKey])).toEqual([
      ['A', url],
      ['B', 'urn:b:1'],
    ]);
    // B's wording does not replace A's, now or when B polls again.
    await storeItems(t.database, b.id, [item(url, { guid: 'urn:b:1', summary: 'B words it differently' })]);
    expect((await items(t.database).get(`id-${url}`))?.summary).toBe(`Summary of ${url}`);
  });

  it('a changed title bumps the version, flags the item updated and queues that version', async () => {
    const url = `${PC}/en/ip_26_2`;
    const r = await storeItems(t.database, a.id, [item(url, { title: 'Corrected title' })]);
    expect(r).toEqual({ counts: { new: 0, updated: 1, unchanged: 0, merged: 0 }, toClassify: [{ itemId: `id-${url}`, version: 2 }] });
    const row = await items(t.database).get(`id-${url}`);
    expect(row).toMatchObject({ title: 'Corrected title', version: 2, updated: true });
    expect(await count('items')).toBe(3);
    const again = await storeItems(t.database, a.id, [item(url, { title: 'Corrected title' })]);
    expect(again.toClassify).toEqual([]);
  });

  it('a change from another feed with the same URL updates the item; an unchanged repeat does not', async () => {
    const url = `${PC}/en/ip_26_1`;
    const r = await storeItems(t.database, b.id, [item(url, { guid: 'urn:b:1', title: 'B corrected the title' })]);
    expect(r).toEqual({ counts: { new: 0, updated: 1, unchanged: 0, merged: 0 }, toClassify: [{ itemId: `id-${url}`, version: 2 }] });
    // A still says what it said: its source did not change, so the item is not flipped back.
    expect((await storeItems(t.database, a.id, [item(url)])).counts).toEqual({ new: 0, updated: 0, unchanged: 1, merged: 0 });
    expect(await items(t.database).get(`id-${url}`)).toMatchObject({ title: 'B corrected the title', version: 2 });
  });

  it('the same release in two languages is one item, led by English', async () => {
    const pl = item(`${PC}/pl/ip_26_9`, { language: 'pl', title: 'Komisja…' });
    const en = item(`${PC}/en/ip_26_9`);
    const r = await storeItems(t.database, b.id, [pl, en]);
    expect(r.counts).toEqual({ new: 1, updated: 0, unchanged: 0, merged: 1 });
    expect(r.toClassify).toEqual([{ itemId: en.id, version: 1 }]);
    const sources = await items(t.database).sourcesOf(en.id);
    expect(sources.map((s) => [s.url, s.language]).sort()).toEqual([
      [en.url, 'en'],
      [pl.url, 'pl'],
    ]);
    // A later poll of another feed in a third language joins the same item.
    const de = item(`${PC}/de/ip_26_9`, { language: 'de' });
    expect((await storeItems(t.database, a.id, [de])).counts.merged).toBe(1);
    // A translation that changes does not rewrite the English item.
    const changed = await storeItems(t.database, b.id, [{ ...pl, title: 'Komisja (poprawione)' }, en]);
    expect(changed).toEqual({ counts: { new: 0, updated: 0, unchanged: 2, merged: 0 }, toClassify: [] });
    expect(await items(t.database).get(en.id)).toMatchObject({ title: en.title, version: 1 });
  });

  it('a big feed (more rows than one statement takes) is stored whole', async () => {
    const en = Array.from({ length: 700 }, (_, i) => item(`${PC}/en/big_${i}`));
    const fr = Array.from({ length: 700 }, (_, i) => item(`${PC}/fr/big_${i}`, { language: 'fr' }));
    const r = await storeItems(t.database, b.id, [...fr, ...en]);
    expect(r.counts).toEqual({ new: 700, updated: 0, unchanged: 0, merged: 700 });
    expect(await count(`item_sources WHERE source_key LIKE '%/big_%'`)).toBe(1400);
    expect((await storeItems(t.database, b.id, [...fr, ...en])).counts.unchanged).toBe(1400);
  });

  it('items without guid or link, NUL bytes and impossible dates are stored, not fatal', async () => {
    const r = await storeItems(t.database, a.id, [
      item('x', { id: 'no-link', guid: null, url: null, title: 'No\u0000link', publishedAt: '+275760-09-13T00:00:00.000Z' }),
    ]);
    expect(r.counts.new).toBe(1);
    const row = await items(t.database).get('no-link');
    expect(row).toMatchObject({ title: 'Nolink', publishedAt: null, canonicalUrl: null });
  });
});
