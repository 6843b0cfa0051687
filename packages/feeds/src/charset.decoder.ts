import iconv from 'iconv-lite';

/**
 * Labels mapped the way browsers map them (WHATWG Encoding Standard): ISO-8859-1 and ASCII
 * are really windows-1252 on the web, ISO-8859-9 is windows-1254, and so on.
 */
const WHATWG_ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  iso8859_1: 'windows-1252',
  'iso_8859-1': 'windows-1252',
  latin1: 'windows-1252',
  l1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'ansi_x3.4-1968': 'windows-1252',
  cp1252: 'windows-1252',
  'x-cp1252': 'windows-1252',
  cp819: 'windows-1252',
  ibm819: 'windows-1252',
  'iso-8859-9': 'windows-1254',
  latin5: 'windows-1254',
  'iso-8859-11': 'windows-874',
  'tis-620': 'windows-874',
  'iso-8859-8-i': 'iso-8859-8',
  gb2312: 'gbk',
  'x-gbk': 'gbk',
  'ks_c_5601-1987': 'cp949',
  'euc-kr': 'cp949',
  'x-sjis': 'shift_jis',
  'ms932': 'shift_jis',
  'windows-31j': 'shift_jis',
  'utf8': 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  'x-mac-roman': 'macintosh',
};

/** Normalised, supported label or null. UTF-16/32 labels are decided by the bytes, not the label. */
export function resolveCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const key = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (!key) return null;
  const name = WHATWG_ALIASES[key] ?? key;
  return iconv.encodingExists(name) ? name : null;
}

const charsetFromContentType = (contentType?: string | null): string | null =>
  /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType ?? '')?.[2] ?? null;

/** Byte-order mark (or the `<?` of a BOM-less UTF-16 document) and its length. */
function sniffUnicode(body: Buffer): { charset: string; skip: number } | null {
  const [a, b, c] = [body[0], body[1], body[2]];
  if (a === 0xef && b === 0xbb && c === 0xbf) return { charset: 'utf-8', skip: 3 };
  if (a === 0xff && b === 0xfe) return { charset: 'utf-16le', skip: 2 };
  if (a === 0xfe && b === 0xff) return { charset: 'utf-16be', skip: 2 };
  if (a === 0x3c && b === 0x00 && c === 0x3f) return { charset: 'utf-16le', skip: 0 };
  if (a === 0x00 && b === 0x3c && c === 0x00) return { charset: 'utf-16be', skip: 0 };
  return null;
}

function charsetFromXmlDeclaration(body: Buffer): string | null {
  // The declaration is ASCII in every ASCII-compatible charset; 512 bytes is plenty.
  const head = body.subarray(0, 512).toString('latin1');
  const decl = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return decl?.[1] ?? null;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * A body that claims (or is assumed to be) UTF-8 but is not valid UTF-8 was almost always
 * written in windows-1252. Mostly-valid UTF-8 with a stray byte stays UTF-8.
 */
function looksLikeUtf8(body: Buffer): boolean {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i] as number;
    if (byte < 0x80) continue;
    const len = byte >= 0xf0 && byte < 0xf5 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc2 && byte < 0xe0 ? 2 : 0;
    let ok = len > 0 && i + len <= body.length;
    for (let k = 1; ok && k < len; k++) ok = ((body[i + k] as number) & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += len - 1;
    } else invalid++;
  }
  return invalid === 0 || valid > invalid * 4;
}

/**
 * Decodes a feed body to text: the BOM first, then the XML declaration, then the HTTP
 * header's charset, then UTF-8 (falling back to windows-1252 when the bytes are not UTF-8). A
 * Latin-1 label on a body that is valid UTF-8 is overruled.
 */
export function decodeFeedBody(body: Buffer, contentType?: string | null): string {
  const unicode = sniffUnicode(body);
  if (unicode) return iconv.decode(body.subarray(unicode.skip), unicode.charset, { stripBOM: true });
  let charset = resolveCharset(charsetFromXmlDeclaration(body)) ?? resolveCharset(charsetFromContentType(contentType));
  // Without a BOM the bytes are ASCII-compatible: a UTF-16/32 label here is a lie.
  if (charset && /^utf-?(16|32)/.test(charset)) charset = null;
  // Labelled Latin-1 (often a server default) but every non-ASCII byte forms valid UTF-8:
  // by chance that practically never happens in real windows-1252 text, so the label is wrong.
  if (charset === 'windows-1252' && body.some((b) => b >= 0x80)) charset = null;
  if (!charset || charset === 'utf-8') {
    try {
      return STRICT_UTF8.decode(body);
    } catch {
      charset = looksLikeUtf8(body) ? 'utf-8' : 'windows-1252';
    }
  }
  return iconv.decode(body, charset, { stripBOM: true });
}
