/**
 * The primary language subtag of a tag, lower-cased (`en-GB`, `EN_us` → `en`); null when it is
 * not a tag. Subscribers and feeds choose a language, not a region, so that is what is compared.
 */
export function normaliseLanguage(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const t = tag.trim().toLowerCase().replace(/_/g, '-');
  return /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/.test(t) ? (t.split('-')[0] as string) : null;
}

/**
 * Languages an EU URL marks with a path segment (`/en/`), a suffix (`news_en`, `rss_en.xml`)
 * or a query parameter (`?language=en`). Limited to real codes so `/it/` style paths that are
 * not languages stay rare, and no arbitrary two-letter segment is read as one.
 */
const URL_LANGUAGES = new Set([
  'bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu', 'it', 'lt', 'lv', 'mt', 'nl',
  'pl', 'pt', 'ro', 'sk', 'sl', 'sv', 'uk', 'ru', 'ar', 'tr', 'zh', 'ja', 'is', 'no', 'nb', 'sq', 'mk', 'sr', 'bs', 'ka',
]);

export function languageFromUrl(url: string | null): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const param = parsed.searchParams.get('language') ?? parsed.searchParams.get('lang') ?? parsed.searchParams.get('hl');
  if (param && URL_LANGUAGES.has(param.toLowerCase())) return param.toLowerCase();
  const segments = parsed.pathname.split('/').filter(Boolean);
  const last = segments[segments.length - 1] ?? '';
  const suffix = (/_([a-z]{2})(?:\.[a-z0-9]+)?$/i.exec(last) ?? /\.([a-z]{2})\.(?:html?|pdf|php|aspx?)$/i.exec(last))?.[1]?.toLowerCase();
  if (suffix && URL_LANGUAGES.has(suffix)) return suffix;
  const segment = segments.find((s) => URL_LANGUAGES.has(s.toLowerCase()) && s.length === 2);
  return segment ? segment.toLowerCase() : null;
}
