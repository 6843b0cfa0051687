import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Queue } from 'bullmq';
import { QUEUES } from '@pulse/contracts';
import { createApiKey, type Database } from '@pulse/db';
import { redisOptionsFromUrl } from '@pulse/queue';
import { createTestDatabase, startFixtureServer, TEST_REDIS_URL, testQueuePrefix, type FixtureServer, type TestDatabase } from '@pulse/testing';
// The webhooks worker runs in-process so that test pings, resends and replays are followed to a real receiver.
import { loadWebhooksEnv } from '../../webhooks/src/config/env';
import { createWebhooksApp } from '../../webhooks/src/main';
import { loadApiEnv } from '../src/config/env';
import { createApiApp } from '../src/main';

type Json = Record<string, any>;
/** A public address that needs no DNS (not in any special-purpose block). */
const PUBLIC_URL = 'https://198.51.101.7/pulse-hook';

let db: TestDatabase;
const q = testQueuePrefix('apiwh');
let guarded: NestExpressApplication; // production default: private networks refused
let open: NestExpressApplication; // PULSE_ALLOW_PRIVATE_NETWORKS=1, for the loopback receiver
let worker: INestApplicationContext;
let receiver: FixtureServer;
let queue: Queue;
let writeKey: string;
let readKey: string;
let guardedUrl: string;
let openUrl: string;

async function call(base: string, method: string, path: string, body?: unknown, key: string | null = writeKey): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
}
const api = (method: string, path: string, body?: unknown, key?: string | null) => call(guardedUrl, method, path, body, key);
const openApi = (method: string, path: string, body?: unknown) => call(openUrl, method, path, body);

async function insertItem(database: Database, opts: { themes: string[]; classifiedAt?: string }): Promise<string> {
  const id = `it_${randomBytes(6).toString('hex')}`;
  await database.sql.query(
    `INSERT INTO items (id, canonical_url, title, summary, type, content_hash, classified_at, classified_version, taxonomy_version, published_at, language)
     VALUES ($1, $2, 'EU pact on migration and asylum', 'Council adopts the pact.', 'news', $3, coalesce($4::timestamptz, now()), 1, 'v1', now(), 'en')`,
    [id, `https://home-affairs.ec.europa.eu/news/${id}_en`, createHash('sha256').update(id).digest('hex'), opts.classifiedAt ?? null],
  );
  for (const theme of opts.themes) {
    await database.sql.query(`INSERT INTO item_themes (item_id, theme_id, score, evidence) VALUES ($1, $2, 0.8, '[{"term":"asylum","field":"title"}]')`, [id, theme]);
  }
  return id;
}

