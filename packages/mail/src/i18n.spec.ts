import { ITEM_TYPES, THEME_IDS } from '@pulse/contracts';
import { CONSENT_TEXTS, ITEM_TYPE_LABELS, LANGUAGES, pickLanguage, THEME_LABELS, WEEKDAY_LABELS } from './i18n';

describe('i18n', () => {
  it('picks the best supported language from Accept-Language', () => {
    expect(pickLanguage(undefined)).toBe('en');
    expect(pickLanguage('fr-BE,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(pickLanguage('de-DE,de;q=0.9,fr;q=0.5,en;q=0.4')).toBe('fr');
    expect(pickLanguage('en;q=0.2, fr;q=0.8')).toBe('fr');
    expect(pickLanguage('fr;q=0, en')).toBe('en');
    expect(pickLanguage('pl, de')).toBe('en');
  });

  it('names every theme, item type and weekday, and has the consent text, in every language', () => {
    for (const lang of LANGUAGES) {
      expect(Object.keys(THEME_LABELS[lang]).sort()).toEqual([...THEME_IDS].sort());
      expect(Object.keys(ITEM_TYPE_LABELS[lang]).sort()).toEqual([...ITEM_TYPES].sort());
      expect(WEEKDAY_LABELS[lang]).toHaveLength(7);
      expect(CONSENT_TEXTS[lang].length).toBeGreaterThan(100);
    }
  });
});
