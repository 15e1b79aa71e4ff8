// The playground's result tabs: Reader (the extension's own reader view), Markdown (the
// core's, as the CLI prints it), JSON (the whole result) and Blocks (the article, the repeats
// and the clutter, each a button that shows the block in the frame).

import { elementOf } from '../extension/content/walk.js';
import { mount } from '../extension/reader/reader.js';
import { escapeHtml, fmtScore, measure, normText } from './format.js';

/** How many characters of a block's text the Blocks list shows. */
const SNIPPET_CHARS = 140;
/** JSON longer than this is shown without colours (colouring it would stall the page). */
const MAX_HIGHLIGHT_CHARS = 300_000;
/** The Blocks list shows at most this many entries per section (the JSON has them all). */
const MAX_LISTED_BLOCKS = 300;

/** An element of the page by id (any: the page's own elements, of known kinds). */
const $ = (id) => /** @type {any} */ (document.getElementById(id));
const els = {
  reader: $('reader'),
  markdown: $('markdown'),
  json: $('json'),
  blocks: $('blocks'),
  page: $('page'),
};

/** The walked node list of the shown result (for the Blocks list's buttons). */
let shownNodes = null;

/** The reader view of `r`, as the extension shows it (default settings, no toolbar). */
export function renderReader(r) {
  mount(els.reader, r, {});
}

/** The reader tab before any result. */
export function clearReader() {
  els.reader.shadowRoot?.replaceChildren();
}

/** The core's Markdown for the article (the worker asks for it). */
export function renderMarkdown(r) {
  els.markdown.textContent = r.markdown ?? '';
}

/** Draws the result tabs for `r` (`nodes`: the walked node behind each result id). */
export function renderPanels(r, nodes) {
  shownNodes = nodes;
  measure('reader', () => renderReader(r));
  measure('markdown', () => renderMarkdown(r));
  // The JSON and Blocks tabs can be large (thousands of repeated blocks): drawn when shown.
  lazyPanels.clear();
  lazyPanels.set('panel-json', () => renderJson(r));
  lazyPanels.set('panel-blocks', () => renderBlocks(r, nodes));
  renderVisibleLazyPanel();
}

/** Empties every tab. */
export function clearPanels() {
  shownNodes = null;
  clearReader();
  els.markdown.textContent = '';
  lazyPanels.clear();
  els.json.textContent = '';
  els.blocks.textContent = '';
}

const lazyPanels = new Map();

/** Draws the shown tab if it waits to be drawn. */
export function renderVisibleLazyPanel() {
  for (const [id, draw] of lazyPanels) {
    if ($(id).hidden) continue;
    lazyPanels.delete(id);
    measure(id, draw);
  }
}

function renderJson(r) {
  const json = JSON.stringify(r, null, 2);
  els.json.dataset.raw = json;
  if (json.length > MAX_HIGHLIGHT_CHARS) {
    els.json.textContent = json;
    return;
  }
  // Light syntax colouring: spans built from the escaped text, keys / strings / numbers / literals.
  const html = escapeHtml(json).replace(
    /(&quot;(?:[^&\\]|\\.|&(?!quot;))*&quot;)(\s*:)?|\b(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\b|\b(true|false|null)\b/g,
    (m, str, colon, num, lit) => {
      if (str) return colon ? `<span class="j-key">${str}</span>${colon}` : `<span class="j-str">${str}</span>`;
      if (num) return `<span class="j-num">${num}</span>`;
      return `<span class="j-lit">${lit}</span>`;
    },
  );
  els.json.innerHTML = html;
}

/** Elements whose text a reader never sees. */
const UNSEEN_TEXT = new Set(['script', 'style', 'noscript', 'template', 'title', 'head']);

/** The first words of an element's visible text, text nodes joined with spaces. */
function snippet(el) {
  if (!el) return '';
  const doc = el.ownerDocument;
  const tw = doc.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let out = '';
  for (let n = tw.nextNode(); n && out.length <= SNIPPET_CHARS; n = tw.nextNode()) {
    let unseen = false;
    for (let p = n.parentElement; p && p !== el.parentElement; p = p.parentElement) {
      if (UNSEEN_TEXT.has(p.localName)) {
        unseen = true;
        break;
      }
    }
    if (!unseen) out += ` ${n.data}`;
  }
  const t = normText(out);
  return t.length > SNIPPET_CHARS ? `${t.slice(0, SNIPPET_CHARS)}…` : t;
}

function renderBlocks(r, nodes) {
  const root = els.blocks;
  root.replaceChildren();
  const section = (title, items) => {
    const s = document.createElement('section');
    const h = document.createElement('h3');
    h.textContent = title;
    const list = document.createElement('ul');
    s.append(h, list);
    if (!items.length) {
      const li = document.createElement('li');
      li.className = 'muted';
      li.textContent = 'None.';
      list.append(li);
    }
    for (const it of items.slice(0, MAX_LISTED_BLOCKS)) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = `block k-${it.kind}`;
      const title = document.createElement('span');
      title.className = 'b-title';
      if (it.badge) {
        const badge = document.createElement('span');
        badge.className = 'badge';
        badge.textContent = it.badge;
        title.append(badge);
      }
      title.append(it.title);
      const text = document.createElement('span');
      text.className = 'b-text';
      text.textContent = it.text || '(no text)';
      const path = document.createElement('span');
      path.className = 'b-path';
      path.textContent = `#${it.node} ${it.path ?? ''}`;
      b.append(title, text, path);
      b.addEventListener('click', () => revealNode(it.node));
      li.append(b);
      list.append(li);
    }
    if (items.length > MAX_LISTED_BLOCKS) {
      const li = document.createElement('li');
      li.className = 'muted';
      li.textContent = `…and ${items.length - MAX_LISTED_BLOCKS} more (all are in the JSON tab).`;
      list.append(li);
    }
    root.append(s);
  };
  const main =
    r.main != null
      ? [
          {
            kind: 'main',
            node: r.main,
            title: 'Article container',
            text: snippet(elementOf(nodes, r.main)),
          },
        ]
      : [];
  section('Article', main);
  section(
    'Repeated blocks',
    r.duplicates.flatMap((g, gi) =>
      g.copies.map((c) => ({
        kind: 'dup',
        badge: String(gi + 1),
        node: c.node,
        path: c.path,
        title: `${g.kind.replace(/_/g, ' ')} · ${c.kept ? 'kept' : 'hidden'}`,
        text: snippet(elementOf(nodes, c.node)) || g.text,
      })),
    ),
  );
  section(
    'Hidden clutter',
    r.hidden.map((h) => ({
      kind: 'hidden',
      node: h.node,
      path: h.path,
      title: h.reason,
      text: snippet(elementOf(nodes, h.node)),
    })),
  );
  if (Array.isArray(r.debug)) {
    const scored = r.debug
      .filter((d) => d && Number.isInteger(d.node))
      .slice()
      .sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
    section(
      'Scored blocks (debug)',
      scored.map((d) => ({
        kind: d.kept ? 'scored-in' : 'scored',
        node: d.node,
        title: `${typeof d.score === 'number' ? `score ${fmtScore(d.score)} · ` : ''}${d.reason ?? ''}${d.kept ? ' · in the article' : ''}`,
        text: snippet(elementOf(nodes, d.node)),
      })),
    );
  }
}

/** Scrolls the frame to a node and flashes it. */
function revealNode(id) {
  const el = shownNodes && elementOf(shownNodes, id);
  if (!el) return;
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  el.setAttribute('data-dcl-hover', '');
  setTimeout(() => el.removeAttribute('data-dcl-hover'), 1200);
}
