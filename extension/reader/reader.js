// The reader view: the core's article with its header (title, byline, site, reading time) in a
// shadow root, styled by reader.css from the user's settings. The extension opens it over the
// page (`open`: a host element #declutter-reader, with a toolbar and a close button); the
// playground shows the same view in its Reader tab (`mount` into a host of its own).

import READER_CSS from './reader.css';
import { buildHtml, copyText, saveHtml } from './export.js';
import { appendLater, firstPart } from './progressive.js';
import { parseInert, filter } from './sanitize.js';
import { applyTheme, followSystemTheme, THEME_VARS } from './theme.js';
import { OWN_IDS } from '../shared/marks.js';

/** @typedef {import('../shared/messages.js').PageResult} PageResult */
/** @typedef {import('../shared/messages.js').Settings} Settings */

export { READER_CSS };
export const HOST_ID = OWN_IDS.reader;

// host -> the settings its view was last styled with (for "auto" following the system).
const applied = new WeakMap();
// host -> promise resolved once the whole article is in (or the view was closed).
const complete = new WeakMap();
// host -> function taking the article's Markdown (the toolbar's "Copy Markdown").
const markdowns = new WeakMap();

/** Styles the overlay host `host` (fixed over the page) and its view from `settings`. */
export function style(host, settings) {
  // Set through the CSSOM: allowed under any page CSP, and beats page rules on the host.
  const set = (k, v) => host.style.setProperty(k, v, 'important');
  set('position', 'fixed');
  set('inset', '0');
  set('z-index', '2147483647');
  set('overflow', 'auto');
  set('overscroll-behavior', 'contain');
  set('display', 'block');
  set('margin', '0');
  set('background', 'var(--dr-bg)');
  applied.set(host, applyTheme(host, settings));
}

function addStyles(shadow) {
  // A constructed sheet is not subject to the page's style-src; fall back to <style>.
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(READER_CSS);
    shadow.adoptedStyleSheets = [sheet];
    return;
  } catch {
    /* fall through */
  }
  const el = shadow.ownerDocument.createElement('style');
  el.textContent = READER_CSS;
  shadow.append(el);
}

/** An element of `doc` with a class and text. */
function text(doc, tag, cls, value) {
  const el = doc.createElement(tag);
  if (cls) el.className = cls;
  el.textContent = value;
  return el;
}

/** What a reader view showing only an article's first words says about it. */
const longNote = (shown, words) =>
  `This article is long: the first ${shown.toLocaleString()} of its ${Number(words).toLocaleString()} words are shown here; the rest is on the page.`;

/** Copy as Markdown, save as HTML, print: buttons above the article (hidden in print). */
function toolbar(host, shadow, result) {
  const doc = host.ownerDocument;
  const bar = doc.createElement('div');
  bar.className = 'toolbar';
  bar.setAttribute('role', 'toolbar');
  const status = text(doc, 'span', 'status', '');
  status.setAttribute('role', 'status');
  const button = (action, label, run) => {
    const b = text(doc, 'button', '', label);
    b.dataset.action = action;
    b.addEventListener('click', () =>
      Promise.resolve()
        .then(run)
        .then((msg) => (status.textContent = msg))
        .catch((e) => (status.textContent = `Failed: ${e?.message ?? e}`)),
    );
    bar.append(b);
    return b;
  };
  // The Markdown comes after the view (setMarkdown); a click before it waits for it.
  let give;
  const markdown = new Promise((ok) => (give = ok));
  // A capped article's Markdown holds what the view shows (and ends with the core's note).
  const held = Number.isFinite(result.shown_words)
    ? ` (the first ${result.shown_words.toLocaleString()} of ${Number(result.words).toLocaleString()} words)`
    : '';
  const md = button('copy-markdown', 'Copy Markdown', async () =>
    (await copyText(await markdown, shadow)) ? `Markdown copied${held}.` : 'Copying was refused.',
  );
  markdowns.set(host, (value) => {
    md.disabled = typeof value !== 'string' || value === '';
    give(value);
  });
  // Both wait for a long article's last blocks (progressive rendering).
  button('save-html', 'Save HTML', async () => {
    await settled(host);
    const vars = Object.fromEntries(THEME_VARS.map((k) => [k, host.style.getPropertyValue(k)]));
    const html = buildHtml({ shadow, css: READER_CSS, vars, lang: result.lang, dir: result.dir });
    return `Saved ${saveHtml(html, result.title || doc.title, shadow)}${held}.`;
  });
  button('print', 'Print', async () => {
    await settled(host);
    doc.defaultView.print();
    return '';
  });
  bar.append(status);
  return bar;
}

