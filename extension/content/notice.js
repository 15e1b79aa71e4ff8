// The "no article found" notice of in-place declutter on a page that is no article (a
// homepage, search results, a web app), which hides nothing: a small shadow host styled
// through the CSSOM (any page CSP allows it), closed by its button, Esc, or the next toggle.

import { OWN_IDS } from '../shared/marks.js';

/** Shows `message` at the top right of the page; `onClose`: the close button was pressed. */
export function showNotice(message, onClose) {
  const host = document.createElement('div');
  host.id = OWN_IDS.notice;
  const css = (el, rules) => {
    for (const [k, v] of Object.entries(rules)) el.style.setProperty(k, v, 'important');
  };
  css(host, {
    all: 'initial',
    position: 'fixed',
    top: '12px',
    right: '12px',
    'z-index': '2147483647',
    display: 'flex',
    gap: '.8em',
    'align-items': 'center',
    'max-width': '26em',
    padding: '.7em 1em',
    background: '#204a87',
    color: '#fff',
    font: '15px/1.4 system-ui, sans-serif',
    'border-radius': '6px',
    'box-shadow': '0 2px 8px #0006',
  });
  host.setAttribute('role', 'status');
  const shadow = host.attachShadow({ mode: 'open' });
  const p = document.createElement('p');
  css(p, { margin: '0' });
  p.textContent = message;
  const close = document.createElement('button');
  close.textContent = '\u00d7';
  close.title = 'Close (Esc)';
  css(close, {
    font: 'inherit',
    'font-size': '1.3em',
    color: 'inherit',
    background: 'transparent',
    border: '0',
    cursor: 'pointer',
  });
  close.addEventListener('click', onClose);
  shadow.append(p, close);
  document.documentElement.append(host);
  return host;
}
