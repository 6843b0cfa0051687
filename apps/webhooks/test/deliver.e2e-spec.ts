import { Webhook } from 'standardwebhooks';
import { QUEUES, jobIds } from '@pulse/contracts';
import { DATABASE, WebhookRepository, createDeliveriesForItem, type Database, type WebhookDeliveryRow } from '@pulse/db';
import { JobProducer } from '@pulse/queue';
import { createTestDatabase, startFixtureServer, testQueuePrefix, type FixtureServer } from '@pulse/testing';
import { loadWebhooksEnv } from '../src/config/env';
import { createWebhooksApp } from '../src/main';
import { insertClassifiedItem, insertFeed, sleep, testSecret, waitFor } from './webhook.fixtures';

type Received = FixtureServer['requests'][number];
const headersOf = (r: Received) => r.headers as Record<string, string>;

/** A webhooks worker on its own database and queue prefix, and a receiver on loopback. */
async function startWorld(label: string, env: Record<string, string>) {
  const db = await createTestDatabase(label);
  const q = testQueuePrefix(label);
  const app = await createWebhooksApp(
    loadWebhooksEnv({
      DATABASE_URL: db.url,
      PULSE_QUEUE_PREFIX: q.prefix,
      PULSE_WEBHOOK_RETRY_SCHEDULE: '100ms,200ms,300ms',
      PULSE_WEBHOOK_TIMEOUT: '3s',
      PULSE_WEBHOOK_SWEEP_INTERVAL: '200ms',
      PULSE_WEBHOOK_SWEEP_GRACE: '2s',
      LOG_LEVEL: 'error',
      ...env,
    }),
    { database: db.database },
  );
  const receiver = await startFixtureServer();
  const repo = new WebhookRepository(db.database);
  const producer = app.get(JobProducer, { strict: false });
  const feedId = await insertFeed(db.database);
  const close = async () => {
    await app.close();
    await receiver.close();
    await db.drop();
    await q.cleanup();
  };
  return { db, app, receiver, repo, producer, feedId, close };
}
type World = Awaited<ReturnType<typeof startWorld>>;

/**
 * What the classifier does after storing themes: one row per matching endpoint, one job per
 * row. Returns the delivery of `endpointId` (each test disables its endpoints when it ends).
 */
async function publish(w: World, endpointId: string, themeIds = ['return-readmission']): Promise<{ itemId: string; deliveryId: string }> {
  const item = await insertClassifiedItem(w.db.database, w.feedId);
  const deliveryIds = await createDeliveriesForItem(w.db.database, { itemId: item.id, version: 1, event: 'item.published', themeIds });
  for (const deliveryId of deliveryIds) await w.producer.add(QUEUES.webhookDeliver, { deliveryId }, { jobId: jobIds.webhookDeliver({ deliveryId }) });
  const [row] = await w.db.database.sql.query<{ id: string }>('SELECT id FROM webhook_deliveries WHERE endpoint_id = $1 AND item_id = $2', [endpointId, item.id]);
  return { itemId: item.id, deliveryId: row!.id };
}
const disableAll = (w: World) => w.db.database.sql.query(`UPDATE webhook_endpoints SET enabled = false, disabled_reason = 'test over'`);

const delivery = async (w: World, id: string): Promise<WebhookDeliveryRow> =>
  (await w.db.database.sql.query<WebhookDeliveryRow>('SELECT status, attempts, next_attempt_at AS "nextAttemptAt", cycle_attempts AS "cycleAttempts", payload FROM webhook_deliveries WHERE id = $1', [id]))[0]!;
const attempts = (w: World, id: string) =>
  w.db.database.sql.query<{ status_code: number | null; latency_ms: number; response_excerpt: string | null; error: string | null }>(
    'SELECT status_code, latency_ms, response_excerpt, error FROM webhook_attempts WHERE delivery_id = $1 ORDER BY id',
    [id],
  );
const hits = (w: World, path: string) => w.receiver.requests.filter((r) => r.path === path);

