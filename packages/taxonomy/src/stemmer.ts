import type { Language } from './languages';

/**
 * Light stemmers (suffix stripping in the manner of Savoy's "light" stemmers) on folded words.
 * They only have to be consistent: the lexicon is compiled with the same function, so
 * "refugees", "refugee" and "refugee's" meet at one stem. Irregular forms ("child"/"children",
 * Polish consonant changes) are listed in the lexicon instead.
 */
export type Stemmer = (word: string) => string;

const strip = (w: string, n: number) => w.slice(0, w.length - n);

function undouble(w: string): string {
  const n = w.length;
  return n > 3 && w[n - 1] === w[n - 2] && !'aeiouls'.includes(w[n - 1] as string) ? strip(w, 1) : w;
}

export function stemEnglish(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = strip(w, 3) + 'y';
  else if (/(?:ch|sh|x|z|ss)es$/.test(w)) w = strip(w, 2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = strip(w, 1);
  if (w.length > 5 && w.endsWith('ing')) w = undouble(strip(w, 3));
  else if (w.length > 4 && w.endsWith('ed') && !w.endsWith('eed')) w = undouble(strip(w, 2));
  else if (w.length > 5 && w.endsWith('er')) w = undouble(strip(w, 2));
  if (w.length > 4 && w.endsWith('e')) w = strip(w, 1);
  return w;
}

export function stemFrench(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith('aux') && w.length > 4) w = strip(w, 3) + 'al';
  else if (w.endsWith('s') || w.endsWith('x')) w = strip(w, 1);
  if (w.length > 4 && w.endsWith('e')) w = strip(w, 1);
  if (w.length > 4 && w.endsWith('e')) w = strip(w, 1);
  return w;
}

export function stemItalian(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (/[cg]h[ei]$/.test(w)) return strip(w, 2);
  if (/[aeio]$/.test(w)) w = strip(w, 1);
  if (w.length > 4 && w.endsWith('i')) w = strip(w, 1);
  return w;
}

export function stemSpanish(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.length > 4 && /[^aeiou]es$/.test(w)) w = strip(w, 2);
  else if (w.endsWith('s')) w = strip(w, 1);
  if (w.length > 4 && /[aoe]$/.test(w)) w = strip(w, 1);
  return w;
}

const GERMAN = ['innen', 'ern', 'em', 'en', 'er', 'es', 'e', 's', 'n'];
export function stemGerman(word: string): string {
  for (const suffix of GERMAN) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) return strip(word, suffix.length);
  }
  return word;
}

export function stemDutch(word: string): string {
  let w = word;
  if (w.length <= 4) return w;
  if (w.endsWith('en') && w.length > 5) w = strip(w, 2);
  // Plural -s follows -er, -el, -em, -je or a vowel (asielzoekers, controles); "grens" keeps its s.
  else if (w.length > 4 && /(?:er|el|em|je|ie|[aeiouy])s$/.test(w)) w = strip(w, 1);
  if (w.length > 4 && w.endsWith('e')) w = strip(w, 1);
  if (w.endsWith('z')) w = strip(w, 1) + 's';
  else if (w.endsWith('v')) w = strip(w, 1) + 'f';
  return undouble(w);
}

/** Longest first; case and adjective endings of folded Polish (ą→a, ę→e, ó→o). */
const POLISH = [
  'owych', 'owego', 'owemu', 'owymi', 'owej', 'owie', 'ami', 'ach', 'ego', 'emu', 'ych', 'ymi', 'ich', 'imi', 'iej',
  'owa', 'owe', 'owy', 'owi', 'ow', 'om', 'em', 'ym', 'im', 'ej', 'ie', 'a', 'e', 'i', 'y', 'u', 'o',
];
export function stemPolish(word: string): string {
  for (const suffix of POLISH) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) return strip(word, suffix.length);
  }
  return word;
}

export const STEMMERS: Record<Language, Stemmer> = {
  en: stemEnglish,
  fr: stemFrench,
  de: stemGerman,
  it: stemItalian,
  es: stemSpanish,
  pl: stemPolish,
  nl: stemDutch,
};
