import type { Language } from '@pulse/mail';
import { PAGE_STRINGS } from './page-strings';

/** Every piece of text that reaches a page goes through here (element content and attributes). */
export const esc = (value: unknown): string =>
  String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/**
 * Colours checked for WCAG AA (≥ 4.5:1 on their background): text #1a1a1a, hints #4b5563,
 * links and buttons #1d4ed8, errors #b91c1c, header #003399, all against white.
 */
const CSS = `
*{box-sizing:border-box}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;background:#fff}
header{background:#003399;color:#fff;padding:.75rem 1rem}
header .inner{max-width:44rem;margin:0 auto;display:flex;justify-content:space-between;align-items:center;gap:1rem}
header .brand{font-weight:700;font-size:1.15rem;color:#fff;text-decoration:none}
header a{color:#fff}
main{max-width:44rem;margin:0 auto;padding:1rem 1rem 3rem}
h1{font-size:1.6rem;line-height:1.25;margin:1rem 0}
h2{font-size:1.2rem;margin:2rem 0 .5rem}
a{color:#1d4ed8}
p{margin:.5rem 0}
fieldset{border:1px solid #6b7280;border-radius:4px;margin:0 0 1.25rem;padding:.5rem 1rem 1rem}
legend{font-weight:700;padding:0 .25rem}
.field{margin:0 0 1.25rem}
.field>label{display:block;font-weight:700;margin:0 0 .25rem}
.choice{display:flex;gap:.5rem;align-items:flex-start;margin:.4rem 0}
.choice label{font-weight:400}
input[type=email],select{font:inherit;color:#1a1a1a;background:#fff;padding:.5rem;border:1px solid #6b7280;border-radius:4px;width:100%;max-width:26rem}
input[type=checkbox],input[type=radio]{width:1.2rem;height:1.2rem;margin:.15rem 0 0;flex:none;accent-color:#1d4ed8}
.hint{color:#4b5563;margin:0 0 .35rem}
.error{color:#b91c1c;font-weight:700;margin:.25rem 0 .35rem}
[aria-invalid=true]{border:2px solid #b91c1c}
fieldset.invalid{border:2px solid #b91c1c}
.error-summary{border:3px solid #b91c1c;border-radius:4px;padding:.5rem 1rem;margin:1rem 0}
.error-summary h2{margin:.25rem 0;color:#b91c1c}
.notice{border-left:5px solid #1d4ed8;background:#eef2ff;padding:.5rem 1rem;margin:1rem 0}
button{font:inherit;font-weight:700;padding:.6rem 1.2rem;border-radius:4px;border:2px solid #1d4ed8;background:#1d4ed8;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1d4ed8}
button.danger{background:#b91c1c;border-color:#b91c1c;color:#fff}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin:1rem 0}
.inline{display:inline}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid #1a1a1a;outline-offset:3px;box-shadow:0 0 0 3px #fff}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;

export interface PageOptions {
  lang: Language;
  title: string;
  body: string;
  /** Language links on pages that are not about one subscriber (the form, errors). */
  languageSwitch?: { path: string };
}

function languageSwitch(lang: Language, path: string): string {
  const other: Language = lang === 'en' ? 'fr' : 'en';
  const label = PAGE_STRINGS[other].languageName;
  const sep = path.includes('?') ? '&' : '?';
  return `<a href="${esc(`${path}${sep}lang=${other}`)}" hreflang="${other}" lang="${other}">${esc(label)}</a>`;
}

export function renderPage(o: PageOptions): string {
  const t = PAGE_STRINGS[o.lang];
  return `<!DOCTYPE html>
<html lang="${o.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(o.title)} · EMN Pulse</title>
<style>${CSS}</style>
</head>
<body>
<header><div class="inner"><a class="brand" href="/subscribe?lang=${o.lang}">EMN Pulse</a>${o.languageSwitch ? `<nav aria-label="${esc(t.languageNav)}">${languageSwitch(o.lang, o.languageSwitch.path)}</nav>` : ''}</div></header>
<main id="main">
<h1>${esc(o.title)}</h1>
${o.body}
</main>
</body>
</html>
`;
}
