import type { Language } from '@pulse/mail';
import { esc, renderPage } from './html';
import { PAGE_STRINGS } from './page-strings';
import { renderErrorSummary, renderPreferenceFields, type FieldErrors, type FormValues } from './preference-fields.template';

export interface PreferencesView {
  lang: Language;
  token: string;
  email: string;
  status: string;
  values: FormValues;
  errors?: FieldErrors;
  /** A one-line confirmation of what the last action did. */
  notice?: string;
}

const action = (token: string) => esc(`/preferences?token=${encodeURIComponent(token)}`);

/** One small form per action, so each button works without JavaScript. */
const actionForm = (token: string, name: string, label: string, cls: string) =>
  `<form method="post" action="${action(token)}" class="inline"><input type="hidden" name="action" value="${name}"><button type="submit" id="action-${name}" class="${cls}">${esc(label)}</button></form>`;

export function renderPreferences(v: PreferencesView): string {
  const t = PAGE_STRINGS[v.lang];
  const errors = v.errors ?? {};
  const canResume = ['paused', 'unsubscribed', 'suspended'].includes(v.status);
  const stop = [
    v.status === 'active' ? actionForm(v.token, 'pause', t.pauseButton, 'secondary') : '',
    canResume ? actionForm(v.token, 'resume', t.resumeButton, 'secondary') : '',
    v.status !== 'unsubscribed' ? actionForm(v.token, 'unsubscribe', t.unsubscribeButton, 'secondary') : '',
  ].join('');
  const body = `
<p>${esc(t.prefsFor(v.email))}</p>
${v.notice ? `<p class="notice" role="status">${esc(v.notice)}</p>` : ''}
<p id="status">${esc(t.status[v.status] ?? v.status)}</p>
${renderErrorSummary(v.lang, errors)}
<form method="post" action="${action(v.token)}" novalidate>
<input type="hidden" name="action" value="save">
${renderPreferenceFields(v.lang, v.values, errors)}
<div class="actions"><button type="submit" id="save-preferences">${esc(t.saveButton)}</button></div>
</form>
<h2>${esc(t.stopHeading)}</h2>
<div class="actions">${stop}</div>
<h2>${esc(t.dataHeading)}</h2>
<p>${esc(t.dataIntro)}</p>
<div class="actions">${actionForm(v.token, 'export', t.exportButton, 'secondary')}${actionForm(v.token, 'erase', t.eraseButton, 'danger')}</div>`;
  return renderPage({ lang: v.lang, title: t.prefsTitle, body });
}

/** The confirm step before an erasure: a second, explicit button. */
export function renderEraseConfirm(lang: Language, token: string): string {
  const t = PAGE_STRINGS[lang];
  const body = `
<p>${esc(t.eraseBody)}</p>
<div class="actions">${actionForm(token, 'erase-confirm', t.eraseConfirmButton, 'danger')}<a href="${action(token)}">${esc(t.cancel)}</a></div>`;
  return renderPage({ lang, title: t.eraseTitle, body });
}
