import { createHash, randomBytes } from 'node:crypto';
import type { Database } from './client';

export type ApiKeyScope = 'read' | 'write';
export const API_KEY_SCOPES: readonly ApiKeyScope[] = ['read', 'write'];

/** What may be shown about a key: never the key, never its hash. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  scope: ApiKeyScope;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/**
 * `pulse_<prefix>_<secret>`: a recognisable marker (secret scanners, logs), 8 hex chars shown by
 * `api-key list` so an operator can tell keys apart, and 256 random bits. Hex keeps `_` a safe
 * separator.
 */
const KEY_PATTERN = /^pulse_([0-9a-f]{8})_([0-9a-f]{64})$/;

/** Only this hash is stored; a 256-bit random secret needs no slow hash or salt. */
export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

export const isWellFormedApiKey = (key: string): boolean => KEY_PATTERN.test(key);

interface ApiKeyRow {
  id: string;
  name: string;
  scope: ApiKeyScope;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = 'id, name, scope, prefix, created_at, last_used_at, revoked_at';

const toRecord = (r: ApiKeyRow): ApiKeyRecord => ({
  id: r.id,
  name: r.name,
  scope: r.scope,
  prefix: r.prefix,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

/** Creates a key and returns it in clear, the one time it exists outside the caller's hands. */
export async function createApiKey(
  database: Database,
  input: { name: string; scope: ApiKeyScope },
): Promise<{ key: string; record: ApiKeyRecord }> {
  const prefix = randomBytes(4).toString('hex');
  const key = `pulse_${prefix}_${randomBytes(32).toString('hex')}`;
  const [row] = await database.sql.query<ApiKeyRow>(
    `INSERT INTO api_keys (name, scope, prefix, key_hash) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
    [input.name, input.scope, prefix, hashApiKey(key)],
  );
  return { key, record: toRecord(row!) };
}

export async function listApiKeys(database: Database, opts: { includeRevoked?: boolean } = {}): Promise<ApiKeyRecord[]> {
  const rows = await database.sql.query<ApiKeyRow>(
    `SELECT ${COLUMNS} FROM api_keys ${opts.includeRevoked ? '' : 'WHERE revoked_at IS NULL'} ORDER BY created_at, id`,
  );
  return rows.map(toRecord);
}

/** Accepts the id or the 8-character prefix shown by `list`. Revoking twice keeps the first time. */
export async function revokeApiKey(database: Database, idOrPrefix: string): Promise<ApiKeyRecord | null> {
  const matches = await database.sql.query<{ id: string }>('SELECT id FROM api_keys WHERE id = $1 OR prefix = $1', [idOrPrefix]);
  if (matches.length > 1) throw new Error(`"${idOrPrefix}" matches ${matches.length} keys; give the id`);
  if (!matches[0]) return null;
  const [row] = await database.sql.query<ApiKeyRow>(
    `UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${COLUMNS}`,
    [matches[0].id],
  );
  return row ? toRecord(row) : null;
}

/** The unrevoked key matching `key`, or null. Malformed input never reaches the database. */
export async function findActiveApiKey(database: Database, key: string): Promise<ApiKeyRecord | null> {
  if (!isWellFormedApiKey(key)) return null;
  const [row] = await database.sql.query<ApiKeyRow>(
    `SELECT ${COLUMNS} FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
    [hashApiKey(key)],
  );
  return row ? toRecord(row) : null;
}

export async function touchApiKey(database: Database, id: string, at = new Date()): Promise<void> {
  await database.sql.query('UPDATE api_keys SET last_used_at = $2 WHERE id = $1', [id, at]);
}
