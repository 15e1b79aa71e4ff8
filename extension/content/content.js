// Content script: reads the live page into a snapshot for the core (which runs in the
// background context) and shows the core's result in the page. Injected on demand by the
// background (scripting.executeScript); injecting it twice is harmless.
//
// Messages from the background (all answered):
//   {cmd: 'state', snapshot?, maxNodes?, budgetMs?} -> {mode: null|'reader'|'declutter', title, late,
//                                       watch, lost}; with snapshot: true and no mode on, also
//                                       {snap, cut} (one round trip)
//   {cmd: 'snapshot', maxNodes, budgetMs} -> {snap, cut}   snap: {url, text, ints}, the page in the
//                                          compact form src/dom/snapshot.rs documents (`Packed`;
//                                          ints: decimals joined by commas);
//                                          cut: null, or {nodes, reason} when a limit stopped the walk
//   {cmd: 'apply', mode, result, settings, picks, again, seq} -> {hidden, duplicates}   after the page
//                                       shows it (the whole article, for the reader; its result
//                                       carries the counts, not the block lists)
//   {cmd: 'markdown', markdown, seq}    -> {}       the reader view `seq`'s "Copy Markdown" text
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
  // The "no article found" notice of in-place declutter (below).
  const NOTICE_ID = 'declutter-notice';
  const OWN_IDS = new Set([READER_ID, NOTICE_ID, 'declutter-overlay', 'declutter-picker']);
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
  // Shadow trees (open or closed) are not read: the snapshot is the light DOM, the tree door 1
  // would build from the page's HTML, so ids map back to it; slotted light children are read.
  //
  // The walk runs on the page's main thread, so it is bounded: past `maxNodes` entries or
  // `budgetMs` of walking it stops, and the page's first nodes (a valid tree: parents come
  // first) go to the core with a note (`cut`). Attribute values past MAX_ATTR_CHARS and
  // attributes past MAX_ATTRS per element are left out: no heuristic reads a 4 MB attribute,
  // but copying one costs the tab. Text likewise past MAX_TEXT_CHARS per text entry: a 1 MB run
  // of text is a log or a data dump, not an article paragraph.
  const MAX_ATTR_CHARS = 65_536;
  // Only the attributes the core reads are sent (src/dom/mod.rs, READ_ATTRS, the one rule door 1
  // applies too; tests/attr_rule.rs fails when this copy differs): SVG path data, handlers and
  // most data-* are over half a page's attribute characters and nothing reads them. Our own
  // mark (data-declutter, on while a mode is re-evaluated) is not among them.
  const READ_ATTRS = new Set([
    'accent', 'accentunder', 'allowfullscreen', 'alt', 'aria-hidden', 'cite', 'class', 'close',
    'colspan', 'columnalign', 'columnspan', 'content', 'controls', 'data-hi-res-src', 'data-lazy',
    'data-lazy-src', 'data-lazy-srcset', 'data-original', 'data-src', 'data-srcset', 'data-url',
    'datetime', 'depth', 'dir', 'display', 'displaystyle', 'encoding', 'fence', 'form', 'headers',
    'height', 'hidden', 'href', 'http-equiv', 'id', 'itemprop', 'kind', 'label', 'lang', 'largeop',
    'linethickness', 'lspace', 'mathsize', 'mathvariant', 'maxsize', 'media', 'minsize',
    'movablelimits', 'name', 'notation', 'open', 'poster', 'property', 'pubdate', 'rel', 'reversed',
    'role', 'rowalign', 'rowspan', 'rspace', 'scope', 'scriptlevel', 'separator', 'separators',
    'sizes', 'src', 'srclang', 'srcset', 'start', 'stretchy', 'style', 'symmetric', 'title', 'type',
    'value', 'voffset', 'width', 'xml:lang', 'xmlns'
  ]);
  const MAX_ATTRS = 1_000;
  const MAX_TEXT_CHARS = 1_000_000;
  const cap = (v) => (v.length > MAX_ATTR_CHARS ? clipPair(v, MAX_ATTR_CHARS) : v);

  // Keeps a string's first `room` UTF-16 units, never half a surrogate pair.
  const clipPair = (t, room) => {
    if (t.length <= room) return t;
    const c = t.charCodeAt(room - 1);
    return t.slice(0, c >= 0xd800 && c < 0xdc00 ? room - 1 : room);
  };

  // Returns {run(deadline) -> done?, finish() -> {text, ints}, cut}: the walk can stop at a
  // deadline and go on later from where it was. The snapshot is in the compact form
  // (src/dom/snapshot.rs, `Packed`): all strings in order in `strs` (joined into `text` at the
  // end), and per entry a few integers in `ints`: no object per node, and one string and one
  // array of numbers to send.
  function startWalk({ maxNodes = Infinity, budgetMs = Infinity } = {}) {
    const root = document.documentElement;
    if (!root) throw new Error('the page has no document element');
    const strs = [];
    const ints = [];
    let count = 0; // entries so far
    const kept = [];
    const pushElement = (el, p) => {
      const tag = el.localName;
      strs.push(tag);
      // head (parent, element), tag length, attribute count (set below)
      ints.push(2 * (p + 1), tag.length, 0);
      const at = ints.length - 1;
      const s0 = strs.length;
      let n = 0;
      // Local names, as door 1 records them (`xlink:href` on SVG is `href` there); only those
      // READ_ATTRS holds (compared lower-cased, as the core's builder lower-cases names).
      // Names and values as strings (no Attr node made per attribute: the walk runs cold on
      // every page). A name with a colon may be a prefixed one whose local name differs
      // (`xlink:href`): those elements take the Attr path. Capped (MAX_ATTRS, MAX_ATTR_CHARS).
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
            if (!READ_ATTRS.has(k.toLowerCase())) continue;
            const v = cap(a.value);
            strs.push(k, v);
            ints.push(k.length, v.length);
            n++;
          }
          break;
        }
        if (!READ_ATTRS.has(name.toLowerCase())) continue;
        const v = cap(el.getAttribute(name));
        strs.push(name, v);
        ints.push(name.length, v.length);
        n++;
      }
      ints[at] = n;
      kept.push(el);
      return count++;
    };
    const stack = [{ idx: pushElement(root, -1), next: root.firstChild, keepText: keepsText(root), text: -1 }];
    let spent = 0; // ms of walking so far, over all slices
    const w = { cut: null };
    w.run = (deadline) => {
      const started = performance.now();
      const stopAt = Math.min(deadline, started + budgetMs - spent);
      let steps = 0;
      try {
        while (stack.length) {
          if (count >= maxNodes) {
            w.cut = { nodes: count, reason: `more than ${maxNodes} nodes` };
            return true;
          }
          // The clock is read every WALK_CHECK nodes only: reading it costs more than a step.
          if (++steps % WALK_CHECK === 0 && performance.now() > stopAt) {
            if (spent + performance.now() - started < budgetMs) return false;
            w.cut = { nodes: count, reason: `over the ${budgetMs} ms reading budget` };
            return true;
          }
          const f = stack[stack.length - 1];
          const n = f.next;
          if (!n) {
            stack.pop();
            continue;
          }
          f.next = n.nextSibling;
          const type = n.nodeType;
          if (type === Node.ELEMENT_NODE) {
            if (isOwn(n)) continue;
            f.text = -1;
            const idx = pushElement(n, f.idx);
            // A template's children live in its content fragment, which the walk leaves out.
            const first = n.localName === 'template' ? null : n.firstChild;
            stack.push({ idx, next: first, keepText: f.keepText && keepsText(n), text: -1 });
          } else if (type === Node.TEXT_NODE || type === Node.CDATA_SECTION_NODE) {
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
              const x = clipPair(data, MAX_TEXT_CHARS);
              strs.push(x);
              ints.push(2 * (f.idx + 1) + 1, x.length);
              kept.push(n);
              count++;
              f.text = ints.length - 1;
            }
          }
        }
        return true;
      } finally {
        spent += performance.now() - started;
      }
    };
    w.finish = () => {
      live = kept;
      // The integers as one string (decimals joined by commas): Chromium's messages copy an
      // array value by value, several times slower than one string.
      return { url: location.href, text: strs.join(''), ints: ints.join(',') };
    };
    return w;
  }

  /** The whole walk in one task (within the limits). */
  function snapshot(limits) {
    const w = startWalk(limits);
    w.run(Infinity);
    return { snap: w.finish(), cut: w.cut };
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

  async function snapshotSliced(limits) {
    const w = startWalk(limits);
    const done = () => ({ snap: w.finish(), cut: w.cut });
    if (w.run(performance.now() + SLICE_MS)) return done();
    const changes = new MutationObserver(() => {});
    changes.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    try {
      for (;;) {
        await nextTask();
        if (changes.takeRecords().length) return snapshot(limits);
        if (w.run(performance.now() + SLICE_MS)) return done();
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

  // Bounds on that work, for pages that answer every change with another (a page's own
  // MutationObserver re-inserting what we hid, stripping our marks, rewriting text): passes
  // at least LATE_MIN_GAP_MS apart; a pass looks at LATE_MAX_BATCH added elements at most (a
  // pass must stay short: it runs on the page's thread); LATE_MAX_STREAK passes in a row that
  // each came less than LATE_QUIET_MS after the previous one mean the page keeps answering us,
  // so watching stops (what is hidden stays hidden); so does LATE_MAX_MARKS late marks.
  const LATE_MIN_GAP_MS = 250;
  const LATE_MAX_BATCH = 2_000;
  const LATE_QUIET_MS = 1_000;
  const LATE_MAX_STREAK = 20;
  const LATE_MAX_MARKS = 5_000;

  function watchLateClutter(s, result) {
    // Site memory's blocks are never matched inside the article: memory never touches it.
    const groups = (result.duplicates ?? [])
      .filter((g) => g.kind !== 'site_boilerplate')
      .map((g) => norm(g.text ?? ''))
      .filter((t) => t.length >= MIN_MATCH_CHARS);
    let pending = [];
    let scheduled = false;
    let lastPass = -Infinity;
    let streak = 0;
    s.watch = { passes: 0, dropped: 0, stopped: null };
    const stop = (why) => {
      observer.disconnect();
      pending = [];
      s.watch.stopped = why;
    };
    const handle = () => {
      scheduled = false;
      let batch = pending;
      pending = [];
      if (state !== s || s.watch.stopped) return;
      // The address changed: an in-app navigation is bringing a new article, which the
      // re-evaluation will judge (hiding it as late clutter would blank the new page).
      if (addressOf() !== s.address) return;
      const now = performance.now();
      streak = now - lastPass < LATE_QUIET_MS ? streak + 1 : 0;
      lastPass = now;
      s.watch.passes++;
      if (batch.length > LATE_MAX_BATCH) {
        s.watch.dropped += batch.length - LATE_MAX_BATCH;
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
      else if (s.late >= LATE_MAX_MARKS) stop(`${LATE_MAX_MARKS} late blocks hidden: stopped watching`);
    };
    const pass = (batch) => {
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
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (n.nodeType !== Node.ELEMENT_NODE) continue;
          // Held at twice a pass's size: a page inserting without pause cannot grow this.
          if (pending.length < 2 * LATE_MAX_BATCH) pending.push(n);
          else s.watch.dropped++;
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
    if (e.key === 'Escape' && (state?.mode === 'reader' || state?.notice)) {
      e.stopPropagation();
      turnOff();
    }
  }

  // ---- No article ----------------------------------------------------------------------
  // In-place declutter on a page that is no article (a homepage, search results, a web app)
  // hides nothing and says so in a small notice: a shadow host styled through the CSSOM (any
  // page CSP allows it), closed by its button, Esc, or the next toggle.

  function showNotice(message) {
    const host = document.createElement('div');
    host.id = NOTICE_ID;
    const css = (el, rules) => {
      for (const [k, v] of Object.entries(rules)) el.style.setProperty(k, v, 'important');
    };
    css(host, {
      all: 'initial', position: 'fixed', top: '12px', right: '12px', 'z-index': '2147483647', display: 'flex',
      gap: '.8em', 'align-items': 'center', 'max-width': '26em', padding: '.7em 1em', background: '#204a87',
      color: '#fff', font: '15px/1.4 system-ui, sans-serif', 'border-radius': '6px', 'box-shadow': '0 2px 8px #0006',
    });
    host.setAttribute('role', 'status');
    const shadow = host.attachShadow({ mode: 'open' });
    const p = document.createElement('p');
    css(p, { margin: '0' });
    p.textContent = message;
    const close = document.createElement('button');
    close.textContent = '\u00d7';
    close.title = 'Close (Esc)';
    css(close, { font: 'inherit', 'font-size': '1.3em', color: 'inherit', background: 'transparent', border: '0', cursor: 'pointer' });
    close.addEventListener('click', () => turnOff());
    shadow.append(p, close);
    document.documentElement.append(host);
    return host;
  }

  // ---- State ---------------------------------------------------------------------------

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
    s.observer?.disconnect();
    s.overlay?.remove();
    if (s.marks) unmark(s.marks);
    window.removeEventListener('keydown', onKey, true);
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

  function apply(mode, result, settings, picks, seq) {
    const scroll = [window.scrollX, window.scrollY];
    const focus = document.activeElement;
    if (mode === 'declutter' && result.is_article === false) {
      // Nothing hidden: the page stays exactly as it is, with a notice saying why.
      const notice = showNotice('Declutter found no article on this page, so nothing was hidden.');
      window.addEventListener('keydown', onKey, true);
      state = { mode, title: result.title ?? null, scroll, focus, notice, late: 0 };
      state.guard = guard(notice);
      state.stopNav = watchNavigation(state);
      return { hidden: 0, duplicates: 0 };
    }
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
    state = { mode, title: result.title ?? null, scroll, host, focus, seq };
    state.guard = guard(host);
    state.stopNav = watchNavigation(state);
    // The Markdown came before the view (messages may overtake each other): handed over now.
    if (early?.seq === seq) reader.setMarkdown(host, early.markdown);
    early = null;
    return { ...result.counts };
  }

  // The Markdown of the reader view numbered `seq`, if it arrived before that view opened.
  let early = null;

  /**
   * Restores the page exactly as it was; returns the mode that was on. `restoreView` false:
   * leave scroll and focus where the reader has them now (re-evaluation after navigation).
   */
  function turnOff({ restoreView = true } = {}) {
    if (!state) return null;
    const s = dropState();
    if (!restoreView) return s.mode;
    if (s.focus && s.focus.isConnected && s.focus !== document.body) s.focus.focus?.({ preventScroll: true });
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

  /** The 'state' message's answer (a promise when the snapshot comes along). */
  function stateOf(msg) {
    const lost = checkState();
    const now = { mode: state?.mode ?? null, title: state?.title ?? null, late: state?.late ?? 0, watch: state?.watch ?? null, lost };
    // A toggle on an untouched page needs the snapshot next: sent in the same reply.
    if (!msg.snapshot || state) return now;
    return snapshotSliced({ maxNodes: msg.maxNodes, budgetMs: msg.budgetMs }).then(
      (snap) => ({ ...now, ...snap }),
      (e) => ({ error: String(e?.message ?? e) }),
    );
  }

  // The page-reading limits of a toggle: the core's node limit (background/main.js
  // CORE_BUDGET.max_nodes) and at most this long on the page's thread.
  const TOGGLE_LIMITS = { maxNodes: 1_500_000, budgetMs: 1500 };

  // content/start.js, injected after this file by a toggle: the injection's result is the
  // state (and snapshot) the 'state' message would answer, one round trip fewer.
  globalThis.__declutterStart = () => {
    try {
      return Promise.resolve(stateOf({ snapshot: true, ...TOGGLE_LIMITS }));
    } catch (e) {
      return Promise.resolve({ error: String(e?.message ?? e) });
    }
  };

  api.runtime.onMessage.addListener((msg, _sender, reply) => {
    try {
      switch (msg?.cmd) {
        case 'state': {
          const now = stateOf(msg);
          if (!(now instanceof Promise)) {
            reply(now);
            break;
          }
          now.then(reply);
          return true; // answered later
        }
        case 'snapshot':
          snapshotSliced({ maxNodes: msg.maxNodes, budgetMs: msg.budgetMs }).then(
            (snap) => reply(snap),
            (e) => reply({ error: String(e?.message ?? e) }),
          );
          return true;
        case 'apply': {
          if (state) turnOff({ restoreView: !msg.again });
          const shown = apply(msg.mode, msg.result, msg.settings, msg.picks, msg.seq);
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
        case 'markdown':
          if (state?.mode === 'reader' && state.seq === msg.seq) reader.setMarkdown(state.host, msg.markdown);
          else early = { seq: msg.seq, markdown: msg.markdown };
          reply({});
          break;
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
