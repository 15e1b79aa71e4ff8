// In-place declutter: the core's result as marks on the live page. The background injects one
// stylesheet hiding the marked blocks (shared/marks.js); here we only set the attributes, and
// later remove them, remembering any value the page had. While it is on, a watch hides the
// clutter the page keeps inserting.

import { REPORT_CHARS } from '../pkg/contracts.js';
import { HIDDEN_SELECTOR, isOwn, MARK, MARK_ATTR } from '../shared/marks.js';
import { addressOf } from './navigation.js';
import { applyPicks } from './picks.js';

/** @typedef {import('../shared/messages.js').PageResult} PageResult */
/** @typedef {import('../shared/messages.js').Pick} Pick */
/** @typedef {import('../shared/messages.js').WatchReport} WatchReport */
/** @typedef {Map<Element, string | null>} Marks element -> the mark value the page had */

/** Marks `el` with `value`, remembering in `marks` what it had first. */
export function mark(marks, el, value) {
  if (!marks.has(el)) marks.set(el, el.getAttribute(MARK_ATTR));
  el.setAttribute(MARK_ATTR, value);
}

/** Gives every marked element back the value it had. */
export function unmark(marks) {
  for (const [el, prev] of marks) {
    if (prev === null) el.removeAttribute(MARK_ATTR);
    else el.setAttribute(MARK_ATTR, prev);
  }
}

/**
 * Marks the article, the clutter and the repeated copies of `result` (`element(id)` gives the
 * live element of an id), then the user's picks. Counted per element by its final mark: a
 * block listed twice (hidden and a copy) is one.
 * @param {PageResult} result
 * @param {Pick[]} picks
 * @param {(id: number) => Element | null} element
 */
export function applyDeclutter(result, picks, element) {
  /** @type {Marks} */
  const marks = new Map();
  const main = element(result.main);
  // Never hide the article itself or anything holding it, whatever a block list says.
  const hideable = (el) => el && el !== document.body && el !== document.documentElement && !(main && el.contains(main));
  if (main) mark(marks, main, MARK.main);
  for (const b of result.hidden ?? []) {
    const el = element(b.node);
    if (hideable(el)) mark(marks, el, MARK.hidden);
  }
  for (const g of result.duplicates ?? []) {
    for (const c of g.copies ?? []) {
      const el = element(c.node);
      if (!c.kept && hideable(el)) mark(marks, el, MARK.duplicate);
    }
  }
  applyPicks(picks, { mark: (el, value) => mark(marks, el, value), hideable });
  let hidden = 0;
  let duplicates = 0;
  for (const el of marks.keys()) {
    const v = el.getAttribute(MARK_ATTR);
    if (v === MARK.hidden) hidden++;
    else if (v === MARK.duplicate) duplicates++;
  }
  return { marks, main, hidden, duplicates };
}

// ---- Late clutter --------------------------------------------------------------------
// While declutter is on, pages keep inserting things (ads, newsletter pop-ups, "you may also
// like" rails). A MutationObserver collects added elements and one animation frame handles
// each batch, so a burst of insertions costs one pass and never runs inside layout.

// Elements that draw nothing: never worth hiding.
const INVISIBLE = new Set(['script', 'style', 'link', 'meta', 'base', 'title', 'template', 'noscript']);
// A group's text shorter than this is too generic to match late copies against ("Share").
const MIN_MATCH_CHARS = 30;

// Bounds on that work, for pages that answer every change with another (a page's own
// MutationObserver re-inserting what we hid, stripping our marks, rewriting text): passes
// come at least LATE_MIN_GAP_MS apart and handle LATE_MAX_BATCH added elements at most (a
// pass must stay short: it runs on the page's thread); LATE_MAX_STREAK passes in a row that
// each came less than LATE_QUIET_MS after the previous one mean the page keeps answering us,
// so watching stops (what is hidden stays hidden); so does LATE_MAX_MARKS late marks.
const LATE_MIN_GAP_MS = 250;
const LATE_MAX_BATCH = 2_000;
const LATE_QUIET_MS = 1_000;
const LATE_MAX_STREAK = 20;
const LATE_MAX_MARKS = 5_000;

