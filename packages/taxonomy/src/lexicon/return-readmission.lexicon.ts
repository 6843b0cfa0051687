import type { ThemeLexicon } from './lexicon.types';

export const RETURN_READMISSION: ThemeLexicon = {
  theme: 'return-readmission',
  entries: [
    {
      w: 4,
      any: ['AVRR', 'ERRIN'],
      en: ['return decision', 'return decisions', 'return procedure', 'return procedures', 'Return Directive', 'Return Regulation', 'Returns Regulation', 'return policy', 'return operation', 'return operations', 'joint return operations', 'return flight', 'return flights', 'forced return', 'forced returns', 'voluntary return', 'voluntary returns', 'assisted voluntary return', 'non-voluntary return', 'return and reintegration', 'return counselling', 'return experts', 'return specialists', 'return escorts', 'return monitors', 'European Return and Reintegration Network', 'European Centre for Returns', 'Common European System for Returns', 'European Return Order', 'return hubs', 'effective returns', 'returnees', 'return rate', 'return sponsorship', 'Return Expert Group', 'readmission', 'readmission agreement', 'readmission agreements', 'readmitted', 'deportation', 'deportations', 'deported', 'pre-removal detention', 'detention pending return', 'escort officers', 'returning migrants', 'returns of migrants', 'return of migrants', 'return of irregular migrants', 'reintegration'],
      fr: ['décision de retour', 'décisions de retour', 'procédure de retour', 'procédures de retour', 'directive retour', 'règlement sur le retour', 'politique de retour', 'opération de retour', 'opérations de retour', 'vols de retour', 'vol de retour', 'retour forcé', 'retours forcés', 'retour volontaire', 'retours volontaires', 'aide au retour', 'retour et réintégration', 'réintégration', 'réadmission', 'accord de réadmission', 'accords de réadmission', 'rétention administrative', 'obligation de quitter le territoire', 'OQTF', 'ordre de retour européen', 'système européen commun en matière de retour', 'en matière de retour', 'éloignement', 'mesures d’éloignement'],
      de: ['Rückkehrentscheidung*', 'Rückkehrverfahren', 'Rückkehrrichtlinie', 'Rückkehrverordnung', 'Rückkehrpolitik', 'Rückkehrberatung', 'Rückkehrer*', 'Rückkehrzentr*', 'Rückkehrflüge', 'Rückkehrflug', 'Rückkehroperation*', 'Rückkehr und Reintegration', 'freiwillige Rückkehr', 'freiwilligen Rückkehr', 'erzwungene Rückkehr', 'Rückführung*', 'Abschiebung*', 'abgeschoben', 'Rückübernahme*', 'Reintegration', 'ausreisepflichtig*', 'Ausreisepflicht', 'Abschiebungshaft'],
      it: ['rimpatrio', 'rimpatri', 'rimpatriati', 'regolamento sui rimpatri', 'decisione di rimpatrio', 'decisioni di rimpatrio', 'rimpatrio volontario', 'rimpatri volontari', 'rimpatri forzati', 'rimpatrio forzato', 'riammissione', 'accordo di riammissione', 'accordi di riammissione', 'reintegrazione', 'centri di permanenza per il rimpatrio', 'ordine di rimpatrio', 'voli di rimpatrio', 'espulsione', 'espulsioni'],
      es: ['decisión de retorno', 'decisiones de retorno', 'procedimiento de retorno', 'procedimientos de retorno', 'directiva de retorno', 'reglamento de retorno', 'política de retorno', 'operación de retorno', 'operaciones de retorno', 'vuelo de retorno', 'vuelos de retorno', 'retorno forzoso', 'retornos forzosos', 'retorno voluntario', 'retornos voluntarios', 'retorno y reintegración', 'reintegración', 'readmisión', 'acuerdo de readmisión', 'acuerdos de readmisión', 'deportación', 'deportaciones', 'deportados', 'centros de internamiento de extranjeros', 'orden europea de retorno', 'expulsión', 'expulsiones'],
      pl: ['decyzja o zobowiązaniu do powrotu', 'decyzji o zobowiązaniu do powrotu', 'decyzje nakazujące powrót', 'procedura powrotowa', 'procedury powrotowe', 'powroty przymusowe', 'przymusowy powrót', 'przymusowych powrotów', 'dobrowolny powrót', 'dobrowolne powroty', 'dobrowolnych powrotów', 'operacje powrotowe', 'operacji powrotowych', 'readmisja', 'readmisji', 'umowa o readmisji', 'umowy o readmisji', 'reintegracja', 'reintegracji', 'deportacja', 'deportacji', 'deportowani', 'wydalenie', 'wydalenia', 'strzeżone ośrodki'],
      nl: ['terugkeerbesluit*', 'terugkeerbeleid', 'terugkeerrichtlijn', 'terugkeerprocedure*', 'terugkeeroperatie*', 'terugkeervlucht*', 'vrijwillige terugkeer', 'gedwongen terugkeer', 'terugkeer en herintegratie', 'herintegratie', 'overnameovereenkomst*', 'readmissie', 'uitzetting', 'uitzettingen', 'vreemdelingenbewaring', 'uitgeprocedeerde*', 'Dienst Terugkeer en Vertrek'],
    },
    {
      // Stems: "return" also stands for returns, returned, returning.
      w: 3,
      nc: true,
      en: ['return', 'returned', 'returning', 'repatriation', 'expulsion', 'expulsions', 'removal', 'removals', 'detention', 'alternatives to detention'],
      fr: ['retour', 'rapatriement', 'rapatriements', 'expulsion', 'expulsions', 'rétention'],
      de: ['Rückkehr', 'Ausweisung*', 'Haft'],
      it: ['trattenimento'],
      es: ['retorno', 'devoluciones', 'devueltos', 'repatriación', 'internamiento'],
      pl: ['powrót', 'powrotu', 'powrotow*', 'zatrzymanie'],
      nl: ['terugkeer', 'teruggekeerd', 'bewaring'],
    },
  ],
};
