import { digestSubject, groupDigest, oneLine, renderDigest, type DigestEntry, type DigestTemplateInput } from './digest.template';

const d = (iso: string) => new Date(iso);

const entry = (over: Partial<DigestEntry> & Pick<DigestEntry, 'id' | 'title'>): DigestEntry => ({
  summary: 'A one-line summary of the item.',
  url: `https://home-affairs.ec.europa.eu/news/${over.id}_en`,
  source: 'DG Migration and Home Affairs',
  type: 'news',
  publishedAt: d('2026-03-28T09:30:00Z'),
  startsAt: null,
  endsAt: null,
  location: null,
  themeIds: ['return-readmission'],
  updated: false,
  ...over,
});

const ENTRIES: DigestEntry[] = [
  entry({
    id: 'i1',
    title: 'Council adopts <script>alert("x")</script> new "return border procedure" & rules',
    summary: 'The Council   adopted\n its position on <b>return</b> & readmission, with "safe third country" rules.',
    themeIds: ['return-readmission', 'international-protection'],
    publishedAt: d('2026-03-29T08:00:00Z'),
  }),
  entry({ id: 'i2', title: 'Commission proposes a common system for returns', updated: true, publishedAt: d('2026-03-28T16:00:00Z') }),
  entry({
    id: 'i3',
    title: "Europol: 40 arrests in action against trafficking in human beings",
    themeIds: ['trafficking'],
    source: 'Europol',
    url: 'javascript:alert(1)',
    publishedAt: d('2026-03-28T11:00:00Z'),
  }),
  entry({ id: 'i4', title: 'Return statistics for 2025 published', publishedAt: null }),
  entry({
    id: 'e1',
    title: 'Justice and Home Affairs Council, 12-13 June 2026',
    type: 'event',
    themeIds: ['international-protection'],
    source: 'Council of the EU',
    startsAt: d('2026-06-12T07:30:00Z'),
    endsAt: d('2026-06-13T15:00:00Z'),
    location: 'Luxembourg <European Convention Center>',
  }),
  entry({
    id: 'e0',
    title: 'EMN conference on trafficking (already held)',
    type: 'event',
    themeIds: ['trafficking'],
    startsAt: d('2026-03-20T09:00:00Z'),
  }),
];

const input = (over: Partial<DigestTemplateInput> = {}): DigestTemplateInput => ({
  language: 'en',
  timezone: 'Europe/Brussels',
  frequency: 'daily',
  themes: ['international-protection', 'trafficking', 'return-readmission'],
  entries: ENTRIES,
  omitted: 0,
  windowStart: d('2026-03-28T06:00:00Z'),
  now: d('2026-03-29T05:00:00Z'),
  links: {
    preferencesUrl: 'https://pulse.example.org/preferences?token=p.T0K',
    unsubscribeUrl: 'https://pulse.example.org/unsubscribe?token=u.T0K',
  },
  ...over,
});

