// The debug overlay (option "Debug overlay"), shown over the live page in declutter mode:
// the main article and every copy of each duplicate group get an outline, one colour per
// group, labelled "#<group> <kind> kept|hidden". While it is on, hidden blocks show dimmed
// and dashed (the injected stylesheet follows <html data-declutter-debug>) so their copies
// can be outlined where they are. remove() takes everything away again.

import { DEBUG_FLAG as FLAG, OWN_IDS } from '../shared/marks.js';

const HOST_ID = OWN_IDS.overlay;
// Distinct hues, picked to read on light and dark pages; groups beyond them cycle.
const COLOURS = ['#d62728', '#1f77b4', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22'];
const MAIN_COLOUR = '#2ca02c';
const STYLE = `
:host { all: initial; }
.box { position: absolute; box-sizing: border-box; border: 3px solid var(--c); pointer-events: none; }
.label { position: absolute; left: -3px; top: -1.5em; padding: 0 .4em; background: var(--c); color: #fff;
font: bold 12px/1.5em ui-monospace, monospace; white-space: nowrap; }
.box[data-kind="main"] > .label { left: auto; right: -3px; }
`;

function sheet(shadow) {
  try {
    const s = new CSSStyleSheet();
    s.replaceSync(STYLE);
    shadow.adoptedStyleSheets = [s];
  } catch {
    const style = document.createElement('style');
    style.textContent = STYLE;
    shadow.append(style);
  }
}

/** The boxes to draw: [{el, colour, label, group, kind, state}]. */
function boxes(result, element) {
  const out = [];
  const main = element(result.main);
  if (main) out.push({ el: main, colour: MAIN_COLOUR, label: 'main article', group: 0, kind: 'main', state: 'main' });
  (result.duplicates ?? []).forEach((g, i) => {
    for (const c of g.copies ?? []) {
      const el = element(c.node);
      if (!el) continue;
      const state = c.kept ? 'kept' : 'hidden';
      const colour = COLOURS[i % COLOURS.length];
      out.push({ el, colour, label: `#${i + 1} ${g.kind} ${state}`, group: i + 1, kind: g.kind, state });
    }
  });
  return out;
}

function draw(layer, list) {
  const sx = window.scrollX;
  const sy = window.scrollY;
  layer.replaceChildren(
    ...list.map((b) => {
      const r = b.el.getBoundingClientRect();
      const box = document.createElement('div');
      box.className = 'box';
      box.dataset.group = String(b.group);
      box.dataset.kind = b.kind;
      box.dataset.state = b.state;
      box.style.setProperty('--c', b.colour);
      box.style.left = `${r.left + sx}px`;
      box.style.top = `${r.top + sy}px`;
      box.style.width = `${r.width}px`;
      box.style.height = `${r.height}px`;
      const label = document.createElement('span');
      label.className = 'label';
      label.textContent = b.label;
      box.append(label);
      return box;
    }),
  );
}

/** Draws the overlay for `result` (`element(id)` gives the live element); returns {remove}. */
export function showOverlay(result, element) {
  const root = document.documentElement;
  const prevFlag = root.getAttribute(FLAG);
  root.setAttribute(FLAG, '');
  const host = document.createElement('div');
  host.id = HOST_ID;
  const set = (k, v) => host.style.setProperty(k, v, 'important');
  for (const [k, v] of [
    ['position', 'absolute'],
    ['top', '0'],
    ['left', '0'],
    ['width', '0'],
    ['height', '0'],
    ['overflow', 'visible'],
    ['z-index', '2147483646'],
    ['pointer-events', 'none'],
    ['display', 'block'],
    ['margin', '0'],
  ])
    set(k, v);
  const shadow = host.attachShadow({ mode: 'open' });
  sheet(shadow);
  const layer = document.createElement('div');
  shadow.append(layer);
  root.append(host);
  const list = boxes(result, element);
  draw(layer, list);
  // Layout moves with the window's size; redraw then (one frame later, once settled).
  let queued = false;
  const onResize = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      draw(
        layer,
        list.filter((b) => b.el.isConnected),
      );
    });
  };
  window.addEventListener('resize', onResize);
  return {
    boxes: list.length,
    remove() {
      window.removeEventListener('resize', onResize);
      host.remove();
      if (prevFlag === null) root.removeAttribute(FLAG);
      else root.setAttribute(FLAG, prevFlag);
    },
  };
}
