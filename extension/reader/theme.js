// The reader view's look from the user's settings (reader/settings.js): font, size, spacing,
// column width, alignment and a colour theme, set as custom properties on the view's host,
// which the reader's stylesheet (reader.css) reads; images and links on or off as attributes
// of the host. "auto" follows the system's light or dark preference; "custom" takes the user's
// three colours.

import { normalize } from './settings.js';

/** @typedef {import('../shared/messages.js').Settings} Settings */

// The family the shipped Atkinson Hyperlegible faces are registered under (reader/fonts.js).
export const LEGIBLE_FAMILY = 'Declutter Atkinson Hyperlegible';
const FONTS = {
  serif: 'Georgia, "Noto Serif", "DejaVu Serif", serif',
  sans: 'system-ui, "Noto Sans", "DejaVu Sans", sans-serif',
  mono: 'ui-monospace, "DejaVu Sans Mono", monospace',
  legible: `"${LEGIBLE_FAMILY}", "Atkinson Hyperlegible", system-ui, sans-serif`,
};
/** background, text, links, secondary text */
const THEMES = {
  light: ['#fdfdfc', '#1d1d1f', '#1a5bb5', '#6b6b70'],
  dark: ['#18191b', '#e4e4e6', '#8ab4f8', '#a0a0a8'],
  sepia: ['#f5ecd9', '#3b2f22', '#8a4b12', '#7a6a55'],
};
/** The custom properties reader.css reads (the saved HTML copies them). */
export const THEME_VARS = [
  '--dr-bg',
  '--dr-fg',
  '--dr-link',
  '--dr-muted',
  '--dr-font',
  '--dr-size',
  '--dr-width',
  '--dr-line',
  '--dr-letter',
  '--dr-word',
  '--dr-align',
];

const darkOs = () => matchMedia('(prefers-color-scheme: dark)');
// Hosts already following the system (the playground mounts a view into the same host per run).
const following = new WeakSet();

/** The theme shown for settings `s`: a named theme, or the system's light or dark for "auto". */
export const themeName = (s) => (s.theme === 'custom' || s.theme in THEMES ? s.theme : darkOs().matches ? 'dark' : 'light');

/**
 * Sets the view's custom properties and attributes on `host` from `settings`; returns the
 * settings used (every reader setting, checked).
 * @param {HTMLElement} host
 * @param {Settings} settings
 */
export function applyTheme(host, settings) {
  const s = normalize(settings);
  const name = themeName(s);
  // Custom: the user's text, background and link colours; secondary text between text and background.
  const [bg, fg, link, muted] =
    name === 'custom' ? [s.bgColor, s.textColor, s.linkColor, `color-mix(in srgb, ${s.textColor} 62%, ${s.bgColor})`] : THEMES[name];
  // Set through the CSSOM: allowed under any page CSP, and beats page rules on the host.
  const set = (k, v) => host.style.setProperty(k, String(v), 'important');
  set('--dr-bg', bg);
  set('--dr-fg', fg);
  set('--dr-link', link);
  set('--dr-muted', muted);
  set('--dr-font', FONTS[s.font]);
  set('--dr-size', `${s.size}px`);
  set('--dr-width', `${s.width}em`);
  set('--dr-line', s.lineHeight);
  set('--dr-letter', `${s.letterSpacing}em`);
  set('--dr-word', `${s.wordSpacing}em`);
  set('--dr-align', s.align);
  host.dataset.theme = name;
  host.dataset.font = s.font;
  host.dataset.align = s.align;
  host.toggleAttribute('data-no-images', !s.images);
  host.toggleAttribute('data-no-links', !s.links);
  return s;
}

/**
 * Restyles `host` whenever the system switches between light and dark while it shows a view
 * with theme "auto" (`current()` gives its settings); the listener goes with the view.
 */
export function followSystemTheme(host, current) {
  if (following.has(host)) return;
  following.add(host);
  const media = darkOs();
  const follow = () => {
    if (!host.isConnected) {
      media.removeEventListener('change', follow);
      following.delete(host);
    } else if (current()?.theme === 'auto') applyTheme(host, current());
  };
  media.addEventListener('change', follow);
}
