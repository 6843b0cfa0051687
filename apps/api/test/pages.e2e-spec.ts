/// <reference lib="dom" />
import { chromium, type Browser, type Page } from 'playwright-core';
import { startSubscriptionHarness, type SubscriptionHarness } from './subscription-harness';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Moves the focus with Tab only (as a keyboard user would) until `selector` has it. */
async function tabTo(page: Page, selector: string, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Every visible control without a label of its own: must be none. */
const unlabelled = (page: Page) =>
  page.$$eval('input:not([type=hidden]), select, textarea', (els) =>
    els
      .filter((el) => !(el as HTMLInputElement).labels || (el as HTMLInputElement).labels!.length === 0)
      .map((el) => el.outerHTML.slice(0, 80)),
  );

/** Text whose colour against its effective background is below WCAG AA (4.5:1). */
const lowContrast = (page: Page) =>
  page.evaluate(() => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r ?? 0) + 0.7152 * f(g ?? 0) + 0.0722 * f(b ?? 0);
    };
    const background = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c[3] ?? 0) > 0) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const bad: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const text = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent!.trim() !== '');
      if (!text || (el as HTMLElement).offsetParent === null || el.closest('.visually-hidden')) continue;
      const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < 4.5) bad.push(`${el.tagName} ${ratio.toFixed(2)} ${el.textContent!.trim().slice(0, 30)}`);
    }
    return bad;
  });

const focusOutline = (page: Page) =>
  page.evaluate(() => {
    const s = getComputedStyle(document.activeElement!);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });

describe('public pages in real Chromium (keyboard only, en + fr)', () => {
  let h: SubscriptionHarness;
  let browser: Browser;

  beforeAll(async () => {
    [h, browser] = await Promise.all([
      startSubscriptionHarness('pages'),
      chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  const status = async (email: string) =>
    (await h.db.database.sql.query<{ status: string; language: string }>('SELECT status, language FROM subscribers WHERE email = $1', [email]))[0];

  async function confirmLinkFor(email: string, count: number): Promise<string> {
    const mails = await h.sink.waitFor(count);
    const mail = mails.find((m) => m.envelope.to[0] === email);
    const m = (mail?.parsed.text ?? '').match(/https:\/\/pulse\.test\/confirm\?token=\S+/);
    if (!m) throw new Error(`no confirmation link for ${email}`);
    return h.rebase(m[0]);
  }

  it('English: form with field errors, subscribe, confirm by button, preference centre', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${h.appUrl}/subscribe`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await unlabelled(page)).toEqual([]);
    expect(await page.locator('fieldset#themes-group > legend').textContent()).toBe('Themes');
    expect(await lowContrast(page)).toEqual([]);

    // A wrong address and no theme: errors next to the fields, what was typed is kept.
    await tabTo(page, '#email');
    expect((await focusOutline(page)).style).not.toBe('none');
    await page.keyboard.type('dana-at-example.org');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.error-summary');
    expect(await page.locator('#email-error').textContent()).toContain('Enter a valid email address');
    expect(await page.locator('#themes-error').textContent()).toContain('Choose at least one theme');
    expect(await page.getAttribute('#email', 'aria-invalid')).toBe('true');
    expect(await page.inputValue('#email')).toBe('dana-at-example.org');
    expect(await lowContrast(page)).toEqual([]);

    await tabTo(page, '#email');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('dana@example.org');
    await tabTo(page, '#theme-integration');
    await page.keyboard.press('Space');
    await tabTo(page, '#theme-return-readmission');
    await page.keyboard.press('Space');
    await tabTo(page, '#weekday');
    await page.keyboard.press('ArrowDown');
    expect(await page.inputValue('#weekday')).toBe('2');
    await tabTo(page, '#subscribe-submit');
    expect((await focusOutline(page)).width).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Check your inbox');
    expect((await status('dana@example.org'))?.status).toBe('pending');

    await page.goto(await confirmLinkFor('dana@example.org', 1));
    expect(await page.locator('h1').textContent()).toBe('Confirm your subscription');
    expect((await status('dana@example.org'))?.status).toBe('pending');
    await tabTo(page, '#confirm-submit');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=You are subscribed');
    expect((await status('dana@example.org'))?.status).toBe('active');

    await tabTo(page, '#next-link');
    await page.keyboard.press('Enter');
    await page.waitForSelector('h1:has-text("Your preferences")');
    expect(await unlabelled(page)).toEqual([]);
    expect(await page.isChecked('#theme-integration')).toBe(true);
    expect(await page.isChecked('#theme-return-readmission')).toBe(true);
    expect(await page.inputValue('#weekday')).toBe('2');
    expect(await lowContrast(page)).toEqual([]);

    await tabTo(page, '#action-pause');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Your digest is paused.');
    expect((await status('dana@example.org'))?.status).toBe('paused');
    await tabTo(page, '#action-resume');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Your digest is active again.');
    expect((await status('dana@example.org'))?.status).toBe('active');

    // Switching the language answers in French from then on.
    await tabTo(page, '#language');
    await page.keyboard.press('ArrowDown');
    expect(await page.inputValue('#language')).toBe('fr');
    await tabTo(page, '#save-preferences');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Vos préférences sont enregistrées.');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect((await status('dana@example.org'))?.language).toBe('fr');
    await context.close();
  });

  it('French: errors in French, confirm, untick every kind (error), unsubscribe from the preference centre', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${h.appUrl}/subscribe`);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.locator('h1').textContent()).toBe("S'abonner à EMN Pulse");
    expect(await unlabelled(page)).toEqual([]);
    expect(await page.locator('fieldset#themes-group > legend').textContent()).toBe('Thèmes');

    await tabTo(page, '#subscribe-submit');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.error-summary');
    expect(await page.locator('#email-error').textContent()).toContain('Saisissez une adresse électronique valide');
    expect(await page.locator('#themes-error').textContent()).toContain('Choisissez au moins un thème');

    await tabTo(page, '#email');
    await page.keyboard.type('emile@example.fr');
    await tabTo(page, '#theme-international-protection');
    await page.keyboard.press('Space');
    await tabTo(page, '#frequency-weekly');
    await page.keyboard.press('ArrowUp');
    expect(await page.isChecked('#frequency-daily')).toBe(true);
    await tabTo(page, '#subscribe-submit');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Consultez votre messagerie');

    const link = await confirmLinkFor('emile@example.fr', 2);
    const mail = h.sink.messages.find((m) => m.envelope.to[0] === 'emile@example.fr');
    expect(mail?.parsed.subject).toBe('Confirmez votre abonnement à EMN Pulse');
    await page.goto(link);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await tabTo(page, '#confirm-submit');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Vous êtes abonné');
    expect((await status('emile@example.fr'))?.status).toBe('active');

    await tabTo(page, '#next-link');
    await page.keyboard.press('Enter');
    await page.waitForSelector('h1:has-text("Vos préférences")');
    for (const type of ['press-release', 'news', 'event', 'publication', 'newsletter']) {
      await tabTo(page, `#type-${type}`);
      await page.keyboard.press('Space');
    }
    await tabTo(page, '#save-preferences');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#types-error');
    expect(await page.locator('#types-error').textContent()).toContain('Choisissez au moins un type de contenu');
    expect(await page.isChecked('#theme-international-protection')).toBe(true);

    await tabTo(page, '#action-unsubscribe');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Vous êtes désabonné : rien n');
    expect((await status('emile@example.fr'))?.status).toBe('unsubscribed');
    expect(await page.locator('#action-resume').count()).toBe(1);
    expect(await lowContrast(page)).toEqual([]);
    await context.close();
  });
});
