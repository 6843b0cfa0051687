import { analyse, classify } from './classifier';
import { EXCLUSIONS } from './lexicon';
import type { ThemeId } from './themes';

interface LookAlike {
  /** Exclusion rule that must fire. */
  rule: string;
  title: string;
  summary: string;
  language?: string;
  /** The same story about people on the move, and the theme it must then carry. */
  withMigration: { title: string; summary: string; theme: ThemeId };
}

const LOOK_ALIKES: LookAlike[] = [
  {
    rule: 'drugs',
    title: 'Emerging drug trafficking corridor from Western to Eastern Europe disrupted',
    summary: 'The criminal network smuggled methamphetamine across the border to Slovakia; traffickers were arrested.',
    withMigration: {
      title: 'Network smuggling drugs and migrants across the Balkans dismantled',
      summary: 'The smugglers also transported irregular migrants in lorries.',
      theme: 'irregular-migration-smuggling',
    },
  },
  {
    rule: 'drugs',
    title: 'Operación contra el narcotráfico: incautadas ocho toneladas de cocaína',
    summary: 'La Guardia Civil detuvo a 12 traficantes por tráfico de drogas en la frontera.',
    language: 'es',
    withMigration: { title: 'Red de tráfico de drogas y de migrantes desarticulada', summary: 'Los migrantes cruzaban la frontera en pateras.', theme: 'irregular-migration-smuggling' },
  },
  {
    rule: 'firearms',
    title: 'Joint webinar on firearms trafficking in Europe',
    summary: 'Experts discussed how weapons are smuggled across borders and how traffickers operate.',
    withMigration: {
      title: 'Traffickers exploited migrants and smuggled firearms',
      summary: 'Victims of trafficking in human beings were forced to carry weapons.',
      theme: 'trafficking',
    },
  },
  {
    rule: 'tobacco',
    title: 'Customs seize 12 tonnes of contraband cigarettes at the border',
    summary: 'Cigarette smuggling costs national budgets billions; the smugglers were arrested.',
    withMigration: {
      title: 'Lorry with smuggled cigarettes also carried 14 migrants',
      summary: 'The smugglers had hidden the migrants behind boxes of cigarettes.',
      theme: 'irregular-migration-smuggling',
    },
  },
  {
    rule: 'wildlife',
    title: 'Wildlife trafficking: 500 protected reptiles seized at the airport',
    summary: 'The traffickers smuggled the animals in suitcases.',
    withMigration: {
      title: 'Smugglers of protected species also ran a migrant smuggling route',
      summary: 'Migrants were hidden in the same vehicles.',
      theme: 'irregular-migration-smuggling',
    },
  },
  {
    rule: 'cultural-goods',
    title: 'Trafficking in cultural goods: 300 archaeological artefacts recovered',
    summary: 'Looted antiquities were smuggled across the border and sold online.',
    withMigration: {
      title: 'Looted antiquities financed people smuggling',
      summary: 'The network smuggled migrants and archaeological artefacts.',
      theme: 'irregular-migration-smuggling',
    },
  },
  {
    rule: 'goods',
    title: 'Frontex co-led operation against illicit waste trafficking across EU external borders',
    summary: 'Hazardous waste shipments were seized at border crossing points.',
    withMigration: {
      title: 'Waste lorry used to smuggle migrants across the border',
      summary: 'Border guards found 20 irregular migrants hidden under the waste.',
      theme: 'irregular-migration-smuggling',
    },
  },
  {
    rule: 'citizens-initiative',
    title: "Commission registers European citizens' initiative 'EU Citizenship for Europeans'",
    summary: 'The organisers ask that the citizenship rights of UK nationals be kept after Brexit; they have one year to collect one million signatures.',
    withMigration: {
      title: "Citizens' initiative calls for easier naturalisation of third-country nationals",
      summary: 'Organisers ask for common rules on the acquisition of citizenship by migrants.',
      theme: 'citizenship-statelessness',
    },
  },
  {
    rule: 'eu-citizenship',
    title: 'EU Citizenship Report 2026: stronger rights for EU citizens',
    summary: 'Union citizenship gives the right to vote in municipal elections; citizenship rights also include consular protection.',
    withMigration: {
      title: 'Union citizenship and the naturalisation of third-country nationals',
      summary: 'Member States set the conditions for acquiring citizenship; stateless persons face obstacles.',
      theme: 'citizenship-statelessness',
    },
  },
  {
    rule: 'child-abuse',
    title: '28 arrests in international strike against child sexual exploitation',
    summary: 'Investigators identified the traffickers who sold child sexual abuse material online.',
    withMigration: {
      title: 'Child sexual exploitation of unaccompanied migrant children',
      summary: 'Missing migrant children are at risk of trafficking.',
      theme: 'vulnerable-groups',
    },
  },
];

describe('look-alike exclusions', () => {
  it('cover every rule', () => {
    expect(new Set(LOOK_ALIKES.map((l) => l.rule))).toEqual(new Set(EXCLUSIONS.map((r) => r.id)));
  });

  it.each(LOOK_ALIKES.map((l) => [l.rule, l] as const))('%s: no theme without migration context', (rule, l) => {
    const input = { title: l.title, summary: l.summary, language: l.language };
    const result = classify(input);
    expect(result.themes).toEqual([]);
    expect(result.excluded).toContain(rule);
    // The rule does the work: without it the look-alike words would count as evidence.
    expect(analyse(input, { exclusions: false }).scores).not.toEqual([]);
  });

  it.each(LOOK_ALIKES.map((l) => [l.rule, l] as const))('%s: the theme stays when migrants are in the story', (_rule, l) => {
    const result = classify({ title: l.withMigration.title, summary: l.withMigration.summary, language: l.language });
    expect(result.themes.map((t) => t.id)).toContain(l.withMigration.theme);
    expect(result.excluded).toEqual([]);
  });

  it('never counts a look-alike phrase as evidence, even with migration context', () => {
    const result = classify({ title: 'Drug trafficking and migrant smuggling on the same route', summary: '' });
    const terms = result.themes.flatMap((t) => t.evidence.map((e) => e.term));
    expect(terms).toContain('migrant smuggling');
    expect(terms).not.toContain('trafficking');
    expect(result.themes.map((t) => t.id)).not.toContain('trafficking');
  });

  it('does not read an institution’s name as a theme', () => {
    const result = classify({
      title: 'Commissioner for Migration, Home Affairs and Citizenship Dimitris Avramopoulos launches the European Drug Report',
      summary: 'The European Migration Network and the Directorate-General for Migration and Home Affairs took part.',
    });
    expect(result.themes).toEqual([]);
  });

  it('tells EU nationals’ citizenship from the citizenship of migrants', () => {
    expect(classify({ title: 'Pathways to citizenship for third-country nationals', summary: '' }).themes.map((t) => t.id)).toEqual(['citizenship-statelessness']);
    expect(classify({ title: 'What EU citizenship means for you', summary: 'EU citizens can live and work anywhere in the Union.' }).themes).toEqual([]);
  });
});
