/**
 * Calibrated data, written by `pnpm --filter @pulse/taxonomy calibrate` from
 * tests/fixtures/corpus/dev.jsonl (210 items). Do not edit by hand: re-run the calibration.
 */
import type { ThemeId } from './themes';

/** Summed evidence weight w maps to the score 1 - exp(-w / SCORE_SCALE). */
export const SCORE_SCALE = 4;

export const THRESHOLDS: Record<ThemeId, number> = {
  'legal-migration': 0.5,
  'international-protection': 0.412,
  'vulnerable-groups': 0.653,
  'integration': 0.62,
  'citizenship-statelessness': 0.5,
  'borders-visa-schengen': 0.58,
  'irregular-migration-smuggling': 0.5,
  'trafficking': 0.58,
  'return-readmission': 0.5,
  'migration-development': 0.5,
};
