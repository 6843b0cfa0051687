import type { Language } from '@pulse/mail';

/** Digest wording, per language. Theme names come from `@pulse/mail` (THEME_LABELS). */
export interface DigestStrings {
  /** BCP 47 locale for dates. */
  locale: string;
  items(n: number, allNew: boolean): string;
  events(n: number): string;
  title(frequency: 'daily' | 'weekly'): string;
  since(date: string): string;
  updated: string;
  upcoming: string;
  location: string;
  omitted(n: number): string;
  why(frequency: 'daily' | 'weekly', themes: string): string;
  preferences: string;
  unsubscribe: string;
  /** Subject separator between the counts and the theme list. */
  colon: string;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const DIGEST_STRINGS: Record<Language, DigestStrings> = {
  en: {
    locale: 'en-GB',
    items: (n, allNew) => `${n} ${allNew ? 'new ' : ''}${plural(n, 'item', 'items')}`,
    events: (n) => `${n} upcoming ${plural(n, 'event', 'events')}`,
    title: (f) => `Your ${f} EMN Pulse digest`,
    since: (d) => `What is new on your themes since ${d}.`,
    updated: 'Updated',
    upcoming: 'Upcoming events',
    location: 'Where',
    omitted: (n) => `…and ${n} more ${plural(n, 'item', 'items')} in this period, left out to keep this email short.`,
    why: (f, themes) => `You receive this ${f} digest because you subscribed to EMN Pulse for: ${themes}.`,
    preferences: 'Manage your preferences',
    unsubscribe: 'Unsubscribe',
    colon: ':',
  },
  fr: {
    locale: 'fr-FR',
    items: (n, allNew) =>
      allNew ? `${n} ${plural(n, 'nouvel article', 'nouveaux articles')}` : `${n} ${plural(n, 'article', 'articles')}`,
    events: (n) => `${n} ${plural(n, 'événement', 'événements')} à venir`,
    title: (f) => `Votre synthèse ${f === 'daily' ? 'quotidienne' : 'hebdomadaire'} EMN Pulse`,
    since: (d) => `Les nouveautés sur vos thèmes depuis le ${d}.`,
    updated: 'Mis à jour',
    upcoming: 'Événements à venir',
    location: 'Lieu',
    omitted: (n) => `…et ${n} ${plural(n, 'autre article', 'autres articles')} sur cette période, omis pour garder ce courriel court.`,
    why: (f, themes) =>
      `Vous recevez cette synthèse ${f === 'daily' ? 'quotidienne' : 'hebdomadaire'} car vous êtes abonné à EMN Pulse pour : ${themes}.`,
    preferences: 'Gérer vos préférences',
    unsubscribe: 'Se désabonner',
    colon: ' :',
  },
};
