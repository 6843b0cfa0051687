import { z } from 'zod';
import { ITEM_TYPES, THEME_IDS } from '@pulse/contracts';
import { LANGUAGES, type Language } from '@pulse/mail';

/** True for any zone the runtime's ICU knows (IANA names and their aliases, `UTC`). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
/** `europe/paris` → `Europe/Paris`: stored names are the canonical spelling. */
const canonicalTimeZone = (tz: string) => new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone;
const unique = <T>(xs: T[]): T[] => [...new Set(xs)];

const preferenceFields = {
  themes: z.array(z.enum(THEME_IDS)).min(1).max(THEME_IDS.length * 2).transform(unique),
  frequency: z.enum(['daily', 'weekly']),
  timezone: z.string().trim().min(1).max(64).refine(isTimeZone).transform(canonicalTimeZone),
  sendHour: z.number().int().min(0).max(23).default(7),
  weekday: z.number().int().min(1).max(7).optional(),
  language: z.enum(LANGUAGES).default('en'),
  types: z
    .array(z.enum(ITEM_TYPES))
    .min(1)
    .max(ITEM_TYPES.length * 2)
    .default([...ITEM_TYPES])
    .transform(unique),
};

/** A weekday only means something for weekly digests, where it defaults to Monday. */
const withWeekday = <T extends { frequency: 'daily' | 'weekly'; weekday?: number }>(v: T) => ({
  ...v,
  weekday: v.frequency === 'weekly' ? (v.weekday ?? 1) : null,
});

export const PreferencesSchema = z.object(preferenceFields).strict().transform(withWeekday);
export type Preferences = z.output<typeof PreferencesSchema>;

export const SubscribeSchema = z
  .object({
    email: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.email().max(254)),
    ...preferenceFields,
  })
  .strict()
  .transform(withWeekday);
export type SubscribeInput = z.output<typeof SubscribeSchema>;

export const SubscribeAcceptedSchema = z.object({ status: z.literal('accepted'), message: z.string() });

export const SUBSCRIPTION_FIELDS = ['email', 'themes', 'frequency', 'timezone', 'sendHour', 'weekday', 'language', 'types'] as const;
export type SubscriptionField = (typeof SUBSCRIPTION_FIELDS)[number];
export interface FieldError {
  field: string;
  message: string;
}

/** One plain message per field, in the reader's language (the form shows them next to the field). */
const FIELD_MESSAGES: Record<Language, Record<SubscriptionField | 'unknown', string>> = {
  en: {
    email: 'Enter a valid email address, like name@example.org.',
    themes: 'Choose at least one theme from the list.',
    frequency: 'Choose daily or weekly.',
    timezone: 'Choose a valid time zone, like Europe/Brussels.',
    sendHour: 'Choose an hour from 0 to 23.',
    weekday: 'Choose a day of the week, from 1 (Monday) to 7 (Sunday).',
    language: 'Choose English (en) or French (fr).',
    types: 'Choose at least one kind of item from the list.',
    unknown: 'Unknown field.',
  },
  fr: {
    email: 'Saisissez une adresse électronique valide, par exemple nom@exemple.fr.',
    themes: 'Choisissez au moins un thème dans la liste.',
    frequency: 'Choisissez quotidienne ou hebdomadaire.',
    timezone: 'Choisissez un fuseau horaire valide, par exemple Europe/Paris.',
    sendHour: 'Choisissez une heure entre 0 et 23.',
    weekday: 'Choisissez un jour de la semaine, de 1 (lundi) à 7 (dimanche).',
    language: "Choisissez l'anglais (en) ou le français (fr).",
    types: 'Choisissez au moins un type de contenu dans la liste.',
    unknown: 'Champ inconnu.',
  },
};

/** zod issues → at most one `{field, message}` per field, in field order. */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[], lang: Language = 'en'): FieldError[] {
  const fields = new Set<string>();
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') issue.keys.forEach((k) => fields.add(`unknown:${k}`));
    else fields.add(String(issue.path[0] ?? 'body'));
  }
  const rank = (f: string) => {
    const i = (SUBSCRIPTION_FIELDS as readonly string[]).indexOf(f);
    return i < 0 ? SUBSCRIPTION_FIELDS.length : i;
  };
  return [...fields]
    .sort((a, b) => rank(a) - rank(b))
    .map((f) =>
      f.startsWith('unknown:')
        ? { field: f.slice(8), message: FIELD_MESSAGES[lang].unknown }
        : { field: f, message: FIELD_MESSAGES[lang][f as SubscriptionField] ?? FIELD_MESSAGES[lang].unknown },
    );
}

/** What an HTML form posts (strings, a checkbox group absent when none is ticked) → schema input. */
export function formToInput(body: Record<string, unknown>, withEmail: boolean): Record<string, unknown> {
  const text = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : []);
  const int = (v: unknown) => {
    const s = text(v).trim();
    if (s === '') return undefined;
    return /^\d{1,2}$/.test(s) ? Number(s) : s;
  };
  const input: Record<string, unknown> = {
    themes: list(body.themes),
    frequency: text(body.frequency) || undefined,
    timezone: text(body.timezone),
    sendHour: int(body.sendHour),
    weekday: int(body.weekday),
    language: text(body.language) || undefined,
    types: list(body.types),
  };
  if (withEmail) input.email = text(body.email);
  return input;
}