/** Standard Webhooks verification (the worker's own tests check it with the standardwebhooks package). */
function verified(secret: string, req: FixtureServer['requests'][number]): Json {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${req.headers['webhook-id']}.${req.headers['webhook-timestamp']}.${req.body}`).digest('base64');
  if (!String(req.headers['webhook-signature']).split(' ').includes(`v1,${expected}`)) throw new Error('signature does not verify');
  return JSON.parse(req.body) as Json;
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  db = await createTestDatabase('apiwh');
  const env = { DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, PULSE_QUEUE_PREFIX: q.prefix };
  guarded = await createApiApp(loadApiEnv(env), { database: db.database });
  await guarded.listen(0, '127.0.0.1');
  open = await createApiApp(loadApiEnv({ ...env, PULSE_ALLOW_PRIVATE_NETWORKS: '1' }), { database: db.database });
  await open.listen(0, '127.0.0.1');
  guardedUrl = (await guarded.getUrl()).replace('[::1]', '127.0.0.1');
  openUrl = (await open.getUrl()).replace('[::1]', '127.0.0.1');
  worker = await createWebhooksApp(
    loadWebhooksEnv({ ...env, PULSE_ALLOW_PRIVATE_NETWORKS: '1', PULSE_WEBHOOK_RETRY_SCHEDULE: '100ms', LOG_LEVEL: 'error' }),
    { database: db.database },
  );
  receiver = await startFixtureServer();
  queue = new Queue(QUEUES.webhookDeliver, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix: q.prefix });
  writeKey = (await createApiKey(db.database, { name: 'ops', scope: 'write' })).key;
  readKey = (await createApiKey(db.database, { name: 'dashboard', scope: 'read' })).key;
});

afterAll(async () => {
  await queue.close();
  await worker.close();
  await guarded.close();
  await open.close();
  await receiver.close();
  await db.drop();
  await q.cleanup();
});

describe('webhook endpoints: auth, validation, the address guard', () => {
  it('needs a key (401), a write key to change things (403), a read key to look', async () => {
    expect((await api('GET', '/api/webhook-endpoints', undefined, null)).status).toBe(401);
    expect((await api('POST', '/api/webhook-endpoints', { url: PUBLIC_URL }, readKey)).status).toBe(403);
    expect((await api('GET', '/api/webhook-endpoints', undefined, readKey)).status).toBe(200);
  });

  it('creates an endpoint: 201 with its id and a whsec_ secret shown once', async () => {
    const res = await api('POST', '/api/webhook-endpoints', { url: PUBLIC_URL, events: ['item.published'], themes: ['trafficking', 'trafficking'], description: 'CRM' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.any(String), url: PUBLIC_URL, events: ['item.published'], themes: ['trafficking'], enabled: true, description: 'CRM' });
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
    const bytes = Buffer.from(res.body.secret.slice('whsec_'.length), 'base64').length;
    expect(bytes).toBeGreaterThanOrEqual(24);
    expect(bytes).toBeLessThanOrEqual(32);
    const shown = await api('GET', `/api/webhook-endpoints/${res.body.id}`, undefined, readKey);
    expect(shown.status).toBe(200);
    expect(shown.body.secret).toBeUndefined();
    expect(JSON.stringify(shown.body)).not.toContain(res.body.secret.slice(6));
    expect(shown.body.health).toMatchObject({ failingSince: null, disabledReason: null, deliveries: { pending: 0, delivered: 0, failed: 0, cancelled: 0 } });
    // events default to every event type, themes to all items
    const defaults = await api('POST', '/api/webhook-endpoints', { url: PUBLIC_URL });
    expect(defaults.body).toMatchObject({ events: ['item.published', 'item.updated'], themes: [] });
  });

  it.each([
    ['http://localhost:8080/hook', /localhost \(127\.0\.0\.1\)|non-public address localhost/],
    ['http://127.0.0.1/hook', /non-public address 127\.0\.0\.1/],
    ['http://[::1]:9000/hook', /non-public address ::1/],
    ['http://10.1.2.3/hook', /non-public address 10\.1\.2\.3/],
    ['http://169.254.169.254/latest/meta-data', /non-public address 169\.254\.169\.254/],
    ['http://2130706433/hook', /non-public address/],
  ])('refuses %s with a 422 problem naming the url', async (url, message) => {
    const res = await api('POST', '/api/webhook-endpoints', { url, events: ['item.published'] });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'url', message: expect.stringMatching(message) }]);
    expect(res.body.errors[0].message).toMatch(/PULSE_ALLOW_PRIVATE_NETWORKS=1/);
  });

  it('answers 422 for unknown events or themes, unknown fields, a non-http URL, an empty change', async () => {
    const bad = async (body: unknown) => (await api('POST', '/api/webhook-endpoints', body)).body;
    expect((await bad({ url: PUBLIC_URL, events: ['item.deleted'] })).errors[0].field).toBe('events.0');
    expect((await bad({ url: PUBLIC_URL, events: [] })).errors[0].field).toBe('events');
    expect((await bad({ url: PUBLIC_URL, themes: ['drugs'] })).errors[0].field).toBe('themes.0');
    expect((await bad({ url: 'ftp://198.51.101.7/x' })).errors[0].field).toBe('url');
    expect((await bad({ url: PUBLIC_URL, secret: 'whsec_mine' })).status).toBe(422);
    const created = await api('POST', '/api/webhook-endpoints', { url: PUBLIC_URL });
    expect((await api('PATCH', `/api/webhook-endpoints/${created.body.id}`, {})).status).toBe(422);
    const moved = await api('PATCH', `/api/webhook-endpoints/${created.body.id}`, { url: 'http://192.168.1.10/hook' });
    expect(moved.status).toBe(422);
    expect(moved.body.errors[0].field).toBe('url');
    const changed = await api('PATCH', `/api/webhook-endpoints/${created.body.id}`, { events: ['item.updated'], themes: ['integration'] });
    expect(changed.body).toMatchObject({ events: ['item.updated'], themes: ['integration'], url: PUBLIC_URL });
  });

  it('answers 404 for an unknown endpoint, and deletes one', async () => {
    expect((await api('GET', '/api/webhook-endpoints/nope')).status).toBe(404);
    expect((await api('GET', '/api/webhook-endpoints/nope/deliveries')).status).toBe(404);
    const created = await api('POST', '/api/webhook-endpoints', { url: PUBLIC_URL });
    expect((await api('DELETE', `/api/webhook-endpoints/${created.body.id}`)).status).toBe(204);
    expect((await api('GET', `/api/webhook-endpoints/${created.body.id}`)).status).toBe(404);
    expect((await api('DELETE', `/api/webhook-endpoints/${created.body.id}`)).status).toBe(404);
  });

  it('lists with cursor pagination: every endpoint once, in order, then nextCursor null', async () => {
    for (let i = 0; i < 3; i++) await api('POST', '/api/webhook-endpoints', { url: `${PUBLIC_URL}/${i}` });
    const all = (await api('GET', '/api/webhook-endpoints?limit=200')).body.data as Json[];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: Json } = await api('GET', `/api/webhook-endpoints?limit=2${cursor ? `&cursor=${cursor}` : ''}`, undefined, readKey);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((e: Json) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect((await api('GET', '/api/webhook-endpoints?cursor=garbage')).status).toBe(422);
    expect((await api('GET', '/api/webhook-endpoints?colour=red')).status).toBe(422);
  });

  it('rotates the secret: a new one, the old one still signing for the overlap (default 24 h)', async () => {
    const created = await api('POST', '/api/webhook-endpoints', { url: PUBLIC_URL });
    const rotated = await api('POST', `/api/webhook-endpoints/${created.body.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    const overlapMs = Date.parse(rotated.body.previousSecretExpiresAt) - Date.now();
    expect(overlapMs).toBeGreaterThan(23.9 * 3600_000);
    expect(overlapMs).toBeLessThanOrEqual(24 * 3600_000);
    const [row] = await db.database.sql.query<{ previous_secret: string }>('SELECT previous_secret FROM webhook_endpoints WHERE id = $1', [created.body.id]);
    expect(row!.previous_secret).toBe(created.body.secret);
    const short = await api('POST', `/api/webhook-endpoints/${created.body.id}/rotate-secret`, { overlapSeconds: 60 });
    expect(Date.parse(short.body.previousSecretExpiresAt) - Date.now()).toBeLessThanOrEqual(60_000);
    const none = await api('POST', `/api/webhook-endpoints/${created.body.id}/rotate-secret`, { overlapSeconds: 0 });
    expect(none.body.previousSecretExpiresAt).toBeNull();
  });

  it('is in the OpenAPI document, with its schemas and the API-key security', async () => {
    const doc = (await (await fetch(`${guardedUrl}/docs-json`)).json()) as Json;
    const paths = Object.keys(doc.paths);
    for (const p of [
      '/api/webhook-endpoints',
      '/api/webhook-endpoints/{id}',
      '/api/webhook-endpoints/{id}/rotate-secret',
      '/api/webhook-endpoints/{id}/test',
      '/api/webhook-endpoints/{id}/deliveries',
      '/api/webhook-endpoints/{id}/deliveries/{deliveryId}/resend',
      '/api/webhook-endpoints/{id}/replay',
    ]) {
      expect(paths).toContain(p);
    }
    const create = doc.paths['/api/webhook-endpoints'].post;
    expect(create.security).toEqual([{ apiKey: [] }]);
    expect(create.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/WebhookEndpointCreate' });
    expect(Object.keys(doc.components.schemas.WebhookEndpointCreate.properties)).toEqual(['url', 'events', 'themes', 'description']);
    expect(JSON.stringify(create.responses['201'])).toContain('WebhookEndpointWithSecret');
    expect(doc.components.schemas.WebhookEndpointWithSecret.properties.secret).toBeDefined();
    expect(doc.components.schemas.WebhookDelivery.properties.attempts).toBeDefined();
  });
});