describe('webhook delivery (private networks allowed, for the loopback receiver)', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld('whdeliver', { PULSE_ALLOW_PRIVATE_NETWORKS: '1' });
  });
  afterEach(async () => disableAll(w));
  afterAll(async () => w.close());

  async function endpoint(path: string, extra: { themes?: string[]; secret?: string } = {}) {
    return w.repo.createEndpoint({ url: `${w.receiver.url}${path}`, events: ['item.published', 'item.updated'], themes: extra.themes ?? [], secret: extra.secret ?? testSecret() });
  }

  it('delivers a classified item once, signed so that the standardwebhooks package verifies it', async () => {
    w.receiver.route('/ok', (_req, res) => void res.writeHead(204).end());
    const ep = await endpoint('/ok', { themes: ['return-readmission', 'trafficking'] });
    const { itemId, deliveryId } = await publish(w, ep.id);
    await waitFor('delivered', async () => (await delivery(w, deliveryId)).status === 'delivered');

    const [req] = hits(w, '/ok');
    expect(hits(w, '/ok')).toHaveLength(1);
    expect(req!.method).toBe('POST');
    expect(req!.headers['content-type']).toBe('application/json');
    expect(req!.headers['user-agent']).toMatch(/^EMN-Pulse-Webhooks\//);
    expect(req!.headers['webhook-id']).toBe(deliveryId);
    const payload = new Webhook(ep.secret).verify(req!.body, headersOf(req!)) as Record<string, any>;
    expect(payload.type).toBe('item.published');
    expect(payload.data).toMatchObject({
      id: itemId,
      title: expect.stringContaining('return'),
      url: expect.stringMatching(/^https:\/\/home-affairs/),
      publishedAt: '2026-09-04T10:00:00.000Z',
      language: 'en',
      type: 'news',
      version: 1,
      taxonomyVersion: 'v1',
      source: { feedId: w.feedId, title: 'DG Migration and Home Affairs news' },
    });
    expect(payload.data.themes[0]).toEqual({
      id: 'return-readmission',
      score: expect.closeTo(0.92, 5),
      evidence: [{ term: 'return', field: 'title', weight: 1 }, { term: 'readmission', field: 'summary', weight: 1 }],
    });
    // a tampered body does not verify: the signature covers it
    expect(() => new Webhook(ep.secret).verify(req!.body.replace('return', 'retour'), headersOf(req!))).toThrow();

    const log = await attempts(w, deliveryId);
    expect(log).toEqual([{ status_code: 204, latency_ms: expect.any(Number), response_excerpt: null, error: null }]);
    expect((await w.repo.findEndpoint(ep.id))!.lastSuccessAt).toBeInstanceOf(Date);
    await sleep(300);
    expect(hits(w, '/ok')).toHaveLength(1);
  });

  it('retries a 500 with the same webhook-id and body, and is delivered once', async () => {
    let calls = 0;
    w.receiver.route('/flaky', (_req, res) => void (++calls === 1 ? res.writeHead(500).end('boom: database locked') : res.writeHead(200).end('ok')));
    const ep = await endpoint('/flaky');
    const { deliveryId } = await publish(w, ep.id);
    await waitFor('delivered after a retry', async () => (await delivery(w, deliveryId)).status === 'delivered');

    const got = hits(w, '/flaky');
    expect(got).toHaveLength(2);
    expect(got.map((r) => r.headers['webhook-id'])).toEqual([deliveryId, deliveryId]);
    expect(got[1]!.body).toBe(got[0]!.body);
    for (const r of got) expect(() => new Webhook(ep.secret).verify(r.body, headersOf(r))).not.toThrow();
    expect(await attempts(w, deliveryId)).toEqual([
      { status_code: 500, latency_ms: expect.any(Number), response_excerpt: 'boom: database locked', error: 'HTTP 500' },
      { status_code: 200, latency_ms: expect.any(Number), response_excerpt: 'ok', error: null },
    ]);
    const after = (await w.repo.findEndpoint(ep.id))!;
    expect(after.failingSince).toBeNull();
    expect(after.lastFailureAt).toBeInstanceOf(Date);
    await sleep(400);
    expect(hits(w, '/flaky')).toHaveLength(2);
  });

  it('disables the endpoint at once on 410 Gone and sends it nothing more', async () => {
    w.receiver.route('/gone', (_req, res) => void res.writeHead(410).end('gone'));
    const ep = await endpoint('/gone');
    const first = await publish(w, ep.id);
    const disabled = await waitFor('endpoint disabled', async () => {
      const row = await w.repo.findEndpoint(ep.id);
      return row && !row.enabled ? row : undefined;
    });
    expect(disabled.disabledReason).toMatch(/410 Gone/);
    expect(disabled.disabledAt).toBeInstanceOf(Date);
    await waitFor('attempt logged', async () => (await attempts(w, first.deliveryId)).length === 1);
    // parked: pending, nothing scheduled, until an operator enables the endpoint again
    expect(await delivery(w, first.deliveryId)).toMatchObject({ status: 'pending', nextAttemptAt: null, attempts: 1 });
    // the fan-out writes nothing for a disabled endpoint
    expect(await createDeliveriesForItem(w.db.database, { itemId: first.itemId, version: 2, event: 'item.updated', themeIds: [] })).toEqual([]);
    await sleep(600);
    expect(hits(w, '/gone')).toHaveLength(1);
  });

  it('does not follow a redirect: 3xx is a failed attempt, retried on the schedule, then failed', async () => {
    w.receiver.route('/moved', (_req, res) => void res.writeHead(302, { location: `${w.receiver.url}/elsewhere` }).end());
    w.receiver.route('/elsewhere', (_req, res) => void res.writeHead(200).end());
    const ep = await endpoint('/moved');
    const { deliveryId } = await publish(w, ep.id);
    await waitFor('failed after the schedule', async () => (await delivery(w, deliveryId)).status === 'failed');

    expect(hits(w, '/elsewhere')).toHaveLength(0);
    const log = await attempts(w, deliveryId);
    expect(log).toHaveLength(4); // the first send and the 3 retries of PULSE_WEBHOOK_RETRY_SCHEDULE
    for (const a of log) {
      expect(a.status_code).toBe(302);
      expect(a.error).toBe(`HTTP 302: redirect not followed (Location: ${w.receiver.url}/elsewhere)`);
    }
    expect(hits(w, '/moved').map((r) => r.headers['webhook-id'])).toEqual([deliveryId, deliveryId, deliveryId, deliveryId]);
    const after = (await w.repo.findEndpoint(ep.id))!;
    expect(after.failingSince).toBeInstanceOf(Date);
    expect(after.enabled).toBe(true);
  });

  it('signs with both secrets during a rotation overlap, each verifiable, and with the new one only after', async () => {
    w.receiver.route('/rotated', (_req, res) => void res.writeHead(200).end());
    const oldSecret = testSecret();
    const newSecret = testSecret();
    const ep = await endpoint('/rotated', { secret: oldSecret });
    await w.repo.rotateSecret(ep.id, newSecret, 60_000);
    const overlapping = await publish(w, ep.id);
    await waitFor('delivered', async () => (await delivery(w, overlapping.deliveryId)).status === 'delivered');
    const [req] = hits(w, '/rotated');
    const signatures = req!.headers['webhook-signature'] as string;
    expect(signatures.split(' ')).toHaveLength(2);
    expect(signatures.split(' ').every((s) => s.startsWith('v1,'))).toBe(true);
    for (const secret of [newSecret, oldSecret]) {
      // each signature alone verifies with its own secret
      for (const one of signatures.split(' ')) {
        const ok = (() => {
          try {
            new Webhook(secret).verify(req!.body, { ...headersOf(req!), 'webhook-signature': one });
            return true;
          } catch {
            return false;
          }
        })();
        expect(ok).toBe(one === signatures.split(' ')[secret === newSecret ? 0 : 1]);
      }
    }

    await w.repo.rotateSecret(ep.id, testSecret(), 0);
    const newest = (await w.repo.findEndpoint(ep.id))!.secret;
    const after = await publish(w, ep.id);
    await waitFor('delivered', async () => (await delivery(w, after.deliveryId)).status === 'delivered');
    const last = hits(w, '/rotated')[1]!;
    expect((last.headers['webhook-signature'] as string).split(' ')).toHaveLength(1);
    expect(() => new Webhook(newest).verify(last.body, headersOf(last))).not.toThrow();
    expect(() => new Webhook(newSecret).verify(last.body, headersOf(last))).toThrow();
  });

  it('disables an endpoint that has been failing for longer than PULSE_WEBHOOK_DISABLE_AFTER (5 days)', async () => {
    w.receiver.route('/down', (_req, res) => void res.writeHead(503).end('maintenance'));
    const ep = await endpoint('/down');
    await w.db.database.sql.query(`UPDATE webhook_endpoints SET failing_since = now() - interval '6 days' WHERE id = $1`, [ep.id]);
    await publish(w, ep.id);
    const disabled = await waitFor('endpoint disabled', async () => {
      const row = await w.repo.findEndpoint(ep.id);
      return row && !row.enabled ? row : undefined;
    });
    expect(disabled.disabledReason).toMatch(/^failing continuously since \S+ \(limit 5 d\); last error: HTTP 503$/);
  });

  it('sends a test ping through the same path, even to a disabled endpoint, without touching its health', async () => {
    w.receiver.route('/ping', (_req, res) => void res.writeHead(200).end('pong'));
    const ep = await endpoint('/ping');
    await w.repo.disableEndpoint(ep.id, 'disabled by an operator');
    const ping = await w.repo.createPing(ep.id);
    await w.producer.add(QUEUES.webhookDeliver, { deliveryId: ping.id }, { jobId: jobIds.webhookDeliver({ deliveryId: ping.id }) });
    await waitFor('ping delivered', async () => (await delivery(w, ping.id)).status === 'delivered');
    const [req] = hits(w, '/ping');
    const payload = new Webhook(ep.secret).verify(req!.body, headersOf(req!)) as Record<string, any>;
    expect(payload).toMatchObject({ type: 'ping', data: { endpointId: ep.id } });
    expect((await w.repo.findEndpoint(ep.id))!.lastSuccessAt).toBeNull();
  });

  it('sends once when several wake-ups for one delivery run at the same time (the lease)', async () => {
    w.receiver.route('/slow', (_req, res) => void setTimeout(() => res.writeHead(200).end(), 300));
    await endpoint('/slow');
    const item = await insertClassifiedItem(w.db.database, w.feedId);
    const [id] = await createDeliveriesForItem(w.db.database, { itemId: item.id, version: 1, event: 'item.published', themeIds: [] });
    await Promise.all([1, 2, 3, 4, 5].map((n) => w.producer.add(QUEUES.webhookDeliver, { deliveryId: id! }, { jobId: `dup-${id}-${n}` })));
    await waitFor('delivered', async () => (await delivery(w, id!)).status === 'delivered');
    await sleep(500);
    expect(hits(w, '/slow')).toHaveLength(1);
  });

  it('resends a delivery whose worker died mid-send (lost job, expired lease) under the same id and body', async () => {
    w.receiver.route('/crash', (_req, res) => void res.writeHead(200).end());
    await endpoint('/crash');
    const item = await insertClassifiedItem(w.db.database, w.feedId);
    const [id] = await createDeliveriesForItem(w.db.database, { itemId: item.id, version: 1, event: 'item.published', themeIds: [] });
    // the state a killed worker leaves: body frozen, lease taken (now expired), no attempt logged, no job
    const body = JSON.stringify({ type: 'item.published', timestamp: '2026-09-04T10:00:01.000Z', data: { id: item.id } });
    await w.db.database.sql.query(
      `UPDATE webhook_deliveries SET payload = $2, lease_until = now() - interval '1 second', next_attempt_at = now() - interval '10 seconds' WHERE id = $1`,
      [id, body],
    );
    await waitFor('delivered by the sweeper', async () => (await delivery(w, id!)).status === 'delivered');
    const [req] = hits(w, '/crash');
    expect(req!.headers['webhook-id']).toBe(id);
    expect(req!.body).toBe(body);
  });
});

