import type { ThemeLexicon } from './lexicon.types';

export const TRAFFICKING: ThemeLexicon = {
  theme: 'trafficking',
  entries: [
    {
      w: 4,
      any: ['THB'],
      en: ['trafficking in human beings', 'trafficking of human beings', 'human trafficking', 'trafficking in persons', 'trafficking of persons', 'anti-trafficking', 'Anti-Trafficking Directive', 'Anti-Trafficking Coordinator', 'Anti-Trafficking Day', 'victims of trafficking', 'trafficking victims', 'victims of human trafficking', 'human traffickers', 'trafficked persons', 'trafficked people', 'trafficking for sexual exploitation', 'trafficking for labour exploitation', 'trafficking of women', 'trafficking in women', 'modern slavery'],
      fr: ['traite des êtres humains', 'traite d’êtres humains', 'traite des personnes', 'anti-traite', 'lutte contre la traite', 'victimes de la traite', 'victimes de traite', 'trafiquants d’êtres humains', 'trafic d’êtres humains', 'esclavage moderne', 'traite des femmes'],
      de: ['Menschenhandel*', 'Menschenhändler*', 'Opfer von Menschenhandel', 'moderne Sklaverei', 'Zwangsprostitution'],
      it: ['tratta di esseri umani', 'tratta degli esseri umani', 'tratta di persone', 'tratta delle persone', 'vittime della tratta', 'vittime di tratta', 'lotta alla tratta', 'contro la tratta', 'anti-tratta', 'trafficanti di esseri umani', 'traffico di esseri umani', 'tratta delle donne', 'riduzione in schiavitù'],
      es: ['trata de seres humanos', 'trata de personas', 'víctimas de trata', 'víctimas de la trata', 'redes de trata', 'red de trata', 'lucha contra la trata', 'trata con fines de explotación', 'trata de mujeres', 'tráfico de seres humanos', 'esclavitud moderna'],
      pl: ['handel ludźmi', 'handlu ludźmi', 'handlem ludźmi', 'ofiary handlu ludźmi', 'ofiar handlu ludźmi', 'handlarze ludźmi', 'współczesne niewolnictwo'],
      nl: ['mensenhandel*', 'slachtoffers van mensenhandel', 'moderne slavernij'],
    },
    {
      w: 3,
      en: ['sexual exploitation', 'labour exploitation', 'labor exploitation', 'forced labour', 'forced labor', 'forced begging', 'forced criminality', 'forced prostitution', 'organ trafficking', 'debt bondage', 'trafficking', 'trafficking networks', 'traffickers', 'trafficked'],
      fr: ['exploitation sexuelle', 'exploitation par le travail', 'travail forcé', 'mendicité forcée', 'prostitution forcée', 'servitude pour dettes'],
      de: ['sexuelle Ausbeutung', 'sexuellen Ausbeutung', 'Ausbeutung der Arbeitskraft', 'Arbeitsausbeutung', 'Zwangsarbeit', 'Zwangsbettelei'],
      it: ['sfruttamento sessuale', 'sfruttamento lavorativo', 'lavoro forzato', 'accattonaggio forzato', 'caporalato', 'prostituzione forzata'],
      es: ['explotación sexual', 'explotación laboral', 'trabajo forzoso', 'trabajos forzados', 'mendicidad forzada', 'prostitución forzada', 'tratantes'],
      pl: ['wykorzystywanie seksualne', 'wykorzystywania seksualnego', 'praca przymusowa', 'pracy przymusowej', 'wyzysk pracowniczy', 'żebractwo przymusowe'],
      nl: ['seksuele uitbuiting', 'arbeidsuitbuiting', 'criminele uitbuiting', 'dwangarbeid', 'gedwongen bedelarij', 'gedwongen prostitutie'],
    },
    {
      w: 2.5,
      nl: ['uitbuiting'],
    },
    {
      // Also a verb or "it is about" (fr traite, it si tratta, es se trata): the phrases above carry the weight.
      w: 1.5,
      fr: ['traite'],
      it: ['tratta'],
      es: ['trata'],
    },
    {
      w: 1.5,
      nc: true,
      en: ['exploitation', 'victims', 'identification of victims'],
      fr: ['exploitation', 'victimes'],
      de: ['Ausbeutung', 'Opfer'],
      it: ['sfruttamento', 'vittime'],
      es: ['explotación', 'víctimas'],
      pl: ['wyzysk', 'ofiary', 'ofiar'],
      nl: ['slachtoffers'],
    },
    {
      w: 3,
      also: { 'vulnerable-groups': 3 },
      en: ['child trafficking', 'trafficking of minors', 'trafficking in children', 'trafficking of children', 'trafficked children'],
      fr: ['traite des enfants', 'traite des mineurs'],
      de: ['Kinderhandel'],
      it: ['tratta dei minori', 'tratta di minori'],
      es: ['trata de menores', 'trata de niños'],
      pl: ['handel dziećmi'],
      nl: ['kinderhandel'],
    },
  ],
};
