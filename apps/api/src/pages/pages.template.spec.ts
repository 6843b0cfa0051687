import { renderErrorPage, renderUnsubscribePage } from './link-pages.template';
import { defaultFormValues } from './preference-fields.template';
import { renderPreferences } from './preferences.template';
import { renderSubscribeForm } from './subscribe.template';

/** ids of inputs/selects, and the `for` of every label: each control needs one. */
function unlabelledControls(html: string): string[] {
  const ids = [...html.matchAll(/<(?:input|select)\b(?![^>]*type="hidden")[^>]*\sid="([^"]+)"/g)].map((m) => m[1]);
  const labelled = new Set([...html.matchAll(/<label for="([^"]+)"/g)].map((m) => m[1]));
  const controls = [...html.matchAll(/<(?:input|select)\b(?![^>]*type="hidden")[^>]*>/g)].length;
  expect(ids).toHaveLength(controls);
  return ids.filter((id) => !labelled.has(id)) as string[];
}

describe('page templates', () => {
  it('label every control, group checkboxes with a legend, and set the page language', () => {
    for (const lang of ['en', 'fr'] as const) {
      const html = renderSubscribeForm(lang, defaultFormValues(lang));
      expect(html).toContain(`<html lang="${lang}">`);
      expect(unlabelledControls(html)).toEqual([]);
      expect(html.match(/<fieldset/g)).toHaveLength(3);
      expect(html.match(/<legend>/g)).toHaveLength(3);
      expect(html).not.toContain('<script');
    }
  });

  it('shows each error next to its field and links to it from the summary', () => {
    const html = renderSubscribeForm('en', { ...defaultFormValues('en'), email: 'bad' }, { email: 'Enter a valid email address.', themes: 'Choose one.' });
    expect(html).toContain('<a href="#email">Enter a valid email address.</a>');
    expect(html).toContain('<a href="#theme-legal-migration">Choose one.</a>');
    expect(html).toMatch(/id="email-error"[^]*<input type="email" id="email"[^>]*aria-describedby="email-hint email-error" aria-invalid="true"/);
  });

  it('escapes every value it shows', () => {
    const evil = '"><script>alert(1)</script>';
    const form = renderSubscribeForm('en', { ...defaultFormValues('en'), email: evil, timezone: evil }, { email: evil });
    expect(form).not.toContain('<script>');
    expect(form).toContain('&quot;&gt;&lt;script&gt;');
    const prefs = renderPreferences({ lang: 'fr', token: `t${evil}`, email: evil, status: 'active', values: defaultFormValues('fr') });
    expect(prefs).not.toContain('<script>');
    expect(renderUnsubscribePage('en', evil, evil)).not.toContain('<script>');
    expect(renderErrorPage('en', 'invalid', `/x${evil}`)).not.toContain('<script>');
  });
});
