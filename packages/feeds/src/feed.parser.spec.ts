import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NewsItemSchema, type NewsItem } from '@pulse/contracts';
import { parseFeed, type ParseOptions } from './feed.parser';

const FIXTURES = join(__dirname, '..', '..', '..', 'tests', 'fixtures', 'feeds');
const fixture = (name: string, opts?: ParseOptions) => parseFeed(readFileSync(join(FIXTURES, name)), opts);
const only = (items: NewsItem[], index = 0): NewsItem => {
  const item = items[index];
  if (!item) throw new Error(`no item ${index}`);
  return item;
};

describe('the captured Commission press corner feed', () => {
  it('normalises every item faithfully', async () => {
    const feed = await fixture('ec_presscorner_rss_en_2026-09-04.xml', { defaultType: 'press-release', feedId: 'feed-1', url: 'https://ec.europa.eu/commission/presscorner/api/rss?language=en' });
    expect(feed.title).toBe('Press releases - RSS');
    expect(feed.items).toHaveLength(10);
    for (const item of feed.items) {
      expect(NewsItemSchema.parse(item)).toEqual(item);
      expect(item.guid).toBe(item.url); // guid = link in this feed
      expect(item.language).toBe('en');
      expect(item.type).toBe('press-release');
      expect(item.sourceFeedId).toBe('feed-1');
      expect(item.summary).not.toMatch(/^European Commission /);
    }
    const release = only(feed.items, 3);
    expect(release).toMatchObject({
      guid: 'https://ec.europa.eu/commission/presscorner/detail/en/ip_26_1769',
      url: 'https://ec.europa.eu/commission/presscorner/detail/en/ip_26_1769',
      title: 'Commission adopts EU Guidelines on exclusionary abuses of dominance',
      publishedAt: '2026-09-02T22:00:00.000Z',
      categories: ['COMPETY', 'ANTITRUST'],
      contentHtml: null,
    });
    expect(release.summary.startsWith("The European Commission has today adopted Guidelines on the application of Article 102")).toBe(true);
  });
});

describe('the captured aggregator Atom feed (English and Polish)', () => {
  it('reads all entries, with languages from the item URLs over the feed-wide xml:lang', async () => {
    const feed = await fixture('aggregated_europa_atom_2026-08-22.xml');
    expect(feed.language).toBe('pl');
    expect(feed.items).toHaveLength(339);
    expect(new Set(feed.items.map((i) => i.id)).size).toBe(339);
    expect(feed.items.every((i) => i.publishedAt && i.url && i.guid?.startsWith('tag:trvny.github.io'))).toBe(true);
    const byUrl = (url: string) => feed.items.find((i) => i.url === url);
    expect(byUrl('https://ec.europa.eu/commission/presscorner/detail/pl/statement_26_1743')?.language).toBe('pl');
    expect(byUrl('https://ec.europa.eu/commission/presscorner/detail/en/statement_26_1743')?.language).toBe('en');
    const polish = byUrl('https://ec.europa.eu/commission/presscorner/detail/pl/statement_26_1743');
    expect(polish?.summary.startsWith('23 sierpnia obchodzimy rocznicę paktu Ribbentrop-Mołotow')).toBe(true);
    expect(polish?.categories).toEqual(['Komisja Europejska (PL)', 'official']);
  });
});

