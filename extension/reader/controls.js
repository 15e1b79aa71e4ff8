// The reader view's controls beyond its toolbar, each built the first time it is needed (the
// view's first frame has only the article and the toolbar's buttons): the "Aa" panel (the
// reader's settings, from the one definition in reader/settings.js), the contents panel (the
// article's headings), the read-aloud bar (reader/narrate.js) and the reading progress (a bar
// along the top and the minutes left).

import { canSpeak, Narrator, voicesFor, watchVoices } from './narrate.js';
import { controlFor, fromControl, READER_FIELDS, showValue } from './settings.js';

/**
 * What the controls need of the view (reader/reader.js makes it).
 * @typedef {object} View
 * @property {HTMLElement} host
 * @property {ShadowRoot} shadow
 * @property {HTMLElement} page
 * @property {HTMLElement} article
 * @property {HTMLElement} title the view's <h1>
 * @property {Record<string, any>} settings
 * @property {(changes: Record<string, any>) => void} change applies and saves settings
 * @property {string | null} lang
 * @property {number} minutes the article's reading time
 */

const GROUPS = [
  ['type', 'Text'],
  ['layout', 'Layout'],
  ['colour', 'Colours'],
  ['content', 'Show'],
];
/** At least this many headings make a table of contents. */
export const MIN_TOC_HEADINGS = 3;
/** A heading this close to the view's top (px) is the section being read. */
const CURRENT_TOP = 90;

/** An element of `doc` with a class and text. */
function el(doc, tag, cls, text = '') {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  return e;
}

/** A button with a label and a tooltip (`title`) that says its key, if any. */
export function button(doc, action, label, title, run) {
  const b = el(doc, 'button', '', label);
  b.type = 'button';
  b.dataset.action = action;
  if (title) {
    b.title = title;
    b.setAttribute('aria-label', title.replace(/ \(.*\)$/, ''));
  }
  b.addEventListener('click', run);
  return b;
}

/**
 * The "Aa" panel: every reader setting but the voice's, grouped, applied as it changes.
 * Returns the panel and `sync(settings)`, which shows settings changed elsewhere.
 * @param {View} view
 */
export function settingsPanel(view) {
  const doc = view.host.ownerDocument;
  const panel = el(doc, 'section', 'panel ui aa');
  panel.id = 'aa-panel';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', 'Text and colours');
  panel.append(el(doc, 'h2', '', 'Text and colours'));
  const labels = new Map();
  for (const [group, legend] of GROUPS) {
    const set = el(doc, 'fieldset', '');
    set.append(el(doc, 'legend', '', legend));
    for (const field of READER_FIELDS.filter((f) => f.group === group)) {
      const label = controlFor(doc, field, view.settings[field.key]);
      const control = /** @type {HTMLInputElement} */ (label.querySelector(`[name="${field.key}"]`));
      control.addEventListener('input', () => view.change({ [field.key]: fromControl(field, control) }));
      control.addEventListener('change', () => view.change({ [field.key]: fromControl(field, control) }));
      labels.set(field, label);
      set.append(label);
    }
    panel.append(set);
  }
  const sync = (s) => {
    const focused = view.shadow.activeElement;
    for (const [field, label] of labels) {
      // The control being used keeps what the user is doing (the saved value may lag behind it).
      if (!label.contains(focused)) showValue(label, field, s[field.key]);
      if (field.shows) label.hidden = s.theme !== field.shows;
    }
  };
  sync(view.settings);
  return { panel, sync };
}

/** The article's headings for its table of contents (titles of their sections). */
export function headingsOf(article) {
  return [...article.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter((h) => h.textContent.trim());
}

/**
 * The contents panel: one link per heading; following one scrolls to the heading and gives it
 * the focus. Returns the panel and `track()`, which marks the section at the top of the view.
 * @param {View} view
 * @param {Element[]} headings
 * @param {() => void} done called after a jump (the panel closes)
 */
export function contentsPanel(view, headings, done) {
  const doc = view.host.ownerDocument;
  const panel = el(doc, 'nav', 'panel ui toc');
  panel.id = 'toc-panel';
  panel.setAttribute('aria-label', 'Contents');
  panel.append(el(doc, 'h2', '', 'Contents'));
  const list = el(doc, 'ol', '');
  const top = Math.min(...headings.map((h) => Number(h.localName[1])));
  const links = headings.map((h, i) => {
    const item = el(doc, 'li', '');
    // Levels below the article's highest, indented (a page using h3 and h4 gets two levels).
    item.dataset.level = String(Math.min(6, 2 + Number(h.localName[1]) - top));
    const a = el(doc, 'a', '', h.textContent.trim().replace(/\s+/g, ' '));
    a.href = `#section-${i + 1}`;
    a.addEventListener('click', (e) => {
      e.preventDefault();
      const target = /** @type {HTMLElement} */ (h);
      target.tabIndex = -1;
      target.scrollIntoView({ block: 'start' });
      target.focus({ preventScroll: true });
      done();
    });
    item.append(a);
    list.append(item);
    return a;
  });
  panel.append(list);
  let current = -1;
  const track = () => {
    let k = -1;
    for (let i = 0; i < headings.length && headings[i].getBoundingClientRect().top <= CURRENT_TOP; i++) k = i;
    if (k === current) return;
    if (current >= 0) links[current].removeAttribute('aria-current');
    if (k >= 0) links[k].setAttribute('aria-current', 'true');
    current = k;
  };
  return { panel, track, first: () => links[Math.max(current, 0)] };
}

/**
 * The reading progress: a bar along the top of the view and the minutes left, updated as the
 * view scrolls (once per frame at most). `scroller` is what scrolls (the view's host).
 * @param {View} view
 * @param {HTMLElement} scroller
 * @param {() => void} [onScroll] also run once per frame of scrolling
 */
export function readingProgress(view, scroller, onScroll = () => {}) {
  const doc = view.host.ownerDocument;
  const bar = el(doc, 'div', 'progress');
  bar.setAttribute('role', 'progressbar');
  bar.setAttribute('aria-label', 'Reading progress');
  bar.setAttribute('aria-valuemin', '0');
  bar.setAttribute('aria-valuemax', '100');
  const left = el(doc, 'div', 'left');
  left.setAttribute('aria-live', 'off');
  let queued = false;
  const update = () => {
    queued = false;
    const room = scroller.scrollHeight - scroller.clientHeight;
    const done = room > 0 ? Math.min(1, Math.max(0, scroller.scrollTop / room)) : 1;
    bar.style.transform = `scaleX(${done})`;
    bar.setAttribute('aria-valuenow', String(Math.round(done * 100)));
    const minutes = Math.ceil(view.minutes * (1 - done));
    left.textContent = done >= 0.995 ? 'Finished' : `${Math.max(1, minutes)} min left`;
    left.dataset.minutes = String(done >= 0.995 ? 0 : Math.max(1, minutes));
    onScroll();
  };
  scroller.addEventListener(
    'scroll',
    () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(update);
    },
    { passive: true },
  );
  update();
  return { bar, left, update };
}

