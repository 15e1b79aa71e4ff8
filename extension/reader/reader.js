// The reader view: the core's article with its header (title, byline, site, reading time) in a
// shadow root, styled by reader.css from the user's settings. The extension opens it over the
// page (`open`: a host element #declutter-reader, with a toolbar, the "Aa" panel, read aloud,
// contents, reading progress, keys and a close button); the playground shows the same view in
// its Reader tab (`mount` into a host of its own, the article alone).
//
// The first frame holds the header, the article's first screenful and the toolbar's buttons;
// everything else is built later: the rest of the article frame by frame (progressive.js), the
// progress bar after the first frame, the contents once the article is in and the browser is
// idle, the panels and the read-aloud bar when first opened (controls.js).

import READER_CSS from './reader.css';
import { buildHtml, copyText, saveHtml } from './export.js';
import { appendLater, firstPart } from './progressive.js';
import { parseInert, filter } from './sanitize.js';
import { applyTheme, followSystemTheme, THEME_VARS } from './theme.js';
import { normalize } from './settings.js';
import { loadLegibleFont } from './fonts.js';
import { contentsPanel, headingsOf, MIN_TOC_HEADINGS, narratorBar, readingProgress, settingsPanel } from './controls.js';
import { OWN_IDS } from '../shared/marks.js';

/** @typedef {import('../shared/messages.js').PageResult} PageResult */
/** @typedef {import('../shared/messages.js').Settings} Settings */

export { READER_CSS };
export const HOST_ID = OWN_IDS.reader;

/** A settings change is saved once the control has been still this long (a slider sends many). */
const SAVE_DELAY_MS = 250;
/** What the page scrolls by for space: a screen, less this much kept in view (px). */
const PAGE_OVERLAP = 48;

/**
 * What the extension gives the view, beyond the result and the settings.
 * @typedef {object} MountOptions
 * @property {boolean} [controls] the toolbar, panels, read aloud, progress, keys and close button
 * @property {() => void} [onClose] the close button was pressed
 * @property {(changes: Record<string, any>) => unknown} [saveSettings] keeps settings changed in the view
 * @property {() => Promise<ArrayBuffer[]>} [fontFaces] the legible font's faces (reader/fonts.js)
 */

/**
 * One view's state (reader.js's, and what controls.js needs of it).
 * @typedef {import('./controls.js').View & {
 *   result: PageResult, options: MountOptions, complete: Promise<void>,
 *   pending: Record<string, any>, timer: number, open: string | null,
 *   ui: Record<string, any>, buttons: Record<string, HTMLButtonElement>, headings?: Element[]
 * }} ViewState
 */

/** @type {WeakMap<HTMLElement, ViewState>} host -> its view */
const views = new WeakMap();
// host -> function taking the article's Markdown (the toolbar's "Copy Markdown").
const markdowns = new WeakMap();

/** Places the overlay host `host` (fixed over the page) and styles its view from `settings`. */
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
  const view = views.get(host);
  if (view) restyle(view, normalize(settings));
  else applyTheme(host, settings);
}

/** Applies `settings` to the view: look, font, and what the open controls show. */
function restyle(view, settings) {
  view.settings = settings;
  applyTheme(view.host, settings);
  if (settings.font === 'legible' && view.options.fontFaces) loadLegibleFont(view.host.ownerDocument, view.options.fontFaces);
  view.ui.aa?.sync(settings);
  view.ui.narrator?.sync(settings);
}

/** A change made in the view: shown at once, saved when the control is still. */
function change(view, changes) {
  restyle(view, normalize({ ...view.settings, ...changes }));
  if (!view.options.saveSettings) return;
  Object.assign(view.pending, changes);
  clearTimeout(view.timer);
  view.timer = setTimeout(() => flush(view), SAVE_DELAY_MS);
}

function flush(view) {
  clearTimeout(view.timer);
  const changes = view.pending;
  view.pending = {};
  if (Object.keys(changes).length) Promise.resolve(view.options.saveSettings(changes)).catch(() => {});
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

/** Runs `fn` after the next frame is drawn. */
const afterPaint = (fn) => requestAnimationFrame(() => setTimeout(fn, 0));
/** Runs `fn` when the browser is idle (soon in any case). */
const whenIdle = (fn) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: 500 }) : setTimeout(fn, 50));

/**
 * The toolbar: copy as Markdown, save as HTML, print (hidden in print), then the "Aa" panel,
 * read aloud and the contents (shown once the article has enough headings).
 * @param {ViewState} view
 */