describe('digest template', () => {
  it('groups by the strongest of the subscriber themes, newest first, events apart', () => {
    const { sections, events } = groupDigest(input());
    expect(sections.map((s) => [s.themeId, s.entries.map((e) => e.id)])).toEqual([
      ['return-readmission', ['i1', 'i2', 'i4']],
      ['trafficking', ['i3', 'e0']],
    ]);
    expect(events.map((e) => e.id)).toEqual(['e1']);
  });

  it('says what is inside in the subject', () => {
    const en = renderDigest(input());
    expect(en.subject).toBe('EMN Pulse · 5 items: Return and readmission (3), Trafficking in human beings (2) · 1 upcoming event');
    const allNew = input({ entries: ENTRIES.filter((e) => !e.updated && !e.startsAt) });
    const { sections, events } = groupDigest(allNew);
    expect(digestSubject(allNew, sections, events)).toBe('EMN Pulse · 3 new items: Return and readmission (2), Trafficking in human beings (1)');
    expect(renderDigest(input({ language: 'fr' })).subject).toBe(
      'EMN Pulse · 5 articles : Retour et réadmission (3), Traite des êtres humains (2) · 1 événement à venir',
    );
  });

  it('escapes every piece of feed text and never links a non-http URL', () => {
    const { html, text } = renderDigest(input());
    expect(html).not.toContain('<script>');
    expect(html).toContain('Council adopts &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; new &quot;return border procedure&quot; &amp; rules');
    expect(html).toContain('&lt;b&gt;return&lt;/b&gt; &amp; readmission');
    expect(html).toContain('Luxembourg &lt;European Convention Center&gt;');
    expect(html).not.toContain('javascript:');
    expect(text).not.toContain('javascript:');
    // Plain text is not HTML: it keeps the characters as they are.
    expect(text).toContain('* Council adopts <script>alert("x")</script> new "return border procedure" & rules');
  });

  it('marks updated items and dates in the subscriber zone and language', () => {
    const en = renderDigest(input());
    expect(en.text).toContain('* [Updated] Commission proposes a common system for returns');
    expect(en.html).toContain('>Updated</span>');
    const fr = renderDigest(input({ language: 'fr', timezone: 'America/New_York' }));
    expect(fr.text).toContain('[Mis à jour]');
    // 08:00Z on 29 March is still 29 March in New York (04:00 EDT); 16:00Z on the 28th too.
    expect(fr.text).toContain('29 mars 2026');
  });

  it('carries the preference-centre and unsubscribe links in both parts', () => {
    const { html, text } = renderDigest(input());
    expect(html).toContain('href="https://pulse.example.org/unsubscribe?token=u.T0K"');
    expect(html).toContain('href="https://pulse.example.org/preferences?token=p.T0K"');
    expect(text).toContain('Unsubscribe: https://pulse.example.org/unsubscribe?token=u.T0K');
  });

  it('says how many items the size cap left out', () => {
    expect(renderDigest(input({ omitted: 12 })).text).toContain('…and 12 more items in this period');
  });

  it('cuts summaries to one line at a word boundary', () => {
    expect(oneLine('a  b\n\nc')).toBe('a b c');
    const long = `${'word '.repeat(60)}end`;
    const cut = oneLine(long, 50);
    expect(cut.length).toBeLessThanOrEqual(51);
    expect(cut.endsWith('word…')).toBe(true);
  });

  it.each(['en', 'fr'] as const)('renders the same %s digest as before (snapshot)', (language) => {
    const mail = renderDigest(input({ language }));
    expect(mail.subject).toMatchSnapshot('subject');
    expect(mail.text).toMatchSnapshot('text');
    expect(mail.html).toMatchSnapshot('html');
  });

  it('reuses an entry rendered from a shared row only for the same language, zone and mark', () => {
    // rows as the worker's window cache shares them: one object per item for every subscriber
    const rows = new Map(ENTRIES.map((e) => [e.id, { id: e.id }]));
    const shared = (over: Partial<DigestTemplateInput> = {}, updated?: Set<string>) =>
      input({ ...over, entries: ENTRIES.map((e) => ({ ...e, updated: updated ? updated.has(e.id) : e.updated, shared: rows.get(e.id) })) });
    const variants: [Partial<DigestTemplateInput>, Set<string>?][] = [
      [{}],
      [{ timezone: 'Australia/Sydney' }],
      [{ language: 'fr' }],
      [{ language: 'fr', timezone: 'America/New_York' }],
      [{}, new Set(['i1'])],
      [{}],
    ];
    for (const [over, updated] of variants) {
      const fresh = renderDigest(input({ ...over, entries: ENTRIES.map((e) => ({ ...e, updated: updated ? updated.has(e.id) : e.updated })) }));
      const reused = renderDigest(shared(over, updated));
      expect(reused.html).toBe(fresh.html);
      expect(reused.text).toBe(fresh.text);
    }
    // the zone really changes what an entry shows (its dates)
    expect(renderDigest(shared({ timezone: 'Pacific/Kiritimati' })).text).not.toBe(renderDigest(shared()).text);
  });

  it('renders a weekly digest with events only', () => {
    const mail = renderDigest(input({ frequency: 'weekly', entries: ENTRIES.filter((e) => e.id === 'e1') }));
    expect(mail.subject).toBe('EMN Pulse · 1 upcoming event');
    expect(mail.text).toMatchSnapshot('weekly text');
  });
});
