import { THEME_IDS, type ThemeId } from '../themes';

/** One item's gold labels and predicted themes. */
export interface Judged {
  id: string;
  gold: readonly string[];
  predicted: readonly string[];
}

export interface ThemeMetrics {
  theme: ThemeId;
  support: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Report {
  items: number;
  perTheme: ThemeMetrics[];
  /** Mean of the per-theme F1 over themes that occur in the gold labels or the predictions. */
  macroF1: number;
  microF1: number;
  noThemeItems: number;
  /** Items with no gold theme that got at least one predicted theme. */
  noThemeTagged: number;
  /** noThemeTagged / noThemeItems (0 when there are none). */
  noThemeTaggedShare: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const harmonic = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/**
 * Precision and recall per theme count an item once per theme. A theme with no gold item and
 * no prediction is left out of the macro average (it has no F1); one with predictions but no
 * gold item scores 0.
 */
export function evaluate(judged: readonly Judged[]): Report {
  const perTheme = THEME_IDS.map((theme): ThemeMetrics => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const j of judged) {
      const g = j.gold.includes(theme);
      const p = j.predicted.includes(theme);
      if (g && p) tp++;
      else if (p) fp++;
      else if (g) fn++;
    }
    const precision = ratio(tp, tp + fp);
    const recall = ratio(tp, tp + fn);
    return { theme, support: tp + fn, tp, fp, fn, precision, recall, f1: harmonic(precision, recall) };
  });
  const scored = perTheme.filter((m) => m.tp + m.fp + m.fn > 0);
  const macroF1 = ratio(scored.reduce((s, m) => s + m.f1, 0), scored.length);
  const tp = perTheme.reduce((s, m) => s + m.tp, 0);
  const fp = perTheme.reduce((s, m) => s + m.fp, 0);
  const fn = perTheme.reduce((s, m) => s + m.fn, 0);
  const microF1 = harmonic(ratio(tp, tp + fp), ratio(tp, tp + fn));
  const none = judged.filter((j) => j.gold.length === 0);
  const noThemeTagged = none.filter((j) => j.predicted.length > 0).length;
  return {
    items: judged.length,
    perTheme,
    macroF1,
    microF1,
    noThemeItems: none.length,
    noThemeTagged,
    noThemeTaggedShare: ratio(noThemeTagged, none.length),
  };
}

const pct = (x: number) => x.toFixed(3);

/** A plain-text table: one line per theme, then the summary lines. */
export function formatReport(title: string, r: Report): string {
  const lines = [`${title} (${r.items} items)`, `  ${'theme'.padEnd(31)} ${'supp'.padStart(4)}  ${'P'.padStart(5)}  ${'R'.padStart(5)}  ${'F1'.padStart(5)}   tp  fp  fn`];
  for (const m of r.perTheme) {
    lines.push(
      `  ${m.theme.padEnd(31)} ${String(m.support).padStart(4)}  ${pct(m.precision)}  ${pct(m.recall)}  ${pct(m.f1)}  ${String(m.tp).padStart(3)} ${String(m.fp).padStart(3)} ${String(m.fn).padStart(3)}`,
    );
  }
  lines.push(`  macro-F1 ${pct(r.macroF1)}   micro-F1 ${pct(r.microF1)}`);
  lines.push(`  no-theme items wrongly tagged: ${r.noThemeTagged}/${r.noThemeItems} = ${(100 * r.noThemeTaggedShare).toFixed(1)}%`);
  return lines.join('\n');
}
