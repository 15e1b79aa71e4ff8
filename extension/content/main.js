// Content script: reads the live page into a snapshot for the core (which runs in the
// background context) and shows the core's result in the page: the reader view, or in-place
// declutter's marks. Injected on demand by the background (scripting.executeScript), as one
// bundle; injecting it again reuses the first instance. It answers the messages to the page
// of shared/messages.js; content/start.js hands a toggle the page's state and snapshot as the
// injection's result.

import { isOwn } from '../shared/marks.js';
import { sendToBackground, SNAPSHOT_LIMITS } from '../shared/messages.js';
import { faceBytes } from '../reader/fonts.js';
import { updateSettings } from '../background/settings.js';
import * as reader from '../reader/reader.js';
import { sanitize } from '../reader/sanitize.js';
import { applyDeclutter, unmark, watchLateClutter } from './declutter.js';
import { addressOf, watchNavigation } from './navigation.js';
import { showNotice } from './notice.js';
import { showOverlay } from './overlay.js';
import { startPicker } from './picker.js';
import { INSTANCE_KEY } from './instance.js';
import { decodePacked, walk, walkSliced } from './walk.js';

/** @typedef {import('../shared/messages.js').PageMessage} PageMessage */
/** @typedef {import('../shared/messages.js').StateMessage} StateMessage */
/** @typedef {import('../shared/messages.js').StateReply} StateReply */
/** @typedef {import('../shared/messages.js').Mode} Mode */
/** @typedef {import('../shared/messages.js').PageResult} PageResult */

const api = globalThis.browser ?? globalThis.chrome;

/**
 * What is shown now.
 * @typedef {object} View
 * @property {Mode} mode
 * @property {string | null} title
 * @property {[number, number]} scroll where the page was scrolled before
 * @property {Element | null} focus what had the focus before
 * @property {HTMLElement} [host] the reader view
 * @property {HTMLElement} [notice] the no-article notice
 * @property {Map<Element, string | null>} [marks] in-place declutter's marks
 * @property {{report: {late: number, passes: number, dropped: number, stopped: string | null}, observer: MutationObserver}} [late]
 * @property {{remove: () => void}} [overlay]
 * @property {MutationObserver} [guard]
 * @property {() => void} [stopNav]
 * @property {number} [seq] the reader view's number (for its Markdown)
 */

/** @type {View | null} */
let state = null;
// The live nodes, in snapshot order: result ids index this array.
let live = [];
// The Markdown of the reader view numbered `seq`, if it arrived before that view opened.
let early = null;

const element = (id) => {
  const n = Number.isInteger(id) ? live[id] : undefined;
  return n && n.nodeType === Node.ELEMENT_NODE && n.isConnected ? /** @type {Element} */ (n) : null;
};

/** Reads the page, in slices, within `limits`; the live nodes stay for the result's ids. */
async function snapshot(limits) {
  const t0 = __TEST__ ? performance.now() : 0;
  const { snap, cut, nodes } = await walkSliced({
    maxNodes: limits.maxNodes,
    budgetMs: limits.budgetMs,
    skip: isOwn,
  });
  live = nodes;
  // Test build: how long the walk took (the browser benchmark prints it).
  if (__TEST__) return { snap, cut, walkMs: performance.now() - t0 };
  return { snap, cut };
}

function onKey(e) {
  if (e.key === 'Escape' && (state?.mode === 'reader' || state?.notice)) {
    e.stopPropagation();
    // Esc closes the reader's open panel first, the view after.
    if (state.host && reader.dismiss(state.host)) return;
    turnOff();
  }
}

/**
 * The page may delete what we added (the reader view's host, the notice) or strip our marks.
 * A view the page removed is over: its listeners go and the state says "off", so the next
 * toggle opens it again instead of "closing" what the user no longer sees.
 */
function checkState() {
  const shown = state?.host ?? state?.notice;
  if (!shown || shown.isConnected) return null;
  const lost = state.mode;
  dropState();
  return lost;
}

function dropState() {
  const s = state;
  state = null;
  s.stopNav?.();
  s.guard?.disconnect();
  s.late?.observer.disconnect();
  s.overlay?.remove();
  if (s.marks) unmark(s.marks);
  window.removeEventListener('keydown', onKey, true);
  if (s.host) reader.unmount(s.host);
  s.host?.remove();
  s.notice?.remove();
  return s;
}

/** Watches for the page removing `el` (a child of <html>), without waiting for a toggle. */
function guard(el) {
  const g = new MutationObserver(() => {
    if (!el.isConnected) checkState();
  });
  g.observe(document.documentElement, { childList: true });
  return g;
}

/** Watches for in-app navigations while `s` is shown: the background evaluates again. */
function watchNav(s) {
  return watchNavigation(
    () => state === s,
    () => api.runtime.sendMessage({ cmd: 'navigated', mode: s.mode }).catch(() => {}),
  );
}

