// The click picker, started by the background (context menu "Hide or keep an element...") on a
// page in declutter mode. The element under the mouse gets an outline; a click hides it, or, on
// a block declutter hid (shown dimmed and dashed while picking), keeps it. The choice is sent
// to the background, which remembers it for the site and runs declutter again with it.
// Esc cancels. Only one pick per start; the page's own click handlers never see the click.

import { HIDDEN_SELECTOR as HIDDEN, OWN_IDS, PICKING_FLAG as FLAG } from '../shared/marks.js';
import { sendToBackground } from '../shared/messages.js';
import { selectorFor } from './selector.js';

const HOST_ID = OWN_IDS.picker;
const STYLE = `
:host { all: initial; }
.box { position: fixed; box-sizing: border-box; border: 2px solid #1a73e8; background: rgba(26,115,232,.12);
pointer-events: none; display: none; }
.box.keep { border-color: #188038; background: rgba(24,128,56,.15); }
.bar { position: fixed; top: 8px; left: 50%; transform: translateX(-50%); padding: 6px 12px; border-radius: 6px;
background: #202124; color: #fff; font: 13px/1.4 system-ui, sans-serif; pointer-events: none; }
`;

let active = null;

/**
 * What a click on `target` would do.
 * @returns {{el: Element, action: 'hide' | 'keep'}}
 */
function choiceFor(target) {
  const hidden = target.closest(HIDDEN);
  return hidden ? { el: hidden, action: 'keep' } : { el: target, action: 'hide' };
}

function pageTarget(e) {
  const t = e.target;
  if (!(t instanceof Element) || t.id === HOST_ID || t === document.documentElement) return null;
  return t;
}

/** Starts the picker (once: a picker already waiting stays). */
export function startPicker() {
  if (active) return;
  const root = document.documentElement;
  const host = document.createElement('div');
  host.id = HOST_ID;
  for (const [k, v] of [
    ['position', 'fixed'],
    ['top', '0'],
    ['left', '0'],
    ['width', '0'],
    ['height', '0'],
    ['z-index', '2147483647'],
    ['pointer-events', 'none'],
    ['display', 'block'],
  ])
    host.style.setProperty(k, v, 'important');
  const shadow = host.attachShadow({ mode: 'open' });
  try {
    const s = new CSSStyleSheet();
    s.replaceSync(STYLE);
    shadow.adoptedStyleSheets = [s];
  } catch {
    shadow.append(Object.assign(document.createElement('style'), { textContent: STYLE }));
  }
  const box = Object.assign(document.createElement('div'), { className: 'box' });
  const bar = Object.assign(document.createElement('div'), { className: 'bar' });
  bar.textContent = 'Click an element to hide it, or a dimmed one to keep it. Esc cancels.';
  shadow.append(box, bar);
  const prevFlag = root.getAttribute(FLAG);
  root.setAttribute(FLAG, '');
  root.append(host);

  const outline = (e) => {
    const t = pageTarget(e);
    if (!t) return;
    const { el, action } = choiceFor(t);
    const r = el.getBoundingClientRect();
    Object.assign(box.style, { display: 'block', left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` });
    box.className = action === 'keep' ? 'box keep' : 'box';
    box.dataset.action = action;
    box.dataset.selector = selectorFor(el);
  };
  const swallow = (e) => {
    if (!pageTarget(e)) return;
    e.preventDefault();
    e.stopImmediatePropagation();
  };
  const click = (e) => {
    const t = pageTarget(e);
    if (!t) return;
    swallow(e);
    const { el, action } = choiceFor(t);
    const selector = selectorFor(el);
    stop();
    sendToBackground({ cmd: 'picked', selector, action }).catch(() => {});
  };
  const key = (e) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopImmediatePropagation();
    stop();
  };
  /** @type {[string, (e: any) => void][]} */
  const listeners = [
    ['mousemove', outline],
    ['mouseover', outline],
    ['mousedown', swallow],
    ['mouseup', swallow],
    ['pointerdown', swallow],
    ['pointerup', swallow],
    ['click', click],
    ['keydown', key],
  ];
  for (const [type, fn] of listeners) window.addEventListener(type, fn, true);
  function stop() {
    if (active !== session) return;
    active = null;
    for (const [type, fn] of listeners) window.removeEventListener(type, fn, true);
    host.remove();
    if (prevFlag === null) root.removeAttribute(FLAG);
    else root.setAttribute(FLAG, prevFlag);
  }
  const session = { stop };
  active = session;
}

/** Stops a picker that is waiting for its click. */
export const stopPicker = () => active?.stop();
