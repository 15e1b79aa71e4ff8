// The page walk: reads a document into the snapshot the core's `extractSnapshot(text, ints,
// options)` takes, and keeps the node behind every entry so result ids (entry indexes) map
// straight back to elements. The one walk of the project: the extension's content script reads
// the live page with it, the playground its script-less frame.
//
// Walk rules (the core's, src/dom/mod.rs `Walk`, so ids agree with the HTML input's): document
// order from the document element; comments, doctype, processing instructions and template
// contents skipped; the text of the elements in UNREAD_TEXT left out (style, and script but
// JSON-LD); adjacent text siblings (also across a skipped comment) merged into one entry;
// empty text dropped; only the attributes the core reads (READ_ATTRS), by their local names
// (`xlink:href` on SVG is `href` there). Shadow trees (open or closed) are not read: the
// snapshot is the light DOM, the tree the core would build from the page's HTML; slotted
// light children are read. `<noscript>` holds one raw-text child, as the core parses with
// scripting on: a live page has that already; a script-less document parsed its markup, which
// is sent back as text (and see `prepareForFrame`). An explicit stack, so a page nested
// 100,000 deep cannot overflow ours.
//
// The walk may run on a page's main thread, so it is bounded: past `maxNodes` entries or
// `budgetMs` of walking it stops, and the page's first nodes (a valid tree: parents come
// first) go to the core with a note (`cut`). Attribute values past MAX_ATTR_CHARS, attributes
// past MAX_ATTRS per element and text past MAX_TEXT_CHARS per entry are left out: no
// heuristic reads a 4 MB attribute or a 1 MB run of log text, but copying one costs the tab.
//
// The snapshot is in the compact form (src/dom/snapshot.rs, `Packed`): all strings in order,
// joined into `text`; per entry a few integers in `ints` (decimals joined by the separator):
// no object per node, and one string and one string of numbers to send.

import { PACKED, READ_ATTRS, UNREAD_TEXT } from '../pkg/contracts.js';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

const MAX_ATTR_CHARS = 65_536;
const MAX_ATTRS = 1_000;
const MAX_TEXT_CHARS = 1_000_000;
// The clock is read every WALK_CHECK nodes only: reading it costs more than a step.
const WALK_CHECK = 128;
// A big page is walked in slices of SLICE_MS with the page's own tasks (input, rendering) in
// between, so reading it never holds the main thread long.
const SLICE_MS = 12;

const KEPT_ATTRS = new Set(READ_ATTRS);
/** tag -> the `type` part that makes its text readable (null: never). */
const UNREAD = new Map(UNREAD_TEXT);
/** Marks a `<template>` that `prepareForFrame` made of a `<noscript>`; the value indexes its raw text. */
const NOSCRIPT_ATTR = 'data-declutter-noscript';

/** Whether the text inside an element is read (src/dom/mod.rs `Walk::keeps_text_of`). */
function keepsText(el) {
  const except = UNREAD.get(el.localName);
  if (except === undefined) return true;
  return except !== null && (el.getAttribute('type') ?? '').toLowerCase().includes(except);
}

/** Keeps a string's first `room` UTF-16 units, never half a surrogate pair. */
function clipPair(t, room) {
  if (t.length <= room) return t;
  const c = t.charCodeAt(room - 1);
  return t.slice(0, c >= 0xd800 && c < 0xdc00 ? room - 1 : room);
}

const capAttr = (v) => (v.length > MAX_ATTR_CHARS ? clipPair(v, MAX_ATTR_CHARS) : v);

/**
 * @typedef {object} WalkLimits
 * @property {number} [maxNodes] entries at most (the page's first ones)
 * @property {number} [budgetMs] milliseconds of walking at most, over all slices
 */

/**
 * @typedef {object} WalkOptions
 * @property {Document} [doc] the document to read (default: this page's)
 * @property {string | null} [url] the page's URL, sent with the snapshot
 * @property {(el: Element) => boolean} [skip] elements left out with their subtree (our own)
 * @property {string[]} [noscript] raw texts of the `<noscript>` elements `prepareForFrame` took out
 */

/** @typedef {{url: string | null, text: string, ints: string}} PackedSnapshot */
/** @typedef {{nodes: number, reason: string}} WalkCut */

/**
 * @typedef {object} WalkResult
 * @property {PackedSnapshot} snap the snapshot for the core
 * @property {WalkCut | null} cut null, or why and where a limit stopped the walk
 * @property {Node[]} nodes the node behind each entry (a merged text run: its first text node)
 * @property {number} maxDepth the deepest element nesting seen
 */

/**
 * A walk that can stop at a deadline and go on later from where it was:
 * `run(deadline)` returns true once done (whole, or cut by a limit); `finish()` gives the result.
 * @param {WalkLimits & WalkOptions} [options]
 */
