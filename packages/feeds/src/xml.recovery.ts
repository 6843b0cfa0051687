import { decodeHTMLStrict } from 'entities';
import { FeedError } from './feed.error';

/**
 * Turns the text of a real-world feed into XML a strict parser accepts, repairing what
 * publishers commonly get wrong and refusing what is hostile:
 * - the DOCTYPE is removed; its internal entities are expanded once, never recursively, within
 *   a budget (entities that refer to other entities are how "billion laughs" works: refused);
 * - HTML named entities (`&nbsp;`, `&eacute;`) become character references, unknown ones and
 *   bare `&` become literal text, C1 character references are read as windows-1252 (as HTML does);
 * - characters XML forbids are dropped, and junk after the root element is cut.
 * CDATA sections, comments and processing instructions are left alone.
 */

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
/** Extra characters that entity expansion may add, at most (a quadratic blow-up guard). */
const EXPANSION_BUDGET = 1_000_000;
/** HTML5's remapping of C1 character references (the windows-1252 characters). */
const C1_REMAP: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
  0x88: 0x02c6, 0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018,
  0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc,
  0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a, 0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};

// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const PROTECTED = /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|<\?[\s\S]*?(?:\?>|$)/g;
const AMPERSAND = /&(?:#(\d{1,8});|#[xX]([0-9a-fA-F]{1,7});|([A-Za-z_][A-Za-z0-9._:-]*);)?/g;
const DOCTYPE = /<!DOCTYPE\s+([^\s>[]+)((?:\s+(?:"[^"]*"|'[^']*'|[^\s>"'[]+))*)\s*(?:\[([\s\S]*?)\]\s*)?>/i;
const ENTITY_DECL = /<!ENTITY\s+(%\s+)?([^\s"']+)\s+(?:"([^"]*)"|'([^']*)'|(SYSTEM|PUBLIC)\b[^>]*)\s*>/gi;

export interface PreparedXml {
  xml: string;
  /** What was repaired, for logs and tests. */
  repairs: string[];
}

function validCodePoint(cp: number): boolean {
  if (cp === 0x9 || cp === 0xa || cp === 0xd) return true;
  if (cp < 0x20 || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0xfffe || cp === 0xffff) return false;
  return cp <= 0x10ffff;
}

/** Reads the internal subset: safe general entities to expand; refuses self-referencing ones. */
function internalEntities(subset: string | undefined): Map<string, string> {
  const entities = new Map<string, string>();
  if (!subset) return entities;
  for (const m of subset.matchAll(ENTITY_DECL)) {
    const [, parameter, name, dq, sq, external] = m;
    const value = dq ?? sq;
    if (parameter || external || value === undefined || !name) continue; // never fetched, never expanded
    if (/[&%][A-Za-z_][^;\s]*;/.test(value)) {
      throw new FeedError('malformed', `refused: the DTD declares entity "${name}" in terms of other entities (an entity-expansion attack)`);
    }
    entities.set(name, value);
  }
  return entities;
}

function fixReferences(text: string, entities: Map<string, string>, repairs: Set<string>, budget: { left: number }): string {
  return text.replace(AMPERSAND, (match, dec?: string, hex?: string, name?: string) => {
    if (dec !== undefined || hex !== undefined) {
      let cp = dec !== undefined ? parseInt(dec, 10) : parseInt(hex as string, 16);
      if (C1_REMAP[cp]) {
        repairs.add('c1-reference');
        cp = C1_REMAP[cp] as number;
        return `&#${cp};`;
      }
      if (validCodePoint(cp)) return match;
      repairs.add('invalid-reference');
      return '';
    }
    if (name === undefined) {
      repairs.add('bare-ampersand');
      return '&amp;';
    }
    if (XML_ENTITIES.has(name)) return match;
    const declared = entities.get(name);
    if (declared !== undefined) {
      budget.left -= declared.length;
      if (budget.left < 0) throw new FeedError('malformed', 'refused: DTD entity expansion exceeds the size budget');
      repairs.add('dtd-entity');
      return declared;
    }
    const decoded = decodeHTMLStrict(match);
    if (decoded !== match) {
      repairs.add('html-entity');
      return [...decoded].map((c) => `&#${c.codePointAt(0)};`).join('');
    }
    repairs.add('unknown-entity');
    return `&amp;${name};`;
  });
}

/** Applies `fn` to the parts outside CDATA sections, comments and processing instructions. */
function outsideProtected(xml: string, fn: (part: string) => string): string {
  let out = '';
  let last = 0;
  for (const m of xml.matchAll(PROTECTED)) {
    out += fn(xml.slice(last, m.index)) + m[0];
    last = (m.index as number) + m[0].length;
  }
  return out + fn(xml.slice(last));
}

/** The first element's name, after the prolog (declaration, comments, PIs, DOCTYPE). */
export function rootElementName(xml: string): string | null {
  const m = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>)*<([A-Za-z_][\w.:-]*)/i.exec(xml);
  return m?.[1] ?? null;
}

function cutAfterRoot(xml: string, repairs: Set<string>): string {
  const root = rootElementName(xml);
  if (!root) return xml;
  const close = xml.lastIndexOf(`</${root}`);
  if (close < 0) return xml;
  const end = xml.indexOf('>', close);
  if (end < 0) return xml;
  const tail = xml.slice(end + 1);
  if (!tail.replace(PROTECTED, '').trim()) return xml;
  repairs.add('junk-after-root');
  return xml.slice(0, end + 1);
}

export function prepareXml(text: string): PreparedXml {
  const repairs = new Set<string>();
  let xml = text.replace(/^\uFEFF/, '');
  // Junk before the declaration or the root (stray whitespace, a PHP notice) is dropped.
  const start = xml.search(/<(?:\?xml|[A-Za-z_!])/);
  if (start > 0 && xml.slice(0, start).trim()) repairs.add('junk-before-root');
  if (start > 0) xml = xml.slice(start);
  // The text is decoded already: the declaration's encoding no longer applies.
  xml = xml.replace(/^<\?xml\s[^>]*\?>/, '');
  let entities = new Map<string, string>();
  const doctype = DOCTYPE.exec(xml);
  if (doctype && doctype.index < (xml.search(/<[A-Za-z_]/) + 1 || Infinity)) {
    entities = internalEntities(doctype[3]);
    xml = xml.slice(0, doctype.index) + xml.slice(doctype.index + doctype[0].length);
    repairs.add('doctype-removed');
  }
  const cleaned = xml.replace(INVALID_XML_CHARS, '');
  if (cleaned.length !== xml.length) repairs.add('invalid-characters');
  xml = cleaned;
  const budget = { left: EXPANSION_BUDGET };
  xml = outsideProtected(xml, (part) => (part.includes('&') ? fixReferences(part, entities, repairs, budget) : part));
  xml = cutAfterRoot(xml, repairs);
  return { xml, repairs: [...repairs] };
}
