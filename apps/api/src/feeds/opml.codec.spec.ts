import { OpmlError, parseOpml, renderOpml } from './opml.codec';

describe('OPML codec', () => {
  it('reads every outline with an xmlUrl, through folders, in document order', () => {
    const feeds = parseOpml(`<?xml version="1.0" encoding="utf-8"?>
      <!DOCTYPE opml>
      <opml version="2.0"><head><title>x</title></head><body>
        <outline text="Folder"><outline text="A &amp; B" type="rss" xmlUrl="https://a.example/rss?x=1&amp;y=2"/></outline>
        <outline text="just a label"/>
        <outline TITLE="Upper" XMLURL=" https://b.example/feed " language="de"/>
      </body></opml>`);
    expect(feeds).toEqual([
      { url: 'https://a.example/rss?x=1&y=2', title: 'A & B', language: null, kind: null, pollIntervalSeconds: null, enabled: null },
      { url: 'https://b.example/feed', title: 'Upper', language: 'de', kind: null, pollIntervalSeconds: null, enabled: null },
    ]);
  });

  it('ignores outlines in the head and refuses what is not OPML', () => {
    expect(parseOpml('<opml><head><outline xmlUrl="https://x.example"/></head><body/></opml>')).toEqual([]);
    expect(() => parseOpml('<rss><channel/></rss>')).toThrow(new OpmlError('the root element is <rss>, not <opml>'));
    expect(() => parseOpml('<opml><head/></opml>')).toThrow(/no <body>/);
    expect(() => parseOpml('not xml at all')).toThrow(OpmlError);
  });

  it('does not expand entities declared in a DTD (billion laughs)', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
      <opml><body><outline text="&lol2;" xmlUrl="https://x.example"/></body></opml>`;
    const [feed] = parseOpml(bomb);
    expect(feed!.title!.length).toBeLessThan(20);
  });

  it('renders what it reads back, settings and awkward characters included', () => {
    const feeds = [
      { url: 'https://a.example/rss?x=1&y="2"', title: `<Council> & "EU's" press\u0001`, kind: 'press-release', language: 'fr', pollIntervalSeconds: 900, enabled: false },
      { url: 'https://b.example/cal.ics', title: 'Events', kind: 'event', language: null, pollIntervalSeconds: 86400, enabled: true },
    ];
    const xml = renderOpml(feeds, new Date('2026-03-01T00:00:00Z'));
    expect(xml).toContain('<dateCreated>Sun, 01 Mar 2026 00:00:00 GMT</dateCreated>');
    expect(parseOpml(xml)).toEqual([
      { url: feeds[0]!.url, title: `<Council> & "EU's" press`, kind: 'press-release', language: 'fr', pollIntervalSeconds: 900, enabled: false },
      { url: feeds[1]!.url, title: 'Events', kind: 'event', language: null, pollIntervalSeconds: 86400, enabled: true },
    ]);
  });
});