export function startWalk({
  maxNodes = Infinity,
  budgetMs = Infinity,
  doc = document,
  url = doc.location?.href ?? null,
  skip = () => false,
  noscript = [],
} = {}) {
  const root = doc.documentElement;
  if (!root) throw new Error('the page has no document element');
  const strs = [];
  const ints = [];
  const nodes = [];
  let count = 0; // entries so far
  let maxDepth = 0;
  /** @type {WalkCut | null} */
  let cut = null;

  /** Adds an element entry under entry `p`; returns its index. */
  const pushElement = (el, p, tag = el.localName) => {
    strs.push(tag);
    // head (parent, element), tag length, attribute count (set below)
    ints.push(PACKED.kinds * (p + 1) + PACKED.element, tag.length, 0);
    const at = ints.length - 1;
    const s0 = strs.length;
    let n = 0;
    // Names and values as strings (no Attr node made per attribute: the walk runs cold on
    // every page). A name with a colon may be a prefixed one whose local name differs
    // (`xlink:href`): those elements take the Attr path. Compared lower-cased, as the core's
    // builder lower-cases names.
    const names = el.getAttributeNames();
    for (let i = 0; i < names.length && i < MAX_ATTRS; i++) {
      const name = names[i];
      if (name.includes(':')) {
        strs.length = s0;
        ints.length = at + 1;
        n = 0;
        const attrs = el.attributes;
        for (let j = 0; j < attrs.length && j < MAX_ATTRS; j++) {
          const a = attrs[j];
          const k = a.localName;
          if (!KEPT_ATTRS.has(k.toLowerCase())) continue;
          const v = capAttr(a.value);
          strs.push(k, v);
          ints.push(k.length, v.length);
          n++;
        }
        break;
      }
      if (!KEPT_ATTRS.has(name.toLowerCase())) continue;
      const v = capAttr(el.getAttribute(name));
      strs.push(name, v);
      ints.push(name.length, v.length);
      n++;
    }
    ints[at] = n;
    nodes.push(el);
    return count++;
  };
  /** Adds a text entry under entry `p`; returns the position of its length in `ints`. */
  const pushText = (node, p, data) => {
    const x = clipPair(data, MAX_TEXT_CHARS);
    strs.push(x);
    ints.push(PACKED.kinds * (p + 1) + PACKED.text, x.length);
    nodes.push(node);
    count++;
    return ints.length - 1;
  };
  /** A `<noscript>`'s content as the one raw text the core expects, or undefined when it has
   * that already (a live page). */
  const noscriptText = (el) => {
    if (el.localName === 'template') return noscript[Number(el.getAttribute(NOSCRIPT_ATTR))] ?? '';
    return el.firstElementChild ? el.innerHTML : undefined;
  };

  const stack = [
    {
      idx: pushElement(root, -1),
      next: root.firstChild,
      keepText: keepsText(root),
      text: -1,
    },
  ];
  let spent = 0; // ms of walking so far, over all slices
  /** @param {number} deadline */
  const run = (deadline) => {
    const started = performance.now();
    const stopAt = Math.min(deadline, started + budgetMs - spent);
    let steps = 0;
    try {
      while (stack.length) {
        if (count >= maxNodes) {
          cut = { nodes: count, reason: `more than ${maxNodes} nodes` };
          return true;
        }
        if (++steps % WALK_CHECK === 0 && performance.now() > stopAt) {
          if (spent + performance.now() - started < budgetMs) return false;
          cut = {
            nodes: count,
            reason: `over the ${budgetMs} ms reading budget`,
          };
          return true;
        }
        const f = stack[stack.length - 1];
        /** @type {any} Element, Text or another node */
        const n = f.next;
        if (!n) {
          stack.pop();
          continue;
        }
        f.next = n.nextSibling;
        const type = n.nodeType;
        if (type === ELEMENT_NODE) {
          if (skip(n)) continue;
          f.text = -1;
          const tag = n.localName;
          const raw = tag === 'noscript' || (tag === 'template' && n.hasAttribute(NOSCRIPT_ATTR)) ? noscriptText(n) : undefined;
          const idx = pushElement(n, f.idx, raw === undefined ? tag : 'noscript');
          const keepText = f.keepText && keepsText(n);
          if (raw !== undefined) {
            if (raw !== '' && keepText && count < maxNodes) pushText(n, idx, raw);
            continue;
          }
          // A template's children live in its content fragment, which the walk leaves out.
          const first = tag === 'template' ? null : n.firstChild;
          stack.push({ idx, next: first, keepText, text: -1 });
          if (stack.length > maxDepth) maxDepth = stack.length;
        } else if (type === TEXT_NODE || type === CDATA_SECTION_NODE) {
          if (!f.keepText) continue;
          const data = n.data;
          if (data === '') continue;
          if (f.text >= 0) {
            // The text entry is the last one: its length is the last integer.
            const len = ints[f.text];
            if (len < MAX_TEXT_CHARS) {
              const more = clipPair(data, MAX_TEXT_CHARS - len);
              strs.push(more);
              ints[f.text] = len + more.length;
            }
          } else {
            f.text = pushText(n, f.idx, data);
          }
        }
      }
      return true;
    } finally {
      spent += performance.now() - started;
    }
  };
  /** @returns {WalkResult} */
  const finish = () => ({
    // The integers as one string: Chromium's messages copy an array value by value, several
    // times slower than one string.
    snap: { url, text: strs.join(''), ints: ints.join(PACKED.separator) },
    cut,
    nodes,
    maxDepth,
  });
  return { run, finish };
}

