/**
 * Classifier throughput on one core, against the time to merely fold and tokenise the same
 * text in the same run (the floor any text classifier pays). Prints figures, asserts no speed.
 *
 * Items: tests/fixtures/corpus dev.jsonl + multilingual.jsonl, classified over and over. Two
 * loops: with the language given (as most feeds state it) and without (detection runs too).
 * Rates are given per wall-clock second and per CPU second of this process: on a shared
 * machine the CPU figure is the one that says what one core does.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { classify, fold, tokenize, type ClassifyInput } from '@pulse/taxonomy';

const ROOT = join(__dirname, '..', '..', '..');
const SECONDS = Number(process.env.BENCH_CLASSIFY_SECONDS ?? 3);
const GOAL = 5000;

function corpus(): (ClassifyInput & { detected: string })[] {
  const read = (file: string) =>
    readFileSync(join(ROOT, 'tests/fixtures/corpus', file), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { title: string; summary: string });
  return [...read('dev.jsonl'), ...read('multilingual.jsonl')].map((i) => {
    const detected = classify({ title: i.title, summary: i.summary }).language;
    return { title: i.title, summary: i.summary, detected };
  });
}

interface Rate {
  items: number;
  wallMs: number;
  cpuMs: number;
  perWallSecond: number;
  perCpuSecond: number;
}

/** Runs `fn` over the items, pass after pass, for about `seconds`. */
function measure<T>(items: T[], seconds: number, fn: (item: T) => unknown): Rate {
  let n = 0;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const until = t0 + BigInt(Math.round(seconds * 1e9));
  let sink = 0;
  while (process.hrtime.bigint() < until) {
    for (const item of items) {
      if (fn(item)) sink++;
      n++;
    }
  }
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  if (sink < 0) throw new Error('unreachable');
  return { items: n, wallMs, cpuMs, perWallSecond: (n / wallMs) * 1000, perCpuSecond: (n / cpuMs) * 1000 };
}

const fmt = (x: number) => Math.round(x).toLocaleString('en');

describe('classify benchmark', () => {
  it('prints items per second beside the tokenise-only rate', () => {
    const items = corpus();
    // Warm up: compile every language's lexicon, let the JIT settle.
    measure(items, 0.5, (i) => classify(i).themes.length);

    const tokenise = measure(items, SECONDS, (i) => tokenize(fold(i.title)).length + tokenize(fold(i.summary)).length);
    const given = measure(items, SECONDS, (i) => classify({ title: i.title, summary: i.summary, language: i.detected }).themes.length);
    const detected = measure(items, SECONDS, (i) => classify({ title: i.title, summary: i.summary }).themes.length);

    const lines = [
      `classify benchmark: ${items.length} corpus items (dev + multilingual), repeated for ~${SECONDS} s per loop, one core`,
      `  tokenise only (fold + tokenize)     ${fmt(tokenise.perCpuSecond).padStart(9)} items/CPU-s  (${fmt(tokenise.perWallSecond)} items/s wall)`,
      `  classify, language given           ${fmt(given.perCpuSecond).padStart(9)} items/CPU-s  (${fmt(given.perWallSecond)} items/s wall)  ${(tokenise.perCpuSecond / given.perCpuSecond).toFixed(1)}× the tokenise time`,
      `  classify, language detected        ${fmt(detected.perCpuSecond).padStart(9)} items/CPU-s  (${fmt(detected.perWallSecond)} items/s wall)  ${(tokenise.perCpuSecond / detected.perCpuSecond).toFixed(1)}× the tokenise time`,
      `  goal ${fmt(GOAL)} items/s: ${Math.min(given.perCpuSecond, detected.perCpuSecond) >= GOAL ? 'met' : 'NOT met'} (slower loop, per CPU second)`,
    ];
    process.stdout.write(`\n${lines.join('\n')}\n\n`);
    mkdirSync(join(ROOT, 'tests/bench/results'), { recursive: true });
    writeFileSync(
      join(ROOT, 'tests/bench/results/classify.json'),
      `${JSON.stringify({ at: new Date().toISOString(), items: items.length, tokenise, given, detected }, null, 2)}\n`,
    );
    expect(given.items).toBeGreaterThan(0);
    expect(detected.items).toBeGreaterThan(0);
  });
});
