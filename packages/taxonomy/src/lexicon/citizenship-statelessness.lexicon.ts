import type { ThemeLexicon } from './lexicon.types';

export const CITIZENSHIP_STATELESSNESS: ThemeLexicon = {
  theme: 'citizenship-statelessness',
  entries: [
    {
      w: 4,
      en: ['statelessness', 'stateless', 'stateless persons', 'stateless people', 'naturalisation', 'naturalization', 'naturalised', 'naturalized', 'acquisition of citizenship', 'acquire citizenship', 'acquisition of nationality', 'pathways to citizenship', 'citizenship tests', 'citizenship test', 'dual citizenship', 'dual nationality', 'loss of nationality', 'deprivation of nationality', 'deprivation of citizenship', 'revocation of citizenship', 'stateless status', 'statelessness determination', 'Platform on Statelessness', 'IBelong', 'granted citizenship'],
      fr: ['apatridie', 'apatride', 'apatrides', 'naturalisation', 'naturalisations', 'acquisition de la nationalité', 'acquérir la nationalité', 'double nationalité', 'déchéance de nationalité', 'perte de la nationalité', 'statut d’apatride', 'accès à la nationalité', 'accès à la naturalisation'],
      de: ['Staatenlosigkeit', 'staatenlos*', 'Einbürgerung*', 'eingebürgert', 'Erwerb der Staatsangehörigkeit', 'doppelte Staatsangehörigkeit', 'doppelte Staatsbürgerschaft', 'Verlust der Staatsangehörigkeit', 'Staatsangehörigkeitsrecht*', 'Staatsangehörigkeitsgesetz*', 'Einbürgerungstest*'],
      it: ['apolidia', 'apolide', 'apolidi', 'naturalizzazione', 'naturalizzazioni', 'acquisto della cittadinanza', 'acquisizione della cittadinanza', 'doppia cittadinanza', 'revoca della cittadinanza', 'status di apolide', 'riforma della cittadinanza'],
      es: ['apatridia', 'apátrida', 'apátridas', 'naturalización', 'naturalizaciones', 'adquisición de la nacionalidad', 'adquirir la nacionalidad', 'doble nacionalidad', 'pérdida de la nacionalidad', 'estatuto de apátrida', 'nacionalidad por residencia'],
      pl: ['bezpaństwowość', 'bezpaństwowości', 'bezpaństwow*', 'naturalizacja', 'naturalizacji', 'nadanie obywatelstwa', 'nabycie obywatelstwa', 'nabycia obywatelstwa', 'podwójne obywatelstwo', 'utrata obywatelstwa'],
      nl: ['staatloosheid', 'staatloze', 'staatlozen', 'staatloos', 'naturalisatie', 'genaturaliseerd', 'Nederlanderschap', 'verkrijging van de nationaliteit', 'dubbele nationaliteit', 'verlies van de nationaliteit'],
    },
    {
      w: 3,
      en: ['citizenship', 'citizenship law', 'nationality law'],
      fr: ['citoyenneté', 'code de la nationalité', 'nationalité française'],
      de: ['Staatsangehörigkeit', 'Staatsbürgerschaft'],
      it: ['cittadinanza'],
      es: ['ciudadanía', 'nacionalidad española'],
      pl: ['obywatelstwo', 'obywatelstwa', 'obywatelstwem'],
      nl: ['staatsburgerschap', 'burgerschap'],
    },
    {
      w: 1.5,
      en: ['nationality', 'birth registration'],
      fr: ['nationalité'],
      de: ['Geburtsregistrierung'],
      it: ['nazionalità'],
      es: ['nacionalidad'],
      pl: ['narodowość'],
      nl: ['nationaliteit'],
    },
    {
      w: 1,
      also: { 'borders-visa-schengen': 2 },
      en: ['investor citizenship', 'investor citizenship schemes', 'citizenship by investment', 'golden passports'],
      fr: ['citoyenneté par investissement', 'passeports dorés', 'programmes de citoyenneté pour investisseurs'],
      de: ['Staatsbürgerschaft gegen Investitionen', 'Staatsbürgerschaft durch Investition', 'Staatsbürgerschaft gegen Investition', 'goldene Pässe', 'Staatsbürgerschaftsregelungen für Investoren'],
      it: ['cittadinanza per investimento', 'passaporti d’oro'],
      es: ['ciudadanía por inversión', 'pasaportes dorados'],
      pl: ['obywatelstwo za inwestycje', 'złote paszporty'],
      nl: ['staatsburgerschap voor investeerders', 'gouden paspoorten'],
    },
  ],
};