describe('quirky EU feeds', () => {
  it('DG HOME: escaped HTML to text, absolute links, dates from `-YYYY-MM-DD_en` URLs', async () => {
    const feed = await fixture('dg_home_news_rss_en.xml', { url: 'https://home-affairs.ec.europa.eu/node/2/rss_en' });
    const [edited, current, undated] = feed.items;
    expect(edited?.summary).toBe(
      'The European Migration Network (EMN) has published its Annual Report on Migration and Asylum 2025. The report covers international protection, legal migration and integration. Download the full report.',
    );
    expect(edited?.contentHtml).toContain('<a href="https://home-affairs.ec.europa.eu/networks/european-migration-network-emn_en">European Migration Network</a>');
    expect(edited?.guid).toBe('12817 at https://home-affairs.ec.europa.eu');
    // Dated by its last edit in the feed; the URL keeps the publication date.
    expect(edited?.publishedAt).toBe('2026-06-18T00:00:00.000Z');
    expect(edited?.updatedAt).toBe('2026-08-24T07:12:44.000Z');
    expect(current?.publishedAt).toBe('2026-07-09T15:40:03.000Z');
    expect(undated?.publishedAt).toBe('2026-05-12T00:00:00.000Z');
    expect(feed.items.every((i) => i.language === 'en')).toBe(true);
  });

  it('Council meetings: `<updated>` as the date, numeric guid kept as text, meeting days from the URL', async () => {
    const feed = await fixture('council_jha_meetings_rss.xml', { defaultType: 'event' });
    expect(only(feed.items)).toMatchObject({ guid: '118406', publishedAt: '2026-09-30T12:05:00.000Z', type: 'event', categories: ['Justice and Home Affairs Council'] });
    expect(feed.items.map((i) => [i.startsAt, i.endsAt])).toEqual([
      ['2026-10-13T00:00:00.000Z', '2026-10-15T00:00:00.000Z'],
      ['2026-06-12T00:00:00.000Z', '2026-06-14T00:00:00.000Z'],
    ]);
    const asNews = await fixture('council_jha_meetings_rss.xml', { defaultType: 'news' });
    expect(only(asNews.items).startsAt).toBeUndefined();
  });

  it.each([
    ['https://ex.eu/events/x', 'Informal meeting of home affairs ministers, 22-23 July 2026', '2026-07-22T00:00:00.000Z', '2026-07-24T00:00:00.000Z'],
    ['https://ex.eu/events/x', 'EMN conference, 30 September – 1 October 2026', '2026-09-30T00:00:00.000Z', '2026-10-02T00:00:00.000Z'],
    ['https://ex.eu/events/x', 'Webinar on 5 Nov 2026', '2026-11-05T00:00:00.000Z', null],
    ['https://ex.eu/meetings/jha/2026/03/05/', 'JHA Council', '2026-03-05T00:00:00.000Z', null],
    ['https://ex.eu/events/x', 'Meeting without a date', null, null],
  ])('event days for %s %j', async (link, title, startsAt, endsAt) => {
    const feed = await parseFeed(`<rss version="2.0"><channel><item><title>${title}</title><link>${link}</link></item></channel></rss>`, { defaultType: 'event' });
    expect([only(feed.items).startsAt, only(feed.items).endsAt]).toEqual([startsAt, endsAt]);
  });

  it('Europol: no dates means no dates', async () => {
    const feed = await fixture('europol_news_no_dates_rss.xml');
    expect(feed.items.map((i) => i.publishedAt)).toEqual([null, null]);
  });

  it('Frontex: items outside the channel, capitalised names, relative links, naked HTML, odd dates', async () => {
    const feed = await fixture('frontex_news_nonstandard_rss.xml', { url: 'https://www.frontex.europa.eu/media-centre/news/news-release/feed' });
    expect(feed.items).toHaveLength(2);
    expect(only(feed.items)).toMatchObject({
      url: 'https://www.frontex.europa.eu/media-centre/news/news-release/frontex-deploys-additional-standing-corps-officers-eastern-mediterranean-aB3dE',
      title: 'Frontex deploys additional standing corps officers to the Eastern Mediterranean',
      summary: 'Frontex is reinforcing its operation in Greece with 120 more officers, supporting border surveillance and return operations.',
      publishedAt: '2026-08-21T10:15:00.000Z',
    });
    expect(only(feed.items).contentHtml).toContain('href="https://www.frontex.europa.eu/what-we-do/operations/operations/"');
    expect(only(feed.items, 1).publishedAt).toBe('2026-08-14T12:00:00.000Z');
  });

  it('legacy Commission feed: HTML split over CDATA sections, relative links, +0200 dates, hostile markup', async () => {
    const feed = await fixture('commission_legacy_cdata_rss.xml');
    const first = only(feed.items);
    expect(first.title).toBe('Commission proposes new rules on the return of irregular migrants');
    expect(first.url).toBe('https://ec.europa.eu/commission/presscorner/detail/en/IP_09_1234?format=HTML');
    expect(first.publishedAt).toBe('2009-07-21T10:00:00.000Z');
    expect(first.summary).toBe('Brussels, 21 July 2009 – The Commission today proposed common standards for the return of irregular migrants. See the memo and the annex.');
    expect(first.contentHtml).toContain('<a href="https://ec.europa.eu/home-affairs/policies/migration-and-asylum/irregular-migration-and-return_en">return</a>');
    expect(first.contentHtml).toContain('<img src="https://ec.europa.eu/images/logo.png" alt="logo" />');
    expect(first.contentHtml).not.toMatch(/script|onclick|alert/);
    const second = only(feed.items, 1);
    expect(second.guid).toBe('STATEMENT/09/77');
    expect(second.summary).toBe('Ministers met in Luxembourg. Read the speech.');
    expect(second.contentHtml).toBe(
      '<p>Full text: ministers met in <b>Luxembourg</b> to discuss Schengen governance and <a href="https://ec.europa.eu/commission/presscorner/detail/en/MEMO_09_78">visa policy</a>.</p>',
    );
  });

  it('missing guids and dates: nothing invented, ids still stable and distinct', async () => {
    const a = await fixture('missing_guid_and_dates_rss.xml', { feedId: 'euaa' });
    const b = await fixture('missing_guid_and_dates_rss.xml', { feedId: 'euaa' });
    const other = await fixture('missing_guid_and_dates_rss.xml', { feedId: 'another-feed' });
    expect(a.items.map((i) => [i.guid, i.publishedAt])).toEqual([[null, null], [null, null]]);
    expect(a.items.map((i) => i.id)).toEqual(b.items.map((i) => i.id));
    expect(only(a.items).id).toBe(only(other.items).id); // same canonical URL: same item
    expect(only(a.items, 1).id).not.toBe(only(other.items, 1).id); // no URL, no guid: per feed
    expect(only(a.items, 1).url).toBeNull();
    expect(only(a.items).language).toBe('en'); // en-GB
  });

  it('RSS 1.0: rdf:about is the guid, dc:date the date, item dc:language wins', async () => {
    const feed = await fixture('rdf_rss10_emn.rdf');
    expect(feed.items.map((i) => [i.guid, i.url, i.publishedAt, i.language])).toEqual([
      ['https://emn.example.eu/glossary/statelessness', 'https://emn.example.eu/glossary/statelessness', '2026-08-03T08:00:00.000Z', 'en'],
      ['https://emn.example.eu/glossary/unaccompanied-minor', 'https://emn.example.eu/glossary/unaccompanied-minor', '2026-07-28T00:00:00.000Z', 'de'],
    ]);
    expect(only(feed.items).categories).toEqual(['citizenship']);
  });

  it('windows-1252 and ISO-8859-2 feeds arrive as proper text', async () => {
    const fr = await fixture('windows-1252_no_declaration_rss.xml');
    expect(only(fr.items).title).toBe('L’EMN publie son rapport annuel : « Migration et asile en 2025 »');
    expect(only(fr.items).language).toBe('fr');
    const pl = await fixture('polish_iso-8859-2_rss.xml');
    expect(only(pl.items).summary).toBe('Zmiany dotyczą wniosków o azyl złożonych w Łodzi, Gdańsku i Żaganiu. Źródło: Urząd do Spraw Cudzoziemców.');
  });
});

