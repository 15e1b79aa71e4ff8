// Door 2 in the browser: reads a live Document into the compact snapshot the core's
// `extractSnapshot(text, ints, options)` takes (src/dom/snapshot.rs, `Packed`: every name and
// text back to back in one string, and per entry a few integers), and keeps the live node
// behind every entry so result ids (entry indexes) map straight back to elements.
//
// The walk follows the same rules as door 1 (src/dom/html.rs), so ids agree between doors:
// - preorder from document.documentElement; elements and text only (comments, doctype and
//   processing instructions are skipped; template contents live apart from the tree already);
// - a run of adjacent text siblings (comments between them skipped) is one entry, empty runs none;
// - the text of <style> and of <script> (but JSON-LD) is not sent;
// - <noscript>: the core parses with scripting on, so its content is one raw-text child. A
//   script-less frame parses it as markup instead, and in <head> that markup can even end the
//   head early (an <img> pixel starts the body), so the frame gets the page from
//   `prepareForFrame`: each <noscript> becomes an inert <template data-declutter-noscript=i>
//   and the walk sends it back as <noscript> with its raw source text. A <noscript> the
//   preparation missed is sent with its parsed markup as that one text child.
// The extension's content script (extension/content/content.js) applies the same rules to a
// live page with scripting on; it is a classic script injected into pages and keeps its own
// copy of the walk, so this module serves the playground (and anyone walking a script-less
// document).
// The loop is iterative (firstChild / nextSibling / parentNode): no recursion on DOM depth.

const ELEMENT = 1;
/** Marks a <noscript> that `prepareForFrame` made inert; the value indexes the raw texts. */
const NOSCRIPT_ATTR = 'data-declutter-noscript';

/**
 * Readies HTML for a frame without scripts so its tree matches door 1's (scripting on): every
 * <noscript>…</noscript> becomes an inert <template> whose raw content is kept aside.
 * Returns `{html, noscript}`; pass `noscript` to the walk.
 */
export function prepareForFrame(html) {
  const noscript = [];
  const out = html.replace(/<noscript\b([^>]*)>([\s\S]*?)<\/noscript\s*>/gi, (_, attrs, raw) => {
    noscript.push(raw);
    return `<template ${NOSCRIPT_ATTR}="${noscript.length - 1}"${attrs}></template>`;
  });
  return { html: out, noscript };
}
// Only the attributes the core reads are taken (src/dom/mod.rs, READ_ATTRS, the one rule door
// 1 applies too; tests/attr_rule.rs fails when this copy differs).
const READ_ATTRS = new Set([
  'accent', 'accentunder', 'allowfullscreen', 'alt', 'aria-hidden', 'cite', 'class', 'close',
  'colspan', 'columnalign', 'columnspan', 'content', 'controls', 'data-hi-res-src', 'data-lazy',
  'data-lazy-src', 'data-lazy-srcset', 'data-original', 'data-src', 'data-srcset', 'data-url',
  'datetime', 'depth', 'dir', 'display', 'displaystyle', 'encoding', 'fence', 'form', 'headers',
  'height', 'hidden', 'href', 'http-equiv', 'id', 'itemprop', 'itemtype', 'kind', 'label', 'lang', 'largeop',
  'linethickness', 'lspace', 'mathsize', 'mathvariant', 'maxsize', 'media', 'minsize',
  'movablelimits', 'name', 'notation', 'open', 'poster', 'property', 'pubdate', 'rel', 'reversed',
  'role', 'rowalign', 'rowspan', 'rspace', 'scope', 'scriptlevel', 'separator', 'separators',
  'sizes', 'src', 'srclang', 'srcset', 'start', 'stretchy', 'style', 'symmetric', 'title', 'type',
  'value', 'voffset', 'width', 'xml:lang', 'xmlns'
]);

const TEXT = 3;
const CDATA = 4;

/** Mirrors `Walk::keeps_text_of` in src/dom/mod.rs. */
function keepsTextOf(tag, typeAttr) {
  if (tag === 'style') return false;
  if (tag === 'script') return !!typeAttr && typeAttr.toLowerCase().includes('ld+json');
  return true;
}

function isText(n) {
  return n.nodeType === TEXT || n.nodeType === CDATA;
}

/**
 * A resumable walk of `doc`: `step(deadline)` walks until `performance.now()` passes `deadline`
 * and returns true once the whole document is read; `result()` then gives `{snapshot, nodes,
 * maxDepth}`:
 * `snapshot` is `{url, text, ints}` for `extractSnapshot(text, ints, {url})` (`ints`: decimals
 * joined by commas), `nodes[i]` the live node of
 * entry `i` (for a merged text run, its first text node). The document must not change
 * between steps (the playground's frame runs no scripts).
 */