/** Shows `result` in `mode`; returns the counts the 'apply' message answers. */
function apply(mode, result, settings, picks, seq) {
  /** @type {[number, number]} */
  const scroll = [window.scrollX, window.scrollY];
  const focus = document.activeElement;
  const title = result.title ?? null;
  if (mode === 'declutter' && result.is_article === false) {
    // Nothing hidden: the page stays exactly as it is, with a notice saying why.
    const notice = showNotice('Declutter found no article on this page, so nothing was hidden.', () => turnOff());
    window.addEventListener('keydown', onKey, true);
    state = { mode, title, scroll, focus, notice };
    state.guard = guard(notice);
    state.stopNav = watchNav(state);
    return { hidden: 0, duplicates: 0 };
  }
  if (mode === 'declutter') {
    const { marks, main, hidden, duplicates } = applyDeclutter(result, picks, element);
    /** @type {View} */
    const s = { mode, title, scroll, marks, focus };
    state = s;
    s.late = watchLateClutter({
      result,
      marks,
      main,
      alive: () => state === s,
    });
    s.stopNav = watchNav(s);
    if (settings?.debugOverlay) s.overlay = showOverlay(result, element);
    return { hidden, duplicates };
  }
  // Settings changed in the view are saved for every tab and the options page (the others
  // restyle through the background's 'settings' message); the legible font's bytes come from
  // the background, which reads the extension's files.
  const host = reader.open(result, settings, () => turnOff(), {
    saveSettings: updateSettings,
    fontFaces: () => sendToBackground({ cmd: 'fonts' }).then((r) => r.faces.map(faceBytes)),
  });
  window.addEventListener('keydown', onKey, true);
  state = { mode, title, scroll, host, focus, seq };
  state.guard = guard(host);
  state.stopNav = watchNav(state);
  // The Markdown came before the view (messages may overtake each other): handed over now.
  if (early?.seq === seq) reader.setMarkdown(host, early.markdown);
  early = null;
  return { ...result.counts };
}

/**
 * Restores the page exactly as it was; returns the mode that was on. `restoreView` false:
 * leave scroll and focus where the reader has them now (re-evaluation after navigation).
 */
function turnOff({ restoreView = true } = {}) {
  if (!state) return null;
  const s = dropState();
  if (!restoreView) return s.mode;
  if (s.focus && s.focus.isConnected && s.focus !== document.body)
    /** @type {HTMLElement} */ (s.focus).focus?.({ preventScroll: true });
  restoreScroll(s.scroll);
  return s.mode;
}

function restoreScroll([x, y]) {
  // Lay the restored page out first, so scroll anchoring adjusts before we scroll, not after.
  void document.documentElement.getBoundingClientRect();
  window.scrollTo(x, y);
  // Firefox keeps the sub-pixel part of an anchoring adjustment (125.43 -> scrollTo(0, 120)
  // lands on 120.43): from the origin the position is exact. Scroll events are dispatched
  // once per frame, so the page only sees the final position.
  if (window.scrollY !== y || window.scrollX !== x) {
    window.scrollTo(0, 0);
    window.scrollTo(x, y);
  }
}

/**
 * The 'state' message's answer (a promise when the snapshot comes along).
 * @param {StateMessage} msg
 * @returns {StateReply | Promise<StateReply | {error: string}>}
 */
function stateOf(msg) {
  const lost = checkState();
  const now = {
    mode: state?.mode ?? null,
    title: state?.title ?? null,
    late: state?.late?.report.late ?? 0,
    watch: state?.late
      ? {
          passes: state.late.report.passes,
          dropped: state.late.report.dropped,
          stopped: state.late.report.stopped,
        }
      : null,
    lost,
  };
  // A toggle on an untouched page needs the snapshot next: sent in the same reply.
  if (!msg.snapshot || state) return now;
  return snapshot(msg).then(
    (snap) => ({ ...now, ...snap }),
    (e) => ({ error: String(e?.message ?? e) }),
  );
}

/**
 * Answers one message to the page; returns true when `reply` is called later.
 * @param {PageMessage} msg
 * @param {(answer: unknown) => void} reply
 */
function onMessage(msg, reply) {
  const later = (p) => {
    p.then(reply, (e) => reply({ error: String(e?.message ?? e) }));
    return true;
  };
  switch (msg?.cmd) {
    case 'state': {
      const now = stateOf(msg);
      if (now instanceof Promise) return later(now);
      reply(now);
      return false;
    }
    case 'snapshot':
      return later(snapshot(msg));
    case 'apply': {
      if (state) turnOff({ restoreView: !msg.again });
      const shown = apply(msg.mode, msg.result, msg.settings, msg.picks, msg.seq);
      // The reader paints its first screenful at once and the rest frame by frame:
      // answered once the whole article is in.
      if (state?.mode === 'reader') return later(reader.settled(state.host).then(() => shown));
      reply(shown);
      return false;
    }
    case 'markdown':
      if (state?.mode === 'reader' && state.seq === msg.seq) reader.setMarkdown(state.host, msg.markdown);
      else early = { seq: msg.seq, markdown: msg.markdown };
      reply({});
      return false;
    case 'off':
      reply({ mode: turnOff() });
      return false;
    case 'settings':
      if (state?.mode === 'reader') reader.style(state.host, msg.settings);
      reply({});
      return false;
    case 'pick':
      startPicker();
      reply({ picking: true });
      return false;
    default:
      return false;
  }
}

/** The instance's handle: what content/start.js (and, in the test build, tests) call. */
function createInstance() {
  api.runtime.onMessage.addListener((msg, _sender, reply) => {
    try {
      return onMessage(msg, reply);
    } catch (e) {
      reply({ error: String(e?.message ?? e) });
      return false;
    }
  });
  const instance = {
    /** The toggle's first step: the state and, with nothing on, the snapshot. */
    start() {
      try {
        return Promise.resolve(stateOf({ cmd: 'state', snapshot: true, ...SNAPSHOT_LIMITS }));
      } catch (e) {
        return Promise.resolve({ error: String(e?.message ?? e) });
      }
    },
  };
  if (__TEST__) {
    // Test build: the reader's filter and the walk, for tests that feed them input of their own.
    Object.assign(instance, { sanitize, walk, decodePacked, addressOf });
  }
  return Object.freeze(instance);
}

globalThis[INSTANCE_KEY] ??= createInstance();
