// The user's settings: default mode, the reader view's look and voice, the debug overlay.
// Stored under one key in storage.sync (follows the user's browsers) with storage.local as the
// fallback when sync is unavailable. Shared by the background, the options page and the
// content script (the reader view's "Aa" panel saves through it).

import { defaultsOf, normalize as normalizeFields, READER_FIELDS } from '../reader/settings.js';

const api = globalThis.browser ?? globalThis.chrome;

export const SETTINGS_KEY = 'settings';

// The extension's own settings, then the reader view's (reader/settings.js: one definition
// for this file, the options page and the view's "Aa" panel).
/** @type {readonly import('../reader/settings.js').Field[]} */
export const FIELDS = Object.freeze([
  {
    key: 'mode', // what the toolbar button toggles
    label: 'Toolbar button',
    kind: 'choice',
    value: 'reader',
    choices: [
      ['reader', 'Reader view'],
      ['declutter', 'Declutter in place'],
    ],
  },
  ...READER_FIELDS,
  // Declutter outlines the article and each duplicate group's copies.
  { key: 'debugOverlay', label: 'Debug overlay', kind: 'flag', value: false },
]);

export const DEFAULTS = defaultsOf(FIELDS);

/** Keeps known keys with valid values; anything else falls back to the default. */
export const normalize = (raw) => normalizeFields(raw, FIELDS);

function area() {
  return api.storage.sync ?? api.storage.local;
}

export async function loadSettings() {
  try {
    return normalize((await area().get(SETTINGS_KEY))[SETTINGS_KEY]);
  } catch {
    return normalize((await api.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
  }
}

export async function saveSettings(settings) {
  const value = normalize(settings);
  try {
    await area().set({ [SETTINGS_KEY]: value });
  } catch {
    await api.storage.local.set({ [SETTINGS_KEY]: value });
  }
  return value;
}

/** Saves `changes` over the stored settings (the rest stays as stored); resolves to the result. */
export async function updateSettings(changes) {
  return saveSettings({ ...(await loadSettings()), ...changes });
}
