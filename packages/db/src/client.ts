import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
/** Both drivers expose the same query builder; PGlite's is typed as node-postgres's. */
export type Db = NodePgDatabase<Schema>;

export interface SqlRunner {
  /** Runs one or more statements (no parameters); used by the migrator. */
  exec(sql: string): Promise<void>;
  /**
   * `prepared`: a name for a statement run often with the same text (hot paths). PostgreSQL
   * then parses it once per connection and, after a few runs, plans it once: on the digest
   * and webhook workers' statements, parse and plan were more than half of the server's time.
   * One name, one text: never reuse a name for another statement. PGlite ignores it.
   */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], opts?: { prepared?: string }): Promise<T[]>;
  /** Runs `fn` on one connection (session-level locks need the same one). */
  session<T>(fn: (runner: SqlRunner) => Promise<T>): Promise<T>;
}

export interface Database {
  kind: 'postgres' | 'pglite';
  db: Db;
  sql: SqlRunner;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL URL; unset = embedded PGlite under `dataDir`. */
  url?: string;
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  max?: number;
}

export async function createDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url) return createPostgres(opts.url, opts.max ?? 10);
  return createPglite(resolve(opts.dataDir ?? './data', 'pglite'));
}

type Queryable = {
  query: ((text: string, params?: unknown[]) => Promise<{ rows: unknown[] }>) &
    ((config: { name: string; text: string; values?: unknown[] }) => Promise<{ rows: unknown[] }>);
};

function pgRunner(target: Queryable, session: SqlRunner['session']): SqlRunner {
  return {
    exec: async (text) => {
      await target.query(text);
    },
    query: async <T>(text: string, params?: unknown[], opts?: { prepared?: string }) =>
      (await (opts?.prepared ? target.query({ name: opts.prepared, text, values: params }) : target.query(text, params))).rows as T[],
    session,
  };
}

function createPostgres(url: string, max: number): Database {
  // Connections are kept once opened (as HikariCP's fixed-size default does): an app that was
  // quiet for a while must not pay for `max` fresh backends (fork + SCRAM) in the middle of the
  // next burst. With node-postgres's 10 s idle timeout, the first seconds of each burst after a
  // pause were an order of magnitude slower (tests/bench/webhooks). `close()` ends them.
  const pool = new Pool({ connectionString: url, max, idleTimeoutMillis: 0 });
  // An idle client losing its server must not crash the process: the pool replaces it.
  pool.on('error', () => undefined);
  // Named statements (`prepared`) are the hot paths, run thousands of times with new values;
  // PostgreSQL would otherwise keep planning their batch forms (`= ANY($1)`, `unnest($1)`)
  // afresh on every run. Unnamed statements are always planned with their values.
  pool.on('connect', (client) => void client.query('SET plan_cache_mode = force_generic_plan').catch(() => undefined));
  return {
    kind: 'postgres',
    db: drizzlePg(pool, { schema }),
    sql: pgRunner(pool, async (fn) => {
      const client = await pool.connect();
      try {
        return await fn(pgRunner(client, (inner) => inner(pgRunner(client, () => Promise.reject(new Error('nested session'))))));
      } finally {
        client.release();
      }
    }),
    close: () => pool.end(),
  };
}

async function createPglite(dir: string): Promise<Database> {
  mkdirSync(dir, { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const client = await PGlite.create(dir);
  const runner: SqlRunner = {
    exec: async (text) => {
      await client.exec(text);
    },
    query: async <T>(text: string, params?: unknown[]) => (await client.query<T>(text, params)).rows,
    // PGlite has a single connection: every call is already in the one session.
    session: (fn) => fn(runner),
  };
  return {
    kind: 'pglite',
    db: drizzle(client, { schema }) as unknown as Db,
    sql: runner,
    close: () => client.close(),
  };
}
