import { rootElementName } from './xml.recovery';

export type DocumentKind =
  | { kind: 'empty' }
  | { kind: 'ical' }
  | { kind: 'feed'; root: string }
  | { kind: 'html' }
  | { kind: 'other'; what: string };

const FEED_ROOTS = new Set(['rss', 'feed', 'rdf', 'channel']);
const HTML_ROOTS = new Set(['html', 'head', 'body', 'div', 'p', 'table', 'script', 'meta', 'title', 'a', 'br']);

const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1).toLowerCase();

/** Decides by content, not by URL or Content-Type (both are often wrong): what is this text? */
export function sniffDocument(text: string): DocumentKind {
  const trimmed = text.replace(/^[\uFEFF\s]+/, '');
  if (!trimmed) return { kind: 'empty' };
  if (/^BEGIN:VCALENDAR\b/i.test(trimmed)) return { kind: 'ical' };
  if (/^[{[]/.test(trimmed)) return { kind: 'other', what: 'a JSON document' };
  // Tolerate a little junk (a PHP notice, say) before the markup.
  const start = trimmed.startsWith('<') ? 0 : trimmed.slice(0, 2048).search(/<(?:\?xml|rss[\s>]|feed[\s>]|[\w-]+:RDF[\s>])/);
  if (start < 0) return { kind: 'other', what: 'plain text, not XML' };
  const markup = trimmed.slice(start);
  if (/^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*<!DOCTYPE\s+html/i.test(markup)) return { kind: 'html' };
  const root = rootElementName(markup);
  if (!root) return { kind: 'other', what: 'XML without a root element' };
  const local = localName(root);
  if (FEED_ROOTS.has(local)) return { kind: 'feed', root };
  if (HTML_ROOTS.has(local)) return { kind: 'html' };
  return { kind: 'other', what: `an XML document whose root is <${root}>` };
}
