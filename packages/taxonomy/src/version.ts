import { CONTEXT, EXCLUSIONS, MASKS, THEME_LEXICONS } from './lexicon';
import { SCORE_SCALE, THRESHOLDS } from './thresholds.data';

/** The taxonomy's major version: the ten theme ids of PRODUCT.md. */
export const TAXONOMY_MAJOR = 1;
/** Bump when stemming, matching or scoring code changes results without a data change. */
export const ENGINE_REVISION = 1;

/** FNV-1a, 32 bit: a stable fingerprint of the data, not a security hash. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * Stored with every classified item. It changes whenever a lexicon term, weight, exclusion or
 * threshold changes, so `pulse reclassify` finds the items tagged by an older taxonomy even
 * when nobody remembered to bump a number (code changes bump ENGINE_REVISION).
 */
export const TAXONOMY_VERSION = `${TAXONOMY_MAJOR}.${fnv1a(
  JSON.stringify({ ENGINE_REVISION, THEME_LEXICONS, EXCLUSIONS, MASKS, CONTEXT, THRESHOLDS, SCORE_SCALE }),
)}`;
