import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { decodeFeedBody, resolveCharset } from './charset.decoder';

const FIXTURES = join(__dirname, '..', '..', '..', 'tests', 'fixtures', 'feeds');
const xml = (decl: string, body: string): string => `${decl}<rss version="2.0"><channel><title>${body}</title></channel></rss>`;

describe('decodeFeedBody', () => {
  it('decodes windows-1252 with no BOM, no declaration and no header', () => {
    const body = readFileSync(join(FIXTURES, 'windows-1252_no_declaration_rss.xml'));
    const text = decodeFeedBody(body, null);
    expect(text).toContain('L’EMN publie son rapport annuel : « Migration et asile en 2025 »');
    expect(text).toContain('coûte 0 € — il est gratuit');
    expect(text).toContain('Œuvres d’intégration');
    expect(text).not.toContain('\ufffd');
  });

  it('reads ISO-8859-1 as windows-1252, as browsers do (0x92 is a quote, not a control)', () => {
    const body = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss><t>don'), Buffer.from([0x92]), Buffer.from('t caf'), Buffer.from([0xe9]), Buffer.from('</t></rss>')]);
    expect(decodeFeedBody(body)).toContain('don’t café');
  });

  it('decodes ISO-8859-2 (Polish) from the XML declaration', () => {
    const text = decodeFeedBody(readFileSync(join(FIXTURES, 'polish_iso-8859-2_rss.xml')), 'application/xml');
    expect(text).toContain('Zmiany dotyczą wniosków o azyl złożonych w Łodzi, Gdańsku i Żaganiu. Źródło');
  });

  it('prefers the BOM over the declaration and the header', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml('<?xml version="1.0" encoding="windows-1252"?>', 'Ł€'), 'utf8')]);
    const text = decodeFeedBody(body, 'text/xml; charset=iso-8859-2');
    expect(text).toContain('<title>Ł€</title>');
    expect(text.charCodeAt(0)).toBe('<'.charCodeAt(0)); // BOM removed
  });

  it('decodes UTF-16 with a BOM, little and big endian', () => {
    const doc = xml('<?xml version="1.0" encoding="UTF-16"?>', 'Migração – ζ');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(doc, 'utf-16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(doc, 'utf-16be')]);
    expect(decodeFeedBody(le)).toBe(doc);
    expect(decodeFeedBody(be)).toBe(doc);
  });

  it('decodes BOM-less UTF-16 from its first bytes', () => {
    const doc = xml('<?xml version="1.0" encoding="UTF-16"?>', 'Ελλάδα');
    expect(decodeFeedBody(iconv.encode(doc, 'utf-16le'))).toBe(doc);
  });

  it('prefers the XML declaration over the HTTP header', () => {
    const doc = xml('<?xml version="1.0" encoding="ISO-8859-2"?>', 'Łódź');
    expect(decodeFeedBody(iconv.encode(doc, 'iso-8859-2'), 'application/rss+xml; charset=utf-8')).toContain('Łódź');
  });

  it('uses the HTTP header when the document declares nothing', () => {
    const doc = xml('', 'Łódź');
    expect(decodeFeedBody(iconv.encode(doc, 'iso-8859-2'), 'application/rss+xml; charset="ISO-8859-2"')).toContain('Łódź');
  });

  it('falls back to windows-1252 when a body claiming UTF-8 is not UTF-8', () => {
    const doc = xml('<?xml version="1.0" encoding="utf-8"?>', 'Société générale — 5 €');
    expect(decodeFeedBody(iconv.encode(doc, 'windows-1252'))).toContain('Société générale — 5 €');
  });

  it('keeps real UTF-8 with one stray byte as UTF-8', () => {
    const body = Buffer.concat([Buffer.from(xml('', 'Łódź, Gdańsk, Kraków, Wrocław, Poznań, Żagań')), Buffer.from([0xff])]);
    expect(decodeFeedBody(body)).toContain('Łódź, Gdańsk, Kraków, Wrocław, Poznań, Żagań');
  });

  it('ignores a UTF-16 label on ASCII-compatible bytes', () => {
    const doc = xml('<?xml version="1.0" encoding="UTF-16"?>', 'plain');
    expect(decodeFeedBody(Buffer.from(doc, 'utf8'))).toBe(doc);
  });

  it('overrules a Latin-1 label on a body that is valid UTF-8 (a common server default)', () => {
    const doc = xml('', 'Société générale — Łódź');
    expect(decodeFeedBody(Buffer.from(doc, 'utf8'), 'text/xml; charset=ISO-8859-1')).toContain('Société générale — Łódź');
    const declared = xml('<?xml version="1.0" encoding="iso-8859-1"?>', 'Société');
    expect(decodeFeedBody(Buffer.from(declared, 'utf8'))).toContain('Société');
  });

  it('decodes EUC-KR', () => {
    const doc = xml('<?xml version="1.0" encoding="euc-kr"?>', '년');
    expect(decodeFeedBody(iconv.encode(doc, 'cp949'))).toContain('<title>년</title>');
  });
});

describe('resolveCharset', () => {
  it.each([
    ['ISO-8859-1', 'windows-1252'],
    ['latin1', 'windows-1252'],
    ['us-ascii', 'windows-1252'],
    ['"utf-8"', 'utf-8'],
    ['ISO-8859-9', 'windows-1254'],
    ['iso-8859-2', 'iso-8859-2'],
    ['x-unknown-charset', null],
    ['', null],
  ])('%s → %s', (label, expected) => {
    expect(resolveCharset(label)).toBe(expected);
  });
});
