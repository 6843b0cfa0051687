import http from 'node:http';
import { Queue } from 'bullmq';
import { JOBS, QUEUES, jobIds } from '@pulse/contracts';
import { WebhookRepository, createDeliveriesForItem } from '@pulse/db';
import { redisOptionsFromUrl } from '@pulse/queue';
import { createTestDatabase, testQueuePrefix, TEST_REDIS_URL } from '@pulse/testing';
import { loadWebhooksEnv } from '../../../apps/webhooks/src/config/env';
import { createWebhooksApp } from '../../../apps/webhooks/src/main';
import { insertClassifiedItem, insertFeed, testSecret } from '../../../apps/webhooks/test/webhook.fixtures';

it('probe', async () => {
  const arrivals = new Map<string, number>();
  const server = http.createServer((req, res) => { req.resume(); req.on('end', () => { arrivals.set(String(req.headers['webhook-id']), performance.now()); res.end('ok'); }); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as any).port;
  const db = await createTestDatabase('probe');
  const q = testQueuePrefix('probe');
  const queue = new Queue(QUEUES.webhookDeliver, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix: q.prefix });
  const worker = await createWebhooksApp(loadWebhooksEnv({ DATABASE_URL: db.url, PULSE_QUEUE_PREFIX: q.prefix, PULSE_ALLOW_PRIVATE_NETWORKS: '1', LOG_LEVEL: 'error' }));
  await new WebhookRepository(db.database).createEndpoint({ url: `http://127.0.0.1:${port}/hook`, events: ['item.published'], themes: [], secret: testSecret() });
  const feedId = await insertFeed(db.database);
  const items = [] as { id: string }[];
  let t = performance.now();
  for (let i = 0; i < 1400; i++) items.push(await insertClassifiedItem(db.database, feedId));
  console.log('insert items ms each', (performance.now() - t) / 1400);
  t = performance.now();
  const ids: string[] = [];
  for (let i = 0; i < 200; i++) ids.push((await createDeliveriesForItem(db.database, { itemId: items[i]!.id, version: 1, event: 'item.published', themeIds: [] }))[0]!);
  console.log('fanout ms each', (performance.now() - t) / 200);
  // sequential single latency
  const lat: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    await queue.add(JOBS.webhookDeliver, { deliveryId: ids[i]! }, { jobId: jobIds.webhookDeliver({ deliveryId: ids[i]! }) });
    while (!arrivals.has(ids[i]!)) await new Promise((r) => setImmediate(r));
    lat.push(arrivals.get(ids[i]!)! - t0);
  }
  lat.sort((a, b) => a - b);
  console.log('idle enqueue→arrival p50', lat[25], 'max', lat[49]);
  // drain throughput
  const more: string[] = [];
  for (let i = 200; i < 1400; i++) more.push((await createDeliveriesForItem(db.database, { itemId: items[i]!.id, version: 1, event: 'item.published', themeIds: [] }))[0]!);
  t = performance.now();
  await queue.addBulk(more.map((d) => ({ name: JOBS.webhookDeliver, data: { deliveryId: d }, opts: { jobId: jobIds.webhookDeliver({ deliveryId: d }) } })));
  while (!more.every((d) => arrivals.has(d))) await new Promise((r) => setTimeout(r, 5));
  console.log('drain 1200: per s', 1200 / ((performance.now() - t) / 1000));
  await worker.close(); await queue.close(); server.close(); await db.drop(); await q.cleanup();
});
