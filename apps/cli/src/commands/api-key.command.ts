import { Command, Option } from 'commander';
import { databaseEnv, parseEnv } from '@pulse/config';
import {
  API_KEY_SCOPES,
  createApiKey,
  listApiKeys,
  revokeApiKey,
  type ApiKeyRecord,
  type ApiKeyScope,
  type Database,
} from '@pulse/db';
import { withDatabase } from '../cli-database';
import { CliError } from '../cli-error';
import { CliEnvSchema } from '../config/env';

const ApiKeyCliEnvSchema = CliEnvSchema.extend(databaseEnv.shape);

const withKeysDatabase = <T>(fn: (database: Database) => Promise<T>): Promise<T> => withDatabase(parseEnv(ApiKeyCliEnvSchema), fn);

const when = (d: Date | null) => (d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : '-');

function table(keys: ApiKeyRecord[]): string {
  const rows = [
    ['ID', 'PREFIX', 'NAME', 'SCOPE', 'CREATED', 'LAST USED', 'REVOKED'],
    ...keys.map((k) => [k.id, k.prefix, k.name, k.scope, when(k.createdAt), when(k.lastUsedAt), when(k.revokedAt)]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}

const toJson = (k: ApiKeyRecord) => ({ ...k, createdAt: when(k.createdAt), lastUsedAt: k.lastUsedAt && when(k.lastUsedAt), revokedAt: k.revokedAt && when(k.revokedAt) });

async function create(opts: { name: string; scope: ApiKeyScope; json?: boolean }): Promise<void> {
  const name = opts.name.trim();
  if (!name || name.length > 100) throw new CliError('--name must be 1 to 100 characters');
  const { key, record } = await withKeysDatabase((database) => createApiKey(database, { name, scope: opts.scope }));
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ ...toJson(record), key })}\n`);
    return;
  }
  // the key alone on stdout, so `$(pnpm -s pulse api-key create …)` captures just it
  process.stderr.write(`Created ${record.scope} key "${record.name}" (id ${record.id}). It is shown only this once:\n`);
  process.stdout.write(`${key}\n`);
}

async function list(opts: { all?: boolean; json?: boolean }): Promise<void> {
  const keys = await withKeysDatabase((database) => listApiKeys(database, { includeRevoked: opts.all }));
  if (opts.json) for (const k of keys) process.stdout.write(`${JSON.stringify(toJson(k))}\n`);
  else if (keys.length === 0) process.stderr.write(opts.all ? 'No API keys.\n' : 'No active API keys (--all shows revoked ones).\n');
  else process.stdout.write(table(keys));
}

async function revoke(ref: string): Promise<void> {
  const key = await withKeysDatabase(async (database) => {
    try {
      return await revokeApiKey(database, ref);
    } catch (err) {
      throw new CliError((err as Error).message);
    }
  });
  if (!key) throw new CliError(`no API key with id or prefix "${ref}"`);
  process.stdout.write(`Revoked key "${key.name}" (id ${key.id}, prefix ${key.prefix}) at ${when(key.revokedAt)}.\n`);
}

export function register(program: Command): void {
  const cmd = program.command('api-key').description('create, list and revoke admin API keys');
  cmd
    .command('create')
    .description('create a key and print it once (only its SHA-256 hash is stored)')
    .requiredOption('--name <name>', 'who or what uses the key')
    .addOption(new Option('--scope <scope>', 'read: GET routes only; write: every route').choices(API_KEY_SCOPES).makeOptionMandatory())
    .option('--json', 'print one JSON object with the key and its record')
    .action(create);
  cmd
    .command('list')
    .description('list keys (never the keys themselves)')
    .option('--all', 'include revoked keys')
    .option('--json', 'one JSON object per line')
    .action(list);
  cmd.command('revoke <id-or-prefix>').description('revoke a key at once').action(revoke);
}
