import { createDatabase, migrate, type Database } from '@pulse/db';

/** Opens the database (migrating it, as every app does at start), runs `fn`, closes it. */
export async function withDatabase<T>(
  env: { DATABASE_URL?: string; PULSE_DATA_DIR: string },
  fn: (database: Database) => Promise<T>,
  max = 1,
): Promise<T> {
  const database = await createDatabase({ url: env.DATABASE_URL, dataDir: env.PULSE_DATA_DIR, max });
  try {
    await migrate(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}
