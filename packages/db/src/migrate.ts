import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database, SqlRunner } from './client';

export const MIGRATIONS_DIR = join(__dirname, '..', 'migrations');

/**
 * Applies `migrations/NNNN_name.sql` in name order, each once, each in its own transaction.
 * The same files run on PostgreSQL and PGlite. An advisory lock keeps two booting apps from
 * applying the same file twice.
 */
export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  return database.sql.session((sql) => migrateOn(sql, database.kind === 'postgres', dir));
}

async function migrateOn(sql: SqlRunner, lock: boolean, dir: string): Promise<string[]> {
  await sql.exec(
    'CREATE TABLE IF NOT EXISTS pulse_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  if (lock) await sql.query('SELECT pg_advisory_lock(7243001)');
  try {
    const done = new Set((await sql.query<{ name: string }>('SELECT name FROM pulse_migrations')).map((r) => r.name));
    const files = readdirSync(dir)
      .filter((f) => /^\d{4}_.+\.sql$/.test(f))
      .sort();
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      const body = readFileSync(join(dir, file), 'utf8');
      const name = file.replace(/'/g, "''");
      await sql.exec(`BEGIN;\n${body}\n;INSERT INTO pulse_migrations (name) VALUES ('${name}');\nCOMMIT;`);
      applied.push(file);
    }
    return applied;
  } catch (err) {
    await sql.exec('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    if (lock) await sql.query('SELECT pg_advisory_unlock(7243001)');
  }
}
