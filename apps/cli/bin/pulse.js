#!/usr/bin/env node
// `pnpm pulse …`: runs the built CLI, building it first on a checkout that has none.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const main = join(__dirname, '..', 'dist', 'main.js');
if (!existsSync(main)) {
  const root = join(__dirname, '..', '..', '..');
  const r = spawnSync('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) {
    process.stderr.write('pulse: build failed; run `pnpm install` first\n');
    process.exit(1);
  }
}
require(main);
