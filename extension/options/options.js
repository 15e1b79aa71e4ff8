// Options page: edits the settings the background and the reader view use. Every change is
// saved at once; an open reader view restyles itself through storage.onChanged.

import { loadSettings, saveSettings, SETTINGS_KEY } from '../background/settings.js';
import { forgetAll, forgetSite, listSites } from '../background/site-memory.js';
import { isLocal } from '../reader/narrate.js';
import { controlFor, fromControl, READER_FIELDS, showValue } from '../reader/settings.js';

/** An element of the page by id (any: the page's own elements, of known kinds). */
const $ = (id) => /** @type {any} */ (document.getElementById(id));
const form = $('settings');
const status = $('status');

/** The voice: a choice of the system's voices (a voiceURI; empty for the default). */
function voiceControl(field) {
  const label = controlFor(document, { ...field, kind: 'choice', choices: [['', 'Default voice']] }, '');
  const select = label.querySelector('select');
  const list = () => {
    const now = select.value;
    const voices = (globalThis.speechSynthesis?.getVoices() ?? []).filter(isLocal).sort((a, b) => a.lang.localeCompare(b.lang) || a.name.localeCompare(b.name));
    select.replaceChildren(new Option('Default voice', ''), ...voices.map((v) => new Option(`${v.name} (${v.lang})`, v.voiceURI)));
    select.value = now;
  };
  list();
  globalThis.speechSynthesis?.addEventListener('voiceschanged', list);
  return label;
}

// The reader's fields, in the order and with the labels the view's panel uses.
const readerLabels = new Map();
for (const field of READER_FIELDS) {
  const label = field.key === 'voice' ? voiceControl(field) : controlFor(document, field, field.value);
  readerLabels.set(field, label);
  $(field.group === 'voice' ? 'voice-fields' : 'reader-fields').append(label);
}

/** Shows `settings`; `keepFocused`: not in the control being used (its value is ahead of storage). */
function show(settings, { keepFocused = false } = {}) {
  for (const r of form.elements.namedItem('mode')) r.checked = r.value === settings.mode;
  form.elements.namedItem('debugOverlay').checked = Boolean(settings.debugOverlay);
  for (const [field, label] of readerLabels) {
    if (field.key === 'voice' && ![...label.querySelector('select').options].some((o) => o.value === settings.voice)) {
      // A voice this browser does not have (chosen in another browser): kept, shown as such.
      label.querySelector('select').append(new Option(`${settings.voice} (not on this system)`, settings.voice));
    }
    if (!(keepFocused && label.contains(document.activeElement))) showValue(label, field, settings[field.key]);
    if (field.shows) label.hidden = settings.theme !== field.shows;
  }
}

function read() {
  /** @type {Record<string, any>} */
  const data = { mode: new FormData(form).get('mode'), debugOverlay: form.elements.namedItem('debugOverlay').checked };
  for (const [field, label] of readerLabels) data[field.key] = fromControl(field, label.querySelector(`[name="${field.key}"]`));
  return data;
}

const api = globalThis.browser ?? globalThis.chrome;
const badge = $('badge');
const ALL_SITES = { origins: ['<all_urls>'] };

// The badge needs host access everywhere, asked for only when the user ticks the box (a user
// gesture, as permissions.request requires); unticking gives it back.
badge.addEventListener('change', async (e) => {
  e.stopPropagation();
  const granted = badge.checked ? await api.permissions.request(ALL_SITES) : !(await api.permissions.remove(ALL_SITES));
  badge.checked = granted;
  status.textContent = granted ? 'Badge on.' : 'Badge off.';
});

form.addEventListener('input', async (e) => {
  if (e.target === badge) return;
  const saved = await saveSettings(read());
  show(saved);
  status.textContent = 'Saved.';
  document.body.dataset.saved = String(Date.now());
});

// Settings changed elsewhere (the reader view's "Aa" panel, another options page) show up here.
api.storage.onChanged.addListener((changes) => {
  if (!(SETTINGS_KEY in changes)) return;
  loadSettings().then((s) => {
    show(s, { keepFocused: true });
    document.body.dataset.synced = String(Date.now());
  });
});

// Site memory: one row per remembered site, each with its own "Forget this site".
const sitesBody = document.querySelector('#sites tbody');
async function showSites() {
  const sites = await listSites();
  sitesBody.replaceChildren(
    ...sites.map((s) => {
      const row = document.createElement('tr');
      row.dataset.host = s.host;
      for (const v of [s.host, s.pages, s.fingerprints]) row.insertCell().textContent = String(v);
      const forget = document.createElement('button');
      forget.type = 'button';
      forget.textContent = 'Forget this site';
      forget.addEventListener('click', async () => {
        await forgetSite(s.host);
        await showSites();
      });
      row.insertCell().append(forget);
      return row;
    }),
  );
  $('no-sites').hidden = sites.length > 0;
  $('forget-all').disabled = sites.length === 0;
  document.body.dataset.sites = String(sites.length);
}
$('forget-all').addEventListener('click', async () => {
  await forgetAll();
  await showSites();
});
await showSites();

show(await loadSettings());
badge.checked = await api.permissions.contains(ALL_SITES);
document.body.dataset.ready = 'true';
