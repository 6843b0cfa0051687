#!/usr/bin/env node
// `pnpm bench [name]`: runs tests/bench/<name>/*.bench.ts (all when no name) one at a time.
import { spawnSync } from 'node:child_process';
const name = process.argv[2];
const args = ['exec', 'jest', '-c', 'jest.bench.config.js', '--runInBand', ...(name ? [`tests/bench/${name}/`] : [])];
process.exit(spawnSync('pnpm', args, { stdio: 'inherit' }).status ?? 1);
