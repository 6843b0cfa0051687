import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Controller, Get, Post } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { createApiKey, revokeApiKey } from '@pulse/db';
import { createTestDatabase, TEST_REDIS_URL, testQueuePrefix } from '@pulse/testing';
import { ApiModule } from '../src/api.module';
import { Public } from '../src/auth/public.decorator';
import { ProblemFilter } from '../src/common/problem.filter';
import { loadApiEnv } from '../src/config/env';
import { RateLimit } from '../src/rate-limit/rate-limit.decorator';
import { startAdminApi, type AdminHarness } from './admin-harness';

const ROOT = join(__dirname, '..', '..', '..');
/** Each test speaks from its own client address (the app trusts X-Forwarded-For from loopback). */
const from = (ip: string) => ({ 'x-forwarded-for': ip });

describe('admin API authentication', () => {
  let h: AdminHarness;

  beforeAll(async () => {
    h = await startAdminApi('adminauth', { PULSE_RATE_LIMIT_AUTH_FAILURES: '3/60' });
  });
  afterAll(() => h.close());

  it('answers 401 problem details with WWW-Authenticate when no key is sent', async () => {
    const res = await h.call('GET', '/api/feeds', { key: null, headers: from('10.0.0.1') });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(res.body).toMatchObject({ status: 401, title: 'Unauthorized', instance: '/api/feeds' });
  });

  it('answers 401 to a wrong key, well-formed or not', async () => {
    const wellFormed = `pulse_00000000_${'0'.repeat(64)}`;
    for (const [i, key] of [wellFormed, 'nonsense', `${h.keys.read}x`].entries()) {
      const res = await h.call('GET', '/api/feeds', { key, headers: from(`10.0.2.${i}`) });
      expect(res.status).toBe(401);
    }
    const basic = await h.call('GET', '/api/feeds', { key: null, headers: { ...from('10.0.2.9'), authorization: `Basic ${h.keys.read}` } });
    expect(basic.status).toBe(401);
  });

  it('answers 401 to a key once it is revoked', async () => {
    const { key, record } = await createApiKey(h.db.database, { name: 'short-lived', scope: 'read' });
    expect((await h.call('GET', '/api/feeds', { key, headers: from('10.0.0.3') })).status).toBe(200);
    await revokeApiKey(h.db.database, record.prefix);
    const res = await h.call('GET', '/api/feeds', { key, headers: from('10.0.0.3') });
    expect(res.status).toBe(401);
    expect(res.body.detail).toMatch(/revoked/);
  });

  it('lets a read key GET and HEAD, and answers 403 when it writes', async () => {
    expect((await h.call('GET', '/api/feeds', { key: h.keys.read })).status).toBe(200);
    expect((await h.call('HEAD', '/api/feeds', { key: h.keys.read })).status).toBe(200);
    const res = await h.call('POST', '/api/feeds', { key: h.keys.read, json: { url: 'http://example.org/feed' } });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ status: 403, title: 'Forbidden' });
    expect((await h.call('DELETE', '/api/feeds/whatever', { key: h.keys.read })).status).toBe(403);
    // the write key gets past the guard to the route (404: no such feed)
    expect((await h.call('DELETE', '/api/feeds/whatever', { key: h.keys.write })).status).toBe(404);
  });

  it('honours @RequireScope on a GET that needs write (subscriber export)', async () => {
    expect((await h.call('GET', '/api/subscribers/nobody/export', { key: h.keys.read })).status).toBe(403);
    expect((await h.call('GET', '/api/subscribers/nobody/export', { key: h.keys.write })).status).toBe(404);
  });

  it('cannot be bypassed by the case or slashes of the path', async () => {
    for (const path of ['/API/feeds', '/Api/Feeds', '/api/feeds/', '/api//feeds']) {
      const res = await h.call('GET', path, { key: null, headers: from('10.0.0.4') });
      expect([401, 404]).toContain(res.status);
      expect(res.status).not.toBe(200);
    }
  });

  it('leaves pages, /health and the docs public', async () => {
    expect((await h.call('GET', '/health', { key: null })).status).toBe(200);
    const docs = await h.call('GET', '/docs', { key: null });
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toMatch(/text\/html/);
    expect((await h.call('GET', '/docs-json', { key: null })).status).toBe(200);
  });

  it('records last use of a key', async () => {
    const { key, record } = await createApiKey(h.db.database, { name: 'touched', scope: 'read' });
    expect(record.lastUsedAt).toBeNull();
    await h.call('GET', '/api/items', { key });
    let lastUsed: Date | null = null;
    for (let i = 0; i < 50 && !lastUsed; i++) {
      const [row] = await h.db.database.sql.query<{ last_used_at: Date | null }>('SELECT last_used_at FROM api_keys WHERE id = $1', [record.id]);
      lastUsed = row!.last_used_at;
      if (!lastUsed) await new Promise((r) => setTimeout(r, 20));
    }
    expect(lastUsed).toBeInstanceOf(Date);
  });

  it('rate-limits failed authentication per address: 429 with Retry-After, even for a valid key', async () => {
    const attacker = from('10.66.0.1');
    for (let i = 0; i < 3; i++) expect((await h.call('GET', '/api/feeds', { key: 'guess', headers: attacker })).status).toBe(401);
    const limited = await h.call('GET', '/api/feeds', { key: 'guess', headers: attacker });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(limited.body).toMatchObject({ status: 429, title: 'Too many requests' });
    expect((await h.call('GET', '/api/feeds', { key: h.keys.read, headers: attacker })).status).toBe(429);
    // another address is not affected
    expect((await h.call('GET', '/api/feeds', { key: h.keys.read, headers: from('10.66.0.2') })).status).toBe(200);
  });

  it('prints a working key from `pnpm pulse api-key create` (the built CLI)', () => {
    const cli = spawnSync(process.execPath, [join(ROOT, 'apps/cli/bin/pulse.js'), 'api-key', 'create', '--name', 'from-cli', '--scope', 'read'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: h.db.url },
      encoding: 'utf8',
    });
    expect({ status: cli.status, stderr: cli.stderr }).toEqual({ status: 0, stderr: expect.stringMatching(/shown only this once/) });
    const key = cli.stdout.trim();
    expect(key).toMatch(/^pulse_[0-9a-f]{8}_[0-9a-f]{64}$/);
    return (async () => {
      expect((await h.call('GET', '/api/feeds', { key })).status).toBe(200);
      expect((await h.call('POST', '/api/feeds/opml', { key, body: '<opml/>' })).status).toBe(403);
      const [row] = await h.db.database.sql.query<{ key_hash: string }>("SELECT key_hash FROM api_keys WHERE name = 'from-cli'");
      expect(row!.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row!.key_hash).not.toContain(key.split('_')[2]);
    })();
  });
});

