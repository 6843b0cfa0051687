import { createHash, randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue, type Job } from 'bullmq';
import { QUEUES, jobIds } from '@pulse/contracts';
import type { Database } from '@pulse/db';
import { JobProducer, redisOptionsFromUrl } from '@pulse/queue';
import { TAXONOMY_VERSION } from '@pulse/taxonomy';
import { createTestDatabase, testQueuePrefix, TEST_REDIS_URL, type TestDatabase } from '@pulse/testing';
import { loadClassifierEnv } from '../src/config/env';
import { createClassifierApp } from '../src/main';

const RETURN_ITEM = {
  title: 'Commission proposes a Common European System for Returns',
  summary:
    'The proposal introduces a European Return Order so that return decisions issued by one Member State can be enforced by another, and steps up readmission cooperation with third countries.',
};

async function insertItem(database: Database, text = RETURN_ITEM, language: string | null = 'en'): Promise<string> {
  const id = `itm_${randomBytes(6).toString('hex')}`;
  await database.sql.query(
    `INSERT INTO items (id, canonical_url, title, summary, language, type, content_hash)
     VALUES ($1, $2, $3, $4, $5, 'press-release', $6)`,
    [id, `https://ec.europa.eu/commission/presscorner/detail/en/${id}`, text.title, text.summary, language, createHash('sha256').update(text.title + text.summary).digest('hex')],
  );
  return id;
}

async function insertEndpoint(database: Database, themes: string[]): Promise<string> {
  const [row] = await database.sql.query<{ id: string }>(
    `INSERT INTO webhook_endpoints (url, themes, secret) VALUES ('https://hooks.example.org/pulse', $1, $2) RETURNING id`,
    [JSON.stringify(themes), `whsec_${randomBytes(24).toString('base64')}`],
  );
  return row!.id;
}

