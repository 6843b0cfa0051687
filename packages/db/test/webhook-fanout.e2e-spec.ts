import { WebhookRepository, createDeliveriesForItem, newMessageId } from '@pulse/db';
import { createTestDatabase, type TestDatabase } from '@pulse/testing';

/** The classifier's fan-out, on real PostgreSQL: which endpoints get a row, and what a re-run returns. */
describe('createDeliveriesForItem', () => {
  let db: TestDatabase;
  let itemId: string;
  const endpoints: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase('whfanout');
    const repo = new WebhookRepository(db.database);
    const add = async (name: string, events: ('item.published' | 'item.updated')[], themes: string[]) => {
      endpoints[name] = (await repo.createEndpoint({ url: `https://hooks.example.org/${name}`, events, themes, secret: 'whsec_dGVzdA==' })).id;
    };
    await add('all', ['item.published', 'item.updated'], []);
    await add('return', ['item.published'], ['return-readmission']);
    await add('trafficking', ['item.published'], ['trafficking']);
    await add('updates-only', ['item.updated'], []);
    await add('disabled', ['item.published'], []);
    await db.database.sql.query('UPDATE webhook_endpoints SET enabled = false WHERE id = $1', [endpoints.disabled]);
    itemId = 'it_fanout';
    await db.database.sql.query(
      `INSERT INTO items (id, canonical_url, guid, title, summary, language, type, content_hash, version) VALUES ($1, 'https://example.org/a', 'a', 't', 's', 'en', 'news', 'h', 1)`,
      [itemId],
    );
  });
  afterAll(() => db.drop());

  const rowsOf = (event: string) =>
    db.database.sql.query<{ id: string; endpoint_id: string }>('SELECT id, endpoint_id FROM webhook_deliveries WHERE item_id = $1 AND event = $2 ORDER BY endpoint_id', [itemId, event]);

  it('writes one row per enabled endpoint whose events and themes match, with message ids of the usual form', async () => {
    const ids = await createDeliveriesForItem(db.database, { itemId, version: 1, event: 'item.published', themeIds: ['return-readmission', 'integration'] });
    const rows = await rowsOf('item.published');
    expect(rows.map((r) => r.endpoint_id).sort()).toEqual([endpoints.all, endpoints.return].sort());
    expect([...ids].sort()).toEqual(rows.map((r) => r.id).sort());
    for (const id of ids) expect(id).toMatch(/^msg_[A-Za-z0-9_-]{22}$/);
    expect(newMessageId()).toMatch(/^msg_[A-Za-z0-9_-]{22}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('run again (a retried classify job), returns the still-pending rows once each and writes none', async () => {
    const first = (await rowsOf('item.published')).map((r) => r.id).sort();
    const again = await createDeliveriesForItem(db.database, { itemId, version: 1, event: 'item.published', themeIds: ['return-readmission'] });
    expect([...again].sort()).toEqual(first);
    expect((await rowsOf('item.published')).map((r) => r.id).sort()).toEqual(first);
  });

  it('leaves out rows already delivered, and returns new rows together with old pending ones', async () => {
    const [delivered, pending] = (await rowsOf('item.published')).map((r) => r.id);
    await db.database.sql.query(`UPDATE webhook_deliveries SET status = 'delivered' WHERE id = $1`, [delivered]);
    // a theme the trafficking endpoint follows: one new row beside the pending one
    const ids = await createDeliveriesForItem(db.database, { itemId, version: 1, event: 'item.published', themeIds: ['trafficking'] });
    const trafficking = (await rowsOf('item.published')).find((r) => r.endpoint_id === endpoints.trafficking)!;
    expect([...ids].sort()).toEqual([pending, trafficking.id].sort());
  });

  it('matches on the event: an update reaches only endpoints that take updates', async () => {
    const ids = await createDeliveriesForItem(db.database, { itemId, version: 2, event: 'item.updated', themeIds: [] });
    const rows = await rowsOf('item.updated');
    expect(rows.map((r) => r.endpoint_id).sort()).toEqual([endpoints.all, endpoints['updates-only']].sort());
    expect([...ids].sort()).toEqual(rows.map((r) => r.id).sort());
  });
});
