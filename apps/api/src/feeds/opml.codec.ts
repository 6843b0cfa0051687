import { Parser } from 'htmlparser2';

/**
 * OPML 2.0 subscription lists (http://opml.org/spec2.opml). Export writes one `outline` per feed
 * with the standard `text`, `title`, `type`, `xmlUrl`, `language`, and the settings OPML has no
 * word for in the `pulse:` namespace, so an export imports back to the same feeds.
 */
export const PULSE_OPML_NS = 'https://emn-pulse.eu/ns/opml';

export interface OpmlFeed {
  url: string;
  title: string | null;
  language: string | null;
  kind: string | null;
  pollIntervalSeconds: number | null;
  enabled: boolean | null;
}

export class OpmlError extends Error {}

/** Every outline carrying an `xmlUrl`, depth first, in document order; folders are walked, not listed. */
export function parseOpml(text: string): OpmlFeed[] {
  const feeds: OpmlFeed[] = [];
  const stack: string[] = [];
  let root: string | null = null;
  let body = false;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const tag = name.toLowerCase();
        if (stack.length === 0 && root === null) root = tag;
        if (tag === 'body' && stack.length === 1) body = true;
        stack.push(tag);
        if (tag !== 'outline' || !stack.includes('body')) return;
        const a = lowerKeys(attribs);
        const url = a.xmlurl?.trim();
        if (url) feeds.push(toFeed(url, a));
      },
      onclosetag() {
        stack.pop();
      },
    },
    // xmlMode: no HTML quirks; no DTD handling at all, so entity-expansion bombs cannot apply
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(text);
  parser.end();
  if (root !== 'opml') throw new OpmlError(root ? `the root element is <${root}>, not <opml>` : 'the document has no elements');
  if (!body) throw new OpmlError('the document has no <body>');
  return feeds;
}

function lowerKeys(attribs: Record<string, string>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(attribs).map(([k, v]) => [k.toLowerCase(), v]));
}

function toFeed(url: string, a: Record<string, string | undefined>): OpmlFeed {
  const interval = a['pulse:pollintervalseconds'];
  const enabled = a['pulse:enabled'];
  return {
    url,
    title: (a.title ?? a.text)?.trim() || null,
    language: a.language?.trim() || null,
    kind: a['pulse:kind']?.trim() || null,
    pollIntervalSeconds: interval && /^\d+$/.test(interval.trim()) ? Number(interval) : null,
    enabled: enabled === 'true' ? true : enabled === 'false' ? false : null,
  };
}

export interface OpmlExportFeed {
  url: string;
  title: string;
  kind: string;
  language: string | null;
  pollIntervalSeconds: number;
  enabled: boolean;
}

export function renderOpml(feeds: OpmlExportFeed[], createdAt = new Date()): string {
  const outlines = feeds.map((f) => {
    const attrs: [string, string | null][] = [
      ['type', 'rss'],
      ['text', f.title],
      ['title', f.title],
      ['xmlUrl', f.url],
      ['language', f.language],
      ['pulse:kind', f.kind],
      ['pulse:pollIntervalSeconds', String(f.pollIntervalSeconds)],
      ['pulse:enabled', String(f.enabled)],
    ];
    const rendered = attrs.filter(([, v]) => v !== null).map(([k, v]) => `${k}="${escapeXml(v!)}"`);
    return `    <outline ${rendered.join(' ')}/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<opml version="2.0" xmlns:pulse="${PULSE_OPML_NS}">`,
    '  <head>',
    '    <title>EMN Pulse feeds</title>',
    `    <dateCreated>${createdAt.toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...outlines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Attribute values; control characters other than tab and newline are not allowed in XML 1.0. */
export const escapeXml = (s: string): string =>
  // eslint-disable-next-line no-control-regex
  s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
