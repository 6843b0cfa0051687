import { themeLabel, weekdayLabel, type Language } from './i18n';

/**
 * `mail_outbox.kind` values. The mail-send worker sends a confirmation only to a pending
 * subscriber and every other kind only to a confirmed one (active or paused).
 */
export const MAIL_KINDS = { confirmation: 'confirmation', notice: 'subscription-notice' } as const;

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export interface ScheduleSummary {
  frequency: 'daily' | 'weekly';
  sendHour: number;
  weekday?: number | null;
  timezone: string;
}

export interface ConfirmationMailInput extends ScheduleSummary {
  language: Language;
  confirmUrl: string;
  themes: readonly string[];
  /** How long the link stays valid, in hours (said in days when it is a whole number of days). */
  validHours: number;
}

export interface SubscriptionNoticeInput {
  language: Language;
  preferencesUrl: string;
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;

const STRINGS = {
  en: {
    confirmSubject: 'Confirm your EMN Pulse subscription',
    confirmTitle: 'Confirm your subscription',
    asked: (schedule: string) => `Someone, hopefully you, asked to receive ${schedule} from EMN Pulse at this address, on these themes:`,
    daily: (s: ScheduleSummary) => `a daily digest at ${hh(s.sendHour)} (${s.timezone})`,
    weekly: (s: ScheduleSummary, day: string) => `a weekly digest every ${day} at ${hh(s.sendHour)} (${s.timezone})`,
    button: 'Confirm my subscription',
    validity: (h: number) => (h % 24 === 0 ? `The link is valid for ${plural(h / 24, 'day')}.` : `The link is valid for ${plural(h, 'hour')}.`),
    copyHint: 'If the button does not work, copy this address into your browser:',
    ignore: 'If you did not ask for this, ignore this email: you will not be subscribed and we will not write to you again.',
    noticeSubject: 'Your EMN Pulse subscription',
    noticeTitle: 'You are already subscribed',
    noticeBody: 'Someone, hopefully you, asked to subscribe this address to EMN Pulse, and it already receives our digests. To change your themes, frequency, time or language, or to unsubscribe, open your preferences:',
    noticeButton: 'Manage my preferences',
    noticeIgnore: 'If you did not ask for this, you can ignore this email: nothing has changed.',
    footer: 'EMN Pulse: news of the European Migration Network, by theme.',
  },
  fr: {
    confirmSubject: 'Confirmez votre abonnement à EMN Pulse',
    confirmTitle: 'Confirmez votre abonnement',
    asked: (schedule: string) => `Quelqu'un, sans doute vous, a demandé à recevoir ${schedule} d'EMN Pulse à cette adresse, sur ces thèmes :`,
    daily: (s: ScheduleSummary) => `une synthèse quotidienne à ${hh(s.sendHour)} (${s.timezone})`,
    weekly: (s: ScheduleSummary, day: string) => `une synthèse hebdomadaire chaque ${day} à ${hh(s.sendHour)} (${s.timezone})`,
    button: 'Confirmer mon abonnement',
    validity: (h: number) => (h % 24 === 0 ? `Le lien est valable ${plural(h / 24, 'jour')}.` : `Le lien est valable ${plural(h, 'heure')}.`),
    copyHint: 'Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :',
    ignore: "Si vous n'êtes pas à l'origine de cette demande, ignorez ce courriel : vous ne serez pas abonné et nous ne vous écrirons plus.",
    noticeSubject: 'Votre abonnement à EMN Pulse',
    noticeTitle: 'Vous êtes déjà abonné',
    noticeBody: "Quelqu'un, sans doute vous, a demandé à abonner cette adresse à EMN Pulse, qui reçoit déjà nos synthèses. Pour changer vos thèmes, la fréquence, l'heure ou la langue, ou pour vous désabonner, ouvrez vos préférences :",
    noticeButton: 'Gérer mes préférences',
    noticeIgnore: "Si vous n'êtes pas à l'origine de cette demande, ignorez ce courriel : rien n'a changé.",
    footer: 'EMN Pulse : les actualités du Réseau européen des migrations, par thème.',
  },
} as const;

function schedule(lang: Language, s: ScheduleSummary): string {
  const t = STRINGS[lang];
  return s.frequency === 'weekly' ? t.weekly(s, weekdayLabel(s.weekday ?? 1, lang)) : t.daily(s);
}

/** Table layout and inline styles: what Gmail and Outlook render alike. */
function shell(lang: Language, title: string, body: string): string {
  const font = 'font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;';
  return [
    `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title></head>`,
    '<body style="margin:0;padding:0;background:#f4f5f7;">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f5f7;"><tr><td align="center" style="padding:24px 12px;">',
    '<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;width:100%;background:#ffffff;border:1px solid #d9dce1;">',
    `<tr><td style="padding:24px;${font}">`,
    `<h1 style="font-size:22px;line-height:1.3;margin:0 0 16px;color:#1a1a1a;">${esc(title)}</h1>`,
    body,
    `<p style="margin:24px 0 0;font-size:13px;color:#4b5563;">${esc(STRINGS[lang].footer)}</p>`,
    '</td></tr></table></td></tr></table></body></html>',
  ].join('\n');
}

const button = (url: string, label: string) =>
  `<p style="margin:24px 0;"><a href="${esc(url)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:12px 20px;text-decoration:none;border-radius:4px;font-weight:bold;">${esc(label)}</a></p>`;

/** The double opt-in mail: the only mail an unconfirmed address ever gets. */
export function renderConfirmationMail(input: ConfirmationMailInput): RenderedMail {
  const t = STRINGS[input.language];
  const themes = input.themes.map((id) => themeLabel(id, input.language));
  const asked = t.asked(schedule(input.language, input));
  const html = shell(
    input.language,
    t.confirmTitle,
    [
      `<p style="margin:0 0 8px;">${esc(asked)}</p>`,
      `<ul style="margin:0 0 8px;padding-left:20px;">${themes.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`,
      button(input.confirmUrl, t.button),
      `<p style="margin:0 0 8px;font-size:14px;">${esc(`${t.validity(input.validHours)} ${t.copyHint}`)}<br><a href="${esc(input.confirmUrl)}" style="color:#1d4ed8;word-break:break-all;">${esc(input.confirmUrl)}</a></p>`,
      `<p style="margin:16px 0 0;font-size:14px;color:#4b5563;">${esc(t.ignore)}</p>`,
    ].join('\n'),
  );
  const text = [
    t.confirmTitle,
    '',
    asked,
    ...themes.map((l) => `- ${l}`),
    '',
    `${t.button}${input.language === 'fr' ? ' :' : ':'}`,
    input.confirmUrl,
    '',
    t.validity(input.validHours),
    '',
    t.ignore,
    '',
    '-- ',
    t.footer,
    '',
  ].join('\n');
  return { subject: t.confirmSubject, html, text };
}

/** Sent instead of a confirmation when a confirmed address subscribes again. */
export function renderSubscriptionNoticeMail(input: SubscriptionNoticeInput): RenderedMail {
  const t = STRINGS[input.language];
  const html = shell(
    input.language,
    t.noticeTitle,
    [
      `<p style="margin:0 0 8px;">${esc(t.noticeBody)}</p>`,
      button(input.preferencesUrl, t.noticeButton),
      `<p style="margin:16px 0 0;font-size:14px;color:#4b5563;">${esc(t.noticeIgnore)}</p>`,
    ].join('\n'),
  );
  const text = [t.noticeTitle, '', t.noticeBody, input.preferencesUrl, '', t.noticeIgnore, '', '-- ', t.footer, ''].join('\n');
  return { subject: t.noticeSubject, html, text };
}
