import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FeedError } from './feed.error';
import { parseFeed } from './feed.parser';
import { prepareXml } from './xml.recovery';
import { feedFailure as failure } from '../test/feed-error.helper';

const HOSTILE = join(__dirname, '..', '..', '..', 'tests', 'fixtures', 'feeds', 'hostile');
const FIXTURES = join(HOSTILE, '..');

const rss = (item: string, prolog = ''): string =>
  `${prolog}<rss version="2.0"><channel><title>t</title><item>${item}</item></channel></rss>`;


describe('prepareXml', () => {
  it('escapes a bare ampersand and keeps valid references', () => {
    const { xml, repairs } = prepareXml(rss('<title>R&D & more &amp; &#38; &#x26; &lt;</title>'));
    expect(xml).toContain('<title>R&amp;D &amp; more &amp; &#38; &#x26; &lt;</title>');
    expect(repairs).toContain('bare-ampersand');
  });

  it('turns HTML named entities into character references, unknown ones into text', () => {
    const { xml } = prepareXml(rss('<title>caf&eacute;&nbsp;&rsquo; &bogus; &amp;</title>'));
    expect(xml).toContain('<title>caf&#233;&#160;&#8217; &amp;bogus; &amp;</title>');
  });

  it('leaves CDATA sections and comments alone', () => {
    const input = rss('<description><![CDATA[a & b &nbsp; <p>]]></description><!-- x & y -->');
    expect(prepareXml(input).xml).toBe(input);
  });

  it('reads C1 character references as windows-1252, as HTML does', () => {
    expect(prepareXml(rss('<title>don&#146;t &#150; ok</title>')).xml).toContain('don&#8217;t &#8211; ok');
  });

  it('drops characters and references XML forbids', () => {
    const { xml } = prepareXml(rss('<title>a\u0000b\u000bc&#1;d&#xFFFE;e</title>'));
    expect(xml).toContain('<title>abcde</title>');
  });

  it('cuts junk after the root element and before the declaration', () => {
    const { xml, repairs } = prepareXml(`\n\nNotice: undefined index\n<?xml version="1.0"?>${rss('<title>x</title>')}\n<b>Warning</b>: db`);
    expect(xml.startsWith('<rss')).toBe(true);
    expect(xml.endsWith('</rss>')).toBe(true);
    expect(repairs).toEqual(expect.arrayContaining(['junk-before-root', 'junk-after-root']));
  });

  it('expands simple internal entities once and removes the DOCTYPE', () => {
    const { xml } = prepareXml(rss('<title>&org; &copy2;</title>', '<!DOCTYPE rss [<!ENTITY org "EMN"><!ENTITY copy2 "&#169;">]>'));
    expect(xml).not.toContain('DOCTYPE');
    expect(xml).toContain('<title>EMN &#169;</title>');
  });

  it('refuses entities defined in terms of other entities (billion laughs)', () => {
    const input = readFileSync(join(HOSTILE, 'billion_laughs.xml'), 'utf8');
    expect(() => prepareXml(input)).toThrow(/entity-expansion attack/);
  });

  it('refuses expansion beyond a budget (quadratic blow-up)', () => {
    const big = 'x'.repeat(100_000);
    const input = rss(`<title>${'&a;'.repeat(20)}</title>`, `<!DOCTYPE rss [<!ENTITY a "${big}">]>`);
    expect(() => prepareXml(input)).toThrow(FeedError);
  });

  it('never resolves external entities', () => {
    const { xml } = prepareXml(readFileSync(join(HOSTILE, 'xxe_external_entity.xml'), 'utf8'));
    expect(xml).not.toContain('DOCTYPE');
    expect(xml).toContain('Leak: &amp;xxe;');
  });
});

describe('parseFeed recovery and refusal', () => {
  it('recovers the bare-ampersand / HTML-entity fixture', async () => {
    const feed = await parseFeed(readFileSync(join(FIXTURES, 'bare_ampersand_entities_rss.xml')));
    expect(feed.title).toBe('European Website on Integration - News & updates');
    const [item] = feed.items;
    expect(item?.title).toBe('Language & integration: Q&A with the café network');
    expect(item?.summary).toBe('Volunteers run conversation cafés in 12 cities — see “Learn together” & more. R&D funding &unknownentity; follows.');
    expect(item?.url).toBe('https://migrant-integration.ec.europa.eu/news/language-integration-qa_en?page=1&lang=en');
    expect(item?.guid).toBe('https://migrant-integration.ec.europa.eu/news/language-integration-qa_en?page=1&lang=en');
  });

  it('refuses billion laughs quickly, as malformed', async () => {
    const err = await failure(parseFeed(readFileSync(join(HOSTILE, 'billion_laughs.xml'))));
    expect(err.code).toBe('malformed');
  });

  it('does not leak a local file through an external entity', async () => {
    const feed = await parseFeed(readFileSync(join(HOSTILE, 'xxe_external_entity.xml')));
    expect(feed.items[0]?.title).toBe('Leak: &xxe;');
    expect(JSON.stringify(feed)).not.toContain('root:');
  });

  it('calls an HTML page what it is', async () => {
    const err = await failure(parseFeed(readFileSync(join(HOSTILE, 'html_instead_of_feed.html'))));
    expect(err.code).toBe('not-a-feed');
    expect(err.message).toBe('not a feed (HTML document)');
  });

  it.each([
    ['<html><head><title>x</title></head></html>', 'not-a-feed'],
    ['<!-- hi --><!DOCTYPE html><p>x', 'not-a-feed'],
    ['{"version":"https://jsonfeed.org/version/1"}', 'not-a-feed'],
    ['<?xml version="1.0"?><opml version="2.0"><body/></opml>', 'not-a-feed'],
    ['just some text', 'not-a-feed'],
    ['', 'empty'],
    ['   \r\n\t ', 'empty'],
    ['\ufeff', 'empty'],
  ])('%j → %s', async (body, code) => {
    expect((await failure(parseFeed(body))).code).toBe(code);
  });

  it('reports an empty file as empty', async () => {
    expect((await failure(parseFeed(readFileSync(join(HOSTILE, 'empty.xml'))))).code).toBe('empty');
  });

  it('reports a cut-off feed as malformed, with the position', async () => {
    const err = await failure(parseFeed(readFileSync(join(HOSTILE, 'truncated_rss.xml'))));
    expect(err.code).toBe('malformed');
    expect(err.message).toMatch(/^malformed XML: .+ \(line \d+, column \d+\)$/);
  });

  it.each([
    rss('<title>a</b></title>'),
    '<rss version="2.0"><channel><item><title>x</title></item>',
    '<rss version="2.0"><channel><title a=1>x</title></channel></rss>',
  ])('refuses XML it cannot repair: %s', async (body) => {
    expect((await failure(parseFeed(body))).code).toBe('malformed');
  });

  it('reads a valid feed with no items as no items', async () => {
    await expect(parseFeed('<rss version="2.0"><channel><title>Quiet</title></channel></rss>')).resolves.toEqual({ title: 'Quiet', language: null, items: [] });
  });
});
