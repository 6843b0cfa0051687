import type { Language } from './languages';

/**
 * The ten EMN themes (taxonomy v1). Ids are persisted and sent to webhooks: never rename one.
 * The same list lives in @pulse/contracts (THEME_IDS); taxonomy imports nothing internal, so
 * apps/classifier has a test that the two agree.
 */
export const THEME_IDS = [
  'legal-migration',
  'international-protection',
  'vulnerable-groups',
  'integration',
  'citizenship-statelessness',
  'borders-visa-schengen',
  'irregular-migration-smuggling',
  'trafficking',
  'return-readmission',
  'migration-development',
] as const;
export type ThemeId = (typeof THEME_IDS)[number];

export interface ThemeText {
  label: string;
  scope: string;
}
export interface ThemeDefinition {
  id: ThemeId;
  text: Record<Language, ThemeText>;
}

const t = (label: string, scope: string): ThemeText => ({ label, scope });

export const THEMES: readonly ThemeDefinition[] = [
  {
    id: 'legal-migration',
    text: {
      en: t('Legal migration', 'Admission and residence of third-country nationals for work, study, research and family reunification.'),
      fr: t('Migration légale', "Admission et séjour des ressortissants de pays tiers pour le travail, les études, la recherche et le regroupement familial."),
      de: t('Legale Migration', 'Einreise und Aufenthalt von Drittstaatsangehörigen zur Arbeit, zum Studium, zur Forschung und zum Familiennachzug.'),
      it: t('Migrazione legale', 'Ingresso e soggiorno di cittadini di paesi terzi per lavoro, studio, ricerca e ricongiungimento familiare.'),
      es: t('Migración legal', 'Admisión y residencia de nacionales de terceros países por trabajo, estudios, investigación y reagrupación familiar.'),
      pl: t('Legalna migracja', 'Wjazd i pobyt obywateli państw trzecich w celu pracy, studiów, badań naukowych i łączenia rodzin.'),
      nl: t('Legale migratie', 'Toelating en verblijf van derdelanders voor werk, studie, onderzoek en gezinshereniging.'),
    },
  },
  {
    id: 'international-protection',
    text: {
      en: t('International protection (asylum)', 'Asylum procedures, refugee and subsidiary protection, temporary protection, reception and resettlement.'),
      fr: t('Protection internationale (asile)', "Procédures d'asile, statut de réfugié et protection subsidiaire, protection temporaire, accueil et réinstallation."),
      de: t('Internationaler Schutz (Asyl)', 'Asylverfahren, Flüchtlingsschutz und subsidiärer Schutz, vorübergehender Schutz, Aufnahme und Neuansiedlung.'),
      it: t('Protezione internazionale (asilo)', 'Procedure di asilo, status di rifugiato e protezione sussidiaria, protezione temporanea, accoglienza e reinsediamento.'),
      es: t('Protección internacional (asilo)', 'Procedimientos de asilo, estatuto de refugiado y protección subsidiaria, protección temporal, acogida y reasentamiento.'),
      pl: t('Ochrona międzynarodowa (azyl)', 'Procedury azylowe, status uchodźcy i ochrona uzupełniająca, ochrona czasowa, przyjmowanie i przesiedlenia.'),
      nl: t('Internationale bescherming (asiel)', 'Asielprocedures, vluchtelingenstatus en subsidiaire bescherming, tijdelijke bescherming, opvang en hervestiging.'),
    },
  },
  {
    id: 'vulnerable-groups',
    text: {
      en: t('Unaccompanied minors and other vulnerable groups', 'Children in migration, unaccompanied minors, guardianship, age assessment and other migrants with special needs.'),
      fr: t('Mineurs non accompagnés et autres groupes vulnérables', "Enfants migrants, mineurs non accompagnés, tutelle, évaluation de l'âge et autres personnes aux besoins particuliers."),
      de: t('Unbegleitete Minderjährige und andere schutzbedürftige Gruppen', 'Kinder in der Migration, unbegleitete Minderjährige, Vormundschaft, Altersfeststellung und andere besonders Schutzbedürftige.'),
      it: t('Minori non accompagnati e altri gruppi vulnerabili', "Minori migranti, minori stranieri non accompagnati, tutela, accertamento dell'età e altre persone con esigenze particolari."),
      es: t('Menores no acompañados y otros grupos vulnerables', 'Menores migrantes, menores no acompañados, tutela, determinación de la edad y otras personas con necesidades especiales.'),
      pl: t('Małoletni bez opieki i inne grupy szczególnie wrażliwe', 'Dzieci w migracji, małoletni bez opieki, opieka prawna, ocena wieku i inne osoby o szczególnych potrzebach.'),
      nl: t('Alleenstaande minderjarigen en andere kwetsbare groepen', 'Kinderen in migratie, alleenstaande minderjarigen, voogdij, leeftijdsbepaling en andere kwetsbare personen.'),
    },
  },
  {
    id: 'integration',
    text: {
      en: t('Integration', 'Inclusion of migrants and refugees: language, education, work, housing, participation and non-discrimination.'),
      fr: t('Intégration', "Inclusion des migrants et des réfugiés : langue, éducation, emploi, logement, participation et non-discrimination."),
      de: t('Integration', 'Teilhabe von Migranten und Geflüchteten: Sprache, Bildung, Arbeit, Wohnen, Beteiligung und Nichtdiskriminierung.'),
      it: t('Integrazione', 'Inclusione di migranti e rifugiati: lingua, istruzione, lavoro, alloggio, partecipazione e non discriminazione.'),
      es: t('Integración', 'Inclusión de migrantes y refugiados: idioma, educación, empleo, vivienda, participación y no discriminación.'),
      pl: t('Integracja', 'Włączenie migrantów i uchodźców: język, edukacja, praca, mieszkanie, uczestnictwo i niedyskryminacja.'),
      nl: t('Integratie', 'Inclusie van migranten en vluchtelingen: taal, onderwijs, werk, huisvesting, participatie en non-discriminatie.'),
    },
  },
  {
    id: 'citizenship-statelessness',
    text: {
      en: t('Citizenship and statelessness', 'Acquisition and loss of nationality by migrants, naturalisation, and the prevention and reduction of statelessness.'),
      fr: t('Citoyenneté et apatridie', "Acquisition et perte de la nationalité par les migrants, naturalisation, prévention et réduction de l'apatridie."),
      de: t('Staatsangehörigkeit und Staatenlosigkeit', 'Erwerb und Verlust der Staatsangehörigkeit durch Migranten, Einbürgerung, Vermeidung und Verringerung der Staatenlosigkeit.'),
      it: t('Cittadinanza e apolidia', "Acquisto e perdita della cittadinanza da parte dei migranti, naturalizzazione, prevenzione e riduzione dell'apolidia."),
      es: t('Ciudadanía y apatridia', 'Adquisición y pérdida de la nacionalidad por los migrantes, naturalización, prevención y reducción de la apatridia.'),
      pl: t('Obywatelstwo i bezpaństwowość', 'Nabycie i utrata obywatelstwa przez migrantów, naturalizacja, zapobieganie bezpaństwowości i jej ograniczanie.'),
      nl: t('Nationaliteit en staatloosheid', 'Verkrijging en verlies van nationaliteit door migranten, naturalisatie, voorkomen en verminderen van staatloosheid.'),
    },
  },
  {
    id: 'borders-visa-schengen',
    text: {
      en: t('Borders, visa and Schengen governance', 'External border management and surveillance, Frontex, border checks, visa policy, ETIAS, EES and the Schengen area.'),
      fr: t('Frontières, visas et gouvernance de Schengen', "Gestion et surveillance des frontières extérieures, Frontex, contrôles aux frontières, politique des visas, ETIAS, EES et espace Schengen."),
      de: t('Grenzen, Visa und Schengen-Governance', 'Schutz und Überwachung der Außengrenzen, Frontex, Grenzkontrollen, Visumpolitik, ETIAS, EES und der Schengen-Raum.'),
      it: t('Frontiere, visti e governance Schengen', 'Gestione e sorveglianza delle frontiere esterne, Frontex, controlli di frontiera, politica dei visti, ETIAS, EES e spazio Schengen.'),
      es: t('Fronteras, visados y gobernanza de Schengen', 'Gestión y vigilancia de las fronteras exteriores, Frontex, controles fronterizos, política de visados, ETIAS, SES y espacio Schengen.'),
      pl: t('Granice, wizy i zarządzanie strefą Schengen', 'Zarządzanie granicami zewnętrznymi i ich ochrona, Frontex, kontrole graniczne, polityka wizowa, ETIAS, EES i strefa Schengen.'),
      nl: t('Grenzen, visa en Schengenbeheer', 'Beheer en bewaking van de buitengrenzen, Frontex, grenscontroles, visumbeleid, ETIAS, EES en het Schengengebied.'),
    },
  },
  {
    id: 'irregular-migration-smuggling',
    text: {
      en: t('Irregular migration including smuggling', 'Irregular arrivals and stay, migratory routes and pressure, migrant smuggling networks and illegal employment.'),
      fr: t('Migration irrégulière, y compris le trafic de migrants', 'Arrivées et séjours irréguliers, routes et pression migratoires, réseaux de passeurs et emploi illégal.'),
      de: t('Irreguläre Migration einschließlich Schleusung', 'Irreguläre Ankünfte und Aufenthalte, Migrationsrouten und -druck, Schleusernetzwerke und illegale Beschäftigung.'),
      it: t('Migrazione irregolare, compreso il traffico di migranti', 'Arrivi e soggiorni irregolari, rotte e pressione migratoria, reti di trafficanti di migranti e lavoro irregolare.'),
      es: t('Migración irregular, incluido el tráfico de migrantes', 'Llegadas y estancias irregulares, rutas y presión migratorias, redes de tráfico de migrantes y empleo ilegal.'),
      pl: t('Nielegalna migracja, w tym przemyt migrantów', 'Nielegalne przybycia i pobyt, szlaki i presja migracyjna, sieci przemytników i nielegalne zatrudnienie.'),
      nl: t('Irreguliere migratie inclusief mensensmokkel', 'Irreguliere aankomsten en verblijf, migratieroutes en -druk, smokkelnetwerken en illegale tewerkstelling.'),
    },
  },
  {
    id: 'trafficking',
    text: {
      en: t('Trafficking in human beings', 'Trafficking for sexual or labour exploitation, forced begging or criminality; identification and protection of victims.'),
      fr: t('Traite des êtres humains', "Traite aux fins d'exploitation sexuelle ou par le travail, mendicité ou criminalité forcées ; identification et protection des victimes."),
      de: t('Menschenhandel', 'Menschenhandel zur sexuellen Ausbeutung oder Ausbeutung der Arbeitskraft, Zwangsbettelei; Identifizierung und Schutz der Opfer.'),
      it: t('Tratta di esseri umani', 'Tratta a fini di sfruttamento sessuale o lavorativo, accattonaggio forzato; identificazione e protezione delle vittime.'),
      es: t('Trata de seres humanos', 'Trata con fines de explotación sexual o laboral, mendicidad forzada; identificación y protección de las víctimas.'),
      pl: t('Handel ludźmi', 'Handel ludźmi w celu wykorzystania seksualnego lub pracy przymusowej; identyfikacja ofiar i ich ochrona.'),
      nl: t('Mensenhandel', 'Mensenhandel voor seksuele of arbeidsuitbuiting, gedwongen bedelarij; identificatie en bescherming van slachtoffers.'),
    },
  },
  {
    id: 'return-readmission',
    text: {
      en: t('Return and readmission', 'Return decisions and procedures, voluntary and forced return, reintegration and readmission cooperation.'),
      fr: t('Retour et réadmission', 'Décisions et procédures de retour, retour volontaire et forcé, réintégration et coopération en matière de réadmission.'),
      de: t('Rückkehr und Rückübernahme', 'Rückkehrentscheidungen und -verfahren, freiwillige und erzwungene Rückkehr, Reintegration und Rückübernahme.'),
      it: t('Rimpatrio e riammissione', 'Decisioni e procedure di rimpatrio, rimpatrio volontario e forzato, reintegrazione e cooperazione in materia di riammissione.'),
      es: t('Retorno y readmisión', 'Decisiones y procedimientos de retorno, retorno voluntario y forzoso, reintegración y cooperación en materia de readmisión.'),
      pl: t('Powroty i readmisja', 'Decyzje i procedury powrotowe, powroty dobrowolne i przymusowe, reintegracja i współpraca w zakresie readmisji.'),
      nl: t('Terugkeer en overname', 'Terugkeerbesluiten en -procedures, vrijwillige en gedwongen terugkeer, herintegratie en samenwerking bij overname.'),
    },
  },
  {
    id: 'migration-development',
    text: {
      en: t('Migration and development cooperation', 'Migration partnerships with third countries, root causes, diaspora, remittances and development funding.'),
      fr: t('Migration et coopération au développement', 'Partenariats migratoires avec les pays tiers, causes profondes, diaspora, transferts de fonds et financement du développement.'),
      de: t('Migration und Entwicklungszusammenarbeit', 'Migrationspartnerschaften mit Drittstaaten, Fluchtursachen, Diaspora, Rücküberweisungen und Entwicklungsfinanzierung.'),
      it: t('Migrazione e cooperazione allo sviluppo', 'Partenariati migratori con i paesi terzi, cause profonde, diaspora, rimesse e finanziamenti allo sviluppo.'),
      es: t('Migración y cooperación al desarrollo', 'Asociaciones migratorias con terceros países, causas profundas, diáspora, remesas y financiación del desarrollo.'),
      pl: t('Migracja i współpraca na rzecz rozwoju', 'Partnerstwa migracyjne z państwami trzecimi, pierwotne przyczyny, diaspora, przekazy pieniężne i finansowanie rozwoju.'),
      nl: t('Migratie en ontwikkelingssamenwerking', 'Migratiepartnerschappen met derde landen, grondoorzaken, diaspora, geldovermakingen en ontwikkelingsfinanciering.'),
    },
  },
];

export function themeText(id: ThemeId, language: Language = 'en'): ThemeText {
  const theme = THEMES.find((th) => th.id === id);
  if (!theme) throw new Error(`unknown theme ${id}`);
  return theme.text[language];
}
