/** The languages the taxonomy has labels, lexicons and a stemmer for. */
export const LANGUAGES = ['en', 'fr', 'de', 'it', 'es', 'pl', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];

const SET: ReadonlySet<string> = new Set(LANGUAGES);

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && SET.has(value);
}

/** `fr-BE`, `FR`, `fr_FR` → `fr`; anything we have no lexicon for → null. */
export function toLanguage(tag: string | null | undefined): Language | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return isLanguage(primary) ? primary : null;
}
