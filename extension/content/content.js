// Content script: reads the live page into a snapshot for the core (which runs in the
// background context) and shows the core's result in the page. Injected on demand by the
// background (scripting.executeScript); injecting it twice is harmless.
//
// Messages from the background (all answered):
//   {cmd: 'state', snapshot?}           -> {mode: null|'reader'|'declutter', title}; with
//                                       snapshot: true and no mode on, also {json} (one round trip)
//   {cmd: 'snapshot'}                   -> {json}   the page as src/dom/snapshot.rs documents it
//   {cmd: 'apply', mode, result, settings, picks, again} -> {hidden, duplicates}   after the page shows it
//                                       (the whole article, for the reader)
//                                       (again: re-evaluation after an in-app navigation: the
//                                       old marks go, scroll and focus stay where they are)
//   {cmd: 'off'}                        -> {mode}   after the page is restored exactly
//   {cmd: 'settings', settings}         -> {}       restyles an open reader view
(() => {
  if (globalThis.__declutterContent) return;
  globalThis.__declutterContent = true;

  const api = globalThis.browser ?? globalThis.chrome;
  // reader/reader.js, injected just before this file into the same isolated world.
  const reader = globalThis.__declutterReader;
  const READER_ID = reader.HOST_ID;
  // Our own elements: the reader view, the debug overlay (content/overlay.js), the picker.
  const OWN_IDS = new Set([READER_ID, 'declutter-overlay', 'declutter-picker']);
  const ATTR = 'data-declutter';

  // The live nodes, in snapshot order: result ids index this array.
  let live = [];
  // What is shown now: null, or {mode, title, scroll, marks, host, ...}.
  let state = null;

  /** Whether the text inside an element is read (same rule as Walk::keeps_text_of in Rust). */
  function keepsText(el) {
    const tag = el.localName;
    if (tag === 'style') return false;
    if (tag === 'script') return (el.getAttribute('type') ?? '').toLowerCase().includes('ld+json');
    return true;
  }

  /** Our own nodes never enter the snapshot. */
  function isOwn(el) {
    return OWN_IDS.has(el.id);
  }

  // Walk rules (door 1's, see src/dom/mod.rs): document order; comments, doctype, processing
  // instructions and template contents skipped; script (but JSON-LD) and style text left out;
  // adjacent text siblings (also across a skipped comment) merged into one entry; empty text
  // dropped. An explicit stack, so a page nested 100,000 deep cannot overflow ours.
  // Returns {run(deadline) -> done?, finish() -> the snapshot's JSON}: the walk can stop at a
  // deadline and go on later from where it was.
  function startWalk() {
    const root = document.documentElement;
    if (!root) throw new Error('the page has no document element');
    const nodes = [];
    const kept = [];
    const marks = state?.marks;
    const pushElement = (el, p) => {
      const a = [];
      // Local names, as door 1 records them (`xlink:href` on SVG is `href` there).
      // Our own mark (on while a mode is re-evaluated) is not the page's: left out.
      const ours = marks?.has(el);
      // Names and values as strings (no Attr node made per attribute: the walk runs cold on
      // every page). A name with a colon may be a prefixed one whose local name differs
      // (`xlink:href`): those elements take the Attr path.
      const names = el.getAttributeNames();
      for (let i = 0; i < names.length; i++) {
        const name = names[i];
        if (name.includes(':')) {
          a.length = 0;
          const attrs = el.attributes;
          for (let j = 0; j < attrs.length; j++) {
            const at = attrs[j];
            if (!(ours && at.name === ATTR)) a.push([at.localName, at.value]);
          }
          break;
        }
        if (!(ours && name === ATTR)) a.push([name, el.getAttribute(name)]);
      }
      nodes.push({ p, t: el.localName, a });
      kept.push(el);
      return nodes.length - 1;
    };
    const stack = [{ idx: pushElement(root, -1), next: root.firstChild, keepText: keepsText(root), text: -1 }];
    const run = (deadline) => {
      let steps = 0;
      while (stack.length) {
        // The clock is read every WALK_CHECK nodes only: reading it costs more than a step.
        if (++steps % WALK_CHECK === 0 && performance.now() > deadline) return false;
        const f = stack[stack.length - 1];
        const n = f.next;
        if (!n) {
          stack.pop();
          continue;
        }
        f.next = n.nextSibling;
        if (n.nodeType === Node.ELEMENT_NODE) {
          if (isOwn(n)) continue;
          f.text = -1;
          const idx = pushElement(n, f.idx);
          // A template's children live in its content fragment, which the walk leaves out.
          const first = n.localName === 'template' ? null : n.firstChild;
          stack.push({ idx, next: first, keepText: f.keepText && keepsText(n), text: -1 });
        } else if (n.nodeType === Node.TEXT_NODE || n.nodeType === Node.CDATA_SECTION_NODE) {
          if (!f.keepText) continue;
          const data = n.data;
          if (data === '') continue;
          if (f.text >= 0) {
            nodes[f.text].x += data;
          } else {
            nodes.push({ p: f.idx, x: data });
            kept.push(n);
            f.text = nodes.length - 1;
          }
        }
      }
      return true;
    };
    const finish = () => {
      live = kept;
      return JSON.stringify({ url: location.href, nodes });
    };
    return { run, finish };
  }

  /** The whole walk in one task. */
  function snapshot() {
    const w = startWalk();
    w.run(Infinity);
    return w.finish();
  }

  // A big page is walked in slices of SLICE_MS with the page's own tasks (input, rendering)
  // in between, so reading it never holds the main thread long. Ids must describe one tree:
  // if the page changes while we wait, the walk starts over and runs in one go.
  const SLICE_MS = 12;
  const WALK_CHECK = 128;

  const nextTask = () =>
    new Promise((ok) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => ok();
      ch.port2.postMessage(null);
    });

  async function snapshotSliced() {
    const w = startWalk();
    if (w.run(performance.now() + SLICE_MS)) return w.finish();
    const changes = new MutationObserver(() => {});
    changes.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    try {
      for (;;) {
        await nextTask();
        if (changes.takeRecords().length) return snapshot();
        if (w.run(performance.now() + SLICE_MS)) return w.finish();
      }
    } finally {
      changes.disconnect();
    }
  }

  const element = (id) => {
    const n = Number.isInteger(id) ? live[id] : undefined;
    return n && n.nodeType === Node.ELEMENT_NODE && n.isConnected ? n : null;
  };

  // ---- In-place declutter -------------------------------------------------------------
  // The background injects one stylesheet hiding [data-declutter=hidden|duplicate]; here we
  // only set and later remove the attributes, remembering any value the page had.

  function mark(marks, el, value) {
    if (!marks.has(el)) marks.set(el, el.getAttribute(ATTR));
    el.setAttribute(ATTR, value);
  }

  function applyDeclutter(result, picks) {
    const marks = new Map();
    const main = element(result.main);
    // Never hide the article itself or anything holding it, whatever a block list says.
    const hideable = (el) => el && el !== document.body && el !== document.documentElement && !(main && el.contains(main));
    if (main) mark(marks, main, 'main');
    for (const b of result.hidden ?? []) {
      const el = element(b.node);
      if (hideable(el)) mark(marks, el, 'hidden');
    }
    for (const g of result.duplicates ?? []) {
      for (const c of g.copies ?? []) {
        const el = element(c.node);
        if (!c.kept && hideable(el)) mark(marks, el, 'duplicate');
      }
    }
    // The user's picks for this site (content/picks.js): hide more, or keep what the core hid.
    globalThis.__declutterPicks.apply(picks, { marks, mark, hideable, isOwn });
    // Counted per element by its final mark: a block listed twice (hidden and a copy) is one.
    let hidden = 0;
    let duplicates = 0;
    for (const el of marks.keys()) {
      const v = el.getAttribute(ATTR);
      if (v === 'hidden') hidden++;
      else if (v === 'duplicate') duplicates++;
    }
    return { marks, hidden, duplicates };
  }

  // ---- Late clutter --------------------------------------------------------------------
  // While declutter is on, pages keep inserting things (ads, newsletter pop-ups, "you may also
  // like" rails). A MutationObserver collects added elements and one animation frame handles
  // each batch, so a burst of insertions costs one pass and never runs inside layout.

  // Elements that draw nothing: never worth hiding.
  const INVISIBLE = new Set(['script', 'style', 'link', 'meta', 'base', 'title', 'template', 'noscript']);
  // A group's text shorter than this is too generic to match late copies against ("Share").
  const MIN_MATCH_CHARS = 30;
  // The core reports at most this many characters of a group's text (REPORT_CHARS in dedupe).
  const REPORT_CHARS = 200;

  const norm = (t) => t.replace(/\s+/g, ' ').trim();

  function watchLateClutter(s, result) {
    const groups = (result.duplicates ?? []).map((g) => norm(g.text ?? '')).filter((t) => t.length >= MIN_MATCH_CHARS);
    let pending = [];
    let scheduled = false;
    const handle = () => {
      scheduled = false;
      const batch = pending;
      pending = [];
      if (state !== s) return;
      // The address changed: an in-app navigation is bringing a new article, which the
      // re-evaluation will judge (hiding it as late clutter would blank the new page).
      if (addressOf() !== s.address) return;
      const main = s.main && s.main.isConnected ? s.main : null;
      for (const el of batch) {
        if (!el.isConnected || isOwn(el) || INVISIBLE.has(el.localName) || !document.body?.contains(el)) continue;
        if (el.closest('[data-declutter="hidden"],[data-declutter="duplicate"]')) continue; // already hidden
        if (main && el.contains(main)) continue;
        if (main && main.contains(el)) {
          // Inside the article, late content stays unless it repeats a block the page repeats.
          const t = norm(el.textContent);
          const repeats = groups.some((g) => t === g || (g.length >= REPORT_CHARS && t.startsWith(g)));
          if (repeats) {
            mark(s.marks, el, 'duplicate');
            s.late++;
          }
        } else {
          // Outside the article: the reader asked for the article; what arrives later around
          // it (pop-ups, injected promos, rails) is clutter by construction.
          mark(s.marks, el, 'hidden');
          s.late++;
        }
      }
    };
    const observer = new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n.nodeType === Node.ELEMENT_NODE) pending.push(n);
      if (pending.length && !scheduled) {
        scheduled = true;
        requestAnimationFrame(handle);
      }
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
    return observer;
  }

  // ---- In-app navigation ---------------------------------------------------------------
  // Single-page sites change the article without loading a new document (history.pushState,
  // then new content from their own fetch). While a mode is on, a changed address (the
  // fragment aside) followed by a quiet DOM asks the background to evaluate the page again in
  // the same mode.

  // How often the address is compared while a mode is on: a content script cannot see the
  // page's pushState calls, and Firefox ESR has no Navigation API.
  const NAV_POLL_MS = 250;
  // The new content counts as arrived once the DOM has been quiet this long...
  const NAV_QUIET_MS = 300;
  // ...or this long after the address changed, for pages that never stop moving.
  const NAV_MAX_WAIT_MS = 3000;

  const addressOf = () => location.href.split('#')[0];

  /** Watches for in-app navigations while `s` is shown; returns the function that stops it. */
  function watchNavigation(s) {
    let address = addressOf();
    let quiet = 0;
    let deadline = 0;
    let settling = null;
    const stopSettling = () => {
      clearTimeout(quiet);
      clearTimeout(deadline);
      settling?.disconnect();
      settling = null;
    };
    const settled = () => {
      stopSettling();
      if (state === s) api.runtime.sendMessage({ cmd: 'navigated', mode: s.mode }).catch(() => {});
    };
    const check = () => {
      if (state !== s || settling || addressOf() === address) return;
      address = addressOf();
      settling = new MutationObserver(() => {
        clearTimeout(quiet);
        quiet = setTimeout(settled, NAV_QUIET_MS);
      });
      settling.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
      quiet = setTimeout(settled, NAV_QUIET_MS);
      deadline = setTimeout(settled, NAV_MAX_WAIT_MS);
    };
    const poll = setInterval(check, NAV_POLL_MS);
    window.addEventListener('popstate', check);
    return () => {
      clearInterval(poll);
      window.removeEventListener('popstate', check);
      stopSettling();
    };
  }

  function unmark(marks) {
    for (const [el, prev] of marks) {
      if (prev === null) el.removeAttribute(ATTR);
      else el.setAttribute(ATTR, prev);
    }
  }

  function onKey(e) {
    if (e.key === 'Escape' && state?.mode === 'reader') {
      e.stopPropagation();
      turnOff();
    }
  }

  // ---- State ---------------------------------------------------------------------------

  function apply(mode, result, settings, picks) {
    const scroll = [window.scrollX, window.scrollY];
    const focus = document.activeElement;
    if (mode === 'declutter') {
      const { marks, hidden, duplicates } = applyDeclutter(result, picks);
      state = { mode, title: result.title ?? null, scroll, marks, focus, main: element(result.main), late: 0, address: addressOf() };
      state.observer = watchLateClutter(state, result);
      state.stopNav = watchNavigation(state);
      if (settings?.debugOverlay) state.overlay = globalThis.__declutterOverlay.show(result, element);
      return { hidden, duplicates };
    }
    const host = reader.open(result, settings, () => turnOff());
    window.addEventListener('keydown', onKey, true);
    state = { mode, title: result.title ?? null, scroll, host, focus };
    state.stopNav = watchNavigation(state);
    const duplicates = (result.duplicates ?? []).reduce((n, g) => n + (g.copies ?? []).filter((c) => !c.kept).length, 0);
    return { hidden: (result.hidden ?? []).length, duplicates };
  }

  /**
   * Restores the page exactly as it was; returns the mode that was on. `restoreView` false:
   * leave scroll and focus where the reader has them now (re-evaluation after navigation).
   */
  function turnOff({ restoreView = true } = {}) {
    if (!state) return null;
    const s = state;
    state = null;
    s.stopNav();
    if (s.mode === 'declutter') {
      s.observer.disconnect();
      s.overlay?.remove();
      unmark(s.marks);
    } else {
      window.removeEventListener('keydown', onKey, true);
      s.host.remove();
    }
    if (!restoreView) return s.mode;
    if (s.focus && s.focus.isConnected && s.focus !== document.body) s.focus.focus?.({ preventScroll: true });
    window.scrollTo(s.scroll[0], s.scroll[1]);
    return s.mode;
  }

  api.runtime.onMessage.addListener((msg, _sender, reply) => {
    try {
      switch (msg?.cmd) {
        case 'state': {
          const now = { mode: state?.mode ?? null, title: state?.title ?? null, late: state?.late ?? 0 };
          // A toggle on an untouched page needs the snapshot next: sent in the same reply.
          if (!msg.snapshot || state) {
            reply(now);
            break;
          }
          snapshotSliced().then(
            (json) => reply({ ...now, json }),
            (e) => reply({ error: String(e?.message ?? e) }),
          );
          return true; // answered later
        }
        case 'snapshot':
          snapshotSliced().then(
            (json) => reply({ json }),
            (e) => reply({ error: String(e?.message ?? e) }),
          );
          return true;
        case 'apply': {
          if (state) turnOff({ restoreView: !msg.again });
          const shown = apply(msg.mode, msg.result, msg.settings, msg.picks);
          if (state?.mode !== 'reader') {
            reply(shown);
            break;
          }
          // The reader paints its first screenful at once and the rest frame by frame:
          // answered once the whole article is in.
          reader.settled(state.host).then(
            () => reply(shown),
            (e) => reply({ error: String(e?.message ?? e) }),
          );
          return true;
        }
        case 'off':
          reply({ mode: turnOff() });
          break;
        case 'settings':
          if (state?.mode === 'reader') reader.style(state.host, msg.settings);
          reply({});
          break;
        default:
          return false;
      }
    } catch (e) {
      reply({ error: String(e?.message ?? e) });
    }
    return false;
  });
})();
