// Progressive rendering of the reader view: the first frame shows the header and about a
// screenful of the article; the rest follows a frame at a time. Laying out a long article at
// once would hold the page's main thread (and the first paint) for as long as the whole text
// takes; the reader sees the top first. Nothing unfiltered reaches the page: the held-back
// blocks wait in the inert document and are filtered just before they are adopted.

import { adopt, filter } from './sanitize.js';

// Characters of article text in the first frame (a screenful at most text sizes and widths).
const FIRST_CHARS = 3000;
// A block longer than this where the first frame's text ends is split too (see firstPart).
const SPLIT_CHARS = 2 * FIRST_CHARS;
// Characters per later frame: enough to finish a long article in a few frames, few enough
// that one frame's layout stays short.
const LATER_CHARS = 30000;
// A frame that does not come (a tab in the background) does not hold the rest back longer.
const FRAME_WAIT_MS = 100;

/** @typedef {{blocks: Node[], parents: (Node | null)[]}} HeldBack */

/**
 * Splits the inert article `body`: the blocks after the first FIRST_CHARS characters are
 * taken out (unfiltered, still inert); the rest is filtered and adopted into a fragment of
 * `doc`. Returns {frag, rest}: the held-back blocks in document order and for each the element
 * it goes back into (null: the article itself), or null when nothing is held back.
 * @param {HTMLElement} body
 * @param {Document} [doc]
 * @returns {{frag: DocumentFragment, rest: HeldBack | null}}
 */
export function firstPart(body, doc = document) {
  // The blocks are the children of the innermost lone wrapper (an article may come as one <div>).
  let box = /** @type {Node} */ (body);
  while (box.childNodes.length === 1 && box.firstChild.nodeType === Node.ELEMENT_NODE && box.firstChild.firstChild) box = box.firstChild;
  // Held-back blocks per level, outermost first. A block that alone runs past SPLIT_CHARS (an
  // article in two wrappers, a short lead and the whole body) is split in turn, one level
  // down: else the first frame would lay out the whole article.
  const levels = [];
  let chars = 0;
  for (;;) {
    const blocks = [...box.childNodes];
    let k = 0;
    let inner = null;
    while (k < blocks.length && chars < FIRST_CHARS) {
      const n = blocks[k++];
      const len = n.textContent.length;
      if (chars + len > SPLIT_CHARS && n.nodeType === Node.ELEMENT_NODE && /** @type {Element} */ (n).firstElementChild) {
        inner = n;
        break;
      }
      chars += len;
    }
    levels.push({ box, held: blocks.slice(k) });
    if (!inner) break;
    box = inner;
  }
  // Document order: what a deeper level holds back comes before its parent's later blocks.
  const blocks = [];
  const parents = [];
  for (const { box: b, held } of levels.reverse()) {
    for (const n of held) {
      n.parentNode.removeChild(n);
      blocks.push(n);
      parents.push(b === body ? null : b);
    }
  }
  filter(body);
  const frag = adopt(body, doc);
  return { frag, rest: blocks.length ? { blocks, parents } : null };
}

/** Runs `fn` in a task after the next frame is drawn (or after FRAME_WAIT_MS without one). */
function afterFrame(fn) {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    fn();
  };
  const timer = setTimeout(run, FRAME_WAIT_MS);
  requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = run;
    ch.port2.postMessage(null);
  });
}

/**
 * Appends the held-back blocks into `article` (or their own wrappers), LATER_CHARS per frame;
 * resolves when all are in, or when `host` left the page (the view was closed).
 * @param {Element} host
 * @param {Element} article
 * @param {HeldBack} rest
 * @returns {Promise<void>}
 */
export function appendLater(host, article, { blocks, parents }) {
  const doc = article.ownerDocument;
  return new Promise((resolve) => {
    let k = 0;
    const step = () => {
      if (!host.isConnected) return resolve();
      let chars = 0;
      const start = k;
      while (k < blocks.length && (k === start || chars < LATER_CHARS)) chars += blocks[k++].textContent.length;
      // Filtered in the inert document, then adopted.
      for (let j = start; j < k; j++) {
        const n = filter(blocks[j]);
        if (n) (parents[j] ?? article).appendChild(doc.adoptNode(n));
      }
      if (k < blocks.length) afterFrame(step);
      else resolve();
    };
    afterFrame(step);
  });
}
