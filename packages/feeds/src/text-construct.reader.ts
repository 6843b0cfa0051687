import { looksLikeHtml } from './html.text';
import { elements, serializeChildren, textOf, type XmlElement } from './xml.tree';

/** A text field as the feed gave it: markup to be rendered, or plain text. */
export interface TextValue {
  html: boolean;
  value: string;
}

const HTML_TYPES = new Set(['html', 'text/html']);
const XHTML_TYPES = new Set(['xhtml', 'application/xhtml+xml']);

function decodeBase64(text: string): string {
  return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
}

/** Inline markup (Atom `xhtml`, Atom 0.3 `mode="xml"`): the XHTML `div` wrapper is not content. */
function inlineMarkup(el: XmlElement, rawText = false): string {
  const kids = elements(el);
  const strayText = el.children.some((c) => typeof c === 'string' && c.trim());
  const onlyDiv = kids.length === 1 && kids[0]?.local === 'div' && !strayText;
  return serializeChildren(onlyDiv ? (kids[0] as XmlElement) : el, rawText);
}

/**
 * Reads an Atom text construct (1.0 `type` text/html/xhtml/MIME, 0.3 `mode` xml/escaped/base64).
 */
export function atomText(el: XmlElement): TextValue {
  const type = (el.attrs.type ?? '').trim().toLowerCase();
  const mode = (el.attrs.mode ?? '').trim().toLowerCase();
  const hasElements = elements(el).length > 0;
  const isHtml = HTML_TYPES.has(type);
  if (mode === 'base64' || (type.includes('/') && !type.startsWith('text/') && !type.endsWith('xml'))) {
    const value = decodeBase64(textOf(el));
    return { html: isHtml || XHTML_TYPES.has(type), value };
  }
  // Declared HTML but holding elements (a TypePad habit): the text inside is escaped HTML.
  if (isHtml && hasElements) return { html: true, value: inlineMarkup(el, true) };
  if (XHTML_TYPES.has(type) || hasElements) return { html: true, value: inlineMarkup(el) };
  if (isHtml || mode === 'escaped') return { html: isHtml || type === '' || looksLikeHtml(textOf(el)), value: textOf(el) };
  return { html: false, value: textOf(el) };
}

/** RSS text: titles are declared plain but are often HTML; descriptions are HTML. */
export function rssText(el: XmlElement, kind: 'title' | 'html'): TextValue {
  // Naked markup inside the element (not escaped, not CDATA) is still markup.
  if (elements(el).length > 0) return { html: true, value: serializeChildren(el) };
  const value = textOf(el);
  return { html: kind === 'html' || looksLikeHtml(value), value };
}