describe('normalisation rules', () => {
  const atom = (entry: string, attrs = '') => `<feed xmlns="http://www.w3.org/2005/Atom" ${attrs}><title>f</title>${entry}</feed>`;

  it('resolves relative links against xml:base, then the feed URL; strips tracking parameters only', async () => {
    const feed = await parseFeed(
      atom(
        `<entry xml:base="/news/"><id>a</id><title>A</title><link href="item-1?id=7&amp;utm_source=rss&amp;at_medium=feed&amp;fbclid=x#top"/></entry>
         <entry><id>b</id><title>B</title><link rel="alternate" type="text/html" href="../b"/><link rel="enclosure" href="/file.pdf"/></entry>`,
        'xml:base="https://emn.example.eu/en/"',
      ),
      { url: 'https://feeds.example.org/x/atom.xml' },
    );
    expect(feed.items.map((i) => i.url)).toEqual(['https://emn.example.eu/news/item-1?id=7#top', 'https://emn.example.eu/b']);
  });

  it('keeps guids exactly as published', async () => {
    const feed = await parseFeed(atom('<entry><id>HTTP://Example.org/%7Ebob/</id><title>x</title></entry>'));
    expect(only(feed.items).guid).toBe('HTTP://Example.org/%7Ebob/');
  });

  it('turns HTML titles and summaries into plain text, dropping scripts and styles', async () => {
    const feed = await parseFeed(
      `<rss version="2.0"><channel><item><title>&lt;b&gt;Asylum&lt;/b&gt; &amp;amp; return</title>
       <description><![CDATA[<style>p{color:red}</style><p>Line&nbsp;one</p><script>evil()</script><p>line   two &eacute;</p>]]></description>
       <link>javascript:alert(1)</link></item></channel></rss>`,
    );
    expect(only(feed.items)).toMatchObject({ title: 'Asylum & return', summary: 'Line one line two é', url: null });
    expect(only(feed.items).contentHtml).toBe('<p>Line\u00a0one</p><p>line   two é</p>');
  });

  it('keeps declared plain text literal, and reads inline XHTML', async () => {
    const feed = await parseFeed(
      atom(`<entry><id>1</id><title type="text">a &lt;b&gt; tag</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello <a href="/x">you</a></p></div></content></entry>`),
      { url: 'https://emn.example.eu/feed' },
    );
    expect(only(feed.items).title).toBe('a <b> tag');
    expect(only(feed.items).summary).toBe('Hello you');
    expect(only(feed.items).contentHtml).toBe('<p>Hello <a href="https://emn.example.eu/x">you</a></p>');
  });

  it('chooses the language: entry, then URL, then text evidence over the feed, then the default', async () => {
    const feed = await parseFeed(
      `<rss version="2.0"><channel><language>pl</language>
        <item><title>Bez znaczenia</title><link>https://ex.eu/fr/actualites/x</link></item>
        <item xml:lang="de"><title>x</title><link>https://ex.eu/fr/actualites/y</link></item>
        <item><title>The Commission and the Member States agreed on the new rules for the return of migrants</title><link>https://ex.eu/a</link></item>
        <item><title>Komisja przyjęła nowe przepisy</title><link>https://ex.eu/b</link></item>
      </channel></rss>`,
    );
    expect(feed.items.map((i) => i.language)).toEqual(['fr', 'de', 'en', 'pl']);
    const fallback = await parseFeed('<rss version="2.0"><channel><item><title>x</title></item></channel></rss>', { defaultLanguage: 'EN' });
    expect(only(fallback.items).language).toBe('en');
  });

  it('gives the same item the same id in every parse and every feed that links it', async () => {
    const body = '<rss version="2.0"><channel><item><title>x</title><link>https://ex.eu/a?utm_campaign=y</link><guid>g1</guid></item></channel></rss>';
    const a = await parseFeed(body, { feedId: 'one' });
    const b = await parseFeed(body.replace('g1', 'other-guid'), { feedId: 'two' });
    expect(only(a.items).id).toMatch(/^itm_[0-9a-f]{24}$/);
    expect(only(a.items).id).toBe(only(b.items).id);
  });

  it('uses the defaultType, else news; reads RSS event-module dates', async () => {
    const feed = await parseFeed(
      `<rss version="2.0" xmlns:ev="http://purl.org/rss/1.0/modules/event/"><channel>
        <item><title>Meeting</title><ev:startdate>2026-10-13T09:00:00+02:00</ev:startdate><ev:enddate>2026-10-14T18:00:00+02:00</ev:enddate><ev:location>Luxembourg</ev:location></item>
        <item><title>News</title></item></channel></rss>`,
    );
    expect(only(feed.items)).toMatchObject({ type: 'event', startsAt: '2026-10-13T07:00:00.000Z', endsAt: '2026-10-14T16:00:00.000Z', location: 'Luxembourg' });
    expect(only(feed.items, 1).type).toBe('news');
  });

  it('drops the WordPress "appeared first on" footer from summaries', async () => {
    const feed = await parseFeed(
      `<rss version="2.0"><channel><item><title>T</title><description><![CDATA[<p>EUAA and Italy signed a plan&#8230;</p>
      <p>The post <a href="https://euaa.europa.eu/x">EUAA and Italy sign</a> appeared first on <a href="https://euaa.europa.eu">European Union Agency for Asylum</a>.</p>]]></description></item></channel></rss>`,
    );
    expect(only(feed.items).summary).toBe('EUAA and Italy signed a plan…');
  });

  it('titles an untitled item from its summary', async () => {
    const feed = await parseFeed('<rss version="2.0"><channel><item><description>Short note about visas.</description></item></channel></rss>');
    expect(only(feed.items).title).toBe('Short note about visas.');
  });
});
