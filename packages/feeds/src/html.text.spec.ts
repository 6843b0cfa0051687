import { htmlToText, looksLikeHtml, sanitizeContentHtml } from './html.text';
import { contradictingLanguage } from './language.guesser';
import { languageFromUrl, normaliseLanguage } from './language';
import { canonicalUrl } from './url.canonical';

describe('htmlToText', () => {
  it.each([
    ['<p>One</p><p>Two</p>', 'One Two'],
    ['a<br>b<br/>c', 'a b c'],
    ['safe<script>alert("x")</script> <b>description</b>', 'safe description'],
    ['<style>.x{}</style>styled', 'styled'],
    ['caf&eacute; &amp; &nbsp;bar&hellip; &#146;s &copy', 'café & bar… ’s ©'],
    ['  lots \n\t of   space  ', 'lots of space'],
    ['safe<iframe src="x"> <b>fallback</b></iframe>', 'safe fallback'],
    ['a < b and c > d', 'a < b and c > d'],
    ['Q&A session', 'Q&A session'],
    ['e\u0301', 'é'], // NFC
  ])('%j → %j', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  it('strips absurdly deep markup without parsing it', () => {
    const deep = `${'<b>'.repeat(50_000)}deep &amp; <script>x()</script>down`;
    expect(htmlToText(deep)).toBe('deep & down');
    expect(sanitizeContentHtml(deep, null)).toBe('');
  });

  it('tells markup from text', () => {
    expect(looksLikeHtml('History of <b>bold</b>')).toBe(true);
    expect(looksLikeHtml('AT&amp;T')).toBe(true);
    expect(looksLikeHtml('R&D < 5 and > 3')).toBe(false);
  });
});

describe('sanitizeContentHtml', () => {
  it('removes scripts, handlers, frames and unsafe URLs, and makes links absolute', () => {
    const html = sanitizeContentHtml(
      '<p onclick="x()">Hi <a href="/a" onmouseover="y()">a</a> <a href="javascript:alert(1)">j</a><img src="i.png" onerror="z()"></p><iframe src="//evil"></iframe><script>s()</script><a href="#top">t</a>',
      'https://emn.example.eu/news/',
    );
    expect(html).toBe('<p>Hi <a href="https://emn.example.eu/a">a</a> <a>j</a><img src="https://emn.example.eu/news/i.png" /></p><a href="#top">t</a>');
  });
});

describe('canonicalUrl', () => {
  it.each([
    ['/x?utm_source=a&id=1&UTM_Medium=b', 'https://ex.eu/base/', 'https://ex.eu/x?id=1'],
    ['HTTP://EX.EU:80/A/B/?b=2&a=1', null, 'http://ex.eu/A/B/?b=2&a=1'],
    ['https://ex.eu/p?at_medium=rss&at_campaign=x', null, 'https://ex.eu/p'],
    ['page#section', 'https://ex.eu/dir/feed', 'https://ex.eu/dir/page#section'],
    ['mailto:a@ex.eu', null, null],
    ['relative/only', null, null],
    ['', 'https://ex.eu/', null],
  ])('%s against %s → %s', (ref, base, expected) => {
    expect(canonicalUrl(ref, base)).toBe(expected);
  });
});

describe('languages', () => {
  it.each([
    ['https://ec.europa.eu/commission/presscorner/detail/pl/ip_26_1738', 'pl'],
    ['https://home-affairs.ec.europa.eu/news/report-2026-06-18_en', 'en'],
    ['https://ec.europa.eu/migrant-integration/news_fr.rss', 'fr'],
    ['https://www.ecb.europa.eu/press/pr/date/2026/html/ecb.pr260821~a0.de.html', 'de'],
    ['https://ec.europa.eu/commission/presscorner/api/rss?language=en', 'en'],
    ['https://example.org/news/item', null],
    ['https://example.org/xx/item', null],
  ])('%s → %s', (url, lang) => {
    expect(languageFromUrl(url)).toBe(lang);
  });

  it('normalises tags', () => {
    expect(normaliseLanguage('EN_gb')).toBe('en');
    expect(normaliseLanguage('pt-BR')).toBe('pt');
    expect(normaliseLanguage('English')).toBeNull();
  });

  it('overrules an inherited language only on clear evidence', () => {
    expect(contradictingLanguage('The Commission has adopted the report on the return of migrants to their countries', 'pl')).toBe('en');
    expect(contradictingLanguage('Galileo satellites', 'pl')).toBeNull();
    expect(contradictingLanguage('Komisja przyjęła sprawozdanie w sprawie powrotów i nie tylko', 'pl')).toBeNull();
    expect(contradictingLanguage('The report of the agency', 'hu')).toBeNull();
  });
});
