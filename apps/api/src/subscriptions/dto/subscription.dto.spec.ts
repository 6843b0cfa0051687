import { formToInput, PreferencesSchema, SubscribeSchema, toFieldErrors } from './subscription.dto';

const valid = { email: '  Ana@Example.org ', themes: ['integration', 'integration'], frequency: 'daily', timezone: 'europe/paris' };

describe('subscription dto', () => {
  it('fills defaults, dedupes, trims and canonicalises the time zone', () => {
    const r = SubscribeSchema.parse(valid);
    expect(r).toEqual({
      email: 'Ana@Example.org',
      themes: ['integration'],
      frequency: 'daily',
      timezone: 'Europe/Paris',
      sendHour: 7,
      weekday: null,
      language: 'en',
      types: ['press-release', 'news', 'event', 'publication', 'newsletter'],
    });
  });

  it('gives weekly digests a weekday, Monday by default', () => {
    expect(SubscribeSchema.parse({ ...valid, frequency: 'weekly' }).weekday).toBe(1);
    expect(SubscribeSchema.parse({ ...valid, frequency: 'weekly', weekday: 5 }).weekday).toBe(5);
  });

  it('validates the time zone with Intl', () => {
    expect(SubscribeSchema.safeParse({ ...valid, timezone: 'America/Argentina/Buenos_Aires' }).success).toBe(true);
    expect(SubscribeSchema.safeParse({ ...valid, timezone: 'UTC' }).success).toBe(true);
    expect(SubscribeSchema.safeParse({ ...valid, timezone: 'Europe/Atlantis' }).success).toBe(false);
    expect(SubscribeSchema.safeParse({ ...valid, timezone: '' }).success).toBe(false);
  });

  it('reports one plain message per field, in field order, in the reader language', () => {
    const r = SubscribeSchema.safeParse({ email: 'x', themes: [], frequency: 'daily', timezone: 'Nowhere', sendHour: 24, extra: 1 });
    expect(r.success).toBe(false);
    if (r.success) return;
    const en = toFieldErrors(r.error.issues);
    expect(en.map((e) => e.field)).toEqual(['email', 'themes', 'timezone', 'sendHour', 'extra']);
    expect(en[0]?.message).toBe('Enter a valid email address, like name@example.org.');
    expect(toFieldErrors(r.error.issues, 'fr')[1]?.message).toBe('Choisissez au moins un thème dans la liste.');
  });

  it('reads an HTML form: checkbox groups as lists, numbers from strings, nothing ticked as empty', () => {
    const one = formToInput({ email: 'a@b.eu', themes: 'trafficking', frequency: 'weekly', weekday: '3', sendHour: '18', timezone: 'Europe/Rome', language: 'fr' }, true);
    expect(one).toMatchObject({ themes: ['trafficking'], types: [], weekday: 3, sendHour: 18 });
    expect(SubscribeSchema.safeParse(one).success).toBe(false); // no kind ticked
    const prefs = formToInput({ themes: ['trafficking', 'integration'], types: ['news'], frequency: 'daily', sendHour: '7', timezone: 'UTC' }, false);
    expect(prefs).not.toHaveProperty('email');
    expect(PreferencesSchema.parse(prefs)).toMatchObject({ themes: ['trafficking', 'integration'], types: ['news'], weekday: null });
    expect(formToInput({ sendHour: 'seven' }, false).sendHour).toBe('seven');
  });
});
