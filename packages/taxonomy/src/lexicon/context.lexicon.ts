import type { Terms } from './lexicon.types';

/**
 * Words that show the text is about people on the move. A look-alike exclusion only drops its
 * themes when none of these is present, and `nc` terms only count when one is. A lexicon
 * phrase containing one of these words (after stemming) is context too, so "migrant
 * smuggling" counts although it consumes "migrant".
 */
export const CONTEXT: Terms = {
  en: [
    'migrant*', 'migration', 'migrations', 'migratory', 'immigra*', 'emigra*', 'refugee', 'refugees', 'asylum', 'stateless', 'statelessness',
    'third-country national', 'third-country nationals', 'non-EU citizens', 'non-EU nationals', 'foreign nationals', 'human beings', 'human trafficking',
    'people smuggling', 'smuggling people', 'victims of trafficking', 'trafficked persons', 'sexual exploitation', 'labour exploitation', 'forced labour', 'displaced',
    'foreigners', 'undocumented', 'visa', 'visas', 'residence permit', 'naturalisation', 'naturalization', 'unaccompanied',
    'child trafficking', 'trafficking of minors', 'trafficking in children', 'trafficking of children', 'trafficked children',
    'international protection', 'temporary protection', 'subsidiary protection', 'resettlement', 'family reunification', 'return decision',
    'readmission', 'deportation', 'deportations',
  ],
  fr: [
    'migra*', 'immigr*', 'émigr*', 'réfugié*', 'asile', 'apatride*', 'apatridie', 'ressortissants de pays tiers', 'êtres humains', 'naturalisation',
    'titre de séjour', 'personnes déplacées', 'exploitation sexuelle', 'non accompagnés', 'passeurs', 'traite des enfants',
    'protection internationale', 'protection temporaire', 'protection subsidiaire', 'réinstallation', 'regroupement familial', 'réadmission',
  ],
  de: [
    'migra*', 'immigra*', 'zuwander*', 'zugewandert*', 'einwander*', 'flüchtling*', 'geflüchtet*', 'asyl*', 'schutzsuchend*', 'schutzberechtigt*', 'ausländer*',
    'drittstaatsangehörig*', 'staatenlos*', 'einbürger*', 'schleus*', 'menschenhandel*', 'visum*', 'aufenthaltstitel*', 'aufenthaltserlaubnis*', 'unbegleitet*', 'Kinderhandel', 'internationalen Schutz', 'internationaler Schutz', 'vorübergehenden Schutz',
    'Familiennachzug*', 'Rückübernahme*', 'Abschiebung*',
  ],
  it: [
    'migra*', 'immigra*', 'emigra*', 'rifugiat*', 'asilo', 'stranieri', 'straniere', 'apolid*', 'cittadini di paesi terzi', 'esseri umani', 'permesso di soggiorno',
    'non accompagnati', 'scafisti', 'tratta dei minori', 'protezione internazionale', 'protezione temporanea',
    'ricongiungimento familiare', 'riammissione', 'rimpatri*',
  ],
  es: [
    'migra*', 'inmigra*', 'emigra*', 'refugiad*', 'asilo', 'extranjeros', 'extranjeras', 'apátrida*', 'apatridia', 'nacionales de terceros países', 'seres humanos',
    'permiso de residencia', 'no acompañados', 'cayuco*', 'patera*', 'trata de menores', 'protección internacional', 'protección temporal',
    'reagrupación familiar', 'readmisión',
  ],
  pl: [
    'migra*', 'imigra*', 'emigra*', 'uchodźc*', 'azyl*', 'cudzoziem*', 'bezpaństwow*', 'obywatele państw trzecich', 'obywateli państw trzecich', 'handel ludźmi',
    'handlu ludźmi', 'handel dziećmi', 'ochrona międzynarodowa', 'ochrony międzynarodowej', 'ochrona czasowa', 'ochrony czasowej',
    'readmisj*', 'wiza', 'wizy', 'bez opieki',
  ],
  nl: [
    'migra*', 'immigra*', 'vluchteling*', 'asiel*', 'vreemdeling*', 'staatlo*', 'derdelanders', 'mensenhandel*', 'mensensmokkel*', 'visum*', 'nieuwkomers',
    'statushouders', 'kinderhandel', 'internationale bescherming', 'tijdelijke bescherming', 'gezinshereniging', 'inburger*',
  ],
};
