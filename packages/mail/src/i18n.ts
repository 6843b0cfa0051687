import { ITEM_TYPES, THEME_IDS, type ItemType, type ThemeId } from '@pulse/contracts';

/** Languages every subscriber-facing text (mail, pages) exists in. */
export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

export const isLanguage = (v: unknown): v is Language => typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);

/** The best supported language of an `Accept-Language` header (quality order), else English. */
export function pickLanguage(acceptLanguage: string | undefined | null): Language {
  if (!acceptLanguage) return DEFAULT_LANGUAGE;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((e) => e.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((e) => e.lang).find(isLanguage) ?? DEFAULT_LANGUAGE;
}

/** EMN theme names (taxonomy v1 wording), as shown to subscribers. */
export const THEME_LABELS: Record<Language, Record<ThemeId, string>> = {
  en: {
    'legal-migration': 'Legal migration',
    'international-protection': 'International protection (asylum)',
    'vulnerable-groups': 'Unaccompanied minors and other vulnerable groups',
    integration: 'Integration',
    'citizenship-statelessness': 'Citizenship and statelessness',
    'borders-visa-schengen': 'Borders, visa and Schengen governance',
    'irregular-migration-smuggling': 'Irregular migration including smuggling',
    trafficking: 'Trafficking in human beings',
    'return-readmission': 'Return and readmission',
    'migration-development': 'Migration and development cooperation',
  },
  fr: {
    'legal-migration': 'Migration légale',
    'international-protection': 'Protection internationale (asile)',
    'vulnerable-groups': 'Mineurs non accompagnés et autres groupes vulnérables',
    integration: 'Intégration',
    'citizenship-statelessness': 'Citoyenneté et apatridie',
    'borders-visa-schengen': 'Frontières, visas et gouvernance de Schengen',
    'irregular-migration-smuggling': 'Migration irrégulière, y compris le trafic de migrants',
    trafficking: 'Traite des êtres humains',
    'return-readmission': 'Retour et réadmission',
    'migration-development': 'Migration et coopération au développement',
  },
};

export const ITEM_TYPE_LABELS: Record<Language, Record<ItemType, string>> = {
  en: {
    'press-release': 'Press releases',
    news: 'News',
    event: 'Events',
    publication: 'Publications',
    newsletter: 'Newsletters',
  },
  fr: {
    'press-release': 'Communiqués de presse',
    news: 'Actualités',
    event: 'Événements',
    publication: 'Publications',
    newsletter: "Lettres d'information",
  },
};

/** ISO weekdays, index 0 = Monday (1). */
export const WEEKDAY_LABELS: Record<Language, readonly string[]> = {
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  fr: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
};

export const FREQUENCY_LABELS: Record<Language, Record<'daily' | 'weekly', string>> = {
  en: { daily: 'Daily', weekly: 'Weekly' },
  fr: { daily: 'Quotidienne', weekly: 'Hebdomadaire' },
};

export const themeLabel = (id: string, lang: Language): string => THEME_LABELS[lang][id as ThemeId] ?? id;
export const itemTypeLabel = (type: string, lang: Language): string => ITEM_TYPE_LABELS[lang][type as ItemType] ?? type;
export const weekdayLabel = (isoWeekday: number, lang: Language): string => WEEKDAY_LABELS[lang][isoWeekday - 1] ?? String(isoWeekday);

/**
 * The consent text a subscriber agrees to, stored verbatim with its version in `consents`.
 * Changing the wording means a new version: never edit a published one in place.
 */
export const CONSENT_VERSION = '2026-11-v1';
export const CONSENT_TEXTS: Record<Language, string> = {
  en:
    'I agree that EMN Pulse stores my email address and my digest preferences in order to send me the email ' +
    'digests I choose. I can change my preferences, download my data, unsubscribe or erase my data at any time ' +
    'through the link in every email.',
  fr:
    "J'accepte qu'EMN Pulse conserve mon adresse électronique et mes préférences afin de m'envoyer les " +
    'synthèses par courriel que je choisis. Je peux à tout moment modifier mes préférences, télécharger mes ' +
    'données, me désabonner ou effacer mes données grâce au lien présent dans chaque courriel.',
};
export const consentText = (lang: Language): string => CONSENT_TEXTS[lang];

export { ITEM_TYPES, THEME_IDS };
