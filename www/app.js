// The playground page: input, the two doors of the core (in a worker), overlays, result tabs.
//
// Flow of one run:
// 1. the input (pasted text, file bytes, a demo's bytes) goes to the worker's `extractHtml`
//    (door 1); a core error (empty, binary) stops here with a message;
// 2. the page is shown in a script-less sandboxed frame; its DOM is walked into a snapshot
//    (door 2, www/snapshot.js) and the worker runs `extractSnapshot` on it;
// 3. result ids index the walked node list, so the overlays land on the right elements;
//    both doors' texts are compared ("Doors agree").
import { takeSnapshotSliced, elementOf, prepareForFrame } from './snapshot.js';
import { htmlToMarkdown } from './markdown.js';

/** Larger inputs are refused with a message (the playground is for single pages). */
const MAX_INPUT_BYTES = 25 * 1024 * 1024;
/** A core call that takes longer than this is abandoned and the worker restarted. */
const WORKER_TIMEOUT_MS = 60_000;
/** How many characters of a block's text the Blocks list shows. */
const SNIPPET_CHARS = 140;
/** JSON longer than this is shown without colours (colouring it would stall the page). */
const MAX_HIGHLIGHT_CHARS = 300_000;
/** The Blocks list shows at most this many entries per section (the JSON has them all). */
const MAX_LISTED_BLOCKS = 300;
/** At most this many numbered badges are drawn in the frame (outlines are always drawn). */
const MAX_BADGES = 2000;
/** Chromium's HTML parser stops nesting elements at this depth (door 1 flattens too, differently). */
const BROWSER_MAX_DEPTH = 512;

const $ = (id) => document.getElementById(id);
const els = {
  status: $('core-status'),
  message: $('message'),
  paste: $('paste'),
  runPaste: $('run-paste'),
  file: $('file'),
  dedupe: $('opt-dedupe'),
  url: $('opt-url'),
  page: $('page'),
  pageEmpty: $('page-empty'),
  wrap: $('frame-wrap'),
  tip: $('tip'),
  preview: $('preview'),
  reader: $('reader'),
  markdown: $('markdown'),
  json: $('json'),
  blocks: $('blocks'),
  copy: $('copy'),
  drop: $('drop'),
};

// ---------------------------------------------------------------- worker

let worker = null;
let workerReady = null;
let nextCallId = 1;
const pending = new Map();

function startWorker() {
  const w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  worker = w;
  setStatus('loading', 'Loading the core…');
  let ready;
  workerReady = new Promise((resolve) => { ready = resolve; });
  w.addEventListener('message', (ev) => {
    if (ev.data.hello) {
      if (ev.data.error) setStatus('failed', 'The core did not load');
      else setStatus('ready', 'Core ready (WebAssembly, in a worker)');
      ready(ev.data.error);
      return;
    }
    const p = pending.get(ev.data.id);
    if (!p) return;
    pending.delete(ev.data.id);
    clearTimeout(p.timer);
    p.resolve(ev.data);
  });
  // The worker's module failed to load or threw outside a call (a missing www/pkg, say).
  w.addEventListener('error', (ev) => {
    ev.preventDefault?.();
    const why = `The core's worker failed: ${ev.message || 'its script could not be loaded (is the wasm package built into www/pkg?)'}`;
    ready(why);
    failAll(why);
    setStatus('failed', 'The core did not load');
  });
}

function failAll(error) {
  for (const [id, p] of pending) {
    clearTimeout(p.timer);
    p.resolve({ id, ok: false, fatal: true, restarted: true, error });
  }
  pending.clear();
}

function restartWorker() {
  worker?.terminate();
  failAll('The core was restarted.');
  startWorker();
}

/** Sends one request to the worker; resolves with its answer (never rejects). */
async function callWorker(msg, transfer = []) {
  const loadError = await workerReady;
  if (loadError) return { ok: false, fatal: true, restarted: true, error: /^The core/.test(loadError) ? loadError : `The WebAssembly core did not load: ${loadError}` };
  const id = nextCallId++;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      resolve({ id, ok: false, fatal: true, restarted: true, error: `The core took longer than ${WORKER_TIMEOUT_MS / 1000} s on this page and was stopped.` });
      restartWorker();
    }, WORKER_TIMEOUT_MS);
    pending.set(id, { resolve, timer });
    worker.postMessage({ id, ...msg }, transfer);
  });
}

