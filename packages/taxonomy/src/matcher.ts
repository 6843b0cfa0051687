import type { CompiledLexicon, KeyInfo, TrieNode } from './lexicon-compiler';
import { STEMMERS } from './stemmer';
import { STOPWORDS } from './stopwords';
import { BOUNDARY, COMMA } from './text';

export interface PhraseMatch {
  info: KeyInfo;
  /** Word positions [start, end) in the field's token list. */
  start: number;
  end: number;
}

/** Stems are cached per language: news vocabulary repeats, stemming is the costly step. */
const STEM_CACHE_LIMIT = 50_000;
const stemCaches = new Map<string, Map<string, string>>();

function stemCache(language: string): Map<string, string> {
  let cache = stemCaches.get(language);
  if (!cache || cache.size > STEM_CACHE_LIMIT) stemCaches.set(language, (cache = new Map()));
  return cache;
}

/**
 * Longest match first, left to right, without overlap: a phrase consumes its words, so
 * "migrant smuggling" is one piece of evidence, "drug trafficking" never counts as
 * "trafficking", and a mask hides the words of an institution's name.
 */
export function matchPhrases(lexicon: CompiledLexicon, tokens: readonly string[]): PhraseMatch[] {
  const stem = STEMMERS[lexicon.language];
  const stop = STOPWORDS[lexicon.language];
  const cache = stemCache(lexicon.language);
  // Function words are skipped, as in the compiled terms; boundaries and commas are kept.
  const words: string[] = [];
  const keys: string[] = [];
  for (const t of tokens) {
    if (t === BOUNDARY || t === COMMA) {
      words.push(t);
      keys.push(t);
      continue;
    }
    if (stop.has(t)) continue;
    let s = cache.get(t);
    if (s === undefined) cache.set(t, (s = stem(t)));
    words.push(t);
    keys.push(s);
  }
  const out: PhraseMatch[] = [];
  let i = 0;
  while (i < keys.length) {
    if (keys[i] === BOUNDARY || keys[i] === COMMA) {
      i++;
      continue;
    }
    const found = longestAt(lexicon, words, keys, i);
    if (found) {
      out.push({ info: found.info, start: i, end: found.end });
      i = found.end;
    } else i++;
  }
  return out;
}

interface Found {
  info: KeyInfo;
  end: number;
}

/** Exact words are tried before prefixes, longer prefixes before shorter: ties go to the first. */
function longestAt(lexicon: CompiledLexicon, words: string[], keys: string[], i: number): Found | null {
  let best: Found | null = null;
  const consider = (node: TrieNode | undefined) => {
    if (!node) return;
    const found = deepest(node, words, keys, i + 1);
    if (found && (!best || found.end > best.end)) best = found;
  };
  consider(lexicon.root.exact?.get(keys[i] as string));
  const word = words[i] as string;
  const bucket = lexicon.rootPrefixes.get(word.slice(0, 3));
  if (bucket) for (const [prefix, node] of bucket) if (word.startsWith(prefix)) consider(node);
  return best;
}

/** The longest phrase continuing from `node`, whose last matched word ended before `j`. */
function deepest(node: TrieNode, words: string[], keys: string[], j: number): Found | null {
  let best: Found | null = node.info ? { info: node.info, end: j } : null;
  if (j >= keys.length || keys[j] === BOUNDARY) return best;
  const take = (next: TrieNode | undefined) => {
    if (!next) return;
    const found = deepest(next, words, keys, j + 1);
    if (found && (!best || found.end > best.end)) best = found;
  };
  if (node.exact) take(node.exact.get(keys[j] as string));
  if (node.prefixes) {
    const word = words[j] as string;
    for (const [prefix, next] of node.prefixes) if (word.startsWith(prefix)) take(next);
  }
  return best;
}
