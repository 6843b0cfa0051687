import { detectLanguage } from './language-detector';
import { toLanguage, type Language } from './languages';
import { EXCLUSIONS } from './lexicon';
import { lexiconFor, type KeyInfo } from './lexicon-compiler';
import { matchPhrases } from './matcher';
import { fold, tokenize } from './text';
import { THEME_IDS, type ThemeId } from './themes';
import { SCORE_SCALE, THRESHOLDS } from './thresholds.data';

export interface ClassifyInput {
  title: string;
  summary: string;
  /** BCP 47 tag from the source; detected when missing or not one of the lexicon languages. */
  language?: string | null;
}

export type EvidenceField = 'title' | 'summary';

export interface Evidence {
  term: string;
  field: EvidenceField;
  weight?: number;
}

export interface ThemeScore {
  id: ThemeId;
  /** 0–1, monotone in the summed weight of the evidence. */
  score: number;
  evidence: Evidence[];
}

export interface Classification {
  /** Themes over their threshold, best first. */
  themes: ThemeScore[];
  language: Language;
  /** Look-alike rules that removed themes (no migration context), e.g. `drugs`. */
  excluded: string[];
}

export interface Analysis {
  /** Every theme with any evidence, over its threshold or not. */
  scores: ThemeScore[];
  language: Language;
  excluded: string[];
}

/** A term in the title says more about the item than the same term in the body. */
const TITLE_FACTOR = 1.5;
/** Repeats add a little, at most twice: a press release repeats its subject. */
const REPEAT_BONUS = 0.25;
const MAX_REPEATS = 2;
const MAX_EVIDENCE = 8;
/** A term of at least this weight is strong evidence on its own. */
const STRONG = 3;

interface FieldMatches {
  field: EvidenceField;
  infos: KeyInfo[];
}

interface TermTally {
  info: KeyInfo;
  inTitle: boolean;
  count: number;
}

function resolveLanguage(input: ClassifyInput, titleTokens: string[], summaryTokens: string[]): Language {
  const given = toLanguage(input.language);
  if (given) return given;
  return detectLanguage(`${input.title} ${input.summary}`, [titleTokens, summaryTokens]).language;
}

function tally(fields: FieldMatches[]): Map<KeyInfo, TermTally> {
  const terms = new Map<KeyInfo, TermTally>();
  for (const { field, infos } of fields) {
    for (const info of infos) {
      const t = terms.get(info);
      if (t) {
        t.count++;
        t.inTitle ||= field === 'title';
      } else terms.set(info, { info, inTitle: field === 'title', count: 1 });
    }
  }
  return terms;
}

interface LookAlikes {
  /** The text is about people on the move. */
  ctx: boolean;
  excluded: string[];
  suppressed: Set<ThemeId>;
}

/** The look-alike rules whose cues are in a text without migration context, and what they drop. */
function lookAlikes(terms: Map<KeyInfo, TermTally>, apply: boolean): LookAlikes {
  let ctx = false;
  const cues = new Set<string>();
  for (const { info } of terms.values()) {
    ctx ||= info.ctx;
    for (const c of info.cues) cues.add(c);
  }
  const suppressed = new Set<ThemeId>();
  if (!apply || ctx || cues.size === 0) return { ctx, excluded: [], suppressed };
  const excluded = [...cues].sort();
  for (const id of excluded) for (const theme of SUPPRESS_BY_RULE.get(id) ?? []) suppressed.add(theme);
  return { ctx, excluded, suppressed };
}

const SUPPRESS_BY_RULE = new Map(EXCLUSIONS.map((r) => [r.id, r.suppress]));

type Hit = KeyInfo['hits'][number];

/** Themes with at least one strong, non-agency term: they silence other themes' agency names. */
function strongThemes(terms: Map<KeyInfo, TermTally>, counts: (hit: Hit) => boolean): Set<ThemeId> {
  const strong = new Set<ThemeId>();
  for (const t of terms.values()) {
    for (const hit of t.info.hits) if (!hit.fallback && hit.weight >= STRONG && counts(hit)) strong.add(hit.theme);
  }
  return strong;
}

function themeScores(terms: Map<KeyInfo, TermTally>, { ctx, suppressed }: LookAlikes): ThemeScore[] {
  const counts = (hit: Hit) => !suppressed.has(hit.theme) && (ctx || !hit.nc);
  const strong = strongThemes(terms, counts);
  const raw = new Map<ThemeId, { sum: number; evidence: Evidence[] }>();
  for (const t of terms.values()) {
    const factor = (t.inTitle ? TITLE_FACTOR : 1) * (1 + REPEAT_BONUS * Math.min(t.count - 1, MAX_REPEATS));
    for (const hit of t.info.hits) {
      if (!counts(hit)) continue;
      if (hit.fallback && [...strong].some((theme) => theme !== hit.theme)) continue;
      let acc = raw.get(hit.theme);
      if (!acc) raw.set(hit.theme, (acc = { sum: 0, evidence: [] }));
      acc.sum += hit.weight * factor;
      acc.evidence.push({ term: t.info.term, field: t.inTitle ? 'title' : 'summary', weight: hit.weight });
    }
  }
  const out: ThemeScore[] = [];
  for (const id of THEME_IDS) {
    const acc = raw.get(id);
    if (!acc) continue;
    const score = Math.round((1 - Math.exp(-acc.sum / SCORE_SCALE)) * 1000) / 1000;
    const evidence = acc.evidence.sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0)).slice(0, MAX_EVIDENCE);
    out.push({ id, score, evidence });
  }
  return out.sort((a, b) => b.score - a.score);
}

export interface AnalyseOptions {
  /** false: report what the look-alike rules would have removed (diagnostics, tests). */
  exclusions?: boolean;
}

/** Every theme's score and evidence, before thresholds (calibration and explanations use this). */
export function analyse(input: ClassifyInput, options: AnalyseOptions = {}): Analysis {
  const titleTokens = tokenize(fold(input.title ?? ''));
  const summaryTokens = tokenize(fold(input.summary ?? ''));
  const language = resolveLanguage(input, titleTokens, summaryTokens);
  const lexicon = lexiconFor(language);
  const fields: FieldMatches[] = [
    { field: 'title', infos: matchPhrases(lexicon, titleTokens).map((m) => m.info) },
    { field: 'summary', infos: matchPhrases(lexicon, summaryTokens).map((m) => m.info) },
  ];
  const terms = tally(fields);
  const rules = lookAlikes(terms, options.exclusions !== false);
  return { scores: themeScores(terms, rules), language, excluded: rules.excluded };
}

export interface ClassifyOptions extends AnalyseOptions {
  /** Per-theme thresholds; defaults to the calibrated ones. */
  thresholds?: Record<ThemeId, number>;
}

/** The EMN themes of one item, each with its score and the terms that fired. */
export function classify(input: ClassifyInput, options: ClassifyOptions = {}): Classification {
  const thresholds = options.thresholds ?? THRESHOLDS;
  const { scores, language, excluded } = analyse(input, options);
  return { themes: scores.filter((s) => s.score >= thresholds[s.id]), language, excluded };
}
