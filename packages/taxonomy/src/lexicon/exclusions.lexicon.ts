import type { ExclusionRule } from './lexicon.types';

const CROSS_BORDER_CRIME = ['trafficking', 'irregular-migration-smuggling', 'borders-visa-schengen'] as const;

/**
 * Look-alikes (PRODUCT.md): "trafficking" and "smuggling" of goods, seizures at a border,
 * citizens' initiatives, EU citizenship of EU nationals, child abuse outside migration. Each
 * applies only when the text has no migration context (see context.lexicon.ts).
 */
export const EXCLUSIONS: readonly ExclusionRule[] = [
  {
    id: 'drugs',
    description: 'drug trafficking and seizures of drugs',
    suppress: CROSS_BORDER_CRIME,
    cues: {
      en: ['drug', 'drugs', 'drug trafficking', 'drug smuggling', 'drug traffickers', 'narcotics', 'cocaine', 'heroin', 'cannabis', 'hashish', 'methamphetamine', 'amphetamine', 'amphetamines', 'synthetic drugs', 'drug precursors', 'World Drug Day', 'EMCDDA', 'European Drug Report', 'drug trafficking corridor'],
      fr: ['drogue', 'drogues', 'stupéfiants', 'trafic de stupéfiants', 'trafic de drogue', 'trafic de drogues', 'cocaïne', 'héroïne', 'résine de cannabis'],
      de: ['Drogen*', 'Rauschgift*', 'Betäubungsmittel*', 'Kokain', 'Heroin', 'Haschisch', 'Drogenhandel*'],
      it: ['droga', 'droghe', 'stupefacenti', 'traffico di droga', 'traffico di stupefacenti', 'traffico internazionale di stupefacenti', 'cocaina', 'eroina', 'marijuana'],
      es: ['droga', 'drogas', 'narcotráfico', 'narcotraficantes', 'estupefacientes', 'tráfico de drogas', 'tráfico de estupefacientes', 'cocaína', 'heroína', 'hachís'],
      pl: ['narkotyki', 'narkotyków', 'przemyt narkotyków', 'handel narkotykami', 'kokaina', 'kokainy', 'heroina'],
      nl: ['drugs', 'drugshandel', 'drugssmokkel', 'cocaïne', 'heroïne', 'verdovende middelen'],
    },
  },
  {
    id: 'firearms',
    description: 'firearms and weapons trafficking',
    suppress: CROSS_BORDER_CRIME,
    cues: {
      en: ['firearms', 'firearm', 'firearms trafficking', 'arms trafficking', 'weapons trafficking', 'weapons', 'ammunition', 'explosives', 'guns'],
      fr: ['armes à feu', 'trafic d’armes', 'armes', 'munitions', 'explosifs'],
      de: ['Waffen*', 'Schusswaffe*', 'Munition', 'Sprengstoff*'],
      it: ['armi da fuoco', 'traffico di armi', 'armi', 'munizioni', 'esplosivi'],
      es: ['armas de fuego', 'tráfico de armas', 'armas', 'munición', 'municiones', 'explosivos'],
      pl: ['broń palna', 'broni palnej', 'broń', 'broni', 'amunicja', 'amunicji', 'materiały wybuchowe'],
      nl: ['vuurwapens', 'vuurwapen', 'wapenhandel', 'wapensmokkel', 'wapens', 'munitie', 'explosieven'],
    },
  },
  {
    id: 'tobacco',
    description: 'cigarette and tobacco smuggling, excise goods',
    suppress: CROSS_BORDER_CRIME,
    cues: {
      en: ['cigarettes', 'cigarette smuggling', 'tobacco', 'tobacco smuggling', 'excise goods', 'contraband'],
      fr: ['cigarettes', 'contrebande de cigarettes', 'tabac', 'contrebande'],
      de: ['Zigarette*', 'Zigarettenschmuggel*', 'Tabak*', 'unversteuerte'],
      it: ['sigarette', 'contrabbando di sigarette', 'tabacco', 'tabacchi', 'contrabbando'],
      es: ['cigarrillos', 'tabaco', 'contrabando de tabaco', 'contrabando'],
      pl: ['papierosy', 'papierosów', 'przemyt papierosów', 'wyroby tytoniowe', 'wyrobów tytoniowych', 'tytoń', 'tytoniu'],
      nl: ['sigaretten', 'sigarettensmokkel', 'tabak', 'accijnsgoederen'],
    },
  },
  {
    id: 'wildlife',
    description: 'wildlife and environmental crime',
    suppress: CROSS_BORDER_CRIME,
    cues: {
      en: ['wildlife', 'wildlife trafficking', 'ivory', 'protected species', 'endangered species', 'CITES', 'glass eels', 'reptiles', 'illegal logging', 'timber'],
      fr: ['espèces protégées', 'espèces sauvages', 'espèces menacées', 'ivoire', 'civelles', 'faune sauvage'],
      de: ['Artenschutz*', 'geschützte Arten', 'geschützter Arten', 'Wildtier*', 'Elfenbein', 'Glasaale'],
      it: ['specie protette', 'fauna selvatica', 'avorio', 'anguille', 'specie selvatiche'],
      es: ['especies protegidas', 'especies silvestres', 'fauna silvestre', 'marfil', 'angulas', 'reptiles', 'anfibios'],
      pl: ['chronione gatunki', 'gatunków chronionych', 'kość słoniowa', 'dzikie zwierzęta'],
      nl: ['beschermde soorten', 'beschermde diersoorten', 'wilde dieren', 'ivoor', 'glasaal', 'glasalen'],
    },
  },
  {
    id: 'cultural-goods',
    description: 'trafficking in cultural goods and antiquities',
    suppress: CROSS_BORDER_CRIME,
    cues: {
      en: ['cultural goods', 'cultural property', 'cultural heritage', 'antiquities', 'artefacts', 'artifacts', 'archaeological', 'looted'],
      fr: ['biens culturels', 'patrimoine culturel', 'antiquités', 'archéologiques', 'pillage'],
      de: ['Kulturgüter*', 'Kulturgut', 'Antiquitäten', 'archäologisch*', 'Raubkunst'],
      it: ['beni culturali', 'reperti archeologici', 'reperti', 'archeologici', 'trafugati', 'patrimonio culturale'],
      es: ['bienes culturales', 'patrimonio cultural', 'arqueológicas', 'arqueológicos', 'expolio'],
      pl: ['dobra kultury', 'dóbr kultury', 'zabytki', 'zabytków', 'archeologiczne'],
      nl: ['cultuurgoederen', 'cultureel erfgoed', 'antiquiteiten', 'archeologische'],
    },
  },
  {
    id: 'goods',
    description: 'seizures of goods at a border: waste, counterfeits, stolen vehicles, customs',
    suppress: CROSS_BORDER_CRIME,
    cues: {
      en: ['waste', 'waste trafficking', 'waste shipments', 'hazardous waste', 'counterfeit', 'counterfeit goods', 'counterfeits', 'customs', 'customs officers', 'smuggled goods', 'stolen vehicles', 'stolen cars', 'fuel smuggling', 'doping substances', 'OLAF'],
      fr: ['déchets', 'trafic de déchets', 'contrefaçon', 'contrefaçons', 'douane', 'douanes', 'douaniers', 'véhicules volés'],
      de: ['Abfall*', 'Abfälle', 'Fälschungen', 'Zoll', 'Zollbeamte*', 'Zollfahnder*', 'gestohlene Fahrzeuge'],
      it: ['rifiuti', 'traffico di rifiuti', 'contraffazione', 'merci contraffatte', 'dogana', 'doganali', 'Guardia di Finanza', 'veicoli rubati'],
      es: ['residuos', 'tráfico de residuos', 'falsificaciones', 'aduana', 'aduanas', 'Agencia Tributaria', 'vehículos robados'],
      pl: ['odpady', 'odpadów', 'podróbki', 'podrobionych', 'cło', 'celnicy', 'funkcjonariusze celni', 'Krajowa Administracja Skarbowa', 'skradzione pojazdy'],
      nl: ['afval', 'afvalsmokkel', 'namaak', 'namaakgoederen', 'douane', 'gestolen voertuigen'],
    },
  },
  {
    id: 'citizens-initiative',
    description: "European citizens' initiatives",
    suppress: ['citizenship-statelessness'],
    cues: {
      en: ['citizens’ initiative', 'citizens initiative', 'European Citizens’ Initiative', 'ECI'],
      fr: ['initiative citoyenne européenne', 'initiative citoyenne'],
      de: ['Europäische Bürgerinitiative', 'Bürgerinitiative*'],
      it: ['iniziativa dei cittadini europei', 'iniziativa cittadina europea', 'iniziativa dei cittadini'],
      es: ['iniciativa ciudadana europea', 'iniciativa ciudadana'],
      pl: ['europejska inicjatywa obywatelska', 'europejskiej inicjatywy obywatelskiej', 'inicjatywa obywatelska', 'inicjatywy obywatelskiej'],
      nl: ['Europees burgerinitiatief', 'burgerinitiatief'],
    },
  },
  {
    id: 'eu-citizenship',
    description: 'EU citizenship and the rights of EU citizens',
    suppress: ['citizenship-statelessness'],
    cues: {
      en: ['EU citizenship', 'Union citizenship', 'European citizenship', 'citizenship of the Union', 'citizenship of the European Union', 'EU Citizenship Report', 'EU citizens', 'European citizens', 'citizens of the Union', 'Union citizens'],
      fr: ['citoyenneté européenne', 'citoyenneté de l’Union', 'citoyenneté de l’UE', 'citoyens européens', 'citoyens de l’Union', 'citoyens de l’UE'],
      de: ['Unionsbürger*', 'EU-Bürger*', 'Bürgerinnen und Bürger', 'europäische Bürger', 'europäischen Bürger'],
      it: ['cittadinanza europea', 'cittadinanza dell’Unione', 'cittadinanza UE', 'cittadinanza dell’UE', 'cittadini europei', 'cittadini dell’Unione', 'cittadini dell’UE'],
      es: ['ciudadanía europea', 'ciudadanía de la Unión', 'ciudadanía de la UE', 'ciudadanos europeos', 'ciudadanos de la Unión', 'ciudadanos de la UE'],
      pl: ['obywatelstwo UE', 'obywatelstwa UE', 'obywatelstwo Unii', 'obywatelstwa Unii', 'obywatele UE', 'obywateli UE', 'obywatele Unii'],
      nl: ['burgerschap van de Unie', 'EU-burgerschap', 'Europees burgerschap', 'EU-burgers', 'Unieburgers'],
    },
  },
  {
    id: 'child-abuse',
    description: 'child sexual abuse outside a migration context',
    suppress: ['vulnerable-groups', 'trafficking'],
    cues: {
      en: ['child sexual abuse', 'child sexual exploitation', 'child abuse', 'child sexual abuse material', 'CSAM', 'sexual abuse of children', 'sexual exploitation of children'],
      fr: ['abus sexuels sur enfants', 'abus sexuels commis contre des enfants', 'pédopornographie', 'exploitation sexuelle des enfants', 'pédocriminalité'],
      de: ['sexueller Kindesmissbrauch', 'sexuellen Kindesmissbrauchs', 'Kindesmissbrauch*', 'sexuellen Missbrauch von Kindern', 'Kinderpornografie'],
      it: ['abusi sessuali su minori', 'pedopornografia', 'sfruttamento sessuale dei minori', 'abusi sui minori'],
      es: ['abuso sexual infantil', 'abusos sexuales a menores', 'explotación sexual infantil', 'pornografía infantil'],
      pl: ['wykorzystywanie seksualne dzieci', 'wykorzystywania seksualnego dzieci', 'pornografia dziecięca', 'pornografii dziecięcej'],
      nl: ['seksueel misbruik van kinderen', 'kindermisbruik', 'seksuele uitbuiting van kinderen', 'kinderpornografie'],
    },
  },
];
