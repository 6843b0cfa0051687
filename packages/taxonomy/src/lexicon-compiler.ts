import type { Language } from './languages';
import { CONTEXT, EXCLUSIONS, MASKS, THEME_LEXICONS, type Terms } from './lexicon';
import { STEMMERS } from './stemmer';
import { STOPWORDS } from './stopwords';
import { tokenizeTerm } from './text';
import type { ThemeId } from './themes';

/** What a matched phrase says. */
export interface KeyInfo {
  /** The lexicon term as written (first one registered for this key): the evidence. */
  term: string;
  hits: { theme: ThemeId; weight: number; nc: boolean; fallback: boolean }[];
  /** Shows the text is about people on the move. */
  ctx: boolean;
  /** Exclusion rules this phrase is a cue for. */
  cues: string[];
}

export interface TrieNode {
  exact?: Map<string, TrieNode>;
  /** Words given as `prefix*`, compared with the folded (unstemmed) word. */
  prefixes?: [string, TrieNode][];
  info?: KeyInfo;
}

export interface CompiledLexicon {
  language: Language;
  root: TrieNode;
  /** Root-level prefixes bucketed by their first three letters (a prefix has at least three). */
  rootPrefixes: Map<string, [string, TrieNode][]>;
  /** Problems in the data (a phrase reduced to one word by stopword removal, a prefix too short). */
  problems: string[];
}

interface TermToken {
  /** Stem, or the prefix itself for `word*`. */
  key: string;
  prefix: boolean;
  /** Folded word as written, for context patterns. */
  folded: string;
}

type Stem = (word: string) => string;

function termTokens(term: string, lang: Language, stem: Stem): { tokens: TermToken[]; dropped: boolean } {
  const stop = STOPWORDS[lang];
  const raw = tokenizeTerm(term);
  const tokens: TermToken[] = [];
  for (const w of raw) {
    if (w === ',') tokens.push({ key: w, prefix: false, folded: w });
    else if (w.endsWith('*')) tokens.push({ key: w.slice(0, -1), prefix: true, folded: w.slice(0, -1) });
    else if (!stop.has(w)) tokens.push({ key: stem(w), prefix: false, folded: w });
  }
  return { tokens, dropped: raw.length > 1 && tokens.length === 1 };
}

/** Sources for one language: its own terms first (they name the evidence), then names, then English. */
function sources(terms: Terms, lang: Language): { text: string; native: boolean }[] {
  const out = (terms[lang] ?? []).map((text) => ({ text, native: true }));
  for (const text of terms.any ?? []) out.push({ text, native: true });
  if (lang !== 'en') for (const text of terms.en ?? []) out.push({ text, native: false });
  return out;
}

class Builder {
  readonly root: TrieNode = {};
  readonly rootPrefixes = new Map<string, [string, TrieNode][]>();
  readonly problems: string[] = [];
  private readonly ctxPatterns: TermToken[][] = [];

  constructor(
    readonly lang: Language,
    private readonly stem: Stem,
  ) {}

  /** Native phrase + theme → weight, to report a phrase listed twice with different weights. */
  readonly nativeWeights = new Map<string, number>();
  lastKey = '';

  /** Adds a term; returns its node's info, or null when the term compiles to nothing. */
  add(term: string, native: boolean): KeyInfo | null {
    const { tokens, dropped } = termTokens(term, this.lang, this.stem);
    if (tokens.length === 0) return null;
    if (dropped) {
      if (native) this.problems.push(`${this.lang}: "${term}" is one word once function words are dropped`);
      return null;
    }
    this.lastKey = tokens.map((t) => (t.prefix ? `${t.key}*` : t.key)).join(' ');
    let node = this.child(this.root, tokens[0] as TermToken, true);
    for (const t of tokens.slice(1)) node = this.child(node, t, false);
    node.info ??= { term, hits: [], ctx: this.isContext(tokens), cues: [] };
    return node.info;
  }

  addContextPattern(term: string): void {
    const { tokens } = termTokens(term, this.lang, this.stem);
    if (tokens.length) this.ctxPatterns.push(tokens);
  }

  private child(node: TrieNode, t: TermToken, atRoot: boolean): TrieNode {
    if (!t.prefix) {
      node.exact ??= new Map();
      let next = node.exact.get(t.key);
      if (!next) node.exact.set(t.key, (next = {}));
      return next;
    }
    if (t.key.length < 3) this.problems.push(`${this.lang}: prefix "${t.key}*" is shorter than three letters`);
    const list = atRoot ? this.bucket(t.key.slice(0, 3)) : (node.prefixes ??= []);
    let found = list.find(([p]) => p === t.key);
    if (!found) list.push((found = [t.key, {}]));
    return found[1];
  }

