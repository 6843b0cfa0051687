import type { ThemeLexicon } from './lexicon.types';

export const VULNERABLE_GROUPS: ThemeLexicon = {
  theme: 'vulnerable-groups',
  entries: [
    {
      w: 4,
      en: ['unaccompanied minor', 'unaccompanied minors', 'unaccompanied children', 'unaccompanied child', 'unaccompanied migrant children', 'separated children', 'children in migration', 'migrant children', 'refugee children', 'children on the move', 'missing migrant children', 'age assessment', 'vulnerable groups', 'vulnerable applicants', 'vulnerable asylum seekers', 'vulnerable migrants', 'young refugees', 'accompanied children', 'European Guardianship Network', 'special reception needs', 'special procedural guarantees', 'UAMs'],
      fr: ['mineurs non accompagnés', 'mineur non accompagné', 'enfants non accompagnés', 'mineurs isolés', 'mineurs étrangers isolés', 'enfants migrants', 'enfants réfugiés', 'enfants dans la migration', 'évaluation de l’âge', 'groupes vulnérables', 'personnes vulnérables', 'demandeurs vulnérables', 'jeunes réfugiés', 'MNA'],
      de: ['unbegleitete Minderjährige', 'unbegleiteter Minderjähriger', 'unbegleiteten Minderjährigen', 'unbegleitete minderjährige', 'unbegleitete Kinder', 'Flüchtlingskinder', 'geflüchtete Kinder', 'Kinder in der Migration', 'Altersfeststellung', 'Alterseinschätzung', 'schutzbedürftige Gruppen', 'besonders schutzbedürftige', 'vulnerable Gruppen', 'junge Geflüchtete', 'UMF'],
      it: ['minori stranieri non accompagnati', 'minori non accompagnati', 'minore non accompagnato', 'bambini migranti', 'minori migranti', 'bambini rifugiati', 'accertamento dell’età', 'gruppi vulnerabili', 'persone vulnerabili', 'migranti vulnerabili', 'MSNA'],
      es: ['menores extranjeros no acompañados', 'menores no acompañados', 'menor no acompañado', 'niños migrantes', 'menores migrantes', 'niños refugiados', 'determinación de la edad', 'grupos vulnerables', 'personas vulnerables', 'migrantes vulnerables'],
      pl: ['małoletni bez opieki', 'małoletnich bez opieki', 'małoletnim bez opieki', 'dzieci bez opieki', 'dzieci migrantów', 'dzieci uchodźców', 'dzieci migrujące', 'ocena wieku', 'grupy szczególnie wrażliwe', 'osoby wymagające szczególnego traktowania', 'osób wymagających szczególnego traktowania'],
      nl: ['alleenstaande minderjarige vreemdelingen', 'alleenstaande minderjarigen', 'alleenstaande minderjarige', 'niet-begeleide minderjarigen', 'amv', 'vluchtelingenkinderen', 'kinderen in migratie', 'leeftijdsbepaling', 'leeftijdsonderzoek', 'kwetsbare groepen', 'kwetsbare asielzoekers'],
    },
    {
      w: 3,
      nc: true,
      en: ['guardianship', 'guardians', 'best interests of the child', 'child protection', 'missing children', 'missing minors', 'victims of torture', 'persons with disabilities', 'LGBTIQ', 'pregnant women', 'single parents', 'families with children', 'vulnerable persons', 'vulnerable people', 'vulnerability'],
      fr: ['tutelle', 'tuteurs', 'intérêt supérieur de l’enfant', 'protection de l’enfance', 'enfants disparus', 'mineurs disparus', 'victimes de torture', 'personnes handicapées', 'femmes enceintes', 'familles avec enfants', 'vulnérabilité'],
      de: ['Vormundschaft', 'Vormünder', 'Obsorge', 'Kindeswohl*', 'Kinderschutz', 'vermisste Kinder', 'Folteropfer', 'Menschen mit Behinderungen', 'Familien mit Kindern', 'Schutzbedürftigkeit', 'Vulnerabilität'],
      it: ['tutela dei minori', 'tutori volontari', 'tutori', 'interesse superiore del minore', 'protezione dei minori', 'minori scomparsi', 'vittime di tortura', 'persone con disabilità', 'famiglie con bambini', 'vulnerabilità'],
      es: ['tutela', 'tutores', 'interés superior del menor', 'protección de la infancia', 'protección de menores', 'menores desaparecidos', 'víctimas de tortura', 'personas con discapacidad', 'familias con niños', 'vulnerabilidad'],
      pl: ['opieka prawna', 'opiekun prawny', 'opiekunowie', 'dobro dziecka', 'ochrona dzieci', 'zaginione dzieci', 'ofiary tortur', 'osoby z niepełnosprawnościami'],
      nl: ['voogdij', 'voogden', 'belang van het kind', 'kinderbescherming', 'vermiste kinderen', 'slachtoffers van foltering', 'mensen met een beperking', 'gezinnen met kinderen', 'kwetsbaarheid'],
    },
    {
      w: 2,
      nc: true,
      en: ['children', 'child', 'minors', 'girls', 'women and girls', 'young people', 'youth', 'families', 'elderly'],
      fr: ['enfants', 'enfant', 'mineurs', 'mineur', 'jeunes', 'filles', 'familles'],
      de: ['Kinder', 'Kind', 'Minderjährige', 'Minderjährigen', 'Jugendliche', 'Mädchen', 'Familien'],
      it: ['bambini', 'minori', 'minore', 'ragazzi', 'giovani', 'famiglie'],
      es: ['niños', 'niñas', 'menores', 'menor', 'jóvenes', 'familias'],
      pl: ['dzieci', 'dziecko', 'małoletni', 'małoletnich', 'nieletni', 'młodzież', 'rodziny'],
      nl: ['kinderen', 'kind', 'minderjarigen', 'minderjarige', 'jongeren', 'meisjes', 'gezinnen'],
    },
  ],
};