async function settled(queue: Queue, jobId: string, timeoutMs = 20_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await queue.getJob(jobId);
    const state = job ? await job.getState() : 'missing';
    // Fetched again: the copy read before the state check may predate the result.
    if (job && (state === 'completed' || state === 'failed')) return (await queue.getJob(jobId)) as Job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${state}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('classifier worker on real Redis and PostgreSQL', () => {
  let db: TestDatabase;
  let app: INestApplicationContext;
  let classifyQueue: Queue;
  let deliverQueue: Queue;
  const q = testQueuePrefix('classifier');

  beforeAll(async () => {
    db = await createTestDatabase('classifier');
    app = await createClassifierApp(loadClassifierEnv({ DATABASE_URL: db.url, PULSE_QUEUE_PREFIX: q.prefix, LOG_LEVEL: 'error' }), {
      database: db.database,
    });
    const connection = redisOptionsFromUrl(TEST_REDIS_URL);
    classifyQueue = new Queue(QUEUES.itemClassify, { connection, prefix: q.prefix });
    deliverQueue = new Queue(QUEUES.webhookDeliver, { connection, prefix: q.prefix });
  });
  afterAll(async () => {
    await classifyQueue.close();
    await deliverQueue.close();
    await app.close();
    await db.drop();
    await q.cleanup();
  });

  /** Puts a classify job on the queue through the app's own producer and waits for it. */
  async function runJob(itemId: string, version: number, suffix = ''): Promise<Job> {
    const jobId = `${jobIds.itemClassify({ itemId, version })}${suffix}`;
    await app.get(JobProducer, { strict: false }).add(QUEUES.itemClassify, { itemId, version }, { jobId });
    return settled(classifyQueue, jobId);
  }

  const themesOf = (itemId: string) =>
    db.database.sql.query<{ theme_id: string; score: number; evidence: { term: string; field: string }[] }>(
      'SELECT theme_id, score, evidence FROM item_themes WHERE item_id = $1 ORDER BY theme_id',
      [itemId],
    );
  const itemState = async (itemId: string) =>
    (
      await db.database.sql.query<{ classified_at: Date | null; classified_version: number | null; taxonomy_version: string | null }>(
        'SELECT classified_at, classified_version, taxonomy_version FROM items WHERE id = $1',
        [itemId],
      )
    )[0]!;
  const deliveriesOf = (itemId: string) =>
    db.database.sql.query<{ id: string; endpoint_id: string; event: string; item_version: number }>(
      'SELECT id, endpoint_id, event, item_version FROM webhook_deliveries WHERE item_id = $1',
      [itemId],
    );
  const deliverJobIds = async () => (await deliverQueue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])).map((j) => j.id).sort();

  it('stores themes, evidence and the taxonomy version, then fans out to matching endpoints once, however often the job runs', async () => {
    const matching = await insertEndpoint(db.database, ['return-readmission']);
    const other = await insertEndpoint(db.database, ['integration']);
    const itemId = await insertItem(db.database);

    const first = await runJob(itemId, 1);
    expect(first.failedReason).toBeUndefined();
    expect(first.returnvalue).toMatchObject({ status: 'classified', version: 1 });

    const themes = await themesOf(itemId);
    expect(themes.map((t) => t.theme_id)).toContain('return-readmission');
    const ret = themes.find((t) => t.theme_id === 'return-readmission')!;
    expect(ret.score).toBeGreaterThan(0.5);
    expect(ret.evidence.map((e) => e.term)).toEqual(expect.arrayContaining(['return decision', 'European Return Order', 'readmission']));
    const state = await itemState(itemId);
    expect(state).toMatchObject({ classified_version: 1, taxonomy_version: TAXONOMY_VERSION });
    expect(state.classified_at).toBeInstanceOf(Date);

    const deliveries = await deliveriesOf(itemId);
    expect(deliveries).toEqual([expect.objectContaining({ endpoint_id: matching, event: 'item.published', item_version: 1 })]);
    expect(deliveries.some((d) => d.endpoint_id === other)).toBe(false);
    expect(await deliverJobIds()).toEqual([jobIds.webhookDeliver({ deliveryId: deliveries[0]!.id })]);

    // The same job again (a retry, a duplicate enqueue under another id): nothing changes.
    const again = await runJob(itemId, 1, '-again');
    expect(again.returnvalue).toMatchObject({ status: 'unchanged', version: 1 });
    expect(await themesOf(itemId)).toEqual(themes);
    expect((await itemState(itemId)).classified_at).toEqual(state.classified_at);
    expect(await deliveriesOf(itemId)).toEqual(deliveries);
    expect(await deliverJobIds()).toEqual([jobIds.webhookDeliver({ deliveryId: deliveries[0]!.id })]);
  });

  it('classifies the current text when the stored item is newer than the job, and announces it as an update', async () => {
    const endpoint = await insertEndpoint(db.database, ['trafficking']);
    const itemId = await insertItem(db.database, { title: 'Annual report', summary: 'The Commission published its annual report.' });
    await db.database.sql.query(
      `UPDATE items SET version = 2, updated = true, title = $2, summary = $3 WHERE id = $1`,
      [itemId, 'New EU Anti-Trafficking Directive enters into force', 'Victims of trafficking in human beings get stronger protection.'],
    );

    const job = await runJob(itemId, 1);
    expect(job.returnvalue).toMatchObject({ status: 'classified', version: 2 });
    expect((await themesOf(itemId)).map((t) => t.theme_id)).toEqual(['trafficking']);
    expect(await itemState(itemId)).toMatchObject({ classified_version: 2 });
    expect(await deliveriesOf(itemId)).toEqual([expect.objectContaining({ endpoint_id: endpoint, event: 'item.updated', item_version: 2 })]);

    // The job of version 2 arrives later and finds the work done.
    expect((await runJob(itemId, 2)).returnvalue).toMatchObject({ status: 'unchanged', version: 2 });
    expect(await deliveriesOf(itemId)).toHaveLength(1);
  });

  it('tags a look-alike with no theme and sends it only to endpoints that take every item', async () => {
    const filtered = await insertEndpoint(db.database, ['trafficking', 'irregular-migration-smuggling']);
    const everything = await insertEndpoint(db.database, []);
    const itemId = await insertItem(db.database, {
      title: 'Emerging drug trafficking corridor from Western to Eastern Europe disrupted',
      summary: 'Authorities arrested 20 suspects who smuggled methamphetamine through Poland to Slovakia and Ukraine.',
    });
    expect((await runJob(itemId, 1)).returnvalue).toMatchObject({ status: 'classified', themeIds: [] });
    expect(await themesOf(itemId)).toEqual([]);
    expect(await itemState(itemId)).toMatchObject({ classified_version: 1, taxonomy_version: TAXONOMY_VERSION });
    const endpoints = (await deliveriesOf(itemId)).map((d) => d.endpoint_id);
    expect(endpoints).toContain(everything);
    expect(endpoints).not.toContain(filtered);
  });

  it('skips an item that no longer exists', async () => {
    const job = await runJob('itm_vanished', 1);
    expect(job.failedReason).toBeUndefined();
    expect(job.returnvalue).toEqual({ status: 'gone', itemId: 'itm_vanished' });
  });
});
