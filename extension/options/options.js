// Options page: edits the settings the background and the reader view use. Every change is
// saved at once; an open reader view restyles itself through storage.onChanged.

import { loadSettings, saveSettings } from '../background/settings.js';
import { forgetAll, forgetSite, listSites } from '../background/site-memory.js';

/** An element of the page by id (any: the page's own elements, of known kinds). */
const $ = (id) => /** @type {any} */ (document.getElementById(id));
const form = $('settings');
const status = $('status');

function show(settings) {
  for (const [k, v] of Object.entries(settings)) {
    const field = form.elements.namedItem(k);
    if (!field) continue;
    if (field instanceof RadioNodeList) {
      for (const r of field) r.checked = r.value === v;
    } else if (field.type === 'checkbox') {
      field.checked = Boolean(v);
    } else {
      field.value = String(v);
    }
    const out = form.querySelector(`output[data-for="${k}"]`);
    if (out) out.textContent = String(v);
  }
}

function read() {
  /** @type {Record<string, any>} */
  const data = Object.fromEntries(new FormData(form));
  for (const k of ['size', 'width', 'lineHeight']) data[k] = Number(data[k]);
  data.debugOverlay = form.elements.namedItem('debugOverlay').checked;
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