function setStatus(kind, label) {
  els.status.className = `core-status ${kind}`;
  els.status.querySelector('.label').textContent = label;
}

// ---------------------------------------------------------------- input

/** Mirrors the core's charset rules (src/dom/html.rs) to show the same text in the frame. */
export function decodeBytes(bytes) {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), charset: 'UTF-8' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), charset: 'UTF-16BE' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), charset: 'UTF-16LE' };
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 1024)).toLowerCase();
  const re = /<meta[^>]*?charset\s*=\s*["']?([^"'\s;/>]+)/g;
  for (let m; (m = re.exec(head)); ) {
    let dec;
    try {
      dec = new TextDecoder(m[1]);
    } catch {
      continue;
    }
    if (dec.encoding.startsWith('utf-16')) dec = new TextDecoder('utf-8');
    // As in the core: non-ASCII bytes that are valid UTF-8 throughout are UTF-8, whatever a
    // (stale) declaration says.
    if (dec.encoding !== 'utf-8' && !isAscii(bytes)) {
      const utf8 = strictUtf8(bytes);
      if (utf8 !== null) return { text: utf8, charset: 'UTF-8' };
    }
    return { text: dec.decode(bytes), charset: dec.encoding };
  }
  const utf8 = strictUtf8(bytes);
  return utf8 !== null ? { text: utf8, charset: 'UTF-8' } : { text: new TextDecoder('windows-1252').decode(bytes), charset: 'windows-1252' };
}

/** The bytes as UTF-8, or null when they are not valid UTF-8. */
function strictUtf8(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function isAscii(bytes) {
  for (const b of bytes) if (b > 0x7f) return false;
  return true;
}

function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function showMessage(text, kind = 'error') {
  els.message.textContent = text;
  els.message.className = `message${kind === 'info' ? ' info' : ''}`;
  els.message.hidden = false;
}

function clearMessage() {
  els.message.hidden = true;
  els.message.textContent = '';
}

function setPressedDemo(name) {
  for (const b of document.querySelectorAll('.demo')) b.setAttribute('aria-pressed', String(b.dataset.demo === name));
}

async function runDemo(name) {
  setPressedDemo(name);
  let bytes;
  try {
    const res = await fetch(`demos/${encodeURIComponent(name)}.html`);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    showMessage(`The demo page "${name}" could not be loaded (${e.message}).`);
    return;
  }
  const title = document.querySelector(`.demo[data-demo="${CSS.escape(name)}"] .demo-title`)?.textContent ?? name;
  await run({ input: bytes, label: `Demo: ${title}`, size: bytes.length });
}

async function runFile(file) {
  setPressedDemo(null);
  if (!file) return;
  if (file.size > MAX_INPUT_BYTES) {
    showMessage(`"${file.name}" is ${formatBytes(file.size)}; the playground reads pages up to ${formatBytes(MAX_INPUT_BYTES)}.`);
    return;
  }
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    showMessage(`"${file.name}" could not be read: ${e.message}`);
    return;
  }
  await run({ input: bytes, label: file.name, size: bytes.length });
}

async function runPaste() {
  setPressedDemo(null);
  const text = els.paste.value;
  const size = new Blob([text]).size;
  if (size > MAX_INPUT_BYTES) {
    showMessage(`The pasted text is ${formatBytes(size)}; the playground reads pages up to ${formatBytes(MAX_INPUT_BYTES)}.`);
    return;
  }
  await run({ input: text, label: 'Pasted HTML', size });
}

function options() {
  const url = els.url.value.trim();
  return { dedupe: els.dedupe.checked, html: true, debug: true, ...(url ? { url } : {}) };
}

// ---------------------------------------------------------------- one run

let runSeq = 0;
/** State of the shown result (for hover and the Blocks list). */
let shown = null;

