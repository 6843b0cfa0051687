/**
 * The whole product, end to end, on real parts: PostgreSQL, Redis, an SMTP server on
 * loopback (read back with mailparser), a feed served over HTTP and a webhook receiver.
 * subscribe → confirm → feed added and polled → items classified → signed webhook received
 * and verified → digest received → one-click unsubscribe → nothing more.
 */
import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Webhook } from 'standardwebhooks';
import { createApiKey } from '@pulse/db';
import {
  createTestDatabase,
  startFixtureServer,
  startSmtpSink,
  TEST_REDIS_URL,
  testQueuePrefix,
  type FixtureServer,
  type SmtpSink,
  type TestDatabase,
} from '@pulse/testing';
import { loadApiEnv } from '../../apps/api/src/config/env';
import { createApiApp } from '../../apps/api/src/main';
import { loadClassifierEnv } from '../../apps/classifier/src/config/env';
import { createClassifierApp } from '../../apps/classifier/src/main';
import { DigestPlanService } from '../../apps/digest/src/digest-build/digest-plan.service';
import { loadDigestEnv } from '../../apps/digest/src/config/env';
import { createDigestApp } from '../../apps/digest/src/main';
import { loadIngestEnv } from '../../apps/ingest/src/config/env';
import { createIngestApp } from '../../apps/ingest/src/main';
import { loadWebhooksEnv } from '../../apps/webhooks/src/config/env';
import { createWebhooksApp } from '../../apps/webhooks/src/main';

const ITEMS = [
  {
    title: 'Commission proposes new rules to speed up the return of people with no right to stay',
    summary: 'The proposal for a common European system for returns introduces a European return order and strengthens readmission cooperation with third countries.',
    link: '/news/return-rules-2026-11-20_en',
    date: 'Fri, 20 Nov 2026 09:00:00 GMT',
  },
  {
    title: 'EU Anti-Trafficking Day: protecting victims of trafficking in human beings',
    summary: 'The revised Anti-Trafficking Directive strengthens the identification and support of victims of trafficking, including children.',
    link: '/news/anti-trafficking-day-2026-11-19_en',
    date: 'Thu, 19 Nov 2026 09:00:00 GMT',
  },
  {
    title: 'Customs seize 2 tonnes of cocaine in the port of Antwerp',
    summary: 'Customs authorities seized drugs and cigarettes in a joint operation against drug trafficking networks.',
    link: '/news/cocaine-seizure-2026-11-18_en',
    date: 'Wed, 18 Nov 2026 09:00:00 GMT',
  },
];

const rss = (items: typeof ITEMS) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>DG HOME news</title><link>https://home-affairs.example.eu/</link><language>en</language>
${items
  .map((i) => `<item><title>${i.title}</title><description>${i.summary}</description><link>https://home-affairs.example.eu${i.link}</link><guid>https://home-affairs.example.eu${i.link}</guid><pubDate>${i.date}</pubDate></item>`)
  .join('\n')}
