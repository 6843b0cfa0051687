import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDatabase, migrate, type Database } from '@pulse/db';

/** The PostgreSQL server tests use; CI and the README's test command point it at the local one. */
export const TEST_PG_URL = process.env.PULSE_TEST_PG_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  database: Database;
  drop(): Promise<void>;
}

function withDb(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh, migrated PostgreSQL database of its own, dropped by `drop()`. */
export async function createTestDatabase(label = 't'): Promise<TestDatabase> {
  const name = `pulse_${label.replace(/[^a-z0-9]/gi, '').toLowerCase()}_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDb(TEST_PG_URL, name);
  const database = await createDatabase({ url, max: 5 });
  await migrate(database);
  return {
    url,
    database,
    drop: async () => {
      await database.close();
      const c = new Client({ connectionString: TEST_PG_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
