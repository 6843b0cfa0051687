import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { z } from 'zod';
import { classify, type Classification } from '@pulse/taxonomy';
import { CliError } from '../cli-error';

/** One input line of `pulse classify`: the operator contract's `{"title","summary","language"?}`. */
const ClassifyLineSchema = z.object({
  title: z.string(),
  summary: z.string(),
  language: z.string().nullable().optional(),
});

type Answer = { themes: Classification['themes'] } | { error: string };

function answer(line: string): Answer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (err) {
    return { error: `not JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  const input = ClassifyLineSchema.safeParse(parsed);
  if (!input.success) {
    const issue = input.error.issues[0];
    return { error: `expected {"title","summary","language"?}: ${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}` };
  }
  return { themes: classify(input.data).themes };
}

function human(n: number, a: Answer): string {
  if ('error' in a) return `${n}: error: ${a.error}`;
  if (a.themes.length === 0) return `${n}: (no theme)`;
  return `${n}: ${a.themes.map((t) => `${t.id} ${t.score.toFixed(2)} [${t.evidence.map((e) => `${e.term}@${e.field}`).join(', ')}]`).join('; ')}`;
}

/** Writes respecting back-pressure, so a large input does not pile up in memory. */
function write(text: string): Promise<void> {
  return new Promise((resolve) => (process.stdout.write(text) ? resolve() : process.stdout.once('drain', resolve)));
}

/**
 * Reads JSON lines from stdin and answers each, in order, with exactly one line. A bad line
 * gets `{"error":…}` on its own line and the others are still answered; the exit code says
 * whether any line was bad. Blank lines are not inputs.
 */
async function run(opts: { json?: boolean }): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let n = 0;
  let bad = 0;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    n++;
    const a = answer(line);
    if ('error' in a) bad++;
    await write(`${opts.json ? JSON.stringify(a) : human(n, a)}\n`);
  }
  if (bad > 0) throw new CliError(`${bad} of ${n} input lines could not be classified`);
}

export function register(program: Command): void {
  program
    .command('classify')
    .description('classify JSON lines {"title","summary","language"?} read on stdin, one answer per line')
    .option('--json', 'answer each line with {"themes":[{"id","score","evidence"}]} (or {"error"})')
    .action(run);
}
