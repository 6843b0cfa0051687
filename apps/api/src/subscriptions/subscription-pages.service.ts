import { Injectable } from '@nestjs/common';
import type { Subscriber } from '@pulse/db';
import { isLanguage, type Language } from '@pulse/mail';
import { renderConfirmed, renderConfirmPage, renderErased, renderUnsubscribed, renderUnsubscribePage } from '../pages/link-pages.template';
import { PAGE_STRINGS } from '../pages/page-strings';
import { defaultFormValues, type FieldErrors, type FormValues } from '../pages/preference-fields.template';
import { renderEraseConfirm, renderPreferences } from '../pages/preferences.template';
import { renderSubscribeForm, renderSubscribeSent } from '../pages/subscribe.template';
import { formToInput, PreferencesSchema, SubscribeSchema, toFieldErrors } from './dto/subscription.dto';
import { LinkProblem, LinkService } from './link.service';
import { PreferencesService } from './preferences.service';
import { SubscriptionsService, type RequestOrigin } from './subscriptions.service';

export type PageResult = { status: number; html: string } | { status: 200; download: { filename: string; json: string } };

type FormBody = Record<string, unknown>;

const languageOf = (s: Subscriber): Language => (isLanguage(s.language) ? s.language : 'en');

const subscriberValues = (s: Subscriber): FormValues => ({
  email: s.email,
  themes: s.themes,
  types: s.types,
  frequency: s.frequency,
  weekday: String(s.weekday ?? 1),
  sendHour: String(s.sendHour),
  timezone: s.timezone,
  language: s.language,
});

/** What was posted, as strings, so a form with errors comes back as the person left it. */
function postedValues(body: FormBody, base: FormValues): FormValues {
  const text = (k: string, fallback: string) => (typeof body[k] === 'string' ? (body[k] as string) : fallback);
  const list = (k: string) => (Array.isArray(body[k]) ? (body[k] as unknown[]).map(String) : typeof body[k] === 'string' ? [body[k] as string] : []);
  return {
    email: text('email', base.email),
    themes: list('themes'),
    types: list('types'),
    frequency: text('frequency', ''),
    weekday: text('weekday', base.weekday),
    sendHour: text('sendHour', base.sendHour),
    timezone: text('timezone', base.timezone),
    language: text('language', base.language),
  };
}

const errorMap = (errors: { field: string; message: string }[]): FieldErrors => Object.fromEntries(errors.map((e) => [e.field, e.message]));

/** The server-rendered public pages: each method is one request, answered with a whole page. */
@Injectable()
export class SubscriptionPagesService {
  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly preferences: PreferencesService,
    private readonly links: LinkService,
  ) {}

  subscribeForm(lang: Language): PageResult {
    return { status: 200, html: renderSubscribeForm(lang, defaultFormValues(lang)) };
  }

  async submitSubscribe(lang: Language, body: FormBody, origin: RequestOrigin): Promise<PageResult> {
    const parsed = SubscribeSchema.safeParse(formToInput(body, true));
    if (!parsed.success) {
      const errors = errorMap(toFieldErrors(parsed.error.issues, lang));
      return { status: 422, html: renderSubscribeForm(lang, postedValues(body, defaultFormValues(lang)), errors) };
    }
    await this.subscriptions.subscribe(parsed.data, origin);
    return { status: 200, html: renderSubscribeSent(lang) };
  }

  async confirmPage(token: unknown): Promise<PageResult> {
    const s = await this.links.resolve(token, 'confirm');
    if (s.status === 'active' || s.status === 'paused') return this.confirmed(s, true);
    if (s.status !== 'pending') throw new LinkProblem('revoked');
    return { status: 200, html: renderConfirmPage(languageOf(s), s.email, String(token)) };
  }

  async confirm(token: unknown): Promise<PageResult> {
    const s = await this.links.resolve(token, 'confirm');
    const outcome = await this.subscriptions.confirm(s);
    if (outcome === 'not-pending') throw new LinkProblem('revoked');
    return this.confirmed(s, outcome === 'already-confirmed');
  }

  async preferencesPage(token: unknown): Promise<PageResult> {
    const s = await this.links.resolve(token, 'prefs');
    return this.preferencesView(s, String(token));
  }

  async preferencesAction(token: unknown, body: FormBody, origin: RequestOrigin): Promise<PageResult> {
    const s = await this.links.resolve(token, 'prefs');
    const t = PAGE_STRINGS[languageOf(s)];
    const tok = String(token);
    switch (body.action) {
      case 'save':
        return this.save(s, tok, body);
      case 'pause':
        return this.preferencesView(await this.preferences.pause(s), tok, t.paused);
      case 'resume':
        return this.preferencesView(await this.preferences.resume(s, origin), tok, t.resumed);
      case 'unsubscribe':
        return this.preferencesView(await this.preferences.unsubscribe(s), tok, t.unsubscribedTitle);
      case 'export':
        return { status: 200, download: { filename: 'emn-pulse-my-data.json', json: JSON.stringify(await this.preferences.export(s), null, 2) } };
      case 'erase':
        return { status: 200, html: renderEraseConfirm(languageOf(s), tok) };
      case 'erase-confirm':
        await this.preferences.erase(s);
        return { status: 200, html: renderErased(languageOf(s)) };
      default:
        return this.preferencesView(s, tok);
    }
  }

  async unsubscribePage(token: unknown): Promise<PageResult> {
    const s = await this.links.resolve(token, 'unsubscribe');
    if (s.status === 'unsubscribed') return this.unsubscribed(s);
    return { status: 200, html: renderUnsubscribePage(languageOf(s), s.email, String(token)) };
  }

  /** RFC 8058 one-click: done at once, 200, no redirect; repeating it changes nothing. */
  async unsubscribe(token: unknown): Promise<PageResult> {
    const s = await this.links.resolve(token, 'unsubscribe');
    return this.unsubscribed(await this.preferences.unsubscribe(s));
  }

  private async save(s: Subscriber, token: string, body: FormBody): Promise<PageResult> {
    const lang = languageOf(s);
    const parsed = PreferencesSchema.safeParse(formToInput(body, false));
    if (!parsed.success) {
      const errors = errorMap(toFieldErrors(parsed.error.issues, lang));
      return this.preferencesView(s, token, undefined, { values: postedValues(body, subscriberValues(s)), errors, status: 422 });
    }
    const updated = await this.preferences.update(s, parsed.data);
    // The page answers in the language just chosen.
    return this.preferencesView(updated, token, PAGE_STRINGS[languageOf(updated)].saved);
  }

  private preferencesView(
    s: Subscriber,
    token: string,
    notice?: string,
    invalid?: { values: FormValues; errors: FieldErrors; status: number },
  ): PageResult {
    const html = renderPreferences({
      lang: languageOf(s),
      token,
      email: s.email,
      status: s.status,
      values: invalid?.values ?? subscriberValues(s),
      errors: invalid?.errors,
      notice,
    });
    return { status: invalid?.status ?? 200, html };
  }

  private confirmed(s: Subscriber, already: boolean): PageResult {
    return { status: 200, html: renderConfirmed(languageOf(s), this.links.preferencesPath(s), already) };
  }

  private unsubscribed(s: Subscriber): PageResult {
    return { status: 200, html: renderUnsubscribed(languageOf(s), this.links.preferencesPath(s)) };
  }
}
