import { atomText, rssText, type TextValue } from './text-construct.reader';
import { elements, NS, resolveUrl, textOf, type XmlElement } from './xml.tree';

/** One entry as the feed states it, before normalisation. */
export interface RawEntry {
  guid: string | null;
  /** Absolute (resolved against xml:base / the feed URL) when possible. */
  link: string | null;
  title: TextValue | null;
  summary: TextValue | null;
  content: TextValue | null;
  /** Raw date strings, best first. */
  publishedDates: string[];
  updatedDates: string[];
  /** xml:lang on the entry itself, or its dc:language. '' = explicitly none. */
  ownLanguage: string | null;
  /** xml:lang inherited from the feed. */
  inheritedLanguage: string | null;
  base: string | null;
  categories: string[];
  startsAt: string | null;
  endsAt: string | null;
  location: string | null;
}

export interface RawFeed {
  format: 'rss' | 'rdf' | 'atom';
  title: string | null;
  language: string | null;
  link: string | null;
  entries: RawEntry[];
}

const RSS_CORE = new Set<string | null>([
  null,
  NS.rss10,
  NS.rss09,
  'http://channel.netscape.com/rdf/simple/0.9/',
  'http://backend.userland.com/rss2',
  'http://backend.userland.com/rss',
  'http://blogs.law.harvard.edu/tech/rss',
  'http://purl.org/net/rss1.1#',
]);
const ATOM = new Set<string | null>([NS.atom10, NS.atom03]);
const EVENT_NS = 'http://purl.org/rss/1.0/modules/event/';

type Ns = Set<string | null> | string;
const inNs = (el: XmlElement, ns: Ns): boolean => (typeof ns === 'string' ? el.ns === ns : ns.has(el.ns));

/** First direct child with this local name (RSS names compared case-insensitively). */
function child(el: XmlElement, local: string, ns: Ns): XmlElement | undefined {
  const lower = local.toLowerCase();
  for (const c of el.children) {
    if (typeof c !== 'string' && (c.local === local || c.local.toLowerCase() === lower) && inNs(c, ns)) return c;
  }
  return undefined;
}

function childText(el: XmlElement, local: string, ns: Ns): string | null {
  const c = child(el, local, ns);
  const text = c ? textOf(c).trim() : '';
  return text || null;
}

function attr(el: XmlElement, local: string): string | undefined {
  for (const [key, value] of Object.entries(el.attrs)) if (key === local || key.endsWith(`:${local}`)) return value;
  return undefined;
}

/** Resolved when the base allows; otherwise the reference as written, for a later base. */
const reference = (ref: string, base: string | null): string => resolveUrl(ref, base) ?? ref.trim();

const present = (values: (string | null | undefined)[]): string[] => values.filter((v): v is string => !!v && !!v.trim());

/** The entry's alternate (HTML) link: rel missing or "alternate", with an href. */
function atomLink(el: XmlElement, ns: Ns): string | null {
  const links = elements(el).filter((c) => c.local === 'link' && inNs(c, ns) && c.attrs.href?.trim());
  const alternates = links.filter((l) => !l.attrs.rel || l.attrs.rel.trim() === 'alternate');
  const preferred = alternates.find((l) => !l.attrs.type || /html/i.test(l.attrs.type)) ?? alternates[0];
  return preferred ? reference(preferred.attrs.href as string, preferred.base) : null;
}

function categories(el: XmlElement): string[] {
  const out: string[] = [];
  for (const c of elements(el)) {
    const local = c.local.toLowerCase();
    if (local === 'category' && (ATOM.has(c.ns) || RSS_CORE.has(c.ns))) out.push(c.attrs.label?.trim() || c.attrs.term?.trim() || textOf(c).trim());
    else if (local === 'subject' && c.ns === NS.dc) out.push(textOf(c).trim());
  }
  return out.filter(Boolean);
}

const DATE_NS = new Set<string | null>([...RSS_CORE, ...ATOM, NS.dc, NS.dcterms]);

function dates(el: XmlElement, names: string[]): string[] {
  return present(names.map((n) => childText(el, n.slice(n.indexOf(':') + 1), n.startsWith('dc:') ? NS.dc : n.startsWith('dcterms:') ? NS.dcterms : DATE_NS)));
}

const PUBLISHED = ['pubDate', 'published', 'issued', 'dc:date', 'dcterms:issued', 'dcterms:created', 'dcterms:date', 'created'];
const UPDATED = ['updated', 'modified', 'dcterms:modified', 'lastBuildDate'];

function languageOf(el: XmlElement): { own: string | null; inherited: string | null } {
  const dcLanguage = childText(el, 'language', NS.dc) ?? childText(el, 'language', RSS_CORE);
  return { own: el.ownLang ? (el.lang ?? '') : dcLanguage, inherited: el.ownLang ? null : el.lang };
}