function toolbar(view) {
  const { host, shadow, result } = view;
  const doc = host.ownerDocument;
  const bar = doc.createElement('div');
  bar.className = 'toolbar ui';
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', 'Reader view');
  const status = text(doc, 'span', 'status', '');
  status.setAttribute('role', 'status');
  const button = (action, label, run, title = '') => {
    const b = text(doc, 'button', '', label);
    b.type = 'button';
    b.dataset.action = action;
    if (title) b.title = title;
    b.addEventListener('click', run);
    bar.append(b);
    return b;
  };
  // An export's outcome goes in the status line.
  const exporting = (action, label, run) =>
    button(action, label, () =>
      Promise.resolve()
        .then(run)
        .then((msg) => (status.textContent = msg))
        .catch((e) => (status.textContent = `Failed: ${e?.message ?? e}`)),
    );
  // The Markdown comes after the view (setMarkdown); a click before it waits for it.
  let give;
  const markdown = new Promise((ok) => (give = ok));
  // A capped article's Markdown holds what the view shows (and ends with the core's note).
  const held = Number.isFinite(result.shown_words)
    ? ` (the first ${result.shown_words.toLocaleString()} of ${Number(result.words).toLocaleString()} words)`
    : '';
  const md = exporting('copy-markdown', 'Copy Markdown', async () =>
    (await copyText(await markdown, shadow)) ? `Markdown copied${held}.` : 'Copying was refused.',
  );
  markdowns.set(host, (value) => {
    md.disabled = typeof value !== 'string' || value === '';
    give(value);
  });
  // Both wait for a long article's last blocks (progressive rendering).
  exporting('save-html', 'Save HTML', async () => {
    await settled(host);
    const vars = Object.fromEntries(THEME_VARS.map((k) => [k, host.style.getPropertyValue(k)]));
    const html = buildHtml({ shadow, css: READER_CSS, vars, lang: result.lang, dir: result.dir });
    return `Saved ${saveHtml(html, result.title || doc.title, shadow)}${held}.`;
  });
  exporting('print', 'Print', async () => {
    await settled(host);
    doc.defaultView.print();
    return '';
  });
  const aa = button('settings', 'Aa', () => togglePanel(view, 'aa'), 'Text and colours');
  aa.setAttribute('aria-expanded', 'false');
  aa.setAttribute('aria-controls', 'aa-panel');
  const aloud = button('read-aloud', 'Read aloud', () => toggleNarrator(view), 'Read aloud (N)');
  aloud.setAttribute('aria-pressed', 'false');
  const toc = button('contents', 'Contents', () => togglePanel(view, 'toc'), 'Contents (T)');
  toc.setAttribute('aria-expanded', 'false');
  toc.setAttribute('aria-controls', 'toc-panel');
  toc.hidden = true;
  view.buttons = { aa, aloud, toc };
  bar.append(status);
  return bar;
}

/** Opens the panel `name` ('aa' or 'toc'), building it the first time, or closes it. */
function togglePanel(view, name, { focus = false } = {}) {
  const open = view.open === name;
  closePanel(view);
  if (open) return;
  let ui = view.ui[name];
  if (!ui) {
    if (name === 'aa') ui = settingsPanel(view);
    else ui = contentsPanel(view, view.headings, () => closePanel(view));
    view.ui[name] = ui;
    view.page.append(ui.panel);
  }
  ui.panel.hidden = false;
  ui.track?.();
  view.buttons[name].setAttribute('aria-expanded', 'true');
  view.open = name;
  if (focus) (ui.first?.() ?? ui.panel.querySelector('select, input, a'))?.focus();
}

/** Closes the open panel; true if one was open. */
function closePanel(view) {
  const name = view.open;
  if (!name) return false;
  view.ui[name].panel.hidden = true;
  view.buttons[name].setAttribute('aria-expanded', 'false');
  view.open = null;
  return true;
}

/** Shows the read-aloud bar and starts reading, or stops and hides it. */
function toggleNarrator(view) {
  const on = view.buttons.aloud.getAttribute('aria-pressed') === 'true';
  if (on) {
    view.ui.narrator.narrator.stop();
    view.ui.narrator.bar.hidden = true;
    view.buttons.aloud.setAttribute('aria-pressed', 'false');
    return;
  }
  if (!view.ui.narrator) {
    view.ui.narrator = narratorBar(view, () => toggleNarrator(view));
    view.page.append(view.ui.narrator.bar);
  }
  view.ui.narrator.bar.hidden = false;
  view.buttons.aloud.setAttribute('aria-pressed', 'true');
  view.ui.narrator.narrator.play();
}

