import { ITEM_TYPES, THEME_IDS } from '@pulse/contracts';
import { LANGUAGES, itemTypeLabel, themeLabel, weekdayLabel, type Language } from '@pulse/mail';
import { esc } from './html';
import { PAGE_STRINGS } from './page-strings';

/** Form values as strings, exactly as typed or ticked, so a re-rendered form keeps them. */
export interface FormValues {
  email: string;
  themes: string[];
  types: string[];
  frequency: string;
  weekday: string;
  sendHour: string;
  timezone: string;
  language: string;
}

export type FieldErrors = Record<string, string>;

export const DEFAULT_TIMEZONE = 'Europe/Brussels';

export function defaultFormValues(lang: Language): FormValues {
  return {
    email: '',
    themes: [],
    types: [...ITEM_TYPES],
    frequency: 'weekly',
    weekday: '1',
    sendHour: '7',
    timezone: DEFAULT_TIMEZONE,
    language: lang,
  };
}

let zones: string[] | undefined;
/** Every IANA zone the runtime knows (computed once: ~430 names). */
function timeZones(current: string): string[] {
  zones ??= Intl.supportedValuesOf('timeZone');
  return zones.includes(current) || current === '' ? zones : [current, ...zones];
}

/** The id of the first control of a field: where the error summary's link takes the focus. */
export function fieldAnchor(field: string): string {
  if (field === 'themes') return `theme-${THEME_IDS[0]}`;
  if (field === 'types') return `type-${ITEM_TYPES[0]}`;
  if (field === 'frequency') return 'frequency-daily';
  return field;
}

export const errorLine = (lang: Language, field: string, errors: FieldErrors) =>
  errors[field]
    ? `<p class="error" id="${field}-error"><span class="visually-hidden">${esc(PAGE_STRINGS[lang].errorPrefix)} </span>${esc(errors[field])}</p>`
    : '';

/** `aria-describedby` / `aria-invalid` for a control, given its hint and error. */
function describe(field: string, errors: FieldErrors, hint = false): string {
  const ids = [hint ? `${field}-hint` : '', errors[field] ? `${field}-error` : ''].filter(Boolean);
  return `${ids.length ? ` aria-describedby="${ids.join(' ')}"` : ''}${errors[field] ? ' aria-invalid="true"' : ''}`;
}

function checkboxGroup(lang: Language, field: 'themes' | 'types', values: FormValues, errors: FieldErrors): string {
  const t = PAGE_STRINGS[lang];
  const options = field === 'themes' ? THEME_IDS : ITEM_TYPES;
  const prefix = field === 'themes' ? 'theme' : 'type';
  const label = (id: string) => (field === 'themes' ? themeLabel(id, lang) : itemTypeLabel(id, lang));
  const boxes = options
    .map((id) => {
      const checked = values[field].includes(id) ? ' checked' : '';
      return `<div class="choice"><input type="checkbox" id="${prefix}-${id}" name="${field}" value="${id}"${checked}><label for="${prefix}-${id}">${esc(label(id))}</label></div>`;
    })
    .join('\n');
  const describedBy = [`${field}-hint`, errors[field] ? `${field}-error` : ''].filter(Boolean).join(' ');
  return `<fieldset id="${field}-group" class="${errors[field] ? 'invalid' : ''}" aria-describedby="${describedBy}">
<legend>${esc(t[field])}</legend>
<p class="hint" id="${field}-hint">${esc(field === 'themes' ? t.themesHint : t.typesHint)}</p>
${errorLine(lang, field, errors)}
${boxes}
</fieldset>`;
}

function select(lang: Language, field: string, label: string, options: [string, string][], value: string, errors: FieldErrors, hint?: string): string {
  const opts = options
    .map(([v, l]) => `<option value="${esc(v)}"${v === value ? ' selected' : ''}>${esc(l)}</option>`)
    .join('');
  return `<div class="field">
<label for="${field}">${esc(label)}</label>
${hint ? `<p class="hint" id="${field}-hint">${esc(hint)}</p>` : ''}
${errorLine(lang, field, errors)}
<select id="${field}" name="${field}"${describe(field, errors, Boolean(hint))}>${opts}</select>
</div>`;
}

function frequency(lang: Language, values: FormValues, errors: FieldErrors): string {
  const t = PAGE_STRINGS[lang];
  const radio = (v: 'daily' | 'weekly') =>
    `<div class="choice"><input type="radio" id="frequency-${v}" name="frequency" value="${v}"${values.frequency === v ? ' checked' : ''}><label for="frequency-${v}">${esc(t[v])}</label></div>`;
  return `<fieldset id="frequency-group" class="${errors.frequency ? 'invalid' : ''}"${errors.frequency ? ' aria-describedby="frequency-error"' : ''}>
<legend>${esc(t.frequency)}</legend>
${errorLine(lang, 'frequency', errors)}
${radio('daily')}
${radio('weekly')}
</fieldset>`;
}

/** Themes, kinds, schedule and language: shared by the subscribe form and the preference centre. */
export function renderPreferenceFields(lang: Language, values: FormValues, errors: FieldErrors): string {
  const t = PAGE_STRINGS[lang];
  const hours: [string, string][] = Array.from({ length: 24 }, (_, h) => [String(h), `${String(h).padStart(2, '0')}:00`]);
  const days: [string, string][] = [1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), weekdayLabel(d, lang)]);
  const zoneOptions: [string, string][] = timeZones(values.timezone).map((z) => [z, z]);
  const languages: [string, string][] = LANGUAGES.map((l) => [l, t.languages[l]]);
  return [
    checkboxGroup(lang, 'themes', values, errors),
    checkboxGroup(lang, 'types', values, errors),
    frequency(lang, values, errors),
    select(lang, 'weekday', t.weekday, days, values.weekday, errors, t.weekdayHint),
    select(lang, 'sendHour', t.sendHour, hours, values.sendHour, errors),
    select(lang, 'timezone', t.timezone, zoneOptions, values.timezone, errors),
    select(lang, 'language', t.language, languages, values.language, errors),
  ].join('\n');
}

/** The list of problems at the top of a form, each a link to its field. */
export function renderErrorSummary(lang: Language, errors: FieldErrors): string {
  const entries = Object.entries(errors);
  if (entries.length === 0) return '';
  const items = entries.map(([f, m]) => `<li><a href="#${esc(fieldAnchor(f))}">${esc(m)}</a></li>`).join('');
  return `<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1"><h2 id="error-summary-title">${esc(PAGE_STRINGS[lang].errorSummary)}</h2><ul>${items}</ul></div>`;
}
