import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, FeedRepository, ItemRepository, migrate } from '@pulse/db';
import { storeItems } from '../src/item.store';
import { item, PC } from './news-item.factory';

describe('item store on embedded PGlite (smoke)', () => {
  it('stores, dedupes and updates with the same queries', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-poller-'));
    const database = await createDatabase({ dataDir: dir });
    try {
      await migrate(database);
      const feed = (await new FeedRepository(database).create({ url: 'https://a.example/rss', title: 'A', kind: 'news' }))!;
      const batch = [item(`${PC}/en/ip_26_1`), item(`${PC}/pl/ip_26_1`, { language: 'pl' }), item('x', { id: 'bare', guid: null, url: null })];
      expect((await storeItems(database, feed.id, batch)).counts).toEqual({ new: 2, updated: 0, unchanged: 0, merged: 1 });
      expect((await storeItems(database, feed.id, batch)).counts).toEqual({ new: 0, updated: 0, unchanged: 3, merged: 0 });
      const changed = await storeItems(database, feed.id, [item(`${PC}/en/ip_26_1`, { summary: 'new' })]);
      expect(changed.toClassify).toEqual([{ itemId: `id-${PC}/en/ip_26_1`, version: 2 }]);
      expect(await ItemRepository.of(database).get(`id-${PC}/en/ip_26_1`)).toMatchObject({ categories: ['POLICY_AREA=HOME'], version: 2 });
      // The poll state writes take the same parameters on PGlite.
      const feeds = new FeedRepository(database);
      const at = new Date('2026-09-04T10:00:00Z');
      await feeds.recordFailure(feed.id, { polledAt: at, code: 'timeout', message: 'slow', nextPollAt: new Date(at.getTime() + 60_000) });
      await feeds.recordSuccess(feed.id, { polledAt: at, etag: '"e"', lastModified: null, nextPollAt: new Date(at.getTime() + 1_800_000) });
      expect(await feeds.get(feed.id)).toMatchObject({ etag: '"e"', lastSuccessAt: at, consecutiveFailures: 0, lastErrorCode: 'timeout' });
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
    // A new PGlite database runs initdb in WASM: seconds on an idle machine, more on a busy one.
  }, 120_000);
});
