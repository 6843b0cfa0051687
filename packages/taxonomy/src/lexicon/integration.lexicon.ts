import type { ThemeLexicon } from './lexicon.types';

export const INTEGRATION: ThemeLexicon = {
  theme: 'integration',
  entries: [
    {
      w: 4,
      en: ['migrant integration', 'integration of migrants', 'integration of refugees', 'refugee integration', 'refugees’ integration', 'integration of third-country nationals', 'integration of immigrants', 'immigrant integration', 'integration and inclusion', 'Action Plan on Integration and Inclusion', 'inclusion of migrants', 'inclusion of migrants and refugees', 'civic integration', 'integration programmes', 'integration courses', 'integration policy', 'integration policies', 'European Website on Integration', 'European Partnership for Integration', 'Employers together for integration', 'migrant background', 'migrant origin', 'integrate migrants', 'integrate refugees', 'integration of beneficiaries of international protection', 'indicators of immigrant integration'],
      any: ['EWSI'],
      fr: ['intégration des migrants', 'intégration des réfugiés', 'intégration des ressortissants de pays tiers', 'intégration des immigrés', 'intégration et inclusion', 'intégration et de l’inclusion', 'inclusion des migrants', 'contrat d’intégration républicaine', 'parcours d’intégration', 'politique d’intégration', 'issues de l’immigration', 'issus de l’immigration', 'intégration des personnes réfugiées', 'participation des personnes réfugiées'],
      de: ['Integrationskurs*', 'Integrationsgesetz*', 'Integrationspolitik', 'Integrationsprogramm*', 'Integrationsmaßnahmen', 'Integration von Migranten', 'Integration von Geflüchteten', 'Integration von Flüchtlingen', 'Integration von Zugewanderten', 'Integration und Inklusion', 'Migrationshintergrund', 'Migrationsgesellschaft*', 'Einwanderungsgesellschaft', 'Zuwanderungsgeschichte', 'Einwanderungsgeschichte'],
      it: ['integrazione dei migranti', 'integrazione dei cittadini di paesi terzi', 'integrazione dei rifugiati', 'integrazione degli immigrati', 'integrazione e inclusione', 'accordo di integrazione', 'politiche di integrazione', 'mediazione culturale', 'mediatori culturali', 'seconde generazioni', 'di origine straniera', 'background migratorio'],
      es: ['integración de los migrantes', 'integración de migrantes', 'integración de inmigrantes', 'integración de los inmigrantes', 'integración de los nacionales de terceros países', 'integración de los refugiados', 'integración e inclusión', 'inclusión de migrantes', 'inclusión de los migrantes', 'políticas de integración', 'mediación intercultural', 'origen migrante', 'origen inmigrante'],
      pl: ['integracja cudzoziemców', 'integracji cudzoziemców', 'integracja migrantów', 'integracji migrantów', 'integracja uchodźców', 'integracji uchodźców', 'Centrum Integracji Cudzoziemców', 'Centra Integracji Cudzoziemców', 'program integracyjny', 'programy integracyjne', 'polityka integracyjna'],
      nl: ['inburgering*', 'integratie van migranten', 'integratie van nieuwkomers', 'integratie van vluchtelingen', 'integratie van statushouders', 'integratiebeleid', 'participatieverklaring', 'migratieachtergrond', 'statushouders'],
    },
    {
      w: 2.5,
      nc: true,
      en: ['integration', 'integrate', 'integrating', 'integrated into', 'labour market integration', 'inclusion', 'social inclusion', 'language courses', 'language course', 'language training', 'language learning', 'recognition of qualifications', 'recognition of diplomas', 'skills recognition', 'host society', 'host communities', 'newcomers', 'access to education', 'access to the labour market', 'access to housing', 'access to services', 'labour market inclusion', 'anti-discrimination', 'racism', 'diversity', 'participation'],
      fr: ['intégration', 'intégrer', 'inclusion', 'inclusion sociale', 'cours de langue', 'apprentissage de la langue', 'reconnaissance des qualifications', 'reconnaissance des diplômes', 'société d’accueil', 'communautés d’accueil', 'accès au marché du travail', 'accès au logement', 'accès à l’éducation', 'insertion professionnelle', 'accompagnement vers l’emploi', 'discrimination', 'nouveaux arrivants'],
      de: ['Integration', 'integrieren', 'Arbeitsmarktintegration', 'Inklusion', 'inklusive', 'Teilhabe', 'Sprachkurs*', 'Deutschkurs*', 'Anerkennung ausländischer Berufsabschlüsse', 'Anerkennung ausländischer Abschlüsse', 'Berufsabschlüsse', 'Aufnahmegesellschaft', 'Zugang zum Arbeitsmarkt', 'Zugang zu Bildung', 'Diskriminierung', 'interkulturell*', 'Bildungsarbeit', 'Bildungsgerechtigkeit', 'Vielfalt'],
      it: ['integrazione', 'integrare', 'inclusione', 'inclusione sociale', 'inclusione lavorativa', 'inserimento lavorativo', 'corsi di lingua', 'corsi di italiano', 'riconoscimento dei titoli di studio', 'riconoscimento delle qualifiche', 'accesso al mercato del lavoro', 'accesso all’istruzione', 'discriminazione', 'comunità locali'],
      es: ['integración', 'integrar', 'inclusión', 'inclusión social', 'inclusión laboral', 'inserción laboral', 'cursos de idiomas', 'clases de idioma', 'cursos de español', 'reconocimiento de cualificaciones', 'reconocimiento de títulos', 'acceso al mercado laboral', 'acceso a la educación', 'discriminación', 'convivencia', 'mentoría'],
      pl: ['integracja', 'integracji', 'integrację', 'włączenie społeczne', 'kursy języka polskiego', 'kursy językowe', 'uznawanie kwalifikacji', 'dostęp do rynku pracy', 'dostęp do edukacji', 'aktywizacja zawodowa', 'dyskryminacja'],
      nl: ['integratie', 'integreren', 'arbeidsmarktintegratie', 'inclusie', 'taalcursus*', 'taalles*', 'erkenning van diploma’s', 'diplomawaardering', 'toegang tot de arbeidsmarkt', 'discriminatie', 'nieuwkomers'],
    },
    {
      w: 1,
      nc: true,
      en: ['labour market', 'labor market', 'employment', 'education', 'schooling', 'housing', 'cities', 'municipalities', 'local authorities', 'civil society'],
      fr: ['marché du travail', 'emploi', 'éducation', 'logement', 'villes', 'collectivités locales', 'société civile'],
      de: ['Arbeitsmarkt', 'Beschäftigung', 'Bildung', 'Schule', 'Wohnen', 'Kommunen', 'Städte', 'Zivilgesellschaft'],
      it: ['mercato del lavoro', 'occupazione', 'istruzione', 'alloggio', 'città', 'comuni', 'società civile'],
      es: ['mercado laboral', 'mercado de trabajo', 'empleo', 'educación', 'vivienda', 'ciudades', 'municipios', 'sociedad civil'],
      pl: ['rynek pracy', 'rynku pracy', 'zatrudnienie', 'edukacja', 'mieszkalnictwo', 'samorządy', 'społeczeństwo obywatelskie'],
      nl: ['arbeidsmarkt', 'werkgelegenheid', 'onderwijs', 'huisvesting', 'gemeenten', 'steden', 'maatschappelijk middenveld'],
    },
  ],
};
