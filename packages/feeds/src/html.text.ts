import { decodeHTML } from 'entities';
import { Parser } from 'htmlparser2';
import sanitizeHtml from 'sanitize-html';
import { resolveUrl } from './xml.tree';

/** Elements whose content is never text a reader sees. */
const SKIPPED = new Set(['script', 'style', 'template', 'head', 'noembed', 'noframes']);
/** Elements that separate words: their edges become spaces. */
const BREAKING = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'img', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'iframe', 'video', 'audio', 'option', 'textarea',
]);

/** Whitespace collapsed (no-break spaces included), trimmed, NFC. */
export const collapseWhitespace = (text: string): string =>
  text.replace(/[\s\u00a0\u200b\u2028\u2029]+/g, ' ').trim().normalize('NFC');

/**
 * HTML to plain text as a browser would show it: tags stripped, script and style content
 * dropped, entities decoded under HTML5 rules, whitespace collapsed.
 */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return collapseWhitespace(html);
  if (nestsDeeperThan(html, MAX_HTML_DEPTH)) return crudeText(html);
  let out = '';
  let skipping = 0;
  let inIframe = false;
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED.has(name)) skipping++;
        else if (BREAKING.has(name)) out += ' ';
        if (name === 'iframe') inIframe = true;
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BREAKING.has(name)) out += ' ';
        if (name === 'iframe') inIframe = false;
      },
      ontext(text) {
        // An iframe's content is raw text to the tokenizer, but it is fallback markup.
        if (skipping === 0) out += inIframe ? htmlToText(text) : text;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.end(html);
  return collapseWhitespace(out);
}

/**
 * HTML parsers slow down more than linearly on absurdly deep nesting (100 000 unclosed `<b>`
 * in one description takes seconds): past this depth the markup is not parsed but stripped.
 */
const MAX_HTML_DEPTH = 1000;
const VOID_TAGS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>/g;

export function nestsDeeperThan(html: string, limit: number): boolean {
  let depth = 0;
  for (const m of html.matchAll(TAG)) {
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (!m[3] && !VOID_TAGS.has((m[2] as string).toLowerCase()) && ++depth > limit) return true;
  }
  return false;
}

const crudeText = (html: string): string =>
  collapseWhitespace(decodeHTML(html.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<[^>]*>/g, ' ')));

/** Whether text declared as plain is in fact markup (RSS titles are often HTML). */
export const looksLikeHtml = (text: string): boolean =>
  /<\/?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?\/?>/.test(text) || /&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]{1,31});/.test(text);

const absolutise = (attr: 'href' | 'src', base: string | null) => (tagName: string, attribs: sanitizeHtml.Attributes) => {
  const value = attribs[attr];
  if (value && !value.startsWith('#')) {
    const absolute = resolveUrl(value, base);
    if (absolute) attribs[attr] = absolute;
  }
  return { tagName, attribs };
};

/** Safe HTML for storing and showing: no scripts, handlers, styles or frames; links made absolute. */
export function sanitizeContentHtml(html: string, base: string | null): string {
  if (nestsDeeperThan(html, MAX_HTML_DEPTH)) return '';
  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'figure', 'figcaption', 'picture', 'del', 'ins', 'sup', 'sub'],
    allowedAttributes: {
      a: ['href', 'title', 'hreflang', 'lang'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan', 'scope'],
      '*': ['lang', 'dir'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
    transformTags: { a: absolutise('href', base), img: absolutise('src', base) },
  }).trim();
}
