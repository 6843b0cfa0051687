#!/usr/bin/env node
// `pnpm start`: every app of EMN Pulse.
// - No DATABASE_URL (the embedded default): one process holds the PGlite database under
//   ./data and runs all apps in it (PGlite has a single connection, so they share it).
// - With DATABASE_URL: one child process per app, restarted if one dies.
// `PULSE_FEEDS=demo` makes ingest poll the captured feeds served on loopback.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const APPS = ['api', 'ingest', 'classifier', 'webhooks', 'digest'];
const log = (msg) => console.log(`[pulse] ${msg}`);

function prepare() {
  const services = spawnSync('bash', [join(root, 'infra/scripts/services.sh'), '--redis-only'], { stdio: 'inherit' });
  if (services.status !== 0) throw new Error('Redis could not be started');
  const build = spawnSync('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
}

async function embedded() {
  const { createDatabase, migrate } = require(join(root, 'packages/db/dist/index.js'));
  const dataDir = process.env.PULSE_DATA_DIR ?? join(root, 'data');
  process.env.PULSE_DATA_DIR = dataDir;
  log(`embedded PGlite database in ${join(dataDir, 'pglite')} (set DATABASE_URL to use PostgreSQL)`);
  const database = await createDatabase({ dataDir });
  const applied = await migrate(database);
  if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
  const running = [];
  for (const app of APPS) {
    const { bootstrap } = require(join(root, `apps/${app}/dist/main.js`));
    running.push(await bootstrap({ database }));
    log(`${app} started`);
  }
  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    for (const app of running.reverse()) await app.close().catch((e) => console.error(e));
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

function separate() {
  log(`PostgreSQL at ${new URL(process.env.DATABASE_URL).host}; one process per app`);
  const children = new Map();
  let stopping = false;
  const launch = (app, delay = 0) =>
    setTimeout(() => {
      if (stopping) return;
      const child = spawn(process.execPath, [join(root, `apps/${app}/dist/main.js`)], { cwd: root, stdio: 'inherit', env: process.env });
      children.set(app, child);
      child.on('exit', (code, signal) => {
        if (stopping) return;
        log(`${app} exited (${signal ?? code}); restarting in 2 s`);
        launch(app, 2000);
      });
    }, delay);
  // The api applies migrations first; the others start once it has had a moment.
  launch('api');
  APPS.slice(1).forEach((app) => launch(app, 1500));
  const stop = (signal) => {
    stopping = true;
    log(`${signal}: stopping`);
    for (const c of children.values()) c.kill('SIGTERM');
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

try {
  prepare();
  if (process.env.DATABASE_URL) separate();
  else await embedded();
} catch (err) {
  console.error(`[pulse] cannot start: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
