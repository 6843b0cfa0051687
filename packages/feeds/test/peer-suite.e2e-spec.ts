import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { itemRecord, readFeedSource } from '@pulse/feeds';
import { itemsFromStdout, loadPeerCases, PEER_DIR, type PeerCase, type PeerFailure, type PeerItem, scoreCase } from './peer-suite.checker';

/**
 * feedparser's test feeds (tests/fixtures/peer-feedparser), checked the lenient way its README
 * describes. Every case runs in this process through the code path `pulse parse --json` uses
 * (readFeedSource → itemRecord → one JSON line); a sample (RSS 2.0 with a legacy charset, Atom
 * 0.3, Atom 1.0, RSS 1.0) also runs through the built CLI, whose output must be identical. The
 * sample is small because each CLI process loads every command's dependencies.
 */
const CLI = join(__dirname, '..', '..', '..', 'apps', 'cli', 'dist', 'main.js');
const run = promisify(execFile);
const BAR = 0.95;

const feedPath = (c: PeerCase): string => join(PEER_DIR, 'feeds', c.file);

/** What the CLI prints for a file, computed in-process: JSON lines, parsed back. */
async function inProcess(c: PeerCase): Promise<PeerItem[]> {
  try {
    const feed = await readFeedSource(feedPath(c), { allowPrivateNetworks: false });
    return itemsFromStdout(feed.items.map((i) => JSON.stringify(itemRecord(i))).join('\n'));
  } catch {
    return []; // the CLI prints nothing on stdout and exits non-zero: every check of the case fails
  }
}

async function viaCli(c: PeerCase): Promise<PeerItem[]> {
  const { stdout } = await run(process.execPath, [CLI, 'parse', feedPath(c), '--json'], { env: { ...process.env, PULSE_ALLOW_PRIVATE_NETWORKS: '' }, maxBuffer: 16 * 1024 * 1024 });
  return itemsFromStdout(stdout);
}

describe('feedparser peer suite', () => {
  const cases = loadPeerCases();

  it('has the 254 cases and 258 checks of the manifest', () => {
    expect(cases).toHaveLength(254);
    expect(cases.reduce((n, c) => n + c.checks.length, 0)).toBe(258);
  });

  it(`passes at least ${BAR * 100}% of the checks`, async () => {
    let passed = 0;
    let total = 0;
    const failures: PeerFailure[] = [];
    for (const c of cases) {
      const result = scoreCase(c, await inProcess(c));
      passed += result.passed;
      total += c.checks.length;
      failures.push(...result.failures);
    }
    const lines = failures.map((f) => `  ✗ ${f.file} ${f.check.kind}[${f.check.entry}]: expected ${JSON.stringify(f.check.expected)}, got ${JSON.stringify(f.actual)}`);
    process.stdout.write(`feedparser peer suite: ${passed}/${total} checks pass (${((passed / total) * 100).toFixed(1)}%)\n${lines.join('\n')}${lines.length ? '\n' : ''}`);
    expect(passed / total).toBeGreaterThanOrEqual(BAR);
  });

  it('gives the same lines through the built CLI', async () => {
    expect(existsSync(CLI)).toBe(true); // `pnpm test` builds first; run `pnpm exec turbo run build` otherwise
    const firstOf = (format: string) => cases.find((c) => c.format === format) as PeerCase;
    const sample = [cases.find((c) => c.file === 'encoding/euc-kr-item.xml') as PeerCase, firstOf('Atom 0.3'), firstOf('Atom 1.0'), firstOf('RSS 1.0/RDF')];
    expect(sample.every(Boolean)).toBe(true);
    for (let i = 0; i < sample.length; i += 2) {
      await Promise.all(
        sample.slice(i, i + 2).map(async (c) => {
          const [cli, local] = await Promise.all([viaCli(c), inProcess(c)]);
          expect({ file: c.file, items: cli }).toEqual({ file: c.file, items: local });
          expect(scoreCase(c, cli).failures).toEqual([]);
        }),
      );
    }
  }, 120_000);
});
