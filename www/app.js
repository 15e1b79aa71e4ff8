// The playground page: input, the core's two inputs (in a worker), overlays, result tabs.
//
// Flow of one run:
// 1. the input (pasted text, file bytes, a demo's bytes) goes to the worker's `extractHtml`
//    (the HTML input); a core error (empty, binary) stops here with a message;
// 2. the page is shown in a script-less sandboxed frame; its DOM is read by the extension's
//    page walk (extension/content/walk.js) and the worker runs `extractSnapshot` on it (the
//    live-page input);
// 3. result ids index the walked node list, so the overlays land on the right elements;
//    both inputs' results are compared ("Inputs agree").
import { prepareForFrame, walkSliced } from '../extension/content/walk.js';
import { callWorker, restartWorker, startWorker } from './core-client.js';
import { decodeBytes } from './decode.js';
import { fmtMs, formatBytes, measure, normText } from './format.js';
import { clearOverlays, renderOverlays, wireFrame } from './overlays.js';
import { clearPanels, renderPanels, renderVisibleLazyPanel } from './panels.js';

/** Larger inputs are refused with a message (the playground is for single pages). */
const MAX_INPUT_BYTES = 25 * 1024 * 1024;
/** Chromium's HTML parser stops nesting elements at this depth (the core flattens too, differently). */
const BROWSER_MAX_DEPTH = 512;

/** An element of the page by id (any: the page's own elements, of known kinds). */
const $ = (id) => /** @type {any} */ (document.getElementById(id));
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
  markdown: $('markdown'),
  copy: $('copy'),
  drop: $('drop'),
};

function setStatus(kind, label) {
  els.status.className = `core-status ${kind}`;
  els.status.querySelector('.label').textContent = label;
}

// ---------------------------------------------------------------- input

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
  for (const b of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('.demo'))) b.setAttribute('aria-pressed', String(b.dataset.demo === name));
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
  return { dedupe: els.dedupe.checked, html: true, markdown: true, debug: true, ...(url ? { url } : {}) };
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

  // The HTML input: the bytes or text as given.
  const sent = input instanceof Uint8Array ? input.slice() : input;
  const first = await callWorker({ html: sent, options: opts }, sent instanceof Uint8Array ? [sent.buffer] : []);
  if (seq !== runSeq) return;
  if (!first.ok) return failCall(first);

  // The live-page input: the page in the frame, walked.
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
  renderPanels(snapResult, walk.nodes);
  els.copy.disabled = false;
  finishRun();
  const notes = [];
  if ($('st-inputs').dataset.agree === 'false') notes.push(`The two inputs disagree on this page: ${$('st-inputs').title.replace(/^.*? differ: /, '')}.`);
  if (!snapResult.main) notes.push('The core found no article on this page; nothing is outlined in green.');
  if (snapResult.messages?.length) notes.push(`Notes from the core: ${snapResult.messages.join(' · ')}`);
  if (notes.length) showMessage(notes.join(' '), 'info');
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
  clearOverlays();
  clearPanels();
  els.copy.disabled = true;
  for (const id of ['st-source', 'st-words', 'st-hidden', 'st-dups', 'st-core', 'st-total', 'st-inputs']) {
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
  const { snap: snapshot, nodes, maxDepth } = await walkSliced({ doc, url: url ?? null, noscript });
  performance.measure('declutter:walk', { start: t0, end: performance.now() });
  const ms = performance.now() - t0;
  els.pageEmpty.hidden = true;
  wireFrame(doc, () => {
    dragDepth = 1;
    els.drop.hidden = false;
  });
  return { snapshot, nodes, count: nodes.length, ms, maxDepth };
}

// ---------------------------------------------------------------- figures

function renderStats({ label, size, charset, walk, total, htmlResult, snapResult }) {
  $('st-source').innerHTML = '';
  $('st-source').append(label, ' ', small(`${formatBytes(size)} · ${charset}`));
  $('st-source').title = `${label}, ${formatBytes(size)}, ${charset}, ${walk.count} nodes`;
  $('st-words').replaceChildren(`${snapResult.words}`, ' ', small(`${snapResult.reading_minutes} min`));
  $('st-hidden').textContent = String(uniqueNodes(snapResult.hidden.map((h) => h.node)).length);
  $('st-dups').textContent = String(snapResult.duplicates.length);
  $('st-core').replaceChildren(`${fmtMs(snapResult.ms)}`, ' ', small(`from HTML ${fmtMs(htmlResult.ms)}`));
  $('st-core').title =
    `Time inside the core: extractSnapshot on the walked frame ${fmtMs(snapResult.ms)}; extractHtml on the bytes, parsing included, ${fmtMs(htmlResult.ms)}`;
  $('st-total').replaceChildren(`${fmtMs(total)}`, ' ', small(`walk ${fmtMs(walk.ms)}`));
  $('st-total').title = `From input to result, both inputs; the DOM walk of ${walk.count} nodes took ${fmtMs(walk.ms)}`;
  const dd = $('st-inputs');
  let diff = inputsDiffer(htmlResult, snapResult);
  if (diff && walk.maxDepth >= BROWSER_MAX_DEPTH) {
    diff += `. This page nests elements ${walk.maxDepth}+ deep: the browser flattens nesting beyond ${BROWSER_MAX_DEPTH} levels in its own way, which the core's HTML input does not reproduce exactly, so the two trees differ`;
  }
  dd.textContent = diff ? '✗ differ' : '✓ agree';
  dd.className = diff ? 'differ' : 'agree';
  dd.title = diff
    ? `extractHtml (the HTML bytes) and extractSnapshot (the walked frame) differ: ${diff}`
    : 'extractHtml (the HTML bytes) and extractSnapshot (the walked frame) found the same article text, the same nodes to hide and the same repeats';
  dd.dataset.agree = String(!diff);
}

/** What differs between the two inputs' results, or null when they agree. */
function inputsDiffer(h, s) {
  if (h.main !== s.main) return `the HTML input picked node ${h.main}, the walked frame node ${s.main}`;
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

function uniqueNodes(ids) {
  return [...new Set(ids)];
}

// ---------------------------------------------------------------- tabs, copy, drop

const tabs = [.../** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[role="tab"]'))];
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
  t.addEventListener('keydown', (/** @type {KeyboardEvent} */ ev) => {
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
  const text = {
    'tab-reader': r.html,
    'tab-markdown': els.markdown.textContent,
    'tab-json': JSON.stringify(r, null, 2),
    'tab-blocks': JSON.stringify(r, null, 2),
  }[tab];
  try {
    await navigator.clipboard.writeText(text ?? '');
    els.copy.textContent = 'Copied';
  } catch {
    els.copy.textContent = 'Copy failed';
  }
  setTimeout(() => {
    els.copy.textContent = 'Copy';
  }, 1400);
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
for (const b of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('.demo'))) b.addEventListener('click', () => runDemo(b.dataset.demo));

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

startWorker(setStatus);
const initial = new URLSearchParams(location.hash.slice(1)).get('demo') ?? 'aggregator';
runDemo(document.querySelector(`.demo[data-demo="${CSS.escape(initial)}"]`) ? initial : 'aggregator');
