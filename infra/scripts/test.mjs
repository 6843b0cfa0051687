#!/usr/bin/env node
// `pnpm test`: services up, everything built (e2e tests spawn the built apps and CLI),
// then one jest run over the repository; the last line is `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'inherit', ...opts }).status ?? 1;
const fail = (why) => {
  console.error(`pnpm test: ${why}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
};

if (run('bash', ['infra/scripts/services.sh', '--with-chromium']) !== 0) fail('could not start Redis, PostgreSQL or install Chromium');
if (run('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']) !== 0) fail('build failed');

const dir = mkdtempSync(join(tmpdir(), 'pulse-test-'));
const summary = join(dir, 'summary.txt');
const code = run('pnpm', ['exec', 'jest', '--ci', '--maxWorkers=2', ...process.argv.slice(2)], {
  env: {
    ...process.env,
    PULSE_TEST_SUMMARY_FILE: summary,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=4096`.trim(),
  },
});
const line = existsSync(summary) ? readFileSync(summary, 'utf8').trim() : `0 passed, 1 failed`;
rmSync(dir, { recursive: true, force: true });
console.log(line);
process.exit(code);