async function run({ input, label, size }) {
  const seq = ++runSeq;
  performance.mark('declutter:run');
  const t0 = performance.now();
  clearMessage();
  els.wrap.classList.add('busy');
  document.body.dataset.state = 'running';
  const opts = options();

  // Door 1: the bytes or text as given.
  const sent = input instanceof Uint8Array ? input.slice() : input;
  const first = await callWorker({ html: sent, options: opts }, sent instanceof Uint8Array ? [sent.buffer] : []);
  if (seq !== runSeq) return;
  if (!first.ok) return failCall(first);

  // Door 2: the page in the frame, walked.
  const decoded = input instanceof Uint8Array ? decodeBytes(input) : { text: input, charset: 'text' };
  let walk;
  try {
    walk = await loadAndWalk(decoded.text, opts.url);
  } catch (e) {
    return failRun(`The page could not be shown: ${e.message}`);
  }
  if (seq !== runSeq) return;
  const second = await callWorker({ snapshot: walk.snapshot, options: opts });
  if (seq !== runSeq) return;
  if (!second.ok) return failCall(second);

  const total = performance.now() - t0;
  const htmlResult = first.html.result;
  const snapResult = second.snapshot.result;
  shown = { result: snapResult, nodes: walk.nodes, htmlResult };
  els.wrap.classList.remove('busy');
  document.body.dataset.state = 'done';
  measure('stats', () => renderStats({ label, size, charset: decoded.charset, walk, total, htmlResult, snapResult }));
  measure('overlays', () => renderOverlays(snapResult, walk.nodes));
  measure('reader', () => renderReader(snapResult));
  measure('markdown', () => renderMarkdown(snapResult));
  // The JSON and Blocks tabs can be large (thousands of repeated blocks): drawn when shown.
  lazyPanels.clear();
  lazyPanels.set('panel-json', () => renderJson(snapResult));
  lazyPanels.set('panel-blocks', () => renderBlocks(snapResult, walk.nodes));
  renderVisibleLazyPanel();
  els.copy.disabled = false;
  finishRun();
  const notes = [];
  if ($('st-doors').dataset.agree === 'false') notes.push(`The two doors disagree on this page: ${$('st-doors').title.replace(/^.*? differ: /, '')}.`);
  if (!snapResult.main) notes.push('The core found no article on this page; nothing is outlined in green.');
  if (snapResult.messages?.length) notes.push(`Notes from the core: ${snapResult.messages.join(' · ')}`);
  if (notes.length) showMessage(notes.join(' '), 'info');
}

/** Runs `fn` under a named performance measure (visible in the browser's profiler). */
function measure(name, fn) {
  const start = performance.now();
  try {
    return fn();
  } finally {
    performance.measure(`declutter:${name}`, { start, end: performance.now() });
  }
}

/** Counts finished runs (tests and scripts wait on `data-runs`). */
function finishRun() {
  document.body.dataset.runs = String(Number(document.body.dataset.runs ?? 0) + 1);
}

/** A failed worker call: the core's own error (bad input), or a broken or stopped worker. */
function failCall(answer) {
  failRun(answer.fatal ? answer.error : `The core could not read this input: ${answer.error}`);
  // A trap may leave the instance broken: start a fresh one (unless that already happened).
  if (answer.fatal && !answer.restarted && !/did not load/.test(answer.error)) restartWorker();
}

function failRun(message) {
  els.wrap.classList.remove('busy');
  document.body.dataset.state = 'error';
  shown = null;
  showMessage(message);
  clearOutputs();
  finishRun();
}

function clearOutputs() {
  els.page.removeAttribute('srcdoc');
  els.page.src = 'about:blank';
  els.pageEmpty.hidden = false;
  els.reader.srcdoc = `<!DOCTYPE html><html><head><style>${READER_CSS}</style></head><body><main><p class="none">No result yet.</p></main></body></html>`;
  els.markdown.textContent = '';
  lazyPanels.clear();
  els.json.textContent = '';
  els.blocks.textContent = '';
  els.copy.disabled = true;
  for (const id of ['st-source', 'st-words', 'st-hidden', 'st-dups', 'st-core', 'st-total', 'st-doors']) {
    $(id).textContent = '–';
    $(id).className = '';
  }
}

/** Shows the page in the sandboxed frame and walks its DOM into a snapshot. */
async function loadAndWalk(source, url) {
  const frame = els.page;
  const { html, noscript } = prepareForFrame(source);
  await new Promise((resolve) => {
    frame.addEventListener('load', resolve, { once: true });
    frame.srcdoc = html;
  });
  const doc = frame.contentDocument;
  if (!doc || !doc.documentElement) throw new Error('the frame has no document');
  // The walk runs in slices so the playground keeps answering input on very large pages.
  const t0 = performance.now();
  const { snapshot, nodes, maxDepth } = await takeSnapshotSliced(doc, url, { noscript });
  performance.measure('declutter:walk', { start: t0, end: performance.now() });
  const ms = performance.now() - t0;
  els.pageEmpty.hidden = true;
  wireFrame(doc);
  return { snapshot, nodes, count: nodes.length, ms, maxDepth };
}

