import { resolveUrl } from './xml.tree';

/** Query parameters that only say how a reader arrived (campaign and click tracking). */
const TRACKING_PARAM =
  /^(?:utm_[a-z0-9_]+|at_[a-z0-9_]+|xtor|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|twclid|igshid|mc_cid|mc_eid|_hsenc|_hsmi|mkt_tok|pk_(?:campaign|kwd|source|medium|content)|mtm_[a-z]+|oly_(?:anon|enc)_id|vero_(?:id|conv)|_ga|_gl|wt\.mc_id|cmpid)$/i;

/**
 * An absolute http(s) URL for an item link: resolved against xml:base or the feed URL, with
 * tracking parameters removed and otherwise left as published (path case, trailing slash,
 * fragment and the order of other parameters are kept). Null when it is not a web URL.
 */
export function canonicalUrl(ref: string | null | undefined, base: string | null): string | null {
  if (!ref?.trim()) return null;
  const absolute = resolveUrl(ref, base);
  if (!absolute) return null;
  const url = new URL(absolute);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.search) {
    const kept = url.search
      .slice(1)
      .split('&')
      .filter((pair) => pair && !TRACKING_PARAM.test(decodeURIComponentSafe(pair.split('=')[0] ?? '')));
    url.search = kept.length ? `?${kept.join('&')}` : '';
  }
  return url.toString();
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Whether a string is an absolute http(s) URL (a guid that can serve as the link). */
export const isWebUrl = (s: string | null | undefined): boolean => !!s && /^https?:\/\/[^\s/]+/i.test(s.trim()) && resolveUrl(s, null) !== null;

/** The path of an absolute URL, or null. */
export function urlPath(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).pathname;
  } catch {
    return null;
  }
}