</channel></rss>`;

async function until<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 90_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Many real parts in one story: generous limits, since CI runs other suites beside it on 2 cores.
jest.setTimeout(240_000);

describe('EMN Pulse end to end', () => {
  let db: TestDatabase;
  let sink: SmtpSink;
  let feeds: FixtureServer;
  let receiver: FixtureServer;
  let api: NestExpressApplication;
  let apiUrl: string;
  const workers: INestApplicationContext[] = [];
  const q = testQueuePrefix('flow');
  const hooks: { headers: Record<string, string>; body: string }[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('flow');
    sink = await startSmtpSink();
    feeds = await startFixtureServer();
    receiver = await startFixtureServer();
    feeds.route('/rss', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rss(ITEMS));
    });
    receiver.route('/hook', (req, res) => {
      const last = receiver.requests[receiver.requests.length - 1];
      hooks.push({ headers: req.headers as Record<string, string>, body: last?.body ?? '' });
      res.writeHead(204).end();
    });
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      PULSE_QUEUE_PREFIX: q.prefix,
      PULSE_ALLOW_PRIVATE_NETWORKS: '1',
      PULSE_FEEDS: 'none',
      SMTP_URL: sink.url,
      PUBLIC_BASE_URL: 'https://pulse.test',
      MAIL_FROM: 'EMN Pulse <pulse@pulse.test>',
      LOG_LEVEL: 'warn',
      PULSE_SECRET: 'flow-test-secret-0123456789abcdef',
      PULSE_POLL_JITTER_SECONDS: '0',
      PULSE_WEBHOOK_RETRY_SCHEDULE: '100ms,200ms',
    };
    api = await createApiApp(loadApiEnv(env));
    await api.listen(0, '127.0.0.1');
    apiUrl = (await api.getUrl()).replace('[::1]', '127.0.0.1');
    workers.push(await createIngestApp(loadIngestEnv(env)));
    workers.push(await createClassifierApp(loadClassifierEnv(env)));
    workers.push(await createWebhooksApp(loadWebhooksEnv(env)));
    workers.push(await createDigestApp(loadDigestEnv(env)));
    await Promise.all(workers.map((w) => w.init()));
  });

  afterAll(async () => {
    for (const w of workers.reverse()) await w.close();
    await api?.close();
    await sink?.close();
    await feeds?.close();
    await receiver?.close();
    await db?.drop();
    await q.cleanup();
  });

  const rebase = (link: string) => {
    const u = new URL(link);
    return `${apiUrl}${u.pathname}${u.search}`;
  };

  it('takes an item from a feed to a verified webhook and a digest, and stops at unsubscribe', async () => {
    const { key } = await createApiKey(db.database, { name: 'flow', scope: 'write' });
    const admin = (method: string, path: string, json?: unknown) =>
      fetch(`${apiUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(json ? { 'content-type': 'application/json' } : {}) },
        body: json ? JSON.stringify(json) : undefined,
      });

    // A downstream system subscribes to return items only.
    const ep = await admin('POST', '/api/webhook-endpoints', {
      url: `${receiver.url}/hook`,
      events: ['item.published', 'item.updated'],
      themes: ['return-readmission'],
    });
    expect(ep.status).toBe(201);
    const { secret } = (await ep.json()) as { id: string; secret: string };
    expect(secret).toMatch(/^whsec_/);

    // A person subscribes and confirms (double opt-in, through the page's POST).
    const email = 'researcher@example.org';
    const sub = await fetch(`${apiUrl}/api/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, themes: ['return-readmission', 'trafficking'], frequency: 'daily', timezone: 'Europe/Brussels', sendHour: 7 }),
    });
    expect(sub.status).toBe(202);
    const [confirmation] = await sink.waitFor(1, 90_000);
    const confirmLink = /https:\/\/pulse\.test\/confirm\?token=[A-Za-z0-9._~%-]+/.exec(confirmation!.parsed.text ?? '')?.[0];
    expect(confirmLink).toBeDefined();
    const token = new URL(confirmLink!).searchParams.get('token')!;
    const confirmed = await fetch(rebase(confirmLink!), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
    });
    expect(confirmed.status).toBeLessThan(400);
    await until('subscriber active', async () => {
      const [row] = await db.database.sql.query<{ status: string }>('SELECT status FROM subscribers WHERE email = $1', [email]);
      return row?.status === 'active';
    });

    // The operator adds the source and polls it now.
    const created = await admin('POST', '/api/feeds', { url: `${feeds.url}/rss`, title: 'DG HOME news', kind: 'news', language: 'en' });
    expect(created.status).toBe(201);
    const feed = (await created.json()) as { id: string };
    expect((await admin('POST', `/api/feeds/${feed.id}/poll`)).status).toBeLessThan(300);

    const classified = await until('three classified items', async () => {
      const rows = await db.database.sql.query<{ id: string; title: string; themes: string[] | null }>(
        `SELECT i.id, i.title, array_agg(t.theme_id) FILTER (WHERE t.theme_id IS NOT NULL) AS themes
           FROM items i LEFT JOIN item_themes t ON t.item_id = i.id
          WHERE i.classified_at IS NOT NULL GROUP BY i.id, i.title`,
      );
      return rows.length === 3 ? rows : undefined;
    });
    const themesOf = (needle: string) => classified.find((r) => r.title.includes(needle))?.themes ?? [];
    expect(themesOf('return of people')).toContain('return-readmission');
    expect(themesOf('Anti-Trafficking')).toContain('trafficking');
    expect(themesOf('cocaine')).toEqual([]);

    // Exactly one signed webhook (the endpoint filters on return), verified with standardwebhooks.
    await until('webhook delivered', async () => hooks.length >= 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(hooks).toHaveLength(1);
    const payload = new Webhook(secret).verify(hooks[0]!.body, hooks[0]!.headers) as {
      type: string;
      data: { title: string; themes: { id: string; evidence: unknown[] }[] };
    };
    expect(payload.type).toBe('item.published');
    expect(payload.data.title).toContain('return of people');
    expect(payload.data.themes.map((t) => t.id)).toContain('return-readmission');

    // The next morning at 07:00 in Brussels the digest is due: one email, the right items.
    const planner = workers[3]!.get(DigestPlanService);
    const tomorrow7 = new Date(Date.now() + 36 * 3600_000);
    await planner.tick(tomorrow7);
    await planner.tick(tomorrow7);
    const mails = await sink.waitFor(2, 90_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(sink.messages).toHaveLength(2);
    const digest = mails[1]!.parsed;
    expect(digest.html).toBeTruthy();
    expect(digest.text).toContain('return of people');
    expect(digest.text).toContain('Anti-Trafficking');
    expect(digest.text).not.toContain('cocaine');
    const line = (name: string) => digest.headerLines.find((l) => l.key === name)?.line ?? '';
    expect(line('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const unsubscribeUrl = /<(https:[^>]+)>/.exec(line('list-unsubscribe'))?.[1];
    expect(unsubscribeUrl).toBeDefined();

    // One-click unsubscribe (RFC 8058): a POST, 200, no redirect.
    const unsub = await fetch(rebase(unsubscribeUrl!), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(unsub.status).toBe(200);

    // A new item arrives and a day passes: nothing more is sent.
    feeds.route('/rss', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        rss([{ ...ITEMS[0]!, title: 'New readmission agreement signed', link: '/news/readmission-2026-11-23_en' }, ...ITEMS]),
      );
    });
    expect((await admin('POST', `/api/feeds/${feed.id}/poll`)).status).toBeLessThan(300);
    await until('fourth item classified', async () => {
      const [row] = await db.database.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM items WHERE classified_at IS NOT NULL');
      return (row?.n ?? 0) === 4;
    });
    await planner.tick(new Date(tomorrow7.getTime() + 24 * 3600_000));
    await new Promise((r) => setTimeout(r, 1500));
    expect(sink.messages).toHaveLength(2);
  });
});
