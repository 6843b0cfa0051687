/**
 * `pnpm --filter @pulse/taxonomy calibrate`: fits the per-theme thresholds on
 * tests/fixtures/corpus/dev.jsonl and rewrites src/thresholds.data.ts. Run it after a lexicon
 * change, then `pnpm eval:classifier` to see the effect (including the cross-validated figures).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyse } from '../classifier';
import { SCORE_SCALE } from '../thresholds.data';
import { THEME_IDS } from '../themes';
import { calibrate } from './calibrate';
import { readCorpus } from './corpus';

const TARGET = join(__dirname, '..', '..', 'src', 'thresholds.data.ts');

function main(): void {
  const dev = readCorpus('dev.jsonl').map((item) => ({ id: item.id, gold: item.labels, analysis: analyse(item) }));
  const thresholds = calibrate(dev);
  const lines = THEME_IDS.map((id) => `  '${id}': ${thresholds[id]},`);
  writeFileSync(
    TARGET,
    `/**
 * Calibrated data, written by \`pnpm --filter @pulse/taxonomy calibrate\` from
 * tests/fixtures/corpus/dev.jsonl (${dev.length} items). Do not edit by hand: re-run the calibration.
 */
import type { ThemeId } from './themes';

/** Summed evidence weight w maps to the score 1 - exp(-w / SCORE_SCALE). */
export const SCORE_SCALE = ${SCORE_SCALE};

export const THRESHOLDS: Record<ThemeId, number> = {
${lines.join('\n')}
};
`,
  );
  console.log(`thresholds written to ${TARGET}`);
  for (const id of THEME_IDS) console.log(`  ${id.padEnd(31)} ${thresholds[id]}`);
}

main();
