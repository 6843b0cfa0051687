/**
 * Text folding and tokenising shared by the lexicon compiler and the classifier, so a term
 * and the text it should match always go through the same steps.
 */

/** Letters NFD does not decompose into a base letter plus a mark. */
const SPECIAL: Record<string, string> = { ł: 'l', ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ı: 'i', ħ: 'h', þ: 'th' };
const SPECIAL_RE = /[łßæœøđıħþ]/g;
const MARKS_RE = /[\u0300-\u036f]/g;

/** Lower case, accents stripped (é→e, ü→u, ł→l, ß→ss): matching is accent-insensitive. */
export function fold(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(MARKS_RE, '').replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c);
}

/**
 * Sentence and clause punctuation becomes a boundary token ('') that no phrase matches
 * across. A comma is a token of its own (','): only a term written with a comma matches
 * across one, so "economic, migration-related" is not "economic migration" while
 * "Commissioner for Migration, Home Affairs and Citizenship" still matches. Hyphens, slashes
 * and apostrophes only separate words.
 */
const TOKEN_RE = /([\p{L}\p{N}]+)|(,)|[.!?;:()[\]|•·–—]/gu;
export const BOUNDARY = '';
export const COMMA = ',';

export function tokenize(folded: string): string[] {
  const out: string[] = [];
  for (const m of folded.matchAll(TOKEN_RE)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(COMMA);
    else if (out.length && out[out.length - 1] !== BOUNDARY) out.push(BOUNDARY);
  }
  return out;
}

/** A lexicon term: words, each optionally ending in `*` (prefix match on the folded word). */
const TERM_RE = /[\p{L}\p{N}]+\*?|,/gu;
export function tokenizeTerm(term: string): string[] {
  return Array.from(fold(term).matchAll(TERM_RE), (m) => m[0]);
}
