import { detectLanguage } from './language-detector';
import { fold, tokenize } from './text';

const detect = (text: string) => detectLanguage(text, tokenize(fold(text))).language;

describe('detectLanguage', () => {
  it.each([
    ['en', 'The Commission has today proposed new rules on the return of irregular migrants.'],
    ['fr', 'La Commission a proposé aujourd’hui de nouvelles règles pour le retour des migrants.'],
    ['de', 'Die Kommission hat heute neue Vorschriften für die Rückkehr von Migranten vorgeschlagen.'],
    ['it', 'La Commissione ha proposto oggi nuove norme sul rimpatrio dei migranti irregolari.'],
    ['es', 'La Comisión ha propuesto hoy nuevas normas sobre el retorno de los migrantes.'],
    ['pl', 'Komisja zaproponowała dziś nowe przepisy dotyczące powrotów nielegalnych migrantów.'],
    ['nl', 'De Commissie heeft vandaag nieuwe regels voorgesteld voor de terugkeer van migranten.'],
  ])('finds %s in a sentence', (language, text) => {
    expect(detect(text)).toBe(language);
  });

  it.each([
    ['de', 'EU-Talentpool: Rat legt Verhandlungsmandat fest'],
    ['it', 'Permesso unico: il Consiglio adotta la direttiva rifusa'],
    ['es', 'Visados Schengen: la solicitud de visado será digital'],
    ['pl', 'Bezpaństwowość w Polsce'],
  ])('finds %s in a short title', (language, text) => {
    expect(detect(text)).toBe(language);
  });

  it('falls back to English when there is nothing to go on', () => {
    expect(detect('Frontex')).toBe('en');
    expect(detect('')).toBe('en');
    expect(detect('2026')).toBe('en');
  });
});