export function walker(doc, url, noscript = []) {
  const root = doc.documentElement;
  // Per entry: a head `2 * (parent + 1) + kind` (0 element, 1 text), then for an element its
  // tag name's length, its attribute count and each name's and value's length; for a text its
  // length. The strings themselves go to `strs`, in the same order. Lengths are UTF-16 units.
  const strs = [];
  const ints = [];
  const nodes = [];
  // Deepest element nesting seen (Chromium's parser flattens beyond 512; html5ever does not).
  let maxDepth = 0;
  const result = () => ({ snapshot: { url: url ?? null, text: strs.join(''), ints: ints.join(',') }, nodes, maxDepth });
  if (!root) return { step: () => true, result };

  // Stack of entry indexes of the open elements, parallel to the DOM ancestry of `cur`.
  const open = [];
  // Per open element: does it keep its text (false inside style / non-JSON-LD script)?
  const keep = [];
  // The position in `ints` of the length of the text run being built under the innermost open
  // element, or -1.
  let run = -1;
  let cur = root;
  let finished = false;

  const parent = () => (open.length ? open[open.length - 1] : -1);
  const addText = (p, data) => {
    ints.push(2 * (p + 1) + 1, data.length);
    strs.push(data);
    nodes.push(cur);
    return ints.length - 1;
  };
  const addElement = (el) => {
    let tag = el.localName.toLowerCase();
    const attrs = [];
    for (const a of el.attributes) {
      if (a.localName === NOSCRIPT_ATTR && tag === 'template') tag = 'noscript';
      else if (READ_ATTRS.has(a.localName.toLowerCase())) attrs.push(a.localName, a.value);
    }
    ints.push(2 * (parent() + 1), tag.length, attrs.length / 2);
    strs.push(tag);
    for (const a of attrs) {
      ints.push(a.length);
      strs.push(a);
    }
    nodes.push(el);
    return tag;
  };

  /** Visits `cur`; returns false when the walk is over. */
  const visit = () => {
    if (cur.nodeType === ELEMENT) {
      const tag = addElement(cur);
      const idx = nodes.length - 1;
      const keeps = (keep.length === 0 || keep[keep.length - 1]) && keepsTextOf(tag, cur.getAttribute('type'));
      run = -1;
      if (tag === 'noscript') {
        // One raw-text child, as the scripting-enabled parser of door 1 makes it.
        const kept = cur.localName === 'template' ? noscript[Number(cur.getAttribute(NOSCRIPT_ATTR))] : undefined;
        const raw = kept ?? cur.innerHTML;
        if (raw && keeps) addText(idx, raw);
      } else if (cur.firstChild) {
        open.push(idx);
        keep.push(keeps);
        if (open.length > maxDepth) maxDepth = open.length;
        cur = cur.firstChild;
        return true;
      }
    } else if (isText(cur)) {
      const keeps = keep.length === 0 || keep[keep.length - 1];
      const data = cur.data;
      if (keeps && data) {
        if (run >= 0) {
          ints[run] += data.length;
          strs.push(data);
        } else {
          run = addText(parent(), data);
        }
      }
    }
    // Comments, processing instructions and the like are skipped without breaking a text run.

    // Move to the next node in preorder, closing elements on the way up.
    while (!cur.nextSibling) {
      if (open.length === 0 || cur === root) return false;
      cur = cur.parentNode;
      open.pop();
      keep.pop();
      run = -1;
      if (cur === root) return false;
    }
    if (cur === root) return false;
    cur = cur.nextSibling;
    // A new sibling element ends the current text run; a text sibling continues it.
    if (cur.nodeType === ELEMENT) run = -1;
    return true;
  };

  const step = (deadline = Infinity) => {
    // Check the clock every few hundred nodes only: reading it costs more than a visit.
    while (!finished) {
      for (let i = 0; i < 512; i++) {
        if (!visit()) {
          finished = true;
          return true;
        }
      }
      if (performance.now() >= deadline) return false;
    }
    return true;
  };
  return { step, result };
}

/** Walks `doc` in one go; see `walker` for the result. */
export function takeSnapshot(doc, url, noscript = []) {
  const w = walker(doc, url, noscript);
  w.step();
  return w.result();
}

/**
 * Walks `doc` in slices of about `sliceMs`, yielding to the event loop between them, so a
 * 5 MB page does not block the page's input handling for the whole walk.
 */
export async function takeSnapshotSliced(doc, url, { sliceMs = 12, noscript = [] } = {}) {
  const w = walker(doc, url, noscript);
  while (!w.step(performance.now() + sliceMs)) await yieldToEventLoop();
  return w.result();
}

/** Lets pending input and rendering run (setTimeout would be clamped to 4 ms per slice). */
function yieldToEventLoop() {
  if (globalThis.scheduler?.yield) return globalThis.scheduler.yield();
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve();
    ch.port2.postMessage(0);
  });
}

/** The element a result id names: the entry's element, or a text entry's parent element. */
export function elementOf(nodes, id) {
  const n = nodes[id];
  if (!n) return null;
  return n.nodeType === ELEMENT ? n : n.parentElement;
}
