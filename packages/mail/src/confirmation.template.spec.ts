import { renderConfirmationMail, renderSubscriptionNoticeMail } from './confirmation.template';

const base = {
  confirmUrl: 'https://pulse.example.eu/confirm?token=eyJwIjoiY29uZmlybSJ9.c2lnbmF0dXJl',
  themes: ['international-protection', 'trafficking'],
  frequency: 'weekly' as const,
  sendHour: 7,
  weekday: 3,
  timezone: 'Europe/Paris',
  validHours: 168,
};

describe('confirmation mail template', () => {
  it('renders the English confirmation (snapshot)', () => {
    expect(renderConfirmationMail({ ...base, language: 'en' })).toMatchSnapshot();
  });

  it('renders the French confirmation (snapshot)', () => {
    expect(renderConfirmationMail({ ...base, language: 'fr', frequency: 'daily', weekday: null })).toMatchSnapshot();
  });

  it('renders the already-subscribed notice in both languages (snapshot)', () => {
    const preferencesUrl = 'https://pulse.example.eu/preferences?token=abc.def';
    expect(renderSubscriptionNoticeMail({ language: 'en', preferencesUrl })).toMatchSnapshot();
    expect(renderSubscriptionNoticeMail({ language: 'fr', preferencesUrl })).toMatchSnapshot();
  });

  it('carries the link in both parts and says what was asked for', () => {
    const mail = renderConfirmationMail({ ...base, language: 'en' });
    expect(mail.subject).toBe('Confirm your EMN Pulse subscription');
    expect(mail.text).toContain(base.confirmUrl);
    expect(mail.html).toContain(`href="${base.confirmUrl}"`);
    expect(mail.text).toContain('every Wednesday at 07:00 (Europe/Paris)');
    expect(mail.text).toContain('- Trafficking in human beings');
    expect(mail.html).toContain('<html lang="en">');
  });

  it('says how long the link lasts in days, or in hours when that is not whole days', () => {
    expect(renderConfirmationMail({ ...base, language: 'en', validHours: 24 }).text).toContain('The link is valid for 1 day.');
    expect(renderConfirmationMail({ ...base, language: 'fr', validHours: 36 }).text).toContain('Le lien est valable 36 heures.');
  });

  it('escapes everything it is given', () => {
    const mail = renderConfirmationMail({
      ...base,
      language: 'fr',
      confirmUrl: 'https://x.test/confirm?token=a"><script>alert(1)</script>&b=1',
      themes: ['<img src=x onerror=alert(1)>'],
      timezone: '<b>Europe/Paris</b>',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(mail.html).toContain('token=a&quot;&gt;&lt;script&gt;');
    expect(mail.html).toContain('&amp;b=1');
  });
});
