import http from 'node:http';
import { Queue } from 'bullmq';
import { JOBS, QUEUES, jobIds } from '@pulse/contracts';
import { WebhookRepository, createDeliveriesForItem } from '@pulse/db';
import { redisOptionsFromUrl } from '@pulse/queue';
import { createTestDatabase, testQueuePrefix, TEST_REDIS_URL } from '@pulse/testing';
import { loadWebhooksEnv } from '../../../apps/webhooks/src/config/env';
import { createWebhooksApp } from '../../../apps/webhooks/src/main';
import { WebhookDeliverProcessor } from '../../../apps/webhooks/src/delivery/webhook-deliver.processor';
import { insertClassifiedItem, insertFeed, testSecret } from '../../../apps/webhooks/test/webhook.fixtures';

it('probe', async () => {
  const arrivals = new Map<string, number>();
  let inflight = 0, maxInflight = 0;
  const server = http.createServer((req, res) => { inflight++; maxInflight = Math.max(maxInflight, inflight); req.resume(); req.on('end', () => setTimeout(() => { inflight--; arrivals.set(String(req.headers['webhook-id']), performance.now()); res.end('ok'); }, 100)); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as any).port;
  const db = await createTestDatabase('probe');
  const q = testQueuePrefix('probe');
  const queue = new Queue(QUEUES.webhookDeliver, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix: q.prefix });
  const worker = await createWebhooksApp(loadWebhooksEnv({ DATABASE_URL: db.url, PULSE_QUEUE_PREFIX: q.prefix, PULSE_ALLOW_PRIVATE_NETWORKS: '1', LOG_LEVEL: 'error' }));
  console.log('concurrency', (worker.get(WebhookDeliverProcessor) as any).worker.concurrency);
  const tm: Record<string, number[]> = {};
  const wrap = (obj: any, name: string) => { const orig = obj[name].bind(obj); obj[name] = async (...a: any[]) => { const t = performance.now(); try { return await orig(...a); } finally { (tm[name] ??= []).push(performance.now() - t); } }; };
  const repo = worker.get(require('@pulse/db').WebhookDeliveryRepository, { strict: false }) as any;
  for (const n of ['claimDelivery', 'loadItemSnapshot', 'recordAttempt']) wrap(repo, n);
  const { WebhookSenderService } = require('../../../apps/webhooks/src/delivery/webhook-sender.service');
  const { WebhookDeliveryService } = require('../../../apps/webhooks/src/delivery/webhook-delivery.service');
  wrap(worker.get(WebhookSenderService, { strict: false }), 'send');
  wrap(worker.get(WebhookDeliveryService, { strict: false }), 'deliver');
  const proc = worker.get(WebhookDeliverProcessor) as any; wrap(proc, 'process');
  (globalThis as any).__tm = tm;
  await new WebhookRepository(db.database).createEndpoint({ url: `http://127.0.0.1:${port}/hook`, events: ['item.published'], themes: [], secret: testSecret() });
  const feedId = await insertFeed(db.database);
  const more: string[] = [];
  for (let i = 0; i < 300; i++) { const it = await insertClassifiedItem(db.database, feedId); more.push((await createDeliveriesForItem(db.database, { itemId: it.id, version: 1, event: 'item.published', themeIds: [] }))[0]!); }
  const { monitorEventLoopDelay } = require('node:perf_hooks'); const h = monitorEventLoopDelay({ resolution: 5 }); h.enable();
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  await queue.addBulk(more.map((d) => ({ name: JOBS.webhookDeliver, data: { deliveryId: d }, opts: { jobId: jobIds.webhookDeliver({ deliveryId: d }) } })));
  while (!more.every((d) => arrivals.has(d))) await new Promise((r) => setTimeout(r, 5));
  for (const [k, v] of Object.entries(tm)) { v.sort((a, b) => a - b); console.log(k, 'n', v.length, 'p50', v[v.length >> 1]!.toFixed(1), 'p90', v[Math.floor(v.length * 0.9)]!.toFixed(1)); }
  const cpu = process.cpuUsage(cpu0); console.log('cpu ms per delivery', ((cpu.user + cpu.system) / 1000 / 300).toFixed(2), 'loop delay p50', (h.percentile(50) / 1e6).toFixed(1), 'p99', (h.percentile(99) / 1e6).toFixed(1));
  console.log('drain 300: per s', 300 / ((performance.now() - t) / 1000), 'max inflight', maxInflight);
  await worker.close(); await queue.close(); server.close(); await db.drop(); await q.cleanup();
});
