// The user's settings: default mode and reader typography. Stored under one key in
// storage.sync (follows the user's browsers) with storage.local as the fallback when sync is
// unavailable. Shared by the background and the options page.

const api = globalThis.browser ?? globalThis.chrome;

export const SETTINGS_KEY = 'settings';

export const DEFAULTS = Object.freeze({
  mode: 'reader', // what the toolbar button toggles
  font: 'serif', // serif | sans | mono
  size: 19, // px
  width: 36, // em, the text column
  lineHeight: 1.6,
  theme: 'auto', // auto | light | dark | sepia
  debugOverlay: false, // declutter outlines the article and each duplicate group's copies
});

const CHOICES = {
  mode: ['reader', 'declutter'],
  font: ['serif', 'sans', 'mono'],
  theme: ['auto', 'light', 'dark', 'sepia'],
};
const RANGES = { size: [12, 40], width: [20, 80], lineHeight: [1, 2.5] };
const FLAGS = ['debugOverlay'];

/** Keeps known keys with valid values; anything else falls back to the default. */
export function normalize(raw) {
  const out = { ...DEFAULTS };
  if (!raw || typeof raw !== 'object') return out;
  for (const [k, allowed] of Object.entries(CHOICES)) if (allowed.includes(raw[k])) out[k] = raw[k];
  for (const [k, [lo, hi]] of Object.entries(RANGES)) {
    const v = Number(raw[k]);
    if (Number.isFinite(v)) out[k] = Math.min(hi, Math.max(lo, v));
  }
  for (const k of FLAGS) if (typeof raw[k] === 'boolean') out[k] = raw[k];
  return out;
}

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