const norm = (t) => t.replace(/\s+/g, ' ').trim();

/**
 * Watches the page while declutter shows `result` with `marks` on the article `main`; late
 * blocks are marked into `marks`. `alive()` false: the view is gone (passes stop).
 * Returns {observer, report} (report: counts so far, `late`: blocks hidden).
 * @param {{result: PageResult, marks: Marks, main: Element | null, alive: () => boolean}} view
 */
export function watchLateClutter({ result, marks, main: article, alive }) {
  // Site memory's blocks are never matched inside the article: memory never touches it.
  const groups = (result.duplicates ?? [])
    .filter((g) => g.kind !== 'site_boilerplate')
    .map((g) => norm(g.text ?? ''))
    .filter((t) => t.length >= MIN_MATCH_CHARS);
  const address = addressOf();
  let pending = [];
  let scheduled = false;
  let lastPass = -Infinity;
  let streak = 0;
  /** @type {WatchReport & {late: number}} */
  const report = { passes: 0, dropped: 0, stopped: null, late: 0 };
  const stop = (why) => {
    observer.disconnect();
    pending = [];
    report.stopped = why;
  };
  const handle = () => {
    scheduled = false;
    let batch = pending;
    pending = [];
    if (!alive() || report.stopped) return;
    // The address changed: an in-app navigation is bringing a new article, which the
    // re-evaluation will judge (hiding it as late clutter would blank the new page).
    if (addressOf() !== address) return;
    const now = performance.now();
    streak = now - lastPass < LATE_QUIET_MS ? streak + 1 : 0;
    lastPass = now;
    report.passes++;
    if (batch.length > LATE_MAX_BATCH) {
      report.dropped += batch.length - LATE_MAX_BATCH;
      batch = batch.slice(0, LATE_MAX_BATCH);
    }
    try {
      pass(batch);
    } catch (e) {
      // A page can hand us odd nodes (from another document, mid-removal): never throw into it.
      stop(`error: ${e?.message ?? e}`);
      return;
    }
    if (streak >= LATE_MAX_STREAK) stop('the page keeps changing in answer to ours: stopped watching it');
    else if (report.late >= LATE_MAX_MARKS) stop(`${LATE_MAX_MARKS} late blocks hidden: stopped watching`);
  };
  const pass = (batch) => {
    const main = article && article.isConnected ? article : null;
    for (const el of batch) {
      if (!el.isConnected || isOwn(el) || INVISIBLE.has(el.localName) || !document.body?.contains(el)) continue;
      if (el.closest(HIDDEN_SELECTOR)) continue; // already hidden
      if (main && el.contains(main)) continue;
      if (main && main.contains(el)) {
        // Inside the article, late content stays unless it repeats a block the page repeats
        // (the core reports REPORT_CHARS of a group's text: a longer block matches by prefix).
        const t = norm(el.textContent);
        const repeats = groups.some((g) => t === g || (g.length >= REPORT_CHARS && t.startsWith(g)));
        if (repeats) {
          mark(marks, el, MARK.duplicate);
          report.late++;
        }
      } else {
        // Outside the article: the reader asked for the article; what arrives later around
        // it (pop-ups, injected promos, rails) is clutter by construction.
        mark(marks, el, MARK.hidden);
        report.late++;
      }
    }
  };
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (n.nodeType !== Node.ELEMENT_NODE) continue;
        // Held at twice a pass's size: a page inserting without pause cannot grow this.
        if (pending.length < 2 * LATE_MAX_BATCH) pending.push(n);
        else report.dropped++;
      }
    }
    if (pending.length && !scheduled) {
      scheduled = true;
      // One animation frame per batch, and never sooner than LATE_MIN_GAP_MS after the last.
      const wait = lastPass + LATE_MIN_GAP_MS - performance.now();
      if (wait > 0) setTimeout(() => requestAnimationFrame(handle), wait);
      else requestAnimationFrame(handle);
    }
  });
  observer.observe(document.documentElement, {
    childList: true,
    subtree: true,
  });
  return { observer, report };
}
