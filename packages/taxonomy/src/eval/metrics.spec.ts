import { evaluate, formatReport, type Judged } from './metrics';

/**
 * Four items worked by hand:
 *   a: gold trafficking            predicted trafficking                   → trafficking tp
 *   b: gold trafficking, return    predicted return, integration           → trafficking fn, return tp, integration fp
 *   c: gold —                      predicted trafficking                   → trafficking fp, a tagged no-theme item
 *   d: gold —                      predicted —                             → nothing
 * trafficking: tp 1 fp 1 fn 1 → P 1/2, R 1/2, F1 1/2
 * return-readmission: tp 1 → P 1, R 1, F1 1
 * integration: fp 1 → P 0, R 0, F1 0
 * macro-F1 over the three themes that occur = (0.5 + 1 + 0) / 3 = 0.5
 * micro: tp 2, fp 2, fn 1 → P 1/2, R 2/3, F1 4/7
 * no-theme items tagged: c of c, d → 1/2
 */
const SET: Judged[] = [
  { id: 'a', gold: ['trafficking'], predicted: ['trafficking'] },
  { id: 'b', gold: ['trafficking', 'return-readmission'], predicted: ['return-readmission', 'integration'] },
  { id: 'c', gold: [], predicted: ['trafficking'] },
  { id: 'd', gold: [], predicted: [] },
];

describe('evaluate', () => {
  const r = evaluate(SET);
  const theme = (id: string) => r.perTheme.find((m) => m.theme === id)!;

  it('computes precision, recall and F1 per theme', () => {
    expect(theme('trafficking')).toMatchObject({ support: 2, tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(theme('return-readmission')).toMatchObject({ support: 1, tp: 1, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 });
    expect(theme('integration')).toMatchObject({ support: 0, tp: 0, fp: 1, fn: 0, precision: 0, recall: 0, f1: 0 });
    expect(theme('legal-migration')).toMatchObject({ support: 0, tp: 0, fp: 0, fn: 0, f1: 0 });
  });

  it('averages F1 over the themes that occur, and counts tagged no-theme items', () => {
    expect(r.macroF1).toBeCloseTo(0.5, 10);
    expect(r.microF1).toBeCloseTo(4 / 7, 10);
    expect(r).toMatchObject({ items: 4, noThemeItems: 2, noThemeTagged: 1, noThemeTaggedShare: 0.5 });
  });

  it('prints one line per theme and the summary', () => {
    const text = formatReport('hand-made', r);
    expect(text).toContain('hand-made (4 items)');
    expect(text).toMatch(/trafficking\s+2\s+0\.500\s+0\.500\s+0\.500\s+1\s+1\s+1/);
    expect(text).toContain('macro-F1 0.500');
    expect(text).toContain('no-theme items wrongly tagged: 1/2 = 50.0%');
  });

  it('is 0, not NaN, on an empty set', () => {
    expect(evaluate([])).toMatchObject({ macroF1: 0, microF1: 0, noThemeTaggedShare: 0 });
  });
});
