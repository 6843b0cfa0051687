import { LANGUAGES, type Language } from './languages';
import { STOPWORDS } from './stopwords';
import { BOUNDARY, COMMA } from './text';

/**
 * A small detector for the seven lexicon languages, no model download: function words
 * (each weighted by how few languages share it), letters only some languages use, and
 * frequent word-final trigrams for texts too short to contain many function words.
 */
const STOPWORD_WEIGHT = new Map<string, Partial<Record<Language, number>>>();
for (const lang of LANGUAGES) {
  for (const w of STOPWORDS[lang]) {
    const entry = STOPWORD_WEIGHT.get(w) ?? {};
    entry[lang] = 1;
    STOPWORD_WEIGHT.set(w, entry);
  }
}
for (const entry of STOPWORD_WEIGHT.values()) {
  const n = Object.keys(entry).length;
  for (const lang of Object.keys(entry) as Language[]) entry[lang] = 1 / n;
}

/** Letters of the unfolded text that point to a language (ó and ü are shared, so weak). */
const LETTERS: [RegExp, Partial<Record<Language, number>>][] = [
  [/[ąęłńśźżć]/g, { pl: 2 }],
  [/ó/g, { pl: 0.5, es: 0.5 }],
  [/ß/g, { de: 2 }],
  [/[äö]/g, { de: 1, nl: 0.2 }],
  [/ü/g, { de: 1 }],
  [/ñ|[¿¡]/g, { es: 2 }],
  [/[áí]/g, { es: 1 }],
  [/ú/g, { es: 0.7, it: 0.2 }],
  [/[çœ]|[êâîôû]/g, { fr: 1.5 }],
  [/é/g, { fr: 1, es: 0.3, it: 0.2 }],
  [/è/g, { fr: 0.7, it: 0.7 }],
  [/[àù]/g, { fr: 0.5, it: 0.7 }],
  [/[ìò]/g, { it: 1.5 }],
  [/ë|ï/g, { nl: 0.5, fr: 0.5 }],
];

/** Word endings frequent in one language's running text (folded). */
const ENDINGS: Record<Language, string[]> = {
  en: ['ing', 'ion', 'ers', 'ted', 'ies'],
  fr: ['ent', 'ons', 'ees', 'eux', 'ite'],
  de: ['ung', 'ich', 'cht', 'ten', 'gen'],
  it: ['ione', 'zza', 'ato', 'ati', 'ita'],
  es: ['cion', 'ado', 'ada', 'dad', 'ios'],
  pl: ['ych', 'ego', 'owa', 'nie', 'ami'],
  nl: ['ijk', 'eid', 'aar', 'oor', 'ing'],
};

export interface LanguageGuess {
  language: Language;
  /** Share of the winning score in all scores (0–1); low means unsure. */
  confidence: number;
}

export function detectLanguage(raw: string, tokens: readonly string[], fallback: Language = 'en'): LanguageGuess {
  const scores: Record<Language, number> = { en: 0, fr: 0, de: 0, it: 0, es: 0, pl: 0, nl: 0 };
  let words = 0;
  for (const t of tokens) {
    if (t === BOUNDARY || t === COMMA) continue;
    words++;
    const entry = STOPWORD_WEIGHT.get(t);
    if (entry) for (const lang in entry) scores[lang as Language] += entry[lang as Language] as number;
  }
  const lower = raw.toLowerCase();
  for (const [re, weights] of LETTERS) {
    const n = Math.min(lower.match(re)?.length ?? 0, 6);
    if (n) for (const lang in weights) scores[lang as Language] += n * (weights[lang as Language] as number) * 0.5;
  }
  // Endings only decide short texts: in long ones function words are the better witness.
  if (words < 25) addEndings(tokens, scores);
  return pick(scores, fallback);
}

function addEndings(tokens: readonly string[], scores: Record<Language, number>): void {
  for (const t of tokens) {
    if (t.length < 5) continue;
    for (const lang of LANGUAGES) {
      for (const e of ENDINGS[lang]) if (t.endsWith(e)) scores[lang] += 0.25;
    }
  }
}

function pick(scores: Record<Language, number>, fallback: Language): LanguageGuess {
  let best: Language = fallback;
  let total = 0;
  for (const lang of LANGUAGES) {
    total += scores[lang];
    if (scores[lang] > scores[best]) best = lang;
  }
  return { language: best, confidence: total > 0 ? scores[best] / total : 0 };
}
