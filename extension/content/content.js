// Content script: reads the live page into a snapshot for the core (which runs in the
// background context) and shows the core's result in the page. Injected on demand by the
// background (scripting.executeScript); injecting it twice is harmless.
//
// Messages from the background (all answered):
//   {cmd: 'state'}                      -> {mode: null|'reader'|'declutter', title}
//   {cmd: 'snapshot'}                   -> {json}   the page as src/dom/snapshot.rs documents it
//   {cmd: 'apply', mode, result, settings} -> {hidden, duplicates}   after the page shows it
//   {cmd: 'off'}                        -> {mode}   after the page is restored exactly
//   {cmd: 'settings', settings}         -> {}       restyles an open reader view
//   {cmd: 'probe'}                      -> {article: bool}   cheap "looks like an article" check
(() => {
  if (globalThis.__declutterContent) return;
  globalThis.__declutterContent = true;

  const api = globalThis.browser ?? globalThis.chrome;
  // reader/reader.js, injected just before this file into the same isolated world.
  const reader = globalThis.__declutterReader;
  const READER_ID = reader.HOST_ID;
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
    return el.id === READER_ID;
  }

  // Walk rules (door 1's, see src/dom/mod.rs): document order; comments, doctype, processing
  // instructions and template contents skipped; script (but JSON-LD) and style text left out;
  // adjacent text siblings (also across a skipped comment) merged into one entry; empty text
  // dropped. An explicit stack, so a page nested 100,000 deep cannot overflow ours.
  function snapshot() {
    const root = document.documentElement;
    if (!root) throw new Error('the page has no document element');
    const nodes = [];
    const kept = [];
    const pushElement = (el, p) => {
      const a = [];
      for (const at of el.attributes) a.push([at.name, at.value]);
      nodes.push({ p, t: el.localName, a });
      kept.push(el);
      return nodes.length - 1;
    };
    const stack = [{ idx: pushElement(root, -1), next: root.firstChild, keepText: keepsText(root), text: -1 }];
    while (stack.length) {
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
        if (!f.keepText || n.data === '') continue;
        if (f.text >= 0) {
          nodes[f.text].x += n.data;
        } else {
          nodes.push({ p: f.idx, x: n.data });
          kept.push(n);
          f.text = nodes.length - 1;
        }
      }
    }
    live = kept;
    return JSON.stringify({ url: location.href, nodes });
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

  function applyDeclutter(result) {
    const marks = new Map();
    const main = element(result.main);
    // Never hide the article itself or anything holding it, whatever a block list says.
    const hideable = (el) => el && el !== document.body && el !== document.documentElement && !(main && el.contains(main));
    let hidden = 0;
    let duplicates = 0;
    if (main) mark(marks, main, 'main');
    for (const b of result.hidden ?? []) {
      const el = element(b.node);
      if (hideable(el)) {
        mark(marks, el, 'hidden');
        hidden++;
      }
    }
    for (const g of result.duplicates ?? []) {
      for (const c of g.copies ?? []) {
        const el = element(c.node);
        if (!c.kept && hideable(el)) {
          mark(marks, el, 'duplicate');
          duplicates++;
        }
      }
    }
    return { marks, hidden, duplicates };
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

  function apply(mode, result, settings) {
    const scroll = [window.scrollX, window.scrollY];
    const focus = document.activeElement;
    if (mode === 'declutter') {
      const { marks, hidden, duplicates } = applyDeclutter(result);
      state = { mode, title: result.title ?? null, scroll, marks, focus };
      return { hidden, duplicates };
    }
    const host = reader.open(result, settings, () => turnOff());
    window.addEventListener('keydown', onKey, true);
    state = { mode, title: result.title ?? null, scroll, host, focus };
    const duplicates = (result.duplicates ?? []).reduce((n, g) => n + (g.copies ?? []).filter((c) => !c.kept).length, 0);
    return { hidden: (result.hidden ?? []).length, duplicates };
  }

  /** Restores the page exactly as it was; returns the mode that was on. */
  function turnOff() {
    if (!state) return null;
    const s = state;
    state = null;
    if (s.mode === 'declutter') {
      unmark(s.marks);
    } else {
      window.removeEventListener('keydown', onKey, true);
      s.host.remove();
    }
    if (s.focus && s.focus.isConnected && s.focus !== document.body) s.focus.focus?.({ preventScroll: true });
    window.scrollTo(s.scroll[0], s.scroll[1]);
    return s.mode;
  }

  /** A cheap look at the page, without the core: enough prose in paragraphs to be an article? */
  function looksLikeArticle() {
    // Thresholds: ~5 real paragraphs or ~1,500 characters of paragraph text.
    const MIN_PARAGRAPH_CHARS = 80;
    const MIN_PARAGRAPHS = 5;
    const MIN_TOTAL_CHARS = 1500;
    let count = 0;
    let total = 0;
    for (const p of document.querySelectorAll('p')) {
      const n = p.textContent.trim().length;
      if (n >= MIN_PARAGRAPH_CHARS) {
        count++;
        total += n;
      }
      if (count >= MIN_PARAGRAPHS && total >= MIN_TOTAL_CHARS) return true;
    }
    return false;
  }

  api.runtime.onMessage.addListener((msg, _sender, reply) => {
    try {
      switch (msg?.cmd) {
        case 'state':
          reply({ mode: state?.mode ?? null, title: state?.title ?? null });
          break;
        case 'snapshot':
          reply({ json: snapshot() });
          break;
        case 'apply':
          if (state) turnOff();
          reply(apply(msg.mode, msg.result, msg.settings));
          break;
        case 'off':
          reply({ mode: turnOff() });
          break;
        case 'settings':
          if (state?.mode === 'reader') reader.style(state.host, msg.settings);
          reply({});
          break;
        case 'probe':
          reply({ article: looksLikeArticle() });
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
