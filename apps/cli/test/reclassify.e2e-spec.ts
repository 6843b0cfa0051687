import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { QUEUES } from '@pulse/contracts';
import type { Database } from '@pulse/db';
import { redisOptionsFromUrl } from '@pulse/queue';
import { TAXONOMY_VERSION } from '@pulse/taxonomy';
import { createTestDatabase, testQueuePrefix, TEST_REDIS_URL, type TestDatabase } from '@pulse/testing';

/** `pulse reclassify` as an operator runs it: the built CLI in its own process. */
const CLI = join(__dirname, '..', 'dist', 'main.js');

const TEXTS = [
  { title: 'Frontex coordinates a joint return operation to Georgia', summary: 'Returnees were escorted by officers from five Member States.', theme: 'return-readmission' },
  { title: 'Commission publishes report on the State of Schengen', summary: 'Internal border controls should be lifted.', theme: 'borders-visa-schengen' },
  { title: 'European Drug Report 2026 published', summary: 'Cocaine seizures reach a new record.', theme: null },
];

describe('pulse reclassify', () => {
  let db: TestDatabase;
  const q = testQueuePrefix('reclassify');
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase('reclassify');
    env = { DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, PULSE_QUEUE_PREFIX: q.prefix };
  });
  afterAll(async () => {
    await db.drop();
    await q.cleanup();
  });

  const pulse = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, [CLI, 'reclassify', ...args], { env: { ...process.env, ...env } }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      ),
    );

  /** Items tagged by an older taxonomy (no themes stored), ids in insertion order. */
  async function insertStale(database: Database, n: number, prefix: string): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const t = TEXTS[i % TEXTS.length]!;
      const id = `${prefix}${String(i).padStart(5, '0')}`;
      await database.sql.query(
        `INSERT INTO items (id, title, summary, language, type, content_hash, classified_at, classified_version, taxonomy_version)
         VALUES ($1, $2, $3, 'en', 'news', $4, now() - interval '1 day', 1, '0.old')`,
        [id, t.title, t.summary, createHash('sha256').update(id).digest('hex')],
      );
      ids.push(id);
    }
    return ids;
  }

  const tags = async (ids: string[]) =>
    db.database.sql.query<{ id: string; taxonomy_version: string; themes: string[] | null }>(
      `SELECT i.id, i.taxonomy_version, (SELECT array_agg(theme_id ORDER BY theme_id) FROM item_themes t WHERE t.item_id = i.id) AS themes
         FROM items i WHERE i.id = ANY($1::text[]) ORDER BY i.id`,
      [ids],
    );

  it('re-tags the items of an older taxonomy, fans them out to matching endpoints, and leaves current ones alone', async () => {
    const [endpoint] = await db.database.sql.query<{ id: string }>(
      `INSERT INTO webhook_endpoints (url, themes, secret) VALUES ('https://hooks.example.org/x', '["return-readmission"]', 'whsec_test') RETURNING id`,
    );
    const ids = await insertStale(db.database, 6, `a${randomBytes(2).toString('hex')}-`);
    const first = await pulse([]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`reclassified 6 items with taxonomy ${TAXONOMY_VERSION}: 6 changed, 0 unchanged, 0 gone; 2 webhook deliveries queued\n`);
    const rows = await tags(ids);
    expect(rows.map((r) => r.taxonomy_version)).toEqual(Array(6).fill(TAXONOMY_VERSION));
    expect(rows.map((r) => r.themes)).toEqual([0, 1, 2, 3, 4, 5].map((i) => (TEXTS[i % 3]!.theme ? [TEXTS[i % 3]!.theme] : null)));
    const deliveries = await db.database.sql.query<{ id: string; item_id: string; event: string }>(
      'SELECT id, item_id, event FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY item_id',
      [endpoint!.id],
    );
    expect(deliveries.map((d) => [d.item_id, d.event])).toEqual([
      [ids[0], 'item.published'],
      [ids[3], 'item.published'],
    ]);
    const queue = new Queue(QUEUES.webhookDeliver, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix: q.prefix });
    try {
      expect((await queue.getJobs(['waiting'])).map((j) => j.data).sort((a, b) => a.deliveryId.localeCompare(b.deliveryId))).toEqual(
        deliveries.map((d) => ({ deliveryId: d.id })).sort((a, b) => a.deliveryId.localeCompare(b.deliveryId)),
      );
    } finally {
      await queue.close();
    }
    // Nothing is stale any more: a second run has nothing to do.
    expect((await pulse([])).stdout).toMatch(/^reclassified 0 items/);
    await db.database.sql.query('UPDATE webhook_endpoints SET enabled = false');
  }, 60_000);

  it('continues an interrupted --all run after its last checkpoint', async () => {
    const ids = await insertStale(db.database, 6, `b${randomBytes(2).toString('hex')}-`);
    // What a run killed after its first checkpoint leaves: everything up to ids[2] is done.
    await db.database.sql.query(
      `INSERT INTO reclassify_runs (mode, taxonomy_version, last_item_id, done, total) VALUES ('all', $1, $2, 3, 6)`,
      [TAXONOMY_VERSION, ids[2]],
    );
    const before = await db.database.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM items WHERE id > $1`, [ids[5]]);
    const { code, stdout, stderr } = await pulse(['--all']);
    expect(code).toBe(0);
    expect(stderr).toContain('resuming an interrupted run: 3 items already done');
    expect(stdout).toMatch(new RegExp(`^reclassified ${3 + before[0]!.n} items`));
    const rows = await tags(ids);
    expect(rows.map((r) => r.taxonomy_version)).toEqual(['0.old', '0.old', '0.old', TAXONOMY_VERSION, TAXONOMY_VERSION, TAXONOMY_VERSION]);
    const open = await db.database.sql.query(`SELECT id FROM reclassify_runs WHERE finished_at IS NULL`);
    expect(open).toEqual([]);
  }, 60_000);

  it('survives a kill -9 mid-run: the next run finishes the job without redoing the done batches', async () => {
    await db.database.sql.query(`UPDATE items SET taxonomy_version = $1`, [TAXONOMY_VERSION]);
    const ids = await insertStale(db.database, 120, `c${randomBytes(2).toString('hex')}-`);
    const child = spawn(process.execPath, [CLI, 'reclassify', '--batch-size', '5'], { env: { ...process.env, ...env }, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    for (let i = 0; i < 2000; i++) {
      const [run] = await db.database.sql.query<{ done: number }>(`SELECT done FROM reclassify_runs WHERE mode = 'stale' AND finished_at IS NULL`);
      if (run && run.done >= 5) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
    await exited;
    const [killed] = await db.database.sql.query<{ done: number }>(`SELECT done FROM reclassify_runs WHERE mode = 'stale' AND finished_at IS NULL`);
    expect(killed!.done).toBeGreaterThanOrEqual(5);
    expect(killed!.done).toBeLessThan(120);

    const { code, stderr } = await pulse(['--batch-size', '5']);
    expect(code).toBe(0);
    expect(stderr).toContain(`resuming an interrupted run: ${killed!.done} items already done`);
    expect((await tags(ids)).every((r) => r.taxonomy_version === TAXONOMY_VERSION)).toBe(true);
    expect(await db.database.sql.query(`SELECT id FROM reclassify_runs WHERE finished_at IS NULL`)).toEqual([]);
  }, 60_000);

  it('refuses --all with --since, and a --since that is not a date', async () => {
    const both = await pulse(['--all', '--since', '2026-01-01']);
    expect(both.code).not.toBe(0);
    const bad = await pulse(['--since', 'yesterday-ish']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toBe('pulse: --since: not a date: "yesterday-ish" (use e.g. 2026-09-01)\n');
  }, 60_000);
});
