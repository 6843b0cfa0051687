import { classify } from './classifier';
import type { Language } from './languages';
import type { ThemeId } from './themes';

/**
 * One headline (with a line of body text) per theme and language, written the way EU news
 * is, with inflected forms, compounds and accents, classified without a language hint (the
 * detector must find it) and with one.
 */
type Case = [ThemeId, string, string];

const CASES: Record<Language, Case[]> = {
  en: [
    ['legal-migration', 'Council adopts revised Blue Card rules for highly qualified workers', 'The directive eases the admission of skilled third-country nationals.'],
    ['international-protection', 'Asylum applications in the EU+ fell by 13% last year', 'Syrians and Afghans lodged most applications for international protection.'],
    ['vulnerable-groups', 'New guidance on the age assessment of unaccompanied children', 'Guardians must be appointed without delay.'],
    ['integration', 'Cities share good practices on the integration of refugees', 'Language courses and access to housing are the main challenges.'],
    ['citizenship-statelessness', 'EMN inform maps statelessness determination procedures', 'Stateless persons often lack access to naturalisation.'],
    ['borders-visa-schengen', 'Entry/Exit System starts operating at the external borders', 'Travellers’ fingerprints will be registered at border crossing points.'],
    ['irregular-migration-smuggling', 'Europol dismantles a migrant smuggling network on the Balkan route', 'The smugglers charged €5,000 per person.'],
    ['trafficking', 'EU Anti-Trafficking Day: victims of trafficking for labour exploitation on the rise', 'Most victims are women and girls.'],
    ['return-readmission', 'EU and Iraq agree to step up cooperation on readmission', 'Voluntary returns will be supported by reintegration packages.'],
    ['migration-development', 'Team Europe Initiative addresses the root causes of migration in the Sahel', 'Diaspora investment and remittances are part of the plan.'],
  ],
  fr: [
    ['legal-migration', 'Le Parlement adopte la réforme du permis unique', 'Les travailleurs ressortissants de pays tiers pourront changer d’employeur plus facilement.'],
    ['international-protection', 'Les demandes d’asile en baisse dans l’Union', 'Les Syriens restent les premiers demandeurs de protection internationale.'],
    ['vulnerable-groups', 'Mineurs non accompagnés : renforcer la tutelle', 'Les enfants migrants doivent bénéficier d’un tuteur dès leur arrivée.'],
    ['integration', 'Intégration des réfugiés : les villes en première ligne', 'Cours de langue et accès au logement restent prioritaires.'],
    ['citizenship-statelessness', 'L’apatridie touche encore des milliers d’enfants en Europe', 'Les personnes apatrides peinent à obtenir un titre de séjour.'],
    ['borders-visa-schengen', 'Espace Schengen : la Commission recommande la levée des contrôles aux frontières intérieures', 'Le code frontières Schengen révisé entre en vigueur.'],
    ['irregular-migration-smuggling', 'Démantèlement d’un réseau de passeurs dans le Pas-de-Calais', 'Les migrants traversaient la Manche à bord de bateaux pneumatiques.'],
    ['trafficking', 'Traite des êtres humains : la Commission présente sa nouvelle stratégie', 'L’exploitation sexuelle reste la forme la plus répandue.'],
    ['return-readmission', 'Décisions de retour : vers une reconnaissance mutuelle', 'Les accords de réadmission avec les pays tiers seront renforcés.'],
    ['migration-development', 'Migration et développement : l’UE soutient la diaspora sénégalaise', 'Les transferts de fonds des migrants financent des projets locaux.'],
  ],
  de: [
    ['legal-migration', 'Rat billigt Reform der Blauen Karte EU', 'Hochqualifizierte Fachkräfte aus Drittstaaten erhalten leichter einen Aufenthaltstitel.'],
    ['international-protection', 'Zahl der Asylanträge in der EU gesunken', 'Die meisten Schutzsuchenden kamen aus Syrien und Afghanistan.'],
    ['vulnerable-groups', 'Unbegleitete Minderjährige: Kommission fordert bessere Vormundschaft', 'Die Altersfeststellung soll einheitlichen Standards folgen.'],
    ['integration', 'Integrationskurse: mehr Plätze für Geflüchtete', 'Sprachkurse und die Anerkennung ausländischer Berufsabschlüsse sollen schneller werden.'],
    ['citizenship-statelessness', 'Neues Staatsangehörigkeitsrecht erleichtert die Einbürgerung', 'Auch Staatenlose profitieren von kürzeren Fristen.'],
    ['borders-visa-schengen', 'Binnengrenzkontrollen im Schengen-Raum verlängert', 'Die Grenzpolizei kontrolliert weiterhin an der Landgrenze.'],
    ['irregular-migration-smuggling', 'Schleuserbande in Bayern zerschlagen', 'Die Schleuser brachten Migranten in Kleintransportern über die Grenze.'],
    ['trafficking', 'Europol: Schlag gegen Menschenhandel in fünf Ländern', 'Die Opfer wurden zur Zwangsarbeit gezwungen.'],
    ['return-readmission', 'Mehr Abschiebungen und freiwillige Rückkehr', 'Das Rückübernahmeabkommen mit Georgien zeigt Wirkung.'],
    ['migration-development', 'Mobilitätspartnerschaft mit Marokko unterzeichnet', 'Die Fluchtursachenbekämpfung und Rücküberweisungen stehen im Mittelpunkt.'],
  ],
  it: [
    ['legal-migration', 'Decreto flussi: 450.000 ingressi per lavoratori stranieri', 'I permessi di soggiorno per lavoro saranno rilasciati più rapidamente.'],
    ['international-protection', 'Richiedenti asilo: nuove regole per la procedura di frontiera', 'La protezione internazionale resta un diritto fondamentale.'],
    ['vulnerable-groups', 'Minori stranieri non accompagnati in aumento', 'Servono più tutori volontari e un accertamento dell’età uniforme.'],
    ['integration', 'Integrazione dei migranti: corsi di italiano gratuiti nei comuni', 'L’inserimento lavorativo passa dal riconoscimento dei titoli di studio.'],
    ['citizenship-statelessness', 'Cittadinanza: la riforma divide il Parlamento', 'La naturalizzazione dopo cinque anni di residenza è al centro del dibattito.'],
    ['borders-visa-schengen', 'Controlli alle frontiere interne reintrodotti dalla Slovenia', 'Il codice frontiere Schengen consente misure temporanee.'],
    ['irregular-migration-smuggling', 'Arrestati gli scafisti del barcone naufragato', 'Erano accusati di favoreggiamento dell’immigrazione clandestina.'],
    ['trafficking', 'Tratta di esseri umani: liberate 30 vittime di sfruttamento lavorativo', 'L’indagine ha colpito una rete di caporalato.'],
    ['return-readmission', 'Rimpatri: firmato un accordo di riammissione con la Tunisia', 'Previsti anche rimpatri volontari assistiti.'],
    ['migration-development', 'Migrazione e sviluppo: la diaspora come motore di crescita', 'Le rimesse dei migranti superano gli aiuti pubblici.'],
  ],
  es: [
    ['legal-migration', 'España facilita la reagrupación familiar de trabajadores extranjeros', 'El nuevo reglamento de extranjería simplifica los permisos de residencia.'],
    ['international-protection', 'Récord de solicitudes de asilo en España', 'La mayoría de los solicitantes de protección internacional son venezolanos.'],
    ['vulnerable-groups', 'Canarias acoge a más de 5.000 menores no acompañados', 'La tutela de los niños migrantes corresponde a las comunidades autónomas.'],
    ['integration', 'Integración de los inmigrantes: más cursos de idiomas', 'La inclusión laboral de los refugiados es una prioridad.'],
    ['citizenship-statelessness', 'El Gobierno agiliza la nacionalidad por residencia', 'También se simplifica el reconocimiento del estatuto de apátrida.'],
    ['borders-visa-schengen', 'Frontex refuerza la vigilancia de las fronteras exteriores en el Estrecho', 'Los guardias de fronteras controlarán el espacio Schengen.'],
    ['irregular-migration-smuggling', 'Detenidos los patrones de un cayuco llegado a El Hierro', 'La policía investiga una red de tráfico de migrantes.'],
    ['trafficking', 'Liberadas 12 víctimas de trata con fines de explotación sexual', 'La red de trata captaba mujeres en Paraguay.'],
    ['return-readmission', 'La UE y Mauritania cooperan en materia de readmisión', 'Se prevén más retornos voluntarios y vuelos de retorno.'],
    ['migration-development', 'Remesas y diáspora: claves de la migración y el desarrollo', 'La cooperación al desarrollo apoya la creación de empleo en origen.'],
  ],
  pl: [
    ['legal-migration', 'Nowe zasady wydawania zezwoleń na pracę cudzoziemcom', 'Niebieska karta UE ma przyciągnąć wysoko wykwalifikowanych pracowników.'],
    ['international-protection', 'Rośnie liczba wniosków o udzielenie ochrony międzynarodowej', 'Najwięcej osób ubiegających się o azyl pochodzi z Białorusi.'],
    ['vulnerable-groups', 'Małoletni bez opieki w ośrodkach Straży Granicznej', 'Rzecznik apeluje o szybsze ustanawianie opiekuna prawnego dla dzieci bez opieki.'],
    ['integration', 'Centra Integracji Cudzoziemców otwarte w 16 województwach', 'Oferują kursy języka polskiego i pomoc w dostępie do rynku pracy.'],
    ['citizenship-statelessness', 'Bezpaństwowość w Polsce: raport UNHCR', 'Osoby bezpaństwowe czekają latami na nadanie obywatelstwa.'],
    ['borders-visa-schengen', 'Straż Graniczna wzmacnia ochronę granicy z Białorusią', 'Kontrole graniczne w strefie Schengen zostaną przedłużone.'],
    ['irregular-migration-smuggling', 'Zatrzymano przemytników migrantów na granicy', 'Próby nielegalnego przekroczenia granicy są coraz częstsze.'],
    ['trafficking', 'Handel ludźmi: rozbito siatkę werbującą kobiety', 'Ofiary handlu ludźmi zmuszano do pracy przymusowej.'],
    ['return-readmission', 'Więcej decyzji o zobowiązaniu do powrotu', 'Umowa o readmisji z Gruzją przyspiesza powroty przymusowe.'],
    ['migration-development', 'Partnerstwo na rzecz mobilności z Mołdawią', 'Diaspora i przekazy pieniężne migrantów wspierają rozwój kraju.'],
  ],
  nl: [
    ['legal-migration', 'Kabinet past regels voor kennismigranten aan', 'De verblijfsvergunning voor hooggekwalificeerde werknemers wordt sneller verleend.'],
    ['international-protection', 'Aantal asielaanvragen in Nederland gedaald', 'De meeste asielzoekers komen uit Syrië.'],
    ['vulnerable-groups', 'Alleenstaande minderjarige vreemdelingen krijgen betere voogdij', 'Het leeftijdsonderzoek wordt zorgvuldiger.'],
    ['integration', 'Nieuwe Wet inburgering: taalcursussen voor statushouders', 'Gemeenten begeleiden nieuwkomers naar werk.'],
    ['citizenship-statelessness', 'Staatloosheid: nieuwe procedure voor staatlozen', 'Naturalisatie wordt eenvoudiger voor wie staatloos is.'],
    ['borders-visa-schengen', 'Marechaussee intensiveert grenscontroles aan de binnengrenzen', 'De Schengengrenscode staat tijdelijke controles toe.'],
    ['irregular-migration-smuggling', 'Mensensmokkelaars opgepakt in Rotterdam', 'Irreguliere migranten werden in vrachtwagens naar het VK gebracht.'],
    ['trafficking', 'Mensenhandel: slachtoffers van arbeidsuitbuiting bevrijd', 'De politie trof twintig slachtoffers aan.'],
    ['return-readmission', 'Meer gedwongen terugkeer van uitgeprocedeerde asielzoekers', 'Het terugkeerbeleid wordt aangescherpt.'],
    ['migration-development', 'Migratiepartnerschap met Egypte ondertekend', 'De diaspora speelt een rol in migratie en ontwikkeling.'],
  ],
};

