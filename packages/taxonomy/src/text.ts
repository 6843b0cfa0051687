/**
 * Text folding and tokenising shared by the lexicon compiler and the classifier, so a term
 * and the text it should match always go through the same steps.
 */

/** Letters NFD does not decompose into a base letter plus a mark. */
const SPECIAL: Record<string, string> = { ł: 'l', ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ı: 'i', ħ: 'h', þ: 'th' };
const SPECIAL_RE = /[łßæœøđıħþ]/g;
const MARKS_RE = /[\u0300-\u036f]/g;

const NEEDS_NFD_RE = /[\u00c0-\u024f\u1e00-\u1eff\u0300-\u036f]/;
const HAS_SPECIAL_RE = /[łßæœøđıħþ]/;

/** Lower case, accents stripped (é→e, ü→u, ł→l, ß→ss): matching is accent-insensitive. */
export function fold(text: string): string {
  let s = text.toLowerCase();
  // Most English text has no accented letter: skip the costly normalisation then.
  if (NEEDS_NFD_RE.test(s)) s = s.normalize('NFD').replace(MARKS_RE, '');
  if (HAS_SPECIAL_RE.test(s)) s = s.replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c);
  return s;
}

/**
 * Sentence and clause punctuation becomes a boundary token ('') that no phrase matches
 * across. A comma is a token of its own (','): only a term written with a comma matches
 * across one, so "economic, migration-related" is not "economic migration" while
 * "Commissioner for Migration, Home Affairs and Citizenship" still matches. Hyphens, slashes
 * and apostrophes only separate words.
 */
export const BOUNDARY = '';
export const COMMA = ',';
const OTHER = 0;
const WORD = 1;
const BREAK = 2;
const COMMA_CHAR = 3;
/** Character classes for the common ranges (Latin, Greek, Cyrillic, punctuation), built once. */
const TABLE_SIZE = 0x2100;
const CHAR_CLASS = new Uint8Array(TABLE_SIZE);
const LETTER_RE = /[\p{L}\p{N}]/u;
for (let c = 0; c < TABLE_SIZE; c++) {
  if (c >= 0xd800) break;
  CHAR_CLASS[c] = LETTER_RE.test(String.fromCharCode(c)) ? WORD : OTHER;
}
for (const ch of '.!?;:()[]|•·–—') CHAR_CLASS[ch.charCodeAt(0)] = BREAK;
CHAR_CLASS[44] = COMMA_CHAR;
const farCache = new Map<number, number>();

function charClass(c: number): number {
  if (c < TABLE_SIZE) return CHAR_CLASS[c] as number;
  let v = farCache.get(c);
  if (v === undefined) farCache.set(c, (v = LETTER_RE.test(String.fromCharCode(c)) ? WORD : OTHER));
  return v;
}

/** Words, commas and boundaries of folded text (a hand-written scanner: this runs per item). */
export function tokenize(folded: string): string[] {
  const out: string[] = [];
  let start = -1;
  const n = folded.length;
  for (let i = 0; i <= n; i++) {
    const k = i < n ? charClass(folded.charCodeAt(i)) : OTHER;
    if (k === WORD) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      out.push(folded.slice(start, i));
      start = -1;
    }
    if (k === COMMA_CHAR) out.push(COMMA);
    else if (k === BREAK && out.length && out[out.length - 1] !== BOUNDARY) out.push(BOUNDARY);
  }
  return out;
}

/** A lexicon term: words, each optionally ending in `*` (prefix match on the folded word). */
const TERM_RE = /[\p{L}\p{N}]+\*?|,/gu;
export function tokenizeTerm(term: string): string[] {
  return Array.from(fold(term).matchAll(TERM_RE), (m) => m[0]);
}
