import type { Language } from '../languages';
import type { ThemeId } from '../themes';

/**
 * Terms per language. `any` holds names used unchanged in every language (Frontex, ETIAS).
 * A term is one or more words; a word ending in `*` matches any word starting with it
 * (German and Dutch compounds: `asyl*` matches Asylverfahren). Every other word is compared
 * after folding and stemming, so inflected forms match; function words are ignored.
 */
export type Terms = Partial<Record<Language | 'any', readonly string[]>>;

export interface LexiconEntry extends Terms {
  /** Weight for the lexicon's theme: ~1 weak hint, 2 supporting, 3 strong, 4 decisive. */
  w: number;
  /** Generic outside migration ("integration", "children"): counts only with migration context. */
  nc?: boolean;
  /**
   * An agency's name (Frontex, EUAA, UNHCR): most of its news is about its theme, but when the
   * item has strong evidence for another theme the name alone says nothing more.
   */
  fallback?: boolean;
  /** The same term's weight for other themes. */
  also?: Partial<Record<ThemeId, number>>;
}

export interface ThemeLexicon {
  theme: ThemeId;
  entries: readonly LexiconEntry[];
}

/**
 * A look-alike: when one of its cues is in the text and nothing in the text is about people
 * on the move, the suppressed themes are dropped. Its cues also consume their words, so
 * "drug trafficking" never counts as "trafficking".
 */
export interface ExclusionRule {
  id: string;
  description: string;
  cues: Terms;
  suppress: readonly ThemeId[];
}
