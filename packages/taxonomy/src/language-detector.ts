import { LANGUAGES, type Language } from './languages';
import { STOPWORDS } from './stopwords';
import { BOUNDARY, COMMA } from './text';
import { trigramGuess } from './trigram-profile';

/**
 * A small detector for the seven lexicon languages, no model download: function words
 * (each weighted by how few languages share it), letters only some languages use, and, when
 * those leave it open (short titles), letter-trigram profiles (trigram-profile.ts).
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
const LETTER_GROUPS: [string, Partial<Record<Language, number>>][] = [
  ['ąęłńśźżć', { pl: 2 }],
  ['ó', { pl: 0.5, es: 0.5 }],
  ['ß', { de: 2 }],
  ['äö', { de: 1, nl: 0.2 }],
  ['ü', { de: 1 }],
  ['ñ¿¡', { es: 2 }],
  ['áí', { es: 1 }],
  ['ú', { es: 0.7, it: 0.2 }],
  ['çœêâîôû', { fr: 1.5 }],
  ['é', { fr: 1, es: 0.3, it: 0.2 }],
  ['è', { fr: 0.7, it: 0.7 }],
  ['àù', { fr: 0.5, it: 0.7 }],
  ['ìò', { it: 1.5 }],
  ['ëï', { nl: 0.5, fr: 0.5 }],
];
const LETTER_WEIGHT = new Map<number, Partial<Record<Language, number>>>();
for (const [chars, weights] of LETTER_GROUPS) {
  for (const c of chars) {
    LETTER_WEIGHT.set(c.charCodeAt(0), weights);
    LETTER_WEIGHT.set(c.toUpperCase().charCodeAt(0), weights);
  }
}
/** Each telling letter counts half a function word, and one letter at most six times. */
const LETTER_FACTOR = 0.5;
const LETTER_CAP = 6;

function addLetters(raw: string, scores: Record<Language, number>): void {
  let seen: Map<number, number> | null = null;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0xa1) continue;
    const weights = LETTER_WEIGHT.get(c);
    if (!weights) continue;
    seen ??= new Map();
    const n = (seen.get(c) ?? 0) + 1;
    seen.set(c, n);
    if (n > LETTER_CAP) continue;
    for (const lang in weights) scores[lang as Language] += (weights[lang as Language] as number) * LETTER_FACTOR;
  }
}

export interface LanguageGuess {
  language: Language;
  /** Share of the winning score in all scores (0–1); low means unsure. */
  confidence: number;
}

/**
 * The language of a text, from its raw form (for letters) and its folded tokens (one list or
 * several, e.g. title and summary). Falls back to `fallback` when the evidence is too thin.
 */
export function detectLanguage(raw: string, tokens: readonly string[] | readonly (readonly string[])[], fallback: Language = 'en'): LanguageGuess {
  const scores: Record<Language, number> = { en: 0, fr: 0, de: 0, it: 0, es: 0, pl: 0, nl: 0 };
  const lists = (typeof tokens[0] === 'string' || tokens.length === 0 ? [tokens] : tokens) as readonly (readonly string[])[];
  let words = 0;
  for (const list of lists) {
    for (const t of list) {
      if (t === BOUNDARY || t === COMMA) continue;
      words++;
      const entry = STOPWORD_WEIGHT.get(t);
      if (entry) for (const lang in entry) scores[lang as Language] += entry[lang as Language] as number;
    }
  }
  addLetters(raw, scores);
  // Letter trigrams only decide when function words and letters leave it open (titles).
  if (!clearWinner(scores)) {
    const byTrigrams = trigramGuess(lists.flat().filter((t) => t !== BOUNDARY && t !== COMMA));
    // A single name ("Frontex") is no evidence: the vote grows with the number of words.
    if (byTrigrams) scores[byTrigrams] += Math.min(TRIGRAM_VOTE, TRIGRAM_VOTE_PER_WORD * words);
  }
  return pick(scores, fallback);
}

const TRIGRAM_VOTE = 1.5;
const TRIGRAM_VOTE_PER_WORD = 0.3;

function clearWinner(scores: Record<Language, number>): boolean {
  const sorted = Object.values(scores).sort((a, b) => b - a);
  return (sorted[0] as number) >= 2 && (sorted[0] as number) - (sorted[1] as number) >= 1;
}

function pick(scores: Record<Language, number>, fallback: Language): LanguageGuess {
  let best: Language = fallback;
  let total = 0;
  for (const lang of LANGUAGES) {
    total += scores[lang];
    if (scores[lang] > scores[best]) best = lang;
  }
  // Too little evidence to leave the fallback (a bare name, a code).
  if (scores[best] < MIN_EVIDENCE) return { language: fallback, confidence: 0 };
  return { language: best, confidence: total > 0 ? scores[best] / total : 0 };
}

const MIN_EVIDENCE = 1;