// ---------------------------------------------------------------- figures

function normText(s) {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}

function renderStats({ label, size, charset, walk, total, htmlResult, snapResult }) {
  $('st-source').innerHTML = '';
  $('st-source').append(label, ' ', small(`${formatBytes(size)} · ${charset}`));
  $('st-source').title = `${label}, ${formatBytes(size)}, ${charset}, ${walk.count} nodes`;
  $('st-words').replaceChildren(`${snapResult.words}`, ' ', small(`${snapResult.reading_minutes} min`));
  $('st-hidden').textContent = String(uniqueNodes(snapResult.hidden.map((h) => h.node)).length);
  $('st-dups').textContent = String(snapResult.duplicates.length);
  $('st-core').replaceChildren(`${fmtMs(snapResult.ms)}`, ' ', small(`from HTML ${fmtMs(htmlResult.ms)}`));
  $('st-core').title = `Time inside the core: extractSnapshot on the walked frame ${fmtMs(snapResult.ms)}; extractHtml on the bytes, parsing included, ${fmtMs(htmlResult.ms)}`;
  $('st-total').replaceChildren(`${fmtMs(total)}`, ' ', small(`walk ${fmtMs(walk.ms)}`));
  $('st-total').title = `From input to result, both doors; the DOM walk of ${walk.count} nodes took ${fmtMs(walk.ms)}`;
  const dd = $('st-doors');
  let diff = doorsDiffer(htmlResult, snapResult);
  if (diff && walk.maxDepth >= BROWSER_MAX_DEPTH) {
    diff += `. This page nests elements ${walk.maxDepth}+ deep: the browser flattens nesting beyond ${BROWSER_MAX_DEPTH} levels in its own way, which the core's HTML door does not reproduce exactly, so the two trees differ`;
  }
  dd.textContent = diff ? '✗ differ' : '✓ agree';
  dd.className = diff ? 'differ' : 'agree';
  dd.title = diff
    ? `extractHtml (door 1) and extractSnapshot (door 2) differ: ${diff}`
    : 'extractHtml (door 1, the bytes) and extractSnapshot (door 2, the walked frame) found the same article text, the same nodes to hide and the same repeats';
  dd.dataset.agree = String(!diff);
}

/** What differs between the two doors' results, or null when they agree. */
function doorsDiffer(h, s) {
  if (h.main !== s.main) return `door 1 picked node ${h.main}, door 2 node ${s.main}`;
  const a = normText(h.text);
  const b = normText(s.text);
  if (a !== b) {
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    return `the article texts differ from character ${i}: "${a.slice(i, i + 40)}" vs "${b.slice(i, i + 40)}"`;
  }
  const ids = (r) => r.hidden.map((x) => x.node).join(',');
  if (ids(h) !== ids(s)) return `hidden blocks differ (${h.hidden.length} vs ${s.hidden.length})`;
  const dups = (r) => r.duplicates.map((g) => g.copies.map((c) => `${c.node}${c.kept ? '+' : ''}`).join(',')).join(';');
  if (dups(h) !== dups(s)) return `repeat groups differ (${h.duplicates.length} vs ${s.duplicates.length})`;
  return null;
}

function small(text) {
  const s = document.createElement('small');
  s.textContent = text;
  return s;
}