describe('webhook endpoints: test ping, delivery log, resend, replay, enable (worker running)', () => {
  let endpointId: string;
  let secret: string;
  let answer = 200;
  const hits = () => receiver.requests.filter((r) => r.path === '/api-hook');

  beforeAll(async () => {
    receiver.route('/api-hook', (_req, res) => void res.writeHead(answer).end(answer === 200 ? 'thanks' : 'nope'));
    const created = await openApi('POST', '/api/webhook-endpoints', { url: `${receiver.url}/api-hook`, events: ['item.published'], themes: ['international-protection'] });
    expect(created.status).toBe(201);
    endpointId = created.body.id;
    secret = created.body.secret;
  });

  it('sends a test ping through the worker and shows it, with its attempt, in the delivery log', async () => {
    const ping = await api('POST', `/api/webhook-endpoints/${endpointId}/test`);
    expect(ping.status).toBe(202);
    expect(ping.body).toMatchObject({ id: expect.stringMatching(/^msg_/), event: 'ping', status: 'pending', attempts: [] });
    const seen = await waitFor('ping delivered', async () => {
      const d = await api('GET', `/api/webhook-endpoints/${endpointId}/deliveries/${ping.body.id}`, undefined, readKey);
      return d.body.status === 'delivered' ? d.body : undefined;
    });
    expect(seen.attempts).toEqual([{ attemptedAt: expect.any(String), statusCode: 200, latencyMs: expect.any(Number), responseExcerpt: 'thanks', error: null }]);
    const [req] = hits();
    expect(verified(secret, req!)).toMatchObject({ type: 'ping', data: { endpointId } });
  });

  it('resends one message under the same webhook-id', async () => {
    const log = await api('GET', `/api/webhook-endpoints/${endpointId}/deliveries?event=ping`, undefined, readKey);
    const id = log.body.data[0].id as string;
    const before = hits().length;
    const res = await api('POST', `/api/webhook-endpoints/${endpointId}/deliveries/${id}/resend`);
    expect(res.status).toBe(202);
    await waitFor('resent', async () => hits().length === before + 1);
    expect(hits()[before]!.headers['webhook-id']).toBe(id);
    expect(hits()[before]!.body).toBe(hits()[0]!.body);
    const after = await waitFor('two attempts logged', async () => {
      const d = await api('GET', `/api/webhook-endpoints/${endpointId}/deliveries/${id}`);
      return d.body.attemptCount === 2 && d.body.status === 'delivered' ? d.body : undefined;
    });
    expect(after.attempts).toHaveLength(2);
  });

  it('replays since a time: old messages keep their ids, events without a message get one, filters apply', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    await insertItem(db.database, { themes: ['international-protection'], classifiedAt: new Date(Date.now() - 3600_000).toISOString() }); // before since
    const matching = await insertItem(db.database, { themes: ['international-protection', 'integration'] });
    await insertItem(db.database, { themes: ['integration'] }); // filtered out by the endpoint's themes
    const replay = await api('POST', `/api/webhook-endpoints/${endpointId}/replay`, { since });
    expect(replay.status).toBe(202);
    expect(replay.body).toEqual({ since, resent: 0, created: 1 }); // pings are not item events
    await waitFor('replayed item delivered', async () => hits().some((r) => JSON.parse(r.body).data?.id === matching));
    const [row] = await db.database.sql.query<{ id: string }>('SELECT id FROM webhook_deliveries WHERE endpoint_id = $1 AND item_id = $2', [endpointId, matching]);
    await waitFor('delivered', async () => (await api('GET', `/api/webhook-endpoints/${endpointId}/deliveries/${row!.id}`)).body.status === 'delivered');

    // the second replay sends the same message again, under the same id; nothing new is created
    const again = await api('POST', `/api/webhook-endpoints/${endpointId}/replay`, { since });
    expect(again.body).toEqual({ since, resent: 1, created: 0 });
    await waitFor('sent twice', async () => hits().filter((r) => r.headers['webhook-id'] === row!.id).length === 2);
    expect((await api('POST', `/api/webhook-endpoints/${endpointId}/replay`, { since: 'yesterday' })).status).toBe(422);
  });

  it('pages the delivery log newest first and filters it by status', async () => {
    const all = (await api('GET', `/api/webhook-endpoints/${endpointId}/deliveries?limit=200`)).body.data as Json[];
    expect(all.length).toBeGreaterThanOrEqual(2);
    const times = all.map((d) => Date.parse(d.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const first = await api('GET', `/api/webhook-endpoints/${endpointId}/deliveries?limit=1`);
    expect(first.body.data).toHaveLength(1);
    const second = await api('GET', `/api/webhook-endpoints/${endpointId}/deliveries?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.data[0].id).toBe(all[1]!.id);
    const failed = await api('GET', `/api/webhook-endpoints/${endpointId}/deliveries?status=failed`);
    expect(failed.body.data).toEqual([]);
  });

  it('disables with a reason, refuses resend and replay meanwhile (409), and on enable sends what was left pending', async () => {
    const disabled = await api('POST', `/api/webhook-endpoints/${endpointId}/disable`, { reason: 'receiver migrating' });
    expect(disabled.body).toMatchObject({ enabled: false, health: { disabledReason: 'receiver migrating', disabledAt: expect.any(String) } });
    const log = await api('GET', `/api/webhook-endpoints/${endpointId}/deliveries`);
    const someId = log.body.data[0].id as string;
    expect((await api('POST', `/api/webhook-endpoints/${endpointId}/deliveries/${someId}/resend`)).status).toBe(409);
    expect((await api('POST', `/api/webhook-endpoints/${endpointId}/replay`, { since: new Date().toISOString() })).status).toBe(409);

    // a message written while enabled, then the endpoint disabled before it went out: parked
    const itemId = await insertItem(db.database, { themes: ['international-protection'] });
    const [parked] = await db.database.sql.query<{ id: string }>(
      `INSERT INTO webhook_deliveries (id, endpoint_id, item_id, item_version, event, next_attempt_at) VALUES ($1, $2, $3, 1, 'item.published', NULL) RETURNING id`,
      [`msg_${randomBytes(8).toString('hex')}`, endpointId, itemId],
    );
    const enabled = await api('POST', `/api/webhook-endpoints/${endpointId}/enable`);
    expect(enabled.body).toMatchObject({ enabled: true, health: { disabledReason: null, disabledAt: null, failingSince: null } });
    await waitFor('parked message sent on enable', async () => hits().some((r) => r.headers['webhook-id'] === parked!.id));
    const jobs = await queue.getJobs(['completed', 'active', 'waiting', 'delayed']);
    expect(jobs.some((j) => j.id?.startsWith(`deliver-${parked!.id}-enable-`))).toBe(true);
  });

  it('shows failing since and the last error in the endpoint health while a receiver fails', async () => {
    answer = 500;
    try {
      const ping = await api('POST', `/api/webhook-endpoints/${endpointId}/test`);
      const failed = await waitFor('ping failed', async () => {
        const d = await api('GET', `/api/webhook-endpoints/${endpointId}/deliveries/${ping.body.id}`);
        return d.body.status === 'failed' ? d.body : undefined;
      });
      expect(failed.attempts).toEqual([expect.objectContaining({ statusCode: 500, responseExcerpt: 'nope', error: 'HTTP 500' })]);
      // an item message fails too: the endpoint's failing streak starts
      const itemId = await insertItem(db.database, { themes: ['international-protection'] });
      const replay = await api('POST', `/api/webhook-endpoints/${endpointId}/replay`, { since: new Date(Date.now() - 5000).toISOString() });
      expect(replay.body.created).toBeGreaterThanOrEqual(1);
      const health = await waitFor('failing', async () => {
        const h = await api('GET', `/api/webhook-endpoints/${endpointId}/health`, undefined, readKey);
        return h.body.failingSince ? h.body : undefined;
      });
      expect(health).toMatchObject({ lastError: 'HTTP 500', lastFailureAt: expect.any(String), disabledReason: null });
      expect(itemId).toBeTruthy();
    } finally {
      answer = 200;
    }
  });
});
