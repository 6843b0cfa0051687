#!/usr/bin/env node
// `pnpm test`: services up, everything built (e2e tests spawn the built apps and CLI),
// then one jest run over the repository ending in `N passed, N failed`.
import { spawnSync } from 'node:child_process';

const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'inherit', ...opts }).status ?? 1;

if (run('bash', ['infra/scripts/services.sh', '--with-chromium']) !== 0) {
  console.error('could not start Redis/PostgreSQL/Chromium');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
if (run('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']) !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const extra = process.argv.slice(2);
const code = run('pnpm', ['exec', 'jest', '--ci', '--maxWorkers=2', ...extra], {
  env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=4096`.trim() },
});
process.exit(code);
