import type { ThemeLexicon } from './lexicon.types';

export const LEGAL_MIGRATION: ThemeLexicon = {
  theme: 'legal-migration',
  entries: [
    {
      w: 4,
      en: ['legal migration', 'labour migration', 'labor migration', 'regular migration', 'economic migration', 'legal migration pathways', 'Labour Migration Platform'],
      fr: ['migration légale', 'migration régulière', 'migration de travail', 'immigration de travail', 'migration économique', 'immigration légale', 'migration professionnelle'],
      de: ['legale Migration', 'reguläre Migration', 'Arbeitsmigration*', 'Erwerbsmigration', 'Fachkräfteeinwanderung*', 'Erwerbszuwanderung'],
      it: ['migrazione legale', 'migrazione regolare', 'migrazione per motivi di lavoro', 'migrazione economica', 'immigrazione legale', 'decreto flussi'],
      es: ['migración legal', 'migración regular', 'migración laboral', 'inmigración legal', 'migración económica'],
      pl: ['legalna migracja', 'migracja legalna', 'migracja zarobkowa', 'migracja ekonomiczna'],
      nl: ['legale migratie', 'reguliere migratie', 'arbeidsmigratie', 'kennismigratie', 'kennismigrant*'],
    },
    {
      w: 4,
      en: ['Blue Card', 'Single Permit', 'Single Permit Directive', 'Talent Pool', 'Talent Partnership', 'Talent Partnerships', 'family reunification', 'family reunion', 'seasonal workers', 'Seasonal Workers Directive', 'intra-corporate transferees', 'Students and Researchers Directive', 'long-term residents', 'long-term resident status', 'highly qualified third-country nationals', 'highly skilled migrants', 'EU Immigration Portal'],
      fr: ['carte bleue européenne', 'carte bleue', 'permis unique', 'réserve de talents', 'partenariat pour les talents', 'partenariats pour les talents', 'regroupement familial', 'réunification familiale', 'travailleurs saisonniers', 'résidents de longue durée', 'résident de longue durée', 'emploi hautement qualifié', 'conditions d’entrée et de séjour'],
      de: ['Blaue Karte', 'kombinierte Erlaubnis', 'Talentpool*', 'Talentpartnerschaft*', 'Familiennachzug*', 'Familienzusammenführung*', 'Saisonarbeit*', 'langfristig Aufenthaltsberechtigte', 'Daueraufenthalt*', 'hochqualifizierte Beschäftigung', 'Einreise und Aufenthalt'],
      it: ['Carta blu', 'permesso unico', 'bacino di talenti', 'partenariati per i talenti', 'partenariato per i talenti', 'ricongiungimento familiare', 'lavoratori stagionali', 'soggiornanti di lungo periodo', 'altamente qualificati', 'ingresso e soggiorno', 'procedura unica di domanda'],
      es: ['Tarjeta azul', 'permiso único', 'reserva de talentos', 'asociación de talentos', 'asociaciones de talentos', 'reagrupación familiar', 'reunificación familiar', 'trabajadores de temporada', 'trabajadores temporeros', 'residentes de larga duración', 'altamente cualificados', 'contratación en origen', 'entrada y residencia', 'reglamento de extranjería'],
      pl: ['niebieska karta', 'jednolite zezwolenie', 'pula talentów', 'partnerstwa na rzecz talentów', 'łączenie rodzin', 'łączenia rodzin', 'pracownicy sezonowi', 'pracowników sezonowych', 'rezydenci długoterminowi', 'rezydenta długoterminowego', 'wysoko wykwalifikowanych'],
      nl: ['blauwe kaart', 'gecombineerde vergunning', 'talentenpool', 'talentpartnerschap*', 'gezinshereniging', 'gezinsmigratie', 'seizoensarbeid*', 'seizoenarbeid*', 'langdurig ingezetenen', 'hooggekwalificeerde', 'toegang en verblijf'],
    },
    {
      w: 2.5,
      en: ['residence permit', 'residence permits', 'work permit', 'work permits', 'international students', 'foreign students', 'attract talent', 'attracting talent', 'foreign talent', 'talent attraction', 'skilled workers', 'highly qualified', 'highly skilled', 'migrant entrepreneurs', 'start-up founders', 'entry and residence', 'admission of third-country nationals', 'legal pathways', 'international recruitment', 'labour mobility', 'non-EU job seekers'],
      fr: ['titre de séjour', 'titres de séjour', 'permis de séjour', 'permis de travail', 'étudiants internationaux', 'étudiants étrangers', 'attirer les talents', 'talents étrangers', 'travailleurs qualifiés', 'hautement qualifiés', 'voies légales', 'recrutement international', 'mobilité de la main-d’œuvre'],
      de: ['Aufenthaltstitel*', 'Aufenthaltserlaubnis*', 'Arbeitserlaubnis*', 'internationale Studierende', 'ausländische Studierende', 'ausländische Fachkräfte', 'Fachkräfte aus Drittstaaten', 'Arbeitsuchende aus Drittstaaten', 'legale Wege', 'Arbeitsmigrant*', 'Anwerbung ausländischer'],
      it: ['permesso di soggiorno', 'permessi di soggiorno', 'permesso di lavoro', 'studenti internazionali', 'studenti stranieri', 'attrarre talenti', 'lavoratori qualificati', 'canali legali', 'percorsi legali', 'vie legali', 'lavoratori di paesi terzi', 'lavoratori stranieri'],
      es: ['permiso de residencia', 'permisos de residencia', 'permiso de trabajo', 'permisos de trabajo', 'estudiantes internacionales', 'estudiantes extranjeros', 'atraer talento', 'trabajadores cualificados', 'vías legales', 'trabajadores extranjeros', 'movilidad laboral'],
      pl: ['zezwolenie na pobyt', 'zezwolenia na pobyt', 'karta pobytu', 'zezwolenie na pracę', 'zezwolenia na pracę', 'studenci zagraniczni', 'wykwalifikowani pracownicy', 'legalne ścieżki', 'pracowników z państw trzecich'],
      nl: ['verblijfsvergunning*', 'werkvergunning*', 'tewerkstellingsvergunning*', 'internationale studenten', 'buitenlandse studenten', 'arbeidsmigrant*', 'legale routes', 'legale migratieroutes'],
    },
    {
      w: 1,
      nc: true,
      en: ['labour shortages', 'labour market shortages', 'skills shortages', 'skills gaps', 'shortage occupations', 'migrant workers', 'foreign workers', 'recruitment', 'employers', 'researchers', 'labour market needs'],
      fr: ['pénurie de main-d’œuvre', 'pénuries de main-d’œuvre', 'pénuries de compétences', 'métiers en tension', 'travailleurs migrants', 'travailleurs étrangers', 'recrutement'],
      de: ['Fachkräftemangel', 'Arbeitskräftemangel', 'Fachkräfte', 'ausländische Arbeitskräfte', 'Anwerbung'],
      it: ['carenza di manodopera', 'carenze di manodopera', 'lavoratori migranti', 'reclutamento'],
      es: ['escasez de mano de obra', 'trabajadores migrantes', 'contratación'],
      pl: ['niedobory siły roboczej', 'niedoborów kadrowych', 'pracownicy migrujący', 'pracowników cudzoziemców', 'rekrutacja'],
      nl: ['arbeidsmarkttekort*', 'personeelstekort*', 'werving'],
    },
  ],
};