describe.each(Object.keys(CASES) as Language[])('%s headlines', (language) => {
  it.each(CASES[language])('%s: %s', (theme, title, summary) => {
    const detected = classify({ title, summary });
    expect(detected.language).toBe(language);
    expect(detected.themes.map((t) => t.id)).toContain(theme);
    const evidence = detected.themes.find((t) => t.id === theme)?.evidence ?? [];
    expect(evidence.length).toBeGreaterThan(0);
    expect(classify({ title, summary, language }).themes.map((t) => t.id)).toContain(theme);
  });
});

describe('inflection and accents', () => {
  const themesOf = (title: string, language?: string) => classify({ title, summary: '', language }).themes.map((t) => t.id);

  it('matches Polish case forms of one phrase', () => {
    for (const form of ['Handel ludźmi w Europie', 'Walka z handlem ludźmi', 'Ofiary handlu ludźmi']) expect(themesOf(form, 'pl')).toContain('trafficking');
  });

  it('matches German and Dutch compounds by their first part', () => {
    expect(themesOf('Asylbewerberleistungsgesetz wird geändert', 'de')).toContain('international-protection');
    expect(themesOf('Schleuserkriminalität an der Grenze nimmt zu', 'de')).toContain('irregular-migration-smuggling');
    expect(themesOf('Inburgeringsplicht voor nieuwkomers aangescherpt', 'nl')).toContain('integration');
  });

  it('ignores accents and case: text typed without them matches', () => {
    expect(themesOf('MINEURS NON ACCOMPAGNES ET TUTELLE', 'fr')).toContain('vulnerable-groups');
    expect(themesOf('Ruckubernahmeabkommen mit Nigeria', 'de')).toContain('return-readmission');
  });

  it('keeps negation: "minori accompagnati" is not "minori non accompagnati"', () => {
    const evidence = (title: string) => classify({ title, summary: '', language: 'it' }).themes.flatMap((t) => t.evidence.map((e) => e.term));
    expect(evidence('Minori non accompagnati in Sicilia')).toContain('minori non accompagnati');
    expect(evidence('Minori accompagnati dai genitori in Sicilia')).not.toContain('minori non accompagnati');
  });
});
