// The reader view's look from the user's settings (the options page): fonts, size, width, line
// height and a colour theme, set as custom properties on the view's host, which the reader's
// stylesheet (reader.css) reads. "auto" follows the system's light or dark preference.

/** @typedef {import('../shared/messages.js').Settings} Settings */

const FONTS = {
  serif: 'Georgia, "Noto Serif", "DejaVu Serif", serif',
  sans: 'system-ui, "Noto Sans", "DejaVu Sans", sans-serif',
  mono: 'ui-monospace, "DejaVu Sans Mono", monospace',
};
/** background, text, links, secondary text */
const THEMES = {
  light: ['#fdfdfc', '#1d1d1f', '#1a5bb5', '#6b6b70'],
  dark: ['#18191b', '#e4e4e6', '#8ab4f8', '#a0a0a8'],
  sepia: ['#f5ecd9', '#3b2f22', '#8a4b12', '#7a6a55'],
};
export const DEFAULTS = Object.freeze({
  font: 'serif',
  size: 19,
  width: 36,
  lineHeight: 1.6,
  theme: 'auto',
});
/** The custom properties reader.css reads (the saved HTML copies them). */
export const THEME_VARS = ['--dr-bg', '--dr-fg', '--dr-link', '--dr-muted', '--dr-font', '--dr-size', '--dr-width', '--dr-line'];

const darkOs = () => matchMedia('(prefers-color-scheme: dark)');
// Hosts already following the system (the playground mounts a view into the same host per run).
const following = new WeakSet();

/** Sets the view's custom properties on `host` from `settings`; returns the settings used. */
export function applyTheme(host, settings) {
  const s = { ...DEFAULTS, ...(settings ?? {}) };
  const name = s.theme in THEMES ? s.theme : darkOs().matches ? 'dark' : 'light';
  const [bg, fg, link, muted] = THEMES[name];
  // Set through the CSSOM: allowed under any page CSP, and beats page rules on the host.
  const set = (k, v) => host.style.setProperty(k, String(v), 'important');
  set('--dr-bg', bg);
  set('--dr-fg', fg);
  set('--dr-link', link);
  set('--dr-muted', muted);
  set('--dr-font', FONTS[s.font] ?? FONTS.serif);
  set('--dr-size', `${Number(s.size) || DEFAULTS.size}px`);
  set('--dr-width', `${Number(s.width) || DEFAULTS.width}em`);
  set('--dr-line', Number(s.lineHeight) || DEFAULTS.lineHeight);
  host.dataset.theme = name;
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
