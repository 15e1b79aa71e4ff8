// The playground's overlays on the original page (its frame): the article outlined in green,
// hidden clutter in red, each repeat group numbered; hovering a block shows what the core said
// about it (its role, score and reason).

import { elementOf } from '../extension/content/walk.js';
import { fmtScore } from './format.js';

/** At most this many numbered badges are drawn in the frame (outlines are always drawn). */
const MAX_BADGES = 2000;

/** An element of the page by id (any: the page's own elements, of known kinds). */
const $ = (id) => /** @type {any} */ (document.getElementById(id));
const els = {
  page: $('page'),
  preview: $('preview'),
  tip: $('tip'),
  wrap: $('frame-wrap'),
};
/** The result the overlays show (null: none). */
let current = null;
/** Called when a file is dragged onto the frame (the page-wide drop target takes it). */
let onFileDrag = () => {};

const OVERLAY_CSS = `
[data-dcl-main] { outline: 3px solid #16a34a !important; outline-offset: 3px !important; }
[data-dcl-hidden] { outline: 2px dashed #dc2626 !important; outline-offset: 1px !important; background-color: rgb(220 38 38 / 9%) !important; }
[data-dcl-dup] { outline: 3px solid #f59e0b !important; outline-offset: 2px !important; }
[data-dcl-dup][data-dcl-kept] { outline-style: double !important; outline-width: 4px !important; }
[data-dcl-hover] { box-shadow: 0 0 0 9999px rgb(15 23 42 / 7%) !important; }
html.dcl-preview [data-dcl-hidden], html.dcl-preview [data-dcl-dup]:not([data-dcl-kept]) { display: none !important; }
#dcl-layer { position: absolute; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647; pointer-events: none; }
.dcl-badge { position: absolute; min-width: 22px; height: 22px; padding: 0 7px; border-radius: 11px; background: #f59e0b; color: #1b1300;
  font: 700 12px/22px system-ui, sans-serif; text-align: center; box-shadow: 0 1px 4px rgb(0 0 0 / 35%); white-space: nowrap; direction: ltr; }
.dcl-badge.kept { background: #fff7e6; border: 2px solid #f59e0b; line-height: 18px; }
`;

/** Info per outlined element: what the core said about it. */
let infoOf = new WeakMap();

/** Finds per-node debug entries in whatever shape `debug` has (an array of {node, ...}). */
function debugIndex(debug) {
  const byNode = new Map();
  if (!debug || typeof debug !== 'object') return byNode;
  const arrays = Array.isArray(debug) ? [debug] : Object.values(debug).filter(Array.isArray);
  for (const arr of arrays) {
    for (const e of arr) {
      if (e && typeof e === 'object' && Number.isInteger(e.node)) {
        if (!byNode.has(e.node)) byNode.set(e.node, []);
        byNode.get(e.node).push(e);
      }
    }
  }
  return byNode;
}

/** Outlines `r`'s blocks in the frame (`nodes`: the walked node behind each result id). */
export function renderOverlays(r, nodes) {
  current = r;
  const doc = els.page.contentDocument;
  if (!doc) return;
  infoOf = new WeakMap();
  const info = (el) => {
    if (!infoOf.has(el)) infoOf.set(el, { roles: [], debug: [] });
    return infoOf.get(el);
  };
  const style = doc.createElement('style');
  style.id = 'dcl-style';
  style.textContent = OVERLAY_CSS;
  (doc.head ?? doc.documentElement).append(style);

  if (r.main != null) {
    const el = elementOf(nodes, r.main);
    if (el) {
      el.setAttribute('data-dcl-main', '');
      info(el).roles.push({
        kind: 'main',
        node: r.main,
        text: `Article: the container with most of the page's prose`,
      });
    }
  }
  for (const h of r.hidden) {
    const el = elementOf(nodes, h.node);
    if (!el) continue;
    el.setAttribute('data-dcl-hidden', '');
    info(el).roles.push({
      kind: 'hidden',
      node: h.node,
      path: h.path,
      text: `Hidden: ${h.reason}`,
    });
  }
  r.duplicates.forEach((g, gi) => {
    for (const c of g.copies) {
      const el = elementOf(nodes, c.node);
      if (!el) continue;
      el.setAttribute('data-dcl-dup', String(gi + 1));
      if (c.kept) el.setAttribute('data-dcl-kept', '');
      info(el).roles.push({
        kind: 'dup',
        group: gi + 1,
        node: c.node,
        path: c.path,
        text: `Repeat #${gi + 1} (${g.kind.replace(/_/g, ' ')}, ${g.count} copies): ${c.kept ? 'this copy is kept' : 'this copy is hidden'}`,
      });
    }
  });
  for (const [node, entries] of debugIndex(r.debug)) {
    const el = elementOf(nodes, node);
    if (el) info(el).debug.push(...entries);
  }
  doc.documentElement.classList.toggle('dcl-preview', els.preview.checked);
  placeBadges();
}

/** Numbered badges at the top corner of each repeated block (recomputed on resize). */
function placeBadges() {
  const doc = els.page.contentDocument;
  if (!doc || !current) return;
  doc.getElementById('dcl-layer')?.remove();
  const layer = doc.createElement('div');
  layer.id = 'dcl-layer';
  const win = doc.defaultView;
  for (const el of doc.querySelectorAll('[data-dcl-dup]')) {
    const rect = el.getBoundingClientRect();
    if (!rect.width && !rect.height) continue;
    if (layer.childElementCount >= MAX_BADGES) break;
    const b = doc.createElement('span');
    b.className = `dcl-badge${el.hasAttribute('data-dcl-kept') ? ' kept' : ''}`;
    b.textContent = el.hasAttribute('data-dcl-kept') ? `${el.dataset.dclDup} kept` : el.dataset.dclDup;
    b.style.top = `${Math.max(0, rect.top + win.scrollY - 11)}px`;
    b.style.left = `${Math.max(0, rect.left + win.scrollX - 11)}px`;
    layer.append(b);
  }
  doc.documentElement.append(layer);
}