/**
 * The read-aloud bar: previous paragraph, play/pause, next paragraph, speed, voice, close.
 * Its state is on its data attributes (`state`, `block`, `spoken`) for assistive reading and tests.
 * @param {View} view
 * @param {() => void} onClose
 */
export function narratorBar(view, onClose) {
  const doc = view.host.ownerDocument;
  const bar = el(doc, 'div', 'narrator ui');
  bar.setAttribute('role', 'region');
  bar.setAttribute('aria-label', 'Read aloud');
  const status = el(doc, 'span', 'note');
  status.setAttribute('role', 'status');
  const narrator = new Narrator([view.title, view.article], {
    lang: view.lang,
    rate: view.settings.rate,
    voice: view.settings.voice,
    onStatus: (s) => {
      bar.dataset.state = s.state;
      bar.dataset.block = String(s.block);
      bar.dataset.spoken = String(s.spoken);
      play.textContent = s.state === 'playing' ? 'Pause' : 'Play';
      play.setAttribute('aria-pressed', String(s.state === 'playing'));
      play.title = s.state === 'playing' ? 'Pause (N)' : 'Read aloud (N)';
      status.textContent = s.error ?? (s.state === 'ended' ? 'Finished.' : `Paragraph ${s.block + 1} of ${s.blocks}`);
    },
  });
  const prev = button(doc, 'narrate-prev', '\u2039 Previous', 'Previous paragraph', () => narrator.prev());
  const play = button(doc, 'narrate-play', 'Play', 'Read aloud (N)', () => narrator.toggle());
  const next = button(doc, 'narrate-next', 'Next \u203a', 'Next paragraph', () => narrator.next());
  const rateField = READER_FIELDS.find((f) => f.key === 'rate');
  const rate = controlFor(doc, rateField, view.settings.rate);
  const rateInput = /** @type {HTMLInputElement} */ (rate.querySelector('input'));
  rateInput.addEventListener('change', () => {
    narrator.setRate(Number(rateInput.value));
    view.change({ rate: Number(rateInput.value) });
  });
  rateInput.addEventListener('input', () => (rate.querySelector('output').textContent = rateInput.value));
  const voiceLabel = el(doc, 'label', '');
  const voice = el(doc, 'select', '');
  voice.setAttribute('aria-label', 'Voice');
  voiceLabel.append(voice);
  voice.addEventListener('change', () => {
    narrator.setVoice(voice.value);
    view.change({ voice: voice.value });
  });
  const close = button(doc, 'narrate-close', '\u00d7', 'Stop reading aloud', onClose);
  bar.append(prev, play, next, rate, voiceLabel, status, close);
  // The system's voices for the article's language; the default voice when there are none listed.
  const listVoices = () => {
    const voices = voicesFor(view.lang);
    voice.replaceChildren(new Option('Default voice', ''), ...voices.map((v) => new Option(`${v.name} (${v.lang})`, v.voiceURI)));
    voice.value = voices.some((v) => v.voiceURI === view.settings.voice) ? view.settings.voice : '';
    voiceLabel.hidden = voices.length === 0;
    bar.dataset.voices = String(voices.length);
  };
  listVoices();
  const unwatch = watchVoices(listVoices);
  if (!canSpeak()) {
    for (const b of [prev, play, next]) b.disabled = true;
    status.textContent = 'This browser cannot read aloud.';
  }
  narrator.emit();
  const sync = (s) => {
    if (view.shadow.activeElement !== rateInput) showValue(rate, rateField, s.rate);
    if (s.rate !== narrator.rate) narrator.setRate(s.rate);
    if (s.voice !== narrator.voiceUri && [...voice.options].some((o) => o.value === s.voice)) {
      voice.value = s.voice;
      narrator.setVoice(s.voice);
    }
  };
  return { bar, narrator, sync, play, unwatch };
}
