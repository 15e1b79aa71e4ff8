// The reader view's settings, defined once: each field's kind, range or choices, default and
// label. The options page builds its "Reader view" form from this list, the view's "Aa" panel
// its controls, the background (background/settings.js) its defaults and the check of what
// storage holds; reader/theme.js turns the values into the view's look.

/**
 * One setting. `choice`: one of `choices` ([value, label]); `range`: a number from `min` to
 * `max` in steps of `step` (shown with `unit`); `flag`: on or off; `colour`: `#rrggbb`;
 * `text`: any short string. `group` places it in the panel (and the options page).
 * @typedef {object} Field
 * @property {string} key
 * @property {string} label
 * @property {'choice' | 'range' | 'flag' | 'colour' | 'text'} kind
 * @property {string | number | boolean} value the default
 * @property {'type' | 'layout' | 'colour' | 'content' | 'voice'} [group]
 * @property {[string, string][]} [choices]
 * @property {number} [min] @property {number} [max] @property {number} [step] @property {string} [unit]
 * @property {string} [shows] for a colour: the theme value under which it applies
 */

/** @type {readonly Field[]} */
export const READER_FIELDS = Object.freeze([
  {
    key: 'font',
    label: 'Font',
    kind: 'choice',
    value: 'serif',
    group: 'type',
    choices: [
      ['serif', 'Serif'],
      ['sans', 'Sans-serif'],
      ['mono', 'Monospace'],
      // Atkinson Hyperlegible (Braille Institute, SIL Open Font License), shipped in the extension.
      ['legible', 'Atkinson Hyperlegible'],
    ],
  },
  { key: 'size', label: 'Text size', kind: 'range', value: 19, group: 'type', min: 12, max: 40, step: 1, unit: 'px' },
  { key: 'lineHeight', label: 'Line height', kind: 'range', value: 1.6, group: 'type', min: 1, max: 2.5, step: 0.1 },
  { key: 'letterSpacing', label: 'Letter spacing', kind: 'range', value: 0, group: 'type', min: 0, max: 0.2, step: 0.01, unit: 'em' },
  { key: 'wordSpacing', label: 'Word spacing', kind: 'range', value: 0, group: 'type', min: 0, max: 0.6, step: 0.05, unit: 'em' },
  { key: 'width', label: 'Column width', kind: 'range', value: 36, group: 'layout', min: 20, max: 80, step: 1, unit: 'em' },
  {
    key: 'align',
    label: 'Alignment',
    kind: 'choice',
    value: 'start',
    group: 'layout',
    choices: [
      ['start', 'Ragged'],
      ['justify', 'Justified'],
    ],
  },
  {
    key: 'theme',
    label: 'Theme',
    kind: 'choice',
    value: 'auto',
    group: 'colour',
    choices: [
      ['auto', 'Follow the system'],
      ['light', 'Light'],
      ['dark', 'Dark'],
      ['sepia', 'Sepia'],
      ['custom', 'Custom colours'],
    ],
  },
  { key: 'textColor', label: 'Text colour', kind: 'colour', value: '#1d1d1f', group: 'colour', shows: 'custom' },
  { key: 'bgColor', label: 'Background colour', kind: 'colour', value: '#fdfdfc', group: 'colour', shows: 'custom' },
  { key: 'linkColor', label: 'Link colour', kind: 'colour', value: '#1a5bb5', group: 'colour', shows: 'custom' },
  { key: 'images', label: 'Images', kind: 'flag', value: true, group: 'content' },
  { key: 'links', label: 'Links', kind: 'flag', value: true, group: 'content' },
  { key: 'rate', label: 'Speed', kind: 'range', value: 1, group: 'voice', min: 0.5, max: 3, step: 0.1, unit: '\u00d7' },
  // The voice's voiceURI; empty: the browser's default voice for the article's language.
  { key: 'voice', label: 'Voice', kind: 'text', value: '', group: 'voice' },
]);

