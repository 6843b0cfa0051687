import type { WindowItemRow } from '@pulse/db';
import { effectiveThemes, selectForSubscriber } from './digest.content';

const at = (h: number) => new Date(Date.UTC(2026, 2, 10, h));
const row = (id: string, themeIds: string[], over: Partial<WindowItemRow> = {}): WindowItemRow => ({
  id,
  title: id,
  summary: '',
  url: null,
  source: null,
  type: 'news',
  language: 'en',
  publishedAt: at(1),
  firstSeenAt: at(1),
  changedAt: at(1),
  startsAt: null,
  endsAt: null,
  location: null,
  themeIds,
  ...over,
});

describe('selectForSubscriber', () => {
  const rows = [
    row('a', ['trafficking', 'return-readmission']),
    row('b', ['integration']),
    row('c', ['return-readmission'], { type: 'event' }),
    row('d', ['return-readmission'], { changedAt: at(5) }),
    row('e', ['trafficking'], { changedAt: at(2) }),
  ];

  it('keeps the subscriber themes (narrowed, strongest first) and types', () => {
    const picked = selectForSubscriber(rows, { themes: ['return-readmission'], types: [] }, new Map());
    expect(picked.map((p) => [p.id, p.themeIds])).toEqual([
      ['a', ['return-readmission']],
      ['c', ['return-readmission']],
      ['d', ['return-readmission']],
    ]);
    expect(selectForSubscriber(rows, { themes: ['return-readmission'], types: ['event'] }, new Map()).map((p) => p.id)).toEqual(['c']);
  });

  it('leaves out what was sent and not changed since; marks what changed as updated', () => {
    const lastSent = new Map([
      ['d', at(3)],
      ['e', at(3)],
    ]);
    const picked = selectForSubscriber(rows, { themes: ['trafficking', 'return-readmission'], types: [] }, lastSent);
    expect(picked.map((p) => [p.id, p.updated])).toEqual([
      ['a', false],
      ['c', false],
      ['d', true],
    ]);
  });

  it('reads no themes as all themes, and ignores unknown ones', () => {
    expect(effectiveThemes({ themes: [] })).toHaveLength(10);
    expect(effectiveThemes({ themes: ['integration', 'astrology'] })).toEqual(['integration']);
  });
});
