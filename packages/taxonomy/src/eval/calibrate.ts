import type { Analysis } from '../classifier';
import { THEME_IDS, type ThemeId } from '../themes';

/** One analysed item and its gold labels. */
export interface Scored {
  id: string;
  gold: readonly string[];
  analysis: Analysis;
}

/** A threshold must stay between these: outside them one corpus would decide alone. */
export const MIN_THRESHOLD = 0.3;
export const MAX_THRESHOLD = 0.85;
/** Prior threshold, and how much a departure from it costs in F1 (a light regulariser). */
export const PRIOR_THRESHOLD = 0.5;
const PRIOR_COST = 0.05;
/** An item with no theme that gets tagged costs this many ordinary false positives. */
const NO_THEME_COST = 2;

const scoreOf = (s: Scored, theme: ThemeId) => s.analysis.scores.find((t) => t.id === theme)?.score ?? 0;

function f1At(items: readonly Scored[], theme: ThemeId, t: number): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const s of items) {
    const gold = s.gold.includes(theme);
    const predicted = scoreOf(s, theme) >= t;
    if (gold && predicted) tp++;
    else if (predicted) fp += s.gold.length === 0 ? NO_THEME_COST : 1;
    else if (gold) fn++;
  }
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

/**
 * The threshold for one theme: candidates sit halfway between consecutive observed scores
 * (the widest margin either side), the best regularised F1 wins.
 */
export function calibrateTheme(items: readonly Scored[], theme: ThemeId): number {
  const scores = [...new Set(items.map((s) => scoreOf(s, theme)).filter((x) => x > 0))].sort((a, b) => b - a);
  const candidates = scores.map((s, k) => (k + 1 < scores.length ? (s + (scores[k + 1] as number)) / 2 : s - 0.01));
  let best = PRIOR_THRESHOLD;
  let bestValue = -Infinity;
  for (const raw of [PRIOR_THRESHOLD, ...candidates]) {
    const t = Math.min(MAX_THRESHOLD, Math.max(MIN_THRESHOLD, raw));
    const value = f1At(items, theme, t) - PRIOR_COST * Math.abs(t - PRIOR_THRESHOLD);
    if (value > bestValue + 1e-9) {
      best = t;
      bestValue = value;
    }
  }
  return Math.round(best * 1000) / 1000;
}

export function calibrate(items: readonly Scored[]): Record<ThemeId, number> {
  return Object.fromEntries(THEME_IDS.map((theme) => [theme, calibrateTheme(items, theme)])) as Record<ThemeId, number>;
}

/** Themes predicted for an analysed item under given thresholds. */
export function predict(analysis: Analysis, thresholds: Record<ThemeId, number>): ThemeId[] {
  return analysis.scores.filter((s) => s.score >= thresholds[s.id]).map((s) => s.id);
}

/** Deterministic fold of an item: a string hash of its id, so folds do not depend on file order. */
export function foldOf(id: string, k: number): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) % k;
}

/**
 * k-fold cross-validation of the calibration: thresholds are fitted on k-1 folds and applied
 * to the held-out fold; returns every item's held-out prediction.
 */
export function crossValidate(items: readonly Scored[], k = 5): { id: string; gold: readonly string[]; predicted: ThemeId[] }[] {
  const out: { id: string; gold: readonly string[]; predicted: ThemeId[] }[] = [];
  for (let fold = 0; fold < k; fold++) {
    const train = items.filter((s) => foldOf(s.id, k) !== fold);
    const thresholds = calibrate(train);
    for (const s of items) {
      if (foldOf(s.id, k) === fold) out.push({ id: s.id, gold: s.gold, predicted: predict(s.analysis, thresholds) });
    }
  }
  return out;
}
