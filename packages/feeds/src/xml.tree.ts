import { Parser } from 'htmlparser2';
import { FeedError } from './feed.error';

/**
 * A small namespace-aware XML tree (built with htmlparser2 in XML mode), so a reader can ask for
 * "the Atom `link`" or "the RSS `description`" regardless of the prefixes a feed happens to use,
 * and knows the `xml:lang` and `xml:base` each element inherits.
 */
export interface XmlElement {
  /** Qualified name as written. */
  name: string;
  local: string;
  ns: string | null;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Inherited xml:lang; '' when explicitly unset. */
  lang: string | null;
  /** Whether this element itself carries xml:lang. */
  ownLang: boolean;
  /** Inherited xml:base, resolved to an absolute URL when possible. */
  base: string | null;
}
export type XmlNode = XmlElement | string;

export const NS = {
  atom10: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rss10: 'http://purl.org/rss/1.0/',
  rss09: 'http://my.netscape.com/rdf/simple/0.9/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  xhtml: 'http://www.w3.org/1999/xhtml',
  media: 'http://search.yahoo.com/mrss/',
  xml: 'http://www.w3.org/XML/1998/namespace',
} as const;

/** Feeds often use these prefixes without declaring them; read them as everyone means them. */
const UNDECLARED_PREFIXES: Record<string, string> = {
  atom: NS.atom10,
  rdf: NS.rdf,
  dc: NS.dc,
  dcterms: NS.dcterms,
  content: NS.content,
  xhtml: NS.xhtml,
  media: NS.media,
  xml: NS.xml,
};

export function resolveUrl(ref: string, base: string | null): string | null {
  try {
    return new URL(ref.trim(), base || undefined).toString();
  } catch {
    return null;
  }
}

interface Scope {
  el: XmlElement;
  prefixes: Record<string, string>;
}

function openElement(name: string, attrs: Record<string, string>, parent: Scope): Scope {
  let prefixes = parent.prefixes;
  for (const key in attrs) {
    if (key !== 'xmlns' && !key.startsWith('xmlns:')) continue;
    if (prefixes === parent.prefixes) prefixes = { ...parent.prefixes };
    prefixes[key === 'xmlns' ? '' : key.slice(6)] = attrs[key] as string;
  }
  const colon = name.indexOf(':');
  const prefix = colon < 0 ? '' : name.slice(0, colon);
  const ns = prefixes[prefix] ?? (prefix ? (UNDECLARED_PREFIXES[prefix.toLowerCase()] ?? null) : null);
  const lang = attrs['xml:lang'];
  const base = attrs['xml:base'];
  const el: XmlElement = {
    name,
    local: colon < 0 ? name : name.slice(colon + 1),
    ns: ns || null,
    attrs,
    children: [],
    lang: lang !== undefined ? lang.trim() : parent.el.lang,
    ownLang: lang !== undefined,
    base: base !== undefined ? (resolveUrl(base, parent.el.base) ?? parent.el.base) : parent.el.base,
  };
  parent.el.children.push(el);
  return { el, prefixes };
}

/** Real feeds nest a few dozen levels; much deeper is an attack on recursive readers. */
export const MAX_DEPTH = 256;

/**
 * Parses XML that `prepareXml` has repaired. Returns the document's root element.
 * Throws FeedError('malformed') past MAX_DEPTH levels of nesting.
 */
export function parseXmlTree(xml: string, documentBase: string | null): XmlElement | null {
  const doc: XmlElement = { name: '#document', local: '#document', ns: null, attrs: {}, children: [], lang: null, ownLang: false, base: documentBase };
  const stack: Scope[] = [{ el: doc, prefixes: {} }];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (stack.length > MAX_DEPTH) throw new FeedError('malformed', `elements nested more than ${MAX_DEPTH} levels deep`);
        stack.push(openElement(name, attrs, stack[stack.length - 1] as Scope));
      },
      onclosetag() {
        if (stack.length > 1) stack.pop();
      },
      ontext(text) {
        const kids = (stack[stack.length - 1] as Scope).el.children;
        const last = kids.length - 1;
        if (typeof kids[last] === 'string') kids[last] = (kids[last] as string) + text;
        else kids.push(text);
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(xml);
  return (doc.children.find((c) => typeof c !== 'string') as XmlElement | undefined) ?? null;
}

export const elements = (el: XmlElement): XmlElement[] => el.children.filter((c): c is XmlElement => typeof c !== 'string');

export function textOf(node: XmlNode): string {
  if (typeof node === 'string') return node;
  let out = '';
  for (const child of node.children) out += textOf(child);
  return out;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, '&quot;');

/**
 * Inline XHTML (Atom `type="xhtml"`) back to markup, without prefixes or namespace declarations.
 * `rawText` keeps text unescaped, for content declared HTML whose text is itself escaped markup.
 */
export function serializeChildren(el: XmlElement, rawText = false): string {
  let out = '';
  for (const child of el.children) {
    if (typeof child === 'string') {
      out += rawText ? child : escapeText(child);
      continue;
    }
    const attrs = Object.entries(child.attrs)
      .filter(([k]) => k !== 'xmlns' && !k.startsWith('xmlns:') && !k.startsWith('xml:'))
      .map(([k, v]) => ` ${k.slice(k.indexOf(':') + 1)}="${escapeAttr(v)}"`)
      .join('');
    const inner = serializeChildren(child, rawText);
    out += VOID.has(child.local) && !inner ? `<${child.local}${attrs}>` : `<${child.local}${attrs}>${inner}</${child.local}>`;
  }
  return out;
}
