// The reader view's exports (its toolbar, reader/reader.js):
// "copy as Markdown" (the core's Markdown, the same as the CLI's `--format markdown`) and
// "save as HTML" (one self-contained file: the reader's CSS, title, byline and the article as
// the reader shows it, already sanitized). Nothing is fetched: the file is built from what the
// reader view holds and handed to the browser as a blob: download.
/** Copies `text`; resolves to true once it is on the clipboard. */
export async function copyText(text, shadow) {
  // The async clipboard exists in secure contexts; elsewhere (plain http pages) the old
  // copy command on a selected textarea of our own shadow root does the same.
  if (navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      /* fall through */
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.cssText = 'position:fixed;opacity:0;top:0;left:0';
  shadow.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  return ok;
}

// The saved page runs nothing and loads nothing but the article's own images.
const SAVED_CSP = "default-src 'none'; img-src http: https: data:; style-src 'unsafe-inline'";

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/**
 * The self-contained HTML file for the reader view in `shadow`: `css` is the reader's
 * stylesheet, `vars` its custom properties (theme and typography) as they are now.
 */
export function buildHtml({ shadow, css, vars, lang, dir }) {
  const title = shadow.querySelector('h1.title')?.textContent ?? document.title;
  const meta = shadow.querySelector('header.meta')?.outerHTML ?? '';
  const article = shadow.querySelector('article')?.outerHTML ?? '';
  const root = Object.entries(vars)
    .map(([k, v]) => `${k}:${v}`)
    .join(';');
  const attrs = [lang ? ` lang="${escapeHtml(lang)}"` : '', dir ? ` dir="${escapeHtml(dir)}"` : ''].join('');
  return `<!doctype html>
<html${attrs}>
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${SAVED_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<meta name="generator" content="Declutter">
<link rel="canonical" href="${escapeHtml(location.href)}">
<style>
:root{${root}}
body{margin:0;background:var(--dr-bg)}
${css.replace(/:host\s*\{[^}]*\}/, '')}
</style>
</head>
<body>
<div class="page">
${meta}
${article}
<p class="info">Saved from <a href="${escapeHtml(location.href)}">${escapeHtml(location.href)}</a></p>
</div>
</body>
</html>
`;
}

/** A file name from the title: letters and digits of any script, dashes between. */
export function fileName(title) {
  const slug = String(title ?? '')
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${slug || 'article'}.html`;
}

/** Offers the file for download (a blob: URL: nothing goes over the network). */
export function saveHtml(html, title, shadow) {
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName(title);
  shadow.append(a);
  a.click();
  a.remove();
  // Give the browser time to start reading the blob before it goes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return a.download;
}