/** Longest stored `text` value (a voiceURI). */
const MAX_TEXT = 300;
const COLOUR = /^#[0-9a-f]{6}$/;

/** The defaults of `fields`, by key. */
export function defaultsOf(fields) {
  return Object.freeze(Object.fromEntries(fields.map((f) => [f.key, f.value])));
}

/** The reader's defaults. */
export const READER_DEFAULTS = defaultsOf(READER_FIELDS);

/**
 * `raw`'s value for each of `fields` when it is one the field allows, else the default
 * (a range's value is clamped into it). Anything else in `raw` is left out.
 * @param {unknown} raw
 * @param {readonly Field[]} [fields]
 * @returns {Record<string, any>}
 */
export function normalize(raw, fields = READER_FIELDS) {
  const src = raw && typeof raw === 'object' ? /** @type {Record<string, unknown>} */ (raw) : {};
  const out = {};
  for (const f of fields) {
    const v = src[f.key];
    out[f.key] = f.value;
    if (f.kind === 'choice' && f.choices.some(([c]) => c === v)) out[f.key] = v;
    else if (f.kind === 'flag' && typeof v === 'boolean') out[f.key] = v;
    else if (f.kind === 'colour' && typeof v === 'string' && COLOUR.test(v.toLowerCase())) out[f.key] = v.toLowerCase();
    else if (f.kind === 'text' && typeof v === 'string') out[f.key] = v.slice(0, MAX_TEXT);
    else if (f.kind === 'range' && v !== null && v !== '' && Number.isFinite(Number(v))) {
      // Snapped to the field's steps (a slider's value), then kept inside the range.
      const n = Math.round((Number(v) - f.min) / f.step) * f.step + f.min;
      out[f.key] = Math.min(f.max, Math.max(f.min, Number(n.toFixed(4))));
    }
  }
  return out;
}

/** The value a form control of `field` holds, as the setting's type. */
export function fromControl(field, control) {
  if (field.kind === 'flag') return Boolean(control.checked);
  if (field.kind === 'range') return Number(control.value);
  return String(control.value);
}

/**
 * A labelled form control for `field` in `doc`, named by the field's key (`name`), showing
 * `value`; a range shows its value beside it (`output[data-for=key]`).
 * @param {Document} doc
 * @param {Field} field
 * @param {unknown} value
 */
export function controlFor(doc, field, value) {
  const label = doc.createElement('label');
  label.dataset.key = field.key;
  const text = doc.createElement('span');
  text.className = 'label';
  text.textContent = field.label;
  let control;
  if (field.kind === 'choice') {
    control = doc.createElement('select');
    for (const [v, l] of field.choices) control.append(new Option(l, v));
  } else {
    control = doc.createElement('input');
    control.type = { range: 'range', flag: 'checkbox', colour: 'color', text: 'text' }[field.kind];
    if (field.kind === 'range') Object.assign(control, { min: String(field.min), max: String(field.max), step: String(field.step) });
  }
  control.name = field.key;
  if (field.kind === 'flag') label.append(control, ' ', text);
  else label.append(text, ' ', control);
  if (field.kind === 'range') {
    const out = doc.createElement('output');
    out.dataset.for = field.key;
    const shown = doc.createElement('span');
    shown.className = 'value';
    shown.append(out, field.unit ? `\u00a0${field.unit}` : '');
    label.append(' ', shown);
  }
  showValue(label, field, value);
  return label;
}

/** Sets the control made by `controlFor` (inside `label`) to `value`. */
export function showValue(label, field, value) {
  const control = /** @type {HTMLInputElement | HTMLSelectElement} */ (label.querySelector(`[name="${field.key}"]`));
  if (!control) return;
  if (field.kind === 'flag') /** @type {HTMLInputElement} */ (control).checked = Boolean(value);
  else control.value = String(value);
  const out = label.querySelector('output');
  if (out) out.textContent = String(value);
}
