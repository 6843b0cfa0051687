import type { Terms } from './lexicon.types';

/**
 * Names and idioms that contain theme words without being about the theme: an institution's
 * title ("Commissioner for Migration, Home Affairs and Citizenship"), a fund, "cross-border"
 * cooperation. They consume their words, score nothing and are not migration context.
 */
export const MASKS: Terms = {
  en: [
    'European Migration Network', 'EMN National Contact Point', 'Directorate-General for Migration and Home Affairs', 'DG Migration and Home Affairs',
    'Commissioner for Migration, Home Affairs and Citizenship', 'Commissioner for Migration and Home Affairs', 'Commissioner for Home Affairs',
    'Commissioner for Internal Affairs and Migration', 'Commissioner for Employment, Social Affairs, Skills and Labour Mobility', 'Schengen Associated Countries', 'Schengen associated states', 'Eastern Partnership', 'Commissioner for Home Affairs and Migration', 'Minister of Immigration and Asylum',
    'Minister for Immigration and Asylum', 'Minister for Migration', 'Ministry of Migration', 'Asylum, Migration and Integration Fund', 'Asylum, Migration and Integration Funds',
    'Asylum Migration and Integration Fund', 'cross-border', 'return on investment', 'tax return', 'tax returns', 'European integration',
    'market integration', 'economic integration', 'regional integration', 'integration of renewable', 'system integration', 'Security Union',
    'Bundesamt für Migration und Flüchtlinge', 'Immigration and Naturalisation Service', 'migration of data', 'data migration',
  ],
  fr: [
    'Réseau européen des migrations', 'direction générale de la migration et des affaires intérieures', 'commissaire chargé des affaires intérieures et de la migration',
    'commissaire aux affaires intérieures', 'commissaire européen à la migration', 'ministre de l’immigration', 'Fonds asile, migration et intégration',
    'transfrontalier', 'transfrontalière', 'transfrontaliers', 'transfrontalières', 'intégration européenne', 'intégration des marchés',
  ],
  de: [
    'Europäisches Migrationsnetzwerk', 'Europäischen Migrationsnetzwerks', 'Generaldirektion Migration und Inneres', 'Kommissar für Inneres und Migration',
    'Kommissarin für Inneres', 'Asyl-, Migrations- und Integrationsfonds', 'Bundesamt für Migration und Flüchtlinge', 'BAMF', 'grenzüberschreitend*',
    'europäische Integration', 'europäischen Integration',
  ],
  it: [
    'Rete europea sulle migrazioni', 'Rete europea sulla migrazione', 'Commissario europeo per la Migrazione, gli Affari Interni e la Cittadinanza',
    'Commissario europeo per la Migrazione', 'Commissario per la migrazione', 'Fondo Asilo, migrazione e integrazione', 'transfrontaliero', 'transfrontaliera',
    'transfrontalieri', 'transfrontaliere', 'si tratta', 'integrazione europea', 'Ministero dell’Interno',
  ],
  es: [
    'Red Europea de Migración', 'comisario de Interior y Migración', 'comisario europeo de Interior', 'Fondo de Asilo, Migración e Integración',
    'transfronterizo', 'transfronteriza', 'transfronterizos', 'transfronterizas', 'se trata', 'integración europea',
  ],
  pl: [
    'Europejska Sieć Migracyjna', 'Europejskiej Sieci Migracyjnej', 'transgraniczn*', 'Fundusz Azylu, Migracji i Integracji', 'Urząd do Spraw Cudzoziemców',
    'Komisarz ds. Spraw Wewnętrznych i Migracji', 'integracja europejska', 'integracji europejskiej',
  ],
  nl: [
    'Europees Migratienetwerk', 'grensoverschrijdend*', 'Fonds voor asiel, migratie en integratie', 'Immigratie- en Naturalisatiedienst', 'Europese integratie',
  ],
};
