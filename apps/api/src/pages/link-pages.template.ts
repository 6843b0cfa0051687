import type { Language } from '@pulse/mail';
import { esc, renderPage } from './html';
import { PAGE_STRINGS } from './page-strings';

const link = (href: string, label: string, id = 'next-link') => `<p><a id="${id}" href="${esc(href)}">${esc(label)}</a></p>`;

/** What a confirmation link opens: a GET shows this button and changes nothing (mail scanners open links). */
export function renderConfirmPage(lang: Language, email: string, token: string): string {
  const t = PAGE_STRINGS[lang];
  const body = `
<p>${esc(t.confirmIntro(email))}</p>
<form method="post" action="/confirm">
<input type="hidden" name="token" value="${esc(token)}">
<div class="actions"><button type="submit" id="confirm-submit">${esc(t.confirmButton)}</button></div>
</form>`;
  return renderPage({ lang, title: t.confirmTitle, body });
}

export function renderConfirmed(lang: Language, preferencesUrl: string, already: boolean): string {
  const t = PAGE_STRINGS[lang];
  const body = `<p role="status">${esc(already ? t.alreadyConfirmedBody : t.confirmedBody)}</p>${link(preferencesUrl, t.manageLink)}`;
  return renderPage({ lang, title: already ? t.alreadyConfirmedTitle : t.confirmedTitle, body });
}

/** What a List-Unsubscribe link opens in a browser: one button posting back to the same URL. */
export function renderUnsubscribePage(lang: Language, email: string, token: string): string {
  const t = PAGE_STRINGS[lang];
  const body = `
<p>${esc(t.unsubscribeIntro(email))}</p>
<form method="post" action="${esc(`/unsubscribe?token=${encodeURIComponent(token)}`)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<div class="actions"><button type="submit" id="unsubscribe-submit">${esc(t.unsubscribeButton)}</button></div>
</form>`;
  return renderPage({ lang, title: t.unsubscribeTitle, body });
}

export function renderUnsubscribed(lang: Language, preferencesUrl: string): string {
  const t = PAGE_STRINGS[lang];
  const body = `<p role="status">${esc(t.unsubscribedBody)}</p>${link(preferencesUrl, t.manageLink)}`;
  return renderPage({ lang, title: t.unsubscribedTitle, body });
}

export function renderErased(lang: Language): string {
  const t = PAGE_STRINGS[lang];
  return renderPage({ lang, title: t.erasedTitle, body: `<p role="status">${esc(t.erasedBody)}</p>` });
}

export type ErrorPageKind = 'invalid' | 'expired' | 'not-found' | 'busy' | 'error';

export function renderErrorPage(lang: Language, kind: ErrorPageKind, path: string): string {
  const t = PAGE_STRINGS[lang];
  const [title, text] = {
    invalid: [t.invalidTitle, t.invalidBody],
    expired: [t.expiredTitle, t.expiredBody],
    'not-found': [t.notFoundTitle, t.notFoundBody],
    busy: [t.busyTitle, t.busyBody],
    error: [t.errorTitle, t.errorBody],
  }[kind];
  const body = `<p>${esc(text)}</p>${link(`/subscribe?lang=${lang}`, t.toForm)}`;
  return renderPage({ lang, title, body, languageSwitch: { path } });
}