/** Forgets the shown result (the frame is being reloaded). */
export function clearOverlays() {
  current = null;
}

new ResizeObserver(() => placeBadges()).observe(els.page);
els.preview.addEventListener('change', () => {
  els.page.contentDocument?.documentElement.classList.toggle('dcl-preview', els.preview.checked);
  placeBadges();
});

/**
 * Hover cards and inert links inside the frame `doc`; `fileDrag()` is called when a file is
 * dragged onto it.
 */
export function wireFrame(doc, fileDrag = onFileDrag) {
  onFileDrag = fileDrag;
  let hovered = null;
  doc.addEventListener(
    'click',
    (ev) => {
      // The frame is a preview: links and forms must not navigate it away.
      if (ev.target.closest?.('a, area, form, button, input')) ev.preventDefault();
    },
    true,
  );
  doc.addEventListener('mousemove', (ev) => {
    let el = ev.target.nodeType === 1 ? ev.target : ev.target.parentElement;
    while (el && !infoOf.has(el)) el = el.parentElement;
    if (el !== hovered) {
      hovered?.removeAttribute('data-dcl-hover');
      hovered = el;
      hovered?.setAttribute('data-dcl-hover', '');
    }
    if (!el) {
      els.tip.hidden = true;
      return;
    }
    showTip(el, ev.clientX, ev.clientY);
  });
  // A file dragged straight onto the frame: show the page-wide drop target, which takes the drop.
  doc.addEventListener('dragenter', (ev) => {
    if ([...(ev.dataTransfer?.types ?? [])].includes('Files')) onFileDrag();
  });
  doc.addEventListener('dragover', (ev) => ev.preventDefault());
  doc.addEventListener('drop', (ev) => ev.preventDefault());
  doc.addEventListener('mouseleave', () => {
    hovered?.removeAttribute('data-dcl-hover');
    hovered = null;
    els.tip.hidden = true;
  });
}

const ROLE_COLOR = { main: '#16a34a', hidden: '#dc2626', dup: '#f59e0b' };

function showTip(el, x, y) {
  const { roles, debug } = infoOf.get(el);
  const tip = els.tip;
  tip.replaceChildren();
  for (const r of roles) {
    const head = document.createElement('div');
    head.className = 't-head';
    const dot = document.createElement('span');
    dot.className = 't-dot';
    dot.style.background = ROLE_COLOR[r.kind];
    head.append(dot, r.text);
    tip.append(head);
  }
  if (!roles.length) {
    // Only scores for this block: say whether its text is in the article.
    const head = document.createElement('div');
    head.className = 't-head';
    const kept = debug.some((d) => d.kept === true);
    const dot = document.createElement('span');
    dot.className = 't-dot';
    dot.style.background = kept ? ROLE_COLOR.main : '#94a3b8';
    head.append(dot, kept ? 'In the article' : 'Not in the article');
    tip.append(head);
  }
  for (const d of debug) {
    const line = document.createElement('div');
    line.className = 't-reason';
    const parts = [];
    if (typeof d.score === 'number') parts.push(`score ${fmtScore(d.score)}`);
    if (typeof d.reason === 'string' && d.reason) parts.push(d.reason);
    line.textContent = parts.join(' · ');
    if (parts.length) tip.append(line);
  }
  const fields = debugFields(debug);
  if (fields.length) {
    const t = document.createElement('table');
    for (const [k, v] of fields) {
      const tr = t.insertRow();
      tr.insertCell().textContent = k;
      tr.insertCell().textContent = v;
    }
    tip.append(t);
  } else if (!debug.length) {
    const p = document.createElement('div');
    p.className = 't-reason t-faint';
    p.textContent = Array.isArray(current?.debug) ? 'No scores for this block.' : 'Per-block scores: not in this build of the core.';
    tip.append(p);
  }
  const path = roles.find((r) => r.path)?.path;
  if (path) {
    const p = document.createElement('div');
    p.className = 't-path';
    p.textContent = path;
    tip.append(p);
  }
  tip.hidden = false;
  const wrap = els.wrap.getBoundingClientRect();
  const w = tip.offsetWidth;
  const h = tip.offsetHeight;
  let left = x + 16;
  let top = y + 16;
  if (left + w > wrap.width - 8) left = Math.max(8, x - w - 16);
  if (top + h > wrap.height - 8) top = Math.max(8, y - h - 16);
  tip.style.left = `${left}px`;
  tip.style.top = `${top}px`;
}

/** Fields of debug entries beyond node / score / reason / kept, whatever the core adds. */
function debugFields(entries) {
  const out = [];
  for (const e of entries) {
    for (const [k, v] of Object.entries(e)) {
      if (['node', 'score', 'reason', 'kept'].includes(k)) continue;
      if (v === null || typeof v === 'object') {
        if (Array.isArray(v) && v.every((x) => typeof x !== 'object')) out.push([k, v.join(', ')]);
        continue;
      }
      out.push([k, typeof v === 'number' ? fmtScore(v) : String(v)]);
    }
  }
  return out.slice(0, 16);
}