@Controller('api/probe')
class ProbeController {
  @Post()
  @Public()
  @RateLimit('public')
  hit() {
    return { ok: true };
  }

  @Get('open')
  @Public()
  open() {
    return { ok: true };
  }
}

describe('public rate limit', () => {
  const q = testQueuePrefix('ratelimit');
  let app: NestExpressApplication;
  let url: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const db = await createTestDatabase('ratelimit');
    drop = db.drop;
    const env = loadApiEnv({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, PULSE_QUEUE_PREFIX: q.prefix, PULSE_RATE_LIMIT_PUBLIC: '2/60' });
    const moduleRef = await Test.createTestingModule({ imports: [ApiModule.forRoot(env)], controllers: [ProbeController] }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>();
    app.set('trust proxy', 'loopback');
    app.useGlobalFilters(new ProblemFilter());
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await app.close();
    await drop();
    await q.cleanup();
  });

  const post = (ip: string) => fetch(`${url}/api/probe`, { method: 'POST', headers: from(ip) });

  it('lets @Public routes under /api through without a key', async () => {
    expect((await fetch(`${url}/api/probe/open`)).status).toBe(200);
  });

  it('answers 429 with Retry-After past the limit, per address, with RateLimit headers', async () => {
    const first = await post('10.1.0.1');
    expect(first.status).toBe(201);
    expect(first.headers.get('ratelimit-limit')).toBe('2');
    expect(first.headers.get('ratelimit-remaining')).toBe('1');
    expect((await post('10.1.0.1')).status).toBe(201);
    const limited = await post('10.1.0.1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await post('10.1.0.2')).status).toBe(201);
  });
});