/** The view's header: title, byline, site and reading time, and the long-article note. */
function header(doc, result) {
  const meta = doc.createElement('header');
  meta.className = 'meta';
  meta.append(text(doc, 'h1', 'title', result.title || doc.title || 'Untitled'));
  if (result.byline) meta.append(text(doc, 'p', 'byline', result.byline));
  // Each part isolated (<bdi>), so "2 min read" keeps its order on a right-to-left page.
  const info = [result.site_name, result.reading_minutes ? `${result.reading_minutes} min read` : null].filter(Boolean);
  if (info.length) {
    const line = text(doc, 'p', 'info', '');
    info.forEach((part, i) => line.append(...(i ? [' \u00b7 '] : []), text(doc, 'bdi', '', part)));
    meta.append(line);
  }
  // A capped article (the core's max_words, set by the background) says so at the top, where
  // it is seen before anyone scrolls; the saved HTML keeps the header and so the note.
  if (Number.isFinite(result.shown_words)) meta.append(text(doc, 'p', 'info long', longNote(result.shown_words, result.words)));
  return meta;
}

/**
 * Fills `article` with the filtered article: the first screenful now, the rest frame by frame
 * (the returned promise resolves when all is in).
 */
function fillArticle(host, article, result) {
  const doc = article.ownerDocument;
  if (result.lang) article.lang = result.lang;
  if (result.dir) article.dir = result.dir;
  const { frag: body, rest } = firstPart(parseInert(result.html ?? ''), doc);
  const guess = body.textContent.trim() !== '' || rest?.blocks.some((b) => filter(b)?.textContent.trim());
  // No article (a homepage, search results, a web app): said first; the core's best guess follows.
  if (result.is_article === false) {
    article.append(text(doc, 'p', 'empty', `Declutter found no article on this page${guess ? '; below is a best guess' : ''}.`));
  }
  if (!guess) {
    if (result.is_article !== false) article.append(text(doc, 'p', 'empty', 'Declutter found no article text on this page.'));
    return Promise.resolve();
  }
  article.append(body);
  return rest ? appendLater(host, article, rest) : Promise.resolve();
}

/**
 * Shows the reader view of `result` in an open shadow root of `host` (which the caller places
 * and sizes). `controls`: the toolbar and the close button (the page overlay has them).
 * @param {HTMLElement} host
 * @param {PageResult} result
 * @param {Settings} settings
 * @param {{controls?: boolean, onClose?: () => void}} [options]
 */
export function mount(host, result, settings, { controls = false, onClose = () => {} } = {}) {
  const doc = host.ownerDocument;
  applied.set(host, applyTheme(host, settings));
  followSystemTheme(host, () => applied.get(host));
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  shadow.replaceChildren();
  addStyles(shadow);
  const page = doc.createElement('div');
  page.className = 'page';
  if (controls) {
    const close = text(doc, 'button', 'close', '\u00d7');
    close.title = 'Close reader view (Esc)';
    close.addEventListener('click', onClose);
    page.append(toolbar(host, shadow, result), close);
  }
  const article = doc.createElement('article');
  page.append(header(doc, result), article);
  shadow.append(page);
  complete.set(host, fillArticle(host, article, result));
  return host;
}

/**
 * Opens the reader view over the page: a host element at the end of <html>, focused, which
 * the page's own styles cannot reach. `onClose`: the close button was pressed.
 * @param {PageResult} result
 * @param {Settings} settings
 * @param {() => void} onClose
 */
export function open(result, settings, onClose) {
  const host = document.createElement('div');
  host.id = HOST_ID;
  style(host, settings);
  host.tabIndex = -1;
  host.setAttribute('role', 'dialog');
  host.setAttribute('aria-modal', 'true');
  host.setAttribute('aria-label', 'Reader view');
  mount(host, result, settings, { controls: true, onClose });
  document.documentElement.append(host);
  host.focus({ preventScroll: true });
  return host;
}

/** Hands the reader view on `host` its Markdown (after the view is shown). */
export const setMarkdown = (host, value) => markdowns.get(host)?.(value);

/** Resolves once the reader on `host` shows the whole article (or was closed). */
export const settled = (host) => complete.get(host) ?? Promise.resolve();