function fmtMs(ms) {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

function uniqueNodes(ids) {
  return [...new Set(ids)];
}

// ---------------------------------------------------------------- overlays

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

function renderOverlays(r, nodes) {
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
      info(el).roles.push({ kind: 'main', node: r.main, text: `Article: the container with most of the page's prose` });
    }
  }
  for (const h of r.hidden) {
    const el = elementOf(nodes, h.node);
    if (!el) continue;
    el.setAttribute('data-dcl-hidden', '');
    info(el).roles.push({ kind: 'hidden', node: h.node, path: h.path, text: `Hidden: ${h.reason}` });
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
  if (!doc || !shown) return;
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

new ResizeObserver(() => placeBadges()).observe(els.page);
els.preview.addEventListener('change', () => {
  els.page.contentDocument?.documentElement.classList.toggle('dcl-preview', els.preview.checked);
  placeBadges();
});

/** Hover cards and inert links inside the frame. */
function wireFrame(doc) {
  let hovered = null;
  doc.addEventListener('click', (ev) => {
    // The frame is a preview: links and forms must not navigate it away.
    if (ev.target.closest?.('a, area, form, button, input')) ev.preventDefault();
  }, true);
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
    if (!hasFiles(ev)) return;
    dragDepth = 1;
    els.drop.hidden = false;
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
    p.textContent = Array.isArray(shown?.result?.debug) ? 'No scores for this block.' : 'Per-block scores: not in this build of the core.';
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

function fmtScore(v) {
  return Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) >= 100 ? 0 : 2);
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

// ---------------------------------------------------------------- result tabs

const READER_CSS = `
:root { color-scheme: light; }
body { margin: 0; background: #fbfaf8; color: #1f2328; font: 18px/1.65 Charter, "Iowan Old Style", "Palatino Linotype", Georgia, "Noto Serif", serif; }
main { max-width: 66ch; margin: 0 auto; padding: 28px 24px 60px; }
.meta { font: 14px/1.5 system-ui, sans-serif; color: #5d6672; margin: 0 0 22px; display: flex; flex-wrap: wrap; gap: 4px 14px; }
h1 { font-size: 1.75em; line-height: 1.2; margin: 0 0 10px; }
h2, h3 { line-height: 1.3; margin: 1.4em 0 .5em; }
img, video, figure { max-width: 100%; height: auto; }
a { color: #0f766e; }
blockquote { margin: 1em 0; padding-inline-start: 1em; border-inline-start: 3px solid #d0d7de; color: #444; }
pre { overflow: auto; background: #f0f2f5; padding: 12px; border-radius: 8px; font-size: 14px; }
table { border-collapse: collapse; } td, th { border: 1px solid #d0d7de; padding: 4px 8px; }
.none { font: 15px system-ui, sans-serif; color: #5d6672; padding: 40px 0; text-align: center; }
`;

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function renderReader(r) {
  const lang = r.lang ? ` lang="${escapeHtml(r.lang)}"` : '';
  const dir = r.dir ? ` dir="${escapeHtml(r.dir)}"` : '';
  let body;
  if (!r.html && !r.text) {
    body = '<p class="none">No article found on this page.</p>';
  } else {
    const tmp = document.createElement('template');
    tmp.innerHTML = r.html || r.text.split(/\n\n+/).map((p) => `<p>${escapeHtml(p)}</p>`).join('');
    const meta = document.createElement('p');
    meta.className = 'meta';
    for (const m of [r.byline, r.published && r.published.slice(0, 10), r.site_name, `${r.reading_minutes} min read`]) {
      if (!m) continue;
      const span = document.createElement('span');
      span.textContent = m;
      meta.append(span);
    }
    // The title heads the view once: the article's own <h1> if it has it, else ours.
    const h1 = tmp.content.querySelector('h1');
    if (h1 && (!r.title || normText(h1.textContent) === normText(r.title) || h1 === tmp.content.firstElementChild)) {
      h1.after(meta);
    } else {
      tmp.content.prepend(meta);
      if (r.title) {
        const t = document.createElement('h1');
        t.textContent = r.title;
        tmp.content.prepend(t);
      }
    }
    body = tmp.innerHTML;
  }
  els.reader.srcdoc = `<!DOCTYPE html><html${lang}${dir}><head><meta charset="utf-8"><style>${READER_CSS}</style></head><body><main>${body}</main></body></html>`;
  els.reader.addEventListener('load', () => {
    els.reader.contentDocument?.addEventListener('click', (ev) => {
      if (ev.target.closest?.('a')) ev.preventDefault();
    }, true);
  }, { once: true });
}

function renderMarkdown(r) {
  let md;
  if (typeof r.markdown === 'string' && r.markdown) md = r.markdown;
  else {
    const title = r.title ? `# ${r.title}\n\n` : '';
    const body = r.html ? htmlToMarkdown(r.html) : r.text;
    md = body.trimStart().startsWith('# ') ? body : title + body;
  }
  els.markdown.textContent = md;
}

/** Panels drawn on first view: id -> draw function (cleared once drawn). */
const lazyPanels = new Map();

function renderVisibleLazyPanel() {
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
  const main = r.main != null ? [{ kind: 'main', node: r.main, title: 'Article container', text: snippet(elementOf(nodes, r.main)) }] : [];
  section('Article', main);
  section('Repeated blocks', r.duplicates.flatMap((g, gi) => g.copies.map((c) => ({
    kind: 'dup',
    badge: String(gi + 1),
    node: c.node,
    path: c.path,
    title: `${g.kind.replace(/_/g, ' ')} · ${c.kept ? 'kept' : 'hidden'}`,
    text: snippet(elementOf(nodes, c.node)) || g.text,
  }))));
  section('Hidden clutter', r.hidden.map((h) => ({ kind: 'hidden', node: h.node, path: h.path, title: h.reason, text: snippet(elementOf(nodes, h.node)) })));
  if (Array.isArray(r.debug)) {
    const scored = r.debug.filter((d) => d && Number.isInteger(d.node)).slice().sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
    section('Scored blocks (debug)', scored.map((d) => ({
      kind: d.kept ? 'scored-in' : 'scored',
      node: d.node,
      title: `${typeof d.score === 'number' ? `score ${fmtScore(d.score)} · ` : ''}${d.reason ?? ''}${d.kept ? ' · in the article' : ''}`,
      text: snippet(elementOf(nodes, d.node)),
    })));
  }
}

/** Scrolls the frame to a node and flashes it. */
function revealNode(id) {
  const el = shown && elementOf(shown.nodes, id);
  if (!el) return;
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  el.setAttribute('data-dcl-hover', '');
  setTimeout(() => el.removeAttribute('data-dcl-hover'), 1200);
}

// ---------------------------------------------------------------- tabs, copy, drop

const tabs = [...document.querySelectorAll('[role="tab"]')];
function selectTab(tab, focus = false) {
  for (const t of tabs) {
    const on = t === tab;
    t.setAttribute('aria-selected', String(on));
    t.tabIndex = on ? 0 : -1;
    $(t.getAttribute('aria-controls')).hidden = !on;
  }
  renderVisibleLazyPanel();
  if (focus) tab.focus();
}
for (const t of tabs) {
  t.addEventListener('click', () => selectTab(t));
  t.addEventListener('keydown', (ev) => {
    const i = tabs.indexOf(t);
    const dirSign = { ArrowRight: 1, ArrowLeft: -1 }[ev.key];
    if (dirSign) selectTab(tabs[(i + dirSign + tabs.length) % tabs.length], true);
    else if (ev.key === 'Home') selectTab(tabs[0], true);
    else if (ev.key === 'End') selectTab(tabs[tabs.length - 1], true);
    else return;
    ev.preventDefault();
  });
}

els.copy.addEventListener('click', async () => {
  const tab = tabs.find((t) => t.getAttribute('aria-selected') === 'true').id;
  const r = shown?.result;
  if (!r) return;
  const text = { 'tab-reader': r.html, 'tab-markdown': els.markdown.textContent, 'tab-json': JSON.stringify(r, null, 2), 'tab-blocks': JSON.stringify(r, null, 2) }[tab];
  try {
    await navigator.clipboard.writeText(text ?? '');
    els.copy.textContent = 'Copied';
  } catch {
    els.copy.textContent = 'Copy failed';
  }
  setTimeout(() => { els.copy.textContent = 'Copy'; }, 1400);
});

els.runPaste.addEventListener('click', runPaste);
els.paste.addEventListener('keydown', (ev) => {
  if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
    ev.preventDefault();
    runPaste();
  }
});
els.file.addEventListener('change', () => {
  runFile(els.file.files[0]);
  els.file.value = '';
});
for (const b of document.querySelectorAll('.demo')) b.addEventListener('click', () => runDemo(b.dataset.demo));

let dragDepth = 0;
const hasFiles = (ev) => [...(ev.dataTransfer?.types ?? [])].includes('Files');
window.addEventListener('dragenter', (ev) => {
  if (!hasFiles(ev)) return;
  dragDepth++;
  els.drop.hidden = false;
});
window.addEventListener('dragleave', () => {
  if (--dragDepth <= 0) {
    dragDepth = 0;
    els.drop.hidden = true;
  }
});
window.addEventListener('dragover', (ev) => {
  if (hasFiles(ev)) ev.preventDefault();
});
window.addEventListener('drop', (ev) => {
  if (!hasFiles(ev)) return;
  ev.preventDefault();
  dragDepth = 0;
  els.drop.hidden = true;
  const files = ev.dataTransfer.files;
  if (files.length > 1) showMessage(`${files.length} files dropped; reading the first, "${files[0].name}".`, 'info');
  runFile(files[0]);
});

// ---------------------------------------------------------------- start

startWorker();
const initial = new URLSearchParams(location.hash.slice(1)).get('demo') ?? 'aggregator';
runDemo(document.querySelector(`.demo[data-demo="${CSS.escape(initial)}"]`) ? initial : 'aggregator');
