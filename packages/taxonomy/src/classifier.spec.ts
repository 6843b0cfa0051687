import { analyse, classify } from './classifier';
import { THEME_IDS, type ThemeId } from './themes';
import { THRESHOLDS } from './thresholds.data';
import { TAXONOMY_VERSION } from './version';

const ids = (title: string, summary = '', language?: string) => classify({ title, summary, language }).themes.map((t) => t.id);
const terms = (title: string, summary = '') => classify({ title, summary }).themes.flatMap((t) => t.evidence.map((e) => e.term));

describe('classify', () => {
  it('tags migration news with its themes, scores in (0, 1] and evidence, best first', () => {
    const result = classify({
      title: 'Commission proposes new rules on return decisions',
      summary: 'Readmission agreements with third countries will be used better, and migrant smugglers will be prosecuted.',
    });
    expect(result.language).toBe('en');
    expect(result.themes.map((t) => t.id)).toEqual(['return-readmission', 'irregular-migration-smuggling']);
    for (const t of result.themes) {
      expect(t.score).toBeGreaterThan(0);
      expect(t.score).toBeLessThanOrEqual(1);
    }
    expect(result.themes[0]!.score).toBeGreaterThanOrEqual(result.themes[1]!.score);
    expect(result.themes[0]!.evidence).toEqual(
      expect.arrayContaining([
        { term: 'return decision', field: 'title', weight: 4 },
        { term: 'readmission agreement', field: 'summary', weight: 4 },
      ]),
    );
  });

  it('leaves most EU news untagged', () => {
    expect(ids('Commission approves German capacity mechanism to secure electricity supply', 'State aid of up to €35 billion.')).toEqual([]);
    expect(ids('New rules on AI transparency start applying', 'People will know when they interact with AI systems.')).toEqual([]);
    expect(ids('', '')).toEqual([]);
  });

  it('lets a phrase beat the words inside it', () => {
    expect(terms('Study on trafficking in human beings')).toEqual(['trafficking in human beings']);
    expect(terms('Schengen Borders Code revised')).toEqual(['Schengen Borders Code']);
  });

  it('matches inflected forms of a term', () => {
    for (const title of ['Smugglers arrested', 'Smuggling network dismantled', 'Migrant smuggler arrested']) {
      expect(ids(`${title} after migrants drowned`)).toContain('irregular-migration-smuggling');
    }
    expect(ids('Refugee status granted to 1 000 Syrians')).toContain('international-protection');
    expect(ids('EU resettles refugees from Libya')).toContain('international-protection');
  });

  it('does not match a phrase across a comma or a sentence end', () => {
    expect(terms('A concern for economic, migration-related and social reasons')).not.toContain('economic migration');
    expect(terms('Growth is economic. Migration is discussed tomorrow')).not.toContain('economic migration');
    expect(terms('Growth and economic migration')).toContain('economic migration');
  });

  it('tells where each term fired', () => {
    const [theme] = classify({ title: 'Visa policy', summary: 'The Schengen area grows.' }).themes;
    expect(theme?.evidence.map((e) => [e.term, e.field])).toEqual(expect.arrayContaining([['visa policy', 'title'], ['Schengen area', 'summary']]));
  });

  it('weighs a term more in the title than in the summary', () => {
    const inTitle = analyse({ title: 'Illegal employment of third-country nationals', summary: 'A new study.' }).scores[0]!.score;
    const inSummary = analyse({ title: 'A new study', summary: 'Illegal employment of third-country nationals.' }).scores[0]!.score;
    expect(inTitle).toBeGreaterThan(inSummary);
  });

  it('lets an agency name decide only when nothing else does', () => {
    expect(ids('Frontex signs working arrangement with Nigeria')).toEqual(['borders-visa-schengen']);
    expect(ids('Frontex coordinates a joint return operation to Georgia', 'Forced returns were monitored.')).toEqual(['return-readmission']);
  });

  it('counts generic words only in a migration text', () => {
    expect(ids('Schools help children with language courses')).toEqual([]);
    expect(ids('Migrant children get language courses and help with integration at school')).toEqual(
      expect.arrayContaining<ThemeId>(['vulnerable-groups', 'integration']),
    );
  });

  it('reads thresholds from data, and obeys thresholds it is given', () => {
    const input = { title: 'Asylum and migration in figures', summary: '' };
    const score = analyse(input).scores.find((s) => s.id === 'international-protection')!.score;
    const at = (t: number) => classify(input, { thresholds: { ...THRESHOLDS, 'international-protection': t } }).themes.map((x) => x.id);
    expect(at(score)).toContain('international-protection');
    expect(at(Math.min(1, score + 0.001))).not.toContain('international-protection');
    for (const id of THEME_IDS) expect(THRESHOLDS[id]).toBeGreaterThan(0);
  });

  it('uses the language it is given, and detects it when it is not', () => {
    expect(classify({ title: 'Rückkehr und Rückübernahme', summary: '' }).language).toBe('de');
    expect(classify({ title: 'Rückkehr und Rückübernahme', summary: '', language: 'de-AT' }).language).toBe('de');
    expect(classify({ title: 'Return and readmission', summary: '', language: 'sv' }).language).toBe('en');
  });

  it('is deterministic and stamps a taxonomy version', () => {
    const input = { title: 'Integration of migrants in cities', summary: 'Language courses.' };
    expect(classify(input)).toEqual(classify(input));
    expect(TAXONOMY_VERSION).toMatch(/^1\.[0-9a-f]{8}$/);
  });
});