/** The view's keys: space and shift-space page, T the contents, N read aloud (Esc: the caller). */
function onKey(view, e) {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
  const target = /** @type {HTMLElement} */ (e.composedPath()[0]);
  const field = target?.closest?.('input, select, textarea, button, [contenteditable=""], [contenteditable="true"]');
  if (e.key === ' ' && !field) {
    const host = view.host;
    host.scrollBy({ top: (e.shiftKey ? -1 : 1) * Math.max(host.clientHeight - PAGE_OVERLAP, PAGE_OVERLAP) });
  } else if ((e.key === 't' || e.key === 'T') && !field?.matches('input, select, textarea') && !view.buttons.toc.hidden) {
    togglePanel(view, 'toc', { focus: true });
  } else if ((e.key === 'n' || e.key === 'N') && !field?.matches('input, select, textarea')) {
    if (view.buttons.aloud.getAttribute('aria-pressed') === 'true') view.ui.narrator.narrator.toggle();
    else toggleNarrator(view);
  } else return;
  e.preventDefault();
  e.stopPropagation();
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

/** The controls built after the first frame: reading progress, then (article in) the contents. */
function laterControls(view) {
  afterPaint(() => {
    if (!view.host.isConnected || views.get(view.host) !== view) return;
    const progress = readingProgress(view, view.host, () => view.ui.toc?.track());
    view.ui.progress = progress;
    view.page.append(progress.bar, progress.left);
    view.complete.then(() =>
      whenIdle(() => {
        if (views.get(view.host) !== view) return;
        progress.update();
        view.headings = headingsOf(view.article);
        view.buttons.toc.hidden = view.headings.length < MIN_TOC_HEADINGS;
      }),
    );
  });
}

/**
 * Shows the reader view of `result` in an open shadow root of `host` (which the caller places
 * and sizes). With `controls`, the toolbar, panels, read aloud, progress, keys and the close
 * button (the page overlay has them).
 * @param {HTMLElement} host
 * @param {PageResult} result
 * @param {Settings} settings
 * @param {MountOptions} [options]
 */
export function mount(host, result, settings, options = {}) {
  const doc = host.ownerDocument;
  const old = views.get(host);
  if (old) unmount(host);
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  shadow.replaceChildren();
  addStyles(shadow);
  const page = doc.createElement('div');
  page.className = 'page';
  const article = doc.createElement('article');
  const meta = header(doc, result);
  /** @type {ViewState} */
  const view = {
    host,
    shadow,
    page,
    article,
    title: meta.querySelector('h1'),
    result,
    lang: result.lang ?? doc.documentElement.lang ?? null,
    minutes: Number(result.reading_minutes) || 0,
    settings: normalize(settings),
    change: (c) => change(view, c),
    options,
    complete: null,
    pending: {},
    timer: 0,
    open: null,
    ui: {},
    buttons: {},
  };
  views.set(host, view);
  restyle(view, view.settings);
  followSystemTheme(host, () => views.get(host)?.settings);
  if (options.controls) {
    const close = text(doc, 'button', 'close', '\u00d7');
    close.type = 'button';
    close.title = 'Close reader view (Esc)';
    close.setAttribute('aria-label', 'Close reader view');
    close.addEventListener('click', () => options.onClose?.());
    page.append(toolbar(view), close);
    host.addEventListener('keydown', (e) => views.get(host) === view && onKey(view, e));
    // A click outside the open panel closes it.
    shadow.addEventListener('pointerdown', (e) => {
      const path = e.composedPath();
      const panel = view.open && view.ui[view.open].panel;
      if (panel && !path.includes(panel) && !path.includes(view.buttons[view.open])) closePanel(view);
    });
  }
  page.append(meta, article);
  shadow.append(page);
  view.complete = fillArticle(host, article, result);
  if (options.controls) laterControls(view);
  return host;
}

/** Ends the view on `host`: reading aloud stops, a pending settings change is saved. */
export function unmount(host) {
  const view = views.get(host);
  if (!view) return;
  views.delete(host);
  flush(view);
  view.ui.narrator?.narrator.stop();
  view.ui.narrator?.unwatch();
}

/**
 * Esc in the view: closes the open panel (true), else leaves it to the caller to close the
 * view (false).
 */
export function dismiss(host) {
  const view = views.get(host);
  return view ? closePanel(view) : false;
}

/**
 * Opens the reader view over the page: a host element at the end of <html>, focused, which
 * the page's own styles cannot reach. `onClose`: the close button was pressed.
 * @param {PageResult} result
 * @param {Settings} settings
 * @param {() => void} onClose
 * @param {Omit<MountOptions, 'controls' | 'onClose'>} [options]
 */
export function open(result, settings, onClose, options = {}) {
  const host = document.createElement('div');
  host.id = HOST_ID;
  style(host, settings);
  host.tabIndex = -1;
  host.setAttribute('role', 'dialog');
  host.setAttribute('aria-modal', 'true');
  host.setAttribute('aria-label', 'Reader view');
  mount(host, result, settings, { ...options, controls: true, onClose });
  document.documentElement.append(host);
  host.focus({ preventScroll: true });
  return host;
}

/** Hands the reader view on `host` its Markdown (after the view is shown). */
export const setMarkdown = (host, value) => markdowns.get(host)?.(value);

/** Resolves once the reader on `host` shows the whole article (or was closed). */
export const settled = (host) => views.get(host)?.complete ?? Promise.resolve();
