import { THEME_IDS as CONTRACT_THEME_IDS, ThemeResultSchema } from '@pulse/contracts';
import { classify, THEME_IDS as TAXONOMY_THEME_IDS, THEMES } from '@pulse/taxonomy';

// @pulse/taxonomy imports nothing internal, so it keeps its own copy of the persisted ids.
describe('theme ids', () => {
  it('are the same in @pulse/contracts and @pulse/taxonomy, in the same order', () => {
    expect([...TAXONOMY_THEME_IDS]).toEqual([...CONTRACT_THEME_IDS]);
    expect(THEMES.map((t) => t.id)).toEqual([...CONTRACT_THEME_IDS]);
  });

  it('classify() results satisfy the ThemeResult contract that webhooks and the API send', () => {
    const { themes } = classify({ title: 'EU and Morocco sign readmission agreement', summary: 'Migrant smuggling networks will be targeted too.' });
    expect(themes.length).toBeGreaterThan(0);
    for (const t of themes) expect(ThemeResultSchema.parse(t)).toEqual(t);
  });
});
