import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { createDatabase, feeds, migrate, MIGRATIONS_DIR } from '@pulse/db';
import { createTestDatabase } from '@pulse/testing';
import { readdirSync } from 'node:fs';

const allMigrations = () => readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort();

describe('migrations', () => {
  it('apply on PostgreSQL, once', async () => {
    const t = await createTestDatabase('migrate');
    try {
      expect(await migrate(t.database)).toEqual([]);
      const rows = await t.database.sql.query<{ name: string }>('SELECT name FROM pulse_migrations ORDER BY name');
      expect(rows.map((r) => r.name)).toEqual(allMigrations());
      await t.database.db.insert(feeds).values({ url: 'https://example.org/rss', title: 'x', kind: 'news' });
      const [row] = await t.database.db.select().from(feeds).where(eq(feeds.url, 'https://example.org/rss'));
      expect(row?.consecutiveFailures).toBe(0);
    } finally {
      await t.drop();
    }
  });

  it('apply on embedded PGlite (smoke)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-pglite-'));
    const database = await createDatabase({ dataDir: dir });
    try {
      expect(await migrate(database)).toEqual(allMigrations());
      expect(await migrate(database)).toEqual([]);
      await database.db.insert(feeds).values({ url: 'https://example.org/a', title: 'a', kind: 'event' });
      const rows = await database.db.select().from(feeds);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