/**
 * The whole walk in one task (within the limits).
 * @param {WalkLimits & WalkOptions} [options]
 */
export function walk(options) {
  const w = startWalk(options);
  w.run(Infinity);
  return w.finish();
}

/** Lets the page's own tasks (input, rendering) run: one task later, unclamped. */
/** @returns {Promise<void>} */
const nextTask = () =>
  new Promise((ok) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => ok();
    ch.port2.postMessage(null);
  });

/**
 * The walk in slices of SLICE_MS, yielding between them. Ids must describe one tree: if the
 * document changes while we wait, the walk starts over and runs in one go.
 * @param {WalkLimits & WalkOptions} [options]
 * @returns {Promise<WalkResult>}
 */
export async function walkSliced(options = {}) {
  const w = startWalk(options);
  if (w.run(performance.now() + SLICE_MS)) return w.finish();
  const doc = options.doc ?? document;
  const changes = new (doc.defaultView ?? globalThis).MutationObserver(() => {});
  changes.observe(doc, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
  });
  try {
    for (;;) {
      await nextTask();
      if (changes.takeRecords().length) return walk(options);
      if (w.run(performance.now() + SLICE_MS)) return w.finish();
    }
  } finally {
    changes.disconnect();
  }
}

/**
 * Readies HTML for a frame without scripts so that its tree matches the core's (which parses
 * with scripting on): a script-less parser reads `<noscript>` content as markup, and in
 * `<head>` that markup can even end the head early (an `<img>` pixel starts the body). Each
 * `<noscript>…</noscript>` becomes an inert `<template>` whose raw content is kept aside;
 * pass `noscript` to the walk, which sends it back as the `<noscript>` the core would see.
 * @param {string} html
 * @returns {{html: string, noscript: string[]}}
 */
export function prepareForFrame(html) {
  const noscript = [];
  const out = html.replace(/<noscript\b([^>]*)>([\s\S]*?)<\/noscript\s*>/gi, (_, attrs, raw) => {
    noscript.push(raw);
    return `<template ${NOSCRIPT_ATTR}="${noscript.length - 1}"${attrs}></template>`;
  });
  return { html: out, noscript };
}

/**
 * The element a result id names: the entry's element, or a text entry's parent element.
 * @param {Node[]} nodes
 * @param {number} id
 * @returns {Element | null}
 */
export function elementOf(nodes, id) {
  const n = Number.isInteger(id) ? nodes[id] : undefined;
  if (!n) return null;
  return n.nodeType === ELEMENT_NODE ? /** @type {Element} */ (n) : n.parentElement;
}

/**
 * @typedef {object} SnapshotEntry the JSON form of one entry (src/dom/snapshot.rs `SnapNode`)
 * @property {number} p the parent entry's index (-1: the root)
 * @property {string} [t] an element's tag
 * @property {[string, string][]} [a] an element's attributes
 * @property {string} [x] a text entry's text
 */

/**
 * Decodes a packed snapshot into its entries (the JSON form), for tests that look at single
 * entries or give the JSON input the same page.
 * @param {{text: string, ints: string}} snap
 * @returns {SnapshotEntry[]}
 */
export function decodePacked({ text, ints: wire }) {
  const ints = wire === '' ? [] : wire.split(PACKED.separator).map(Number);
  const entries = [];
  let at = 0;
  let pos = 0;
  const take = (n) => text.slice(pos, (pos += n));
  while (at < ints.length) {
    const head = ints[at++];
    const p = Math.floor(head / PACKED.kinds) - 1;
    if (head % PACKED.kinds === PACKED.element) {
      const t = take(ints[at++]);
      const a = [];
      for (let k = ints[at++]; k > 0; k--) {
        const name = take(ints[at++]);
        a.push([name, take(ints[at++])]);
      }
      entries.push({ p, t, a });
    } else entries.push({ p, x: take(ints[at++]) });
  }
  return entries;
}
