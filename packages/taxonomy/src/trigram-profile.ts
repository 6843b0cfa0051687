import { LANGUAGES, type Language } from './languages';
import { THEME_LEXICONS, type Terms } from './lexicon';
import { STOPWORDS } from './stopwords';
import { THEMES } from './themes';
import { fold, tokenize } from './text';

/**
 * Letter-trigram profiles for the language detector, built at first use from text the
 * package already holds in every language: the lexicon terms, the theme labels and scope
 * notes, the function words. Small and domain-shaped, which suits news titles; no download.
 */
type Profile = { logp: Map<string, number>; unseen: number };

function* trigrams(word: string): Generator<string> {
  const padded = ` ${word} `;
  for (let i = 0; i + 3 <= padded.length; i++) yield padded.slice(i, i + 3);
}

function sampleText(lang: Language): string[] {
  const words: string[] = [...STOPWORDS[lang]];
  const add = (text: string) => words.push(...tokenize(fold(text)).filter((t) => t.length > 1));
  for (const theme of THEMES) {
    add(theme.text[lang].label);
    add(theme.text[lang].scope);
  }
  for (const lexicon of THEME_LEXICONS) {
    for (const entry of lexicon.entries) for (const term of (entry as Terms)[lang] ?? []) add(term.replace(/\*/g, ''));
  }
  return words;
}

function buildProfile(lang: Language): Profile {
  const counts = new Map<string, number>();
  let total = 0;
  for (const word of sampleText(lang)) {
    for (const g of trigrams(word)) {
      counts.set(g, (counts.get(g) ?? 0) + 1);
      total++;
    }
  }
  const denominator = total + counts.size + 1;
  const logp = new Map<string, number>();
  for (const [g, n] of counts) logp.set(g, Math.log((n + 1) / denominator));
  return { logp, unseen: Math.log(1 / denominator) };
}

let profiles: Map<Language, Profile> | null = null;

/** The language whose profile best explains the words' trigrams; null for no words. */
export function trigramGuess(words: readonly string[]): Language | null {
  if (words.length === 0) return null;
  profiles ??= new Map(LANGUAGES.map((l) => [l, buildProfile(l)]));
  let best: Language | null = null;
  let bestScore = -Infinity;
  for (const lang of LANGUAGES) {
    const p = profiles.get(lang) as Profile;
    let score = 0;
    for (const w of words) for (const g of trigrams(w)) score += p.logp.get(g) ?? p.unseen;
    if (score > bestScore) {
      best = lang;
      bestScore = score;
    }
  }
  return best;
}