function common(el: XmlElement): Pick<RawEntry, 'publishedDates' | 'updatedDates' | 'ownLanguage' | 'inheritedLanguage' | 'base' | 'categories' | 'startsAt' | 'endsAt' | 'location'> {
  const lang = languageOf(el);
  return {
    publishedDates: dates(el, PUBLISHED),
    updatedDates: dates(el, UPDATED),
    ownLanguage: lang.own,
    inheritedLanguage: lang.inherited,
    base: el.base,
    categories: categories(el),
    startsAt: childText(el, 'startdate', EVENT_NS),
    endsAt: childText(el, 'enddate', EVENT_NS),
    location: childText(el, 'location', EVENT_NS),
  };
}

function readRssItem(el: XmlElement): RawEntry {
  const guidEl = child(el, 'guid', RSS_CORE);
  const guid = guidEl ? textOf(guidEl).trim() || null : null;
  const about = attr(el, 'about')?.trim() || null;
  const linkEl = child(el, 'link', RSS_CORE);
  const linkRef = linkEl ? textOf(linkEl).trim() || linkEl.attrs.href?.trim() : undefined;
  const permalink = guidEl ? (guidEl.attrs.isPermaLink ?? guidEl.attrs.ispermalink ?? 'true').trim().toLowerCase() !== 'false' : false;
  const link =
    (linkRef ? reference(linkRef, linkEl?.base ?? el.base) : null) ??
    atomLink(el, NS.atom10) ??
    (permalink && guid && /^https?:\/\//i.test(guid) ? resolveUrl(guid, null) : null) ??
    (about && /^https?:\/\//i.test(about) ? resolveUrl(about, null) : null);
  const titleEl = child(el, 'title', RSS_CORE) ?? child(el, 'title', NS.dc);
  const atomTitle = child(el, 'title', ATOM);
  const descEl = child(el, 'description', RSS_CORE) ?? child(el, 'description', NS.dc);
  const atomSummary = child(el, 'summary', ATOM);
  const encoded = child(el, 'encoded', NS.content);
  const atomContent = child(el, 'content', ATOM);
  const body = child(el, 'body', NS.xhtml);
  return {
    guid: guid ?? about ?? childText(el, 'id', ATOM) ?? childText(el, 'identifier', NS.dc),
    link,
    title: titleEl ? rssText(titleEl, 'title') : atomTitle ? atomText(atomTitle) : null,
    summary: descEl ? rssText(descEl, 'html') : atomSummary ? atomText(atomSummary) : null,
    content: encoded ? { html: true, value: textOf(encoded) } : atomContent ? atomText(atomContent) : body ? rssText(body, 'html') : null,
    ...common(el),
  };
}

function readAtomEntry(el: XmlElement, atom: Ns): RawEntry {
  const title = child(el, 'title', atom) ?? child(el, 'title', NS.dc);
  const summary = child(el, 'summary', atom) ?? child(el, 'description', NS.dc);
  const content = child(el, 'content', atom);
  const id = child(el, 'id', atom);
  const guid = id ? textOf(id).trim() || null : null;
  return {
    guid,
    link: atomLink(el, atom) ?? (guid && /^https?:\/\//i.test(guid) ? resolveUrl(guid, null) : null),
    title: title ? atomText(title) : null,
    summary: summary ? atomText(summary) : null,
    content: content ? atomText(content) : null,
    ...common(el),
  };
}

function feedText(el: XmlElement | undefined, ns: Ns): string | null {
  const t = el ? child(el, 'title', ns) : undefined;
  return t ? textOf(t).trim() || null : null;
}

/** Reads RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 0.3/1.0 from the tree. Null for anything else. */
export function readFeed(root: XmlElement): RawFeed | null {
  const local = root.local.toLowerCase();
  if (local === 'feed') {
    // A <feed> without the Atom namespace is still Atom.
    const atom = new Set([...ATOM, root.ns]);
    const entries = elements(root).filter((c) => c.local === 'entry' && atom.has(c.ns));
    const lang = childText(root, 'language', NS.dc) ?? root.lang;
    return { format: 'atom', title: feedText(root, atom), language: lang, link: atomLink(root, atom), entries: entries.map((e) => readAtomEntry(e, atom)) };
  }
  if (local !== 'rss' && local !== 'rdf' && local !== 'channel') return null;
  const channel = local === 'channel' ? root : child(root, 'channel', RSS_CORE);
  // Items belong in the channel (RSS 2.0) or beside it (RSS 1.0); publishers mix both.
  const holders = [channel, root].filter((h, i, all): h is XmlElement => !!h && all.indexOf(h) === i);
  const items = holders.flatMap((h) => elements(h).filter((c) => c.local.toLowerCase() === 'item' && RSS_CORE.has(c.ns)));
  const language = (channel && (childText(channel, 'language', RSS_CORE) ?? childText(channel, 'language', NS.dc) ?? channel.lang)) ?? root.lang;
  return {
    format: local === 'rdf' ? 'rdf' : 'rss',
    title: feedText(channel, RSS_CORE),
    language,
    link: channel ? childText(channel, 'link', RSS_CORE) : null,
    entries: items.map(readRssItem),
  };
}
