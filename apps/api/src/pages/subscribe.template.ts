import { consentText, type Language } from '@pulse/mail';
import { esc, renderPage } from './html';
import { PAGE_STRINGS } from './page-strings';
import { errorLine, renderErrorSummary, renderPreferenceFields, type FieldErrors, type FormValues } from './preference-fields.template';

/** `GET /subscribe`, and `POST /subscribe` again with the errors next to their fields. */
export function renderSubscribeForm(lang: Language, values: FormValues, errors: FieldErrors = {}): string {
  const t = PAGE_STRINGS[lang];
  const emailDescribedBy = ['email-hint', errors.email ? 'email-error' : ''].filter(Boolean).join(' ');
  const body = `
<p>${esc(t.subscribeIntro)}</p>
${renderErrorSummary(lang, errors)}
<form method="post" action="/subscribe?lang=${lang}" novalidate>
<div class="field">
<label for="email">${esc(t.email)}</label>
<p class="hint" id="email-hint">${esc(t.emailHint)}</p>
${errorLine(lang, 'email', errors)}
<input type="email" id="email" name="email" value="${esc(values.email)}" autocomplete="email" spellcheck="false" required aria-describedby="${emailDescribedBy}"${errors.email ? ' aria-invalid="true"' : ''}>
</div>
${renderPreferenceFields(lang, values, errors)}
<h2>${esc(t.consentHeading)}</h2>
<p id="consent-text">${esc(consentText(lang))}</p>
<div class="actions"><button type="submit" id="subscribe-submit" aria-describedby="consent-text">${esc(t.subscribeButton)}</button></div>
</form>`;
  return renderPage({ lang, title: t.subscribeTitle, body, languageSwitch: { path: '/subscribe' } });
}

export function renderSubscribeSent(lang: Language): string {
  const t = PAGE_STRINGS[lang];
  return renderPage({ lang, title: t.sentTitle, body: `<p role="status">${esc(t.sentBody)}</p>` });
}