describe('the worker on its own database pool', () => {
  it('commits its own writes asynchronously (PULSE_WEBHOOK_ASYNC_COMMIT, default on), and can be told not to', async () => {
    const db = await createTestDatabase('whpool');
    const q = testQueuePrefix('whpool');
    try {
      for (const [flag, expected] of [[undefined, 'off'], ['0', 'on']] as const) {
        const app = await createWebhooksApp(
          loadWebhooksEnv({ DATABASE_URL: db.url, PULSE_QUEUE_PREFIX: q.prefix, LOG_LEVEL: 'error', ...(flag ? { PULSE_WEBHOOK_ASYNC_COMMIT: flag } : {}) }),
        );
        const [row] = await app.get<Database>(DATABASE, { strict: false }).sql.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
        await app.close();
        expect(row!.synchronous_commit).toBe(expected);
      }
    } finally {
      await db.drop();
      await q.cleanup();
    }
  });
});

describe('webhook delivery (private networks refused, the production default)', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld('whguard', {});
  });
  afterEach(async () => disableAll(w));
  afterAll(async () => w.close());

  it.each([
    ['a name that resolves to loopback', (port: number) => `http://localhost:${port}/guarded`],
    ['an IP literal on loopback', (port: number) => `http://127.0.0.1:${port}/guarded`],
  ])('refuses %s at send time and logs why', async (_label, url) => {
    w.receiver.route('/guarded', (_req, res) => void res.writeHead(200).end());
    // written directly: the API would have refused it at creation
    const ep = await w.repo.createEndpoint({ url: url(w.receiver.port), events: ['item.published'], themes: [], secret: testSecret() });
    const { deliveryId } = await publish(w, ep.id);
    const [log] = await waitFor('attempt logged', async () => {
      const rows = await attempts(w, deliveryId);
      return rows.length > 0 ? rows : undefined;
    });
    expect(log!.status_code).toBeNull();
    expect(log!.error).toMatch(/refused to connect to non-public address/);
    expect(hits(w, '/guarded')).toHaveLength(0);
  });
});