  private bucket(head: string): [string, TrieNode][] {
    let list = this.rootPrefixes.get(head);
    if (!list) this.rootPrefixes.set(head, (list = []));
    return list;
  }

  private isContext(tokens: TermToken[]): boolean {
    return this.ctxPatterns.some((pattern) => containsPattern(tokens, pattern));
  }
}

function tokenMatches(t: TermToken, p: TermToken): boolean {
  if (p.prefix) return t.folded.startsWith(p.key);
  return !t.prefix && t.key === p.key;
}

function containsPattern(tokens: TermToken[], pattern: TermToken[]): boolean {
  for (let i = 0; i + pattern.length <= tokens.length; i++) {
    if (pattern.every((p, k) => tokenMatches(tokens[i + k] as TermToken, p))) return true;
  }
  return false;
}

function addThemeTerms(b: Builder): void {
  for (const lexicon of THEME_LEXICONS) {
    for (const entry of lexicon.entries) {
      const weights: [ThemeId, number][] = [[lexicon.theme, entry.w], ...(Object.entries(entry.also ?? {}) as [ThemeId, number][])];
      for (const { text, native } of sources(entry, b.lang)) {
        const info = b.add(text, native);
        if (!info) continue;
        for (const [theme, weight] of weights) {
          if (native) checkDuplicate(b, `${b.lastKey} → ${theme}`, weight, text);
          const same = info.hits.find((h) => h.theme === theme);
          // The same phrase listed twice (or in English and natively) keeps its strongest weight.
          const flags = { nc: entry.nc === true, fallback: entry.fallback === true };
          if (!same) info.hits.push({ theme, weight, ...flags });
          else if (weight > same.weight) Object.assign(same, { weight, ...flags });
        }
      }
    }
  }
}

function checkDuplicate(b: Builder, key: string, weight: number, text: string): void {
  const before = b.nativeWeights.get(key);
  if (before !== undefined && before !== weight) b.problems.push(`${b.lang}: "${text}" (${key}) has weights ${before} and ${weight}`);
  b.nativeWeights.set(key, weight);
}

function addContext(b: Builder): void {
  for (const { text } of sources(CONTEXT, b.lang)) b.addContextPattern(text);
  for (const { text, native } of sources(CONTEXT, b.lang)) {
    const info = b.add(text, native);
    if (info) info.ctx = true;
  }
}

/** Masks and cues are never context, even when they contain a migration word. */
function addMasksAndCues(b: Builder): void {
  for (const { text, native } of sources(MASKS, b.lang)) {
    const info = b.add(text, native);
    if (!info) continue;
    if (native && info.hits.length) b.problems.push(`${b.lang}: mask "${text}" hides theme term "${info.term}"`);
    Object.assign(info, { ctx: false, hits: [] });
  }
  for (const rule of EXCLUSIONS) {
    for (const { text, native } of sources(rule.cues, b.lang)) {
      const info = b.add(text, native);
      if (!info) continue;
      if (native && info.hits.length) b.problems.push(`${b.lang}: cue "${text}" hides theme term "${info.term}"`);
      info.ctx = false;
      info.hits = [];
      if (!info.cues.includes(rule.id)) info.cues.push(rule.id);
    }
  }
}

/** Longer prefixes first: on a tie in length the matcher keeps the first, the most specific. */
function sortPrefixes(node: TrieNode): void {
  node.prefixes?.sort(([a], [b]) => b.length - a.length);
  for (const next of node.exact?.values() ?? []) sortPrefixes(next);
  for (const [, next] of node.prefixes ?? []) sortPrefixes(next);
}

export function compileLexicon(lang: Language): CompiledLexicon {
  const b = new Builder(lang, STEMMERS[lang]);
  addContext(b);
  addThemeTerms(b);
  addMasksAndCues(b);
  sortPrefixes(b.root);
  for (const list of b.rootPrefixes.values()) {
    list.sort(([x], [y]) => y.length - x.length);
    for (const [, node] of list) sortPrefixes(node);
  }
  return { language: lang, root: b.root, rootPrefixes: b.rootPrefixes, problems: b.problems };
}

const cache = new Map<Language, CompiledLexicon>();

/** Compiled once per language, on first use. */
export function lexiconFor(lang: Language): CompiledLexicon {
  let compiled = cache.get(lang);
  if (!compiled) cache.set(lang, (compiled = compileLexicon(lang)));
  return compiled;
}
