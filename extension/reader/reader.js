// The reader view, injected into the page's isolated world just before content/content.js
// (which calls it): a host element #declutter-reader holding an open shadow root, styled from
// the user's settings, showing the core's article HTML after filtering it again here.
(() => {
  if (globalThis.__declutterReader) return;
  const HOST_ID = 'declutter-reader';

  // The article HTML comes from the core, which read an untrusted page: it is parsed inert
  // and filtered again here. Elements that run code, load documents, or take input go whole.
  const DROP = new Set([
    'script', 'style', 'link', 'meta', 'base', 'iframe', 'frame', 'frameset', 'object', 'embed',
    'applet', 'form', 'input', 'button', 'select', 'textarea', 'option', 'template', 'noscript',
    'svg', 'canvas', 'audio', 'video', 'source', 'track', 'portal', 'dialog', 'slot',
  ]);
  const KEEP_ATTRS = new Set([
    'href', 'src', 'alt', 'title', 'width', 'height', 'colspan', 'rowspan', 'headers', 'scope',
    'datetime', 'cite', 'lang', 'dir', 'start', 'reversed', 'abbr',
  ]);
  const URL_ATTRS = new Set(['href', 'src', 'cite']);
  // Formulas stay (the core keeps MathML): presentation elements only, with their layout
  // attributes. annotation-xml (it can hold HTML), maction and mglyph go, and so does every
  // MathML link (href on any element): nothing in a formula can navigate or run.
  const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';
  const MATHML = new Set([
    'math', 'mi', 'mn', 'mo', 'ms', 'mtext', 'mspace', 'mrow', 'mfrac', 'msqrt', 'mroot',
    'mstyle', 'merror', 'mpadded', 'mphantom', 'mfenced', 'menclose', 'msub', 'msup', 'msubsup',
    'munder', 'mover', 'munderover', 'mmultiscripts', 'mprescripts', 'none', 'mtable', 'mtr',
    'mtd', 'mlabeledtr', 'semantics', 'annotation',
  ]);
  const MATHML_ATTRS = new Set([
    'display', 'mathvariant', 'stretchy', 'fence', 'separator', 'lspace', 'rspace', 'accent',
    'accentunder', 'linethickness', 'columnalign', 'rowalign', 'mathsize', 'scriptlevel',
    'displaystyle', 'notation', 'open', 'close', 'separators', 'largeop', 'movablelimits',
    'symmetric', 'minsize', 'maxsize', 'form', 'width', 'height', 'depth', 'encoding', 'dir',
  ]);

  function safeUrl(value, attr) {
    let u;
    try {
      u = new URL(value, document.baseURI);
    } catch {
      return null;
    }
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
    if (attr === 'href' && u.protocol === 'mailto:') return u.href;
    return null;
  }

  /** The article HTML parsed into a document of its own: nothing in it loads or runs. */
  function parseInert(html) {
    return new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html').body;
  }

  /**
   * Filters `root` (an element or text node of the inert document, or its body) and its
   * subtree in place; a root that must go is removed. Returns the root, or null if it went.
   */
  function filter(root) {
    if (root.nodeType !== Node.ELEMENT_NODE) return root;
    // Collect first, then edit: removing while walking would skip nodes.
    const all = root.localName === 'body' ? [...root.querySelectorAll('*')] : [root, ...root.querySelectorAll('*')];
    // Removed: the root itself, or (for nodes inside a removed one) any ancestor.
    const removed = new Set();
    const drop = (el) => {
      removed.add(el);
      el.remove();
    };
    for (const el of all) {
      if (el !== root && removed.has(el.parentNode)) {
        removed.add(el);
        continue;
      }
      if (el.namespaceURI === MATHML_NS) {
        if (!MATHML.has(el.localName)) {
          drop(el);
          continue;
        }
        for (const { name } of [...el.attributes]) if (!MATHML_ATTRS.has(name)) el.removeAttribute(name);
        continue;
      }
      if (DROP.has(el.localName) || el.namespaceURI !== 'http://www.w3.org/1999/xhtml') {
        drop(el);
        continue;
      }
      for (const { name, value } of [...el.attributes]) {
        if (!KEEP_ATTRS.has(name)) {
          el.removeAttribute(name);
        } else if (URL_ATTRS.has(name)) {
          const url = safeUrl(value, name);
          if (url === null) el.removeAttribute(name);
          else el.setAttribute(name, url);
        }
      }
      if (el.localName === 'a') {
        el.setAttribute('rel', 'noopener noreferrer');
        el.setAttribute('target', '_blank');
      }
    }
    return removed.has(root) ? null : root;
  }

  /** Moves the children of the (filtered) inert `body` into a fragment of this document. */
  function adopt(body) {
    const frag = document.createDocumentFragment();
    // Adopted, not copied: the filtered nodes move into this document in one step.
    for (const n of [...body.childNodes]) frag.append(document.adoptNode(n));
    return frag;
  }

  /** Returns a fragment of this document holding the filtered article. */
  function sanitize(html) {
    const body = parseInert(html);
    filter(body);
    return adopt(body);
  }

  const FONTS = {
    serif: 'Georgia, "Noto Serif", "DejaVu Serif", serif',
    sans: 'system-ui, "Noto Sans", "DejaVu Sans", sans-serif',
    mono: 'ui-monospace, "DejaVu Sans Mono", monospace',
  };
  const THEMES = {
    light: ['#fdfdfc', '#1d1d1f', '#1a5bb5', '#6b6b70'],
    dark: ['#18191b', '#e4e4e6', '#8ab4f8', '#a0a0a8'],
    sepia: ['#f5ecd9', '#3b2f22', '#8a4b12', '#7a6a55'],
  };
  const DEFAULTS = { font: 'serif', size: 19, width: 36, lineHeight: 1.6, theme: 'auto' };

  function themeVars(s) {
    const name = s.theme in THEMES ? s.theme : matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    const [bg, fg, link, muted] = THEMES[name];
    return { name, bg, fg, link, muted };
  }

  // The settings each open reader view was last styled with (for "auto" following the OS).
  const applied = new WeakMap();
  const darkOs = matchMedia('(prefers-color-scheme: dark)');

  function style(host, settings) {
    const s = { ...DEFAULTS, ...(settings ?? {}) };
    applied.set(host, s);
    const t = themeVars(s);
    // Set through the CSSOM: allowed under any page CSP, and beats page rules on the host.
    const set = (k, v) => host.style.setProperty(k, String(v), 'important');
    set('position', 'fixed');
    set('inset', '0');
    set('z-index', '2147483647');
    set('overflow', 'auto');
    set('overscroll-behavior', 'contain');
    set('display', 'block');
    set('margin', '0');
    set('background', t.bg);
    set('--dr-bg', t.bg);
    set('--dr-fg', t.fg);
    set('--dr-link', t.link);
    set('--dr-muted', t.muted);
    set('--dr-font', FONTS[s.font] ?? FONTS.serif);
    set('--dr-size', `${Number(s.size) || DEFAULTS.size}px`);
    set('--dr-width', `${Number(s.width) || DEFAULTS.width}em`);
    set('--dr-line', Number(s.lineHeight) || DEFAULTS.lineHeight);
    host.dataset.theme = t.name;
  }

  const READER_CSS = `
  :host { all: initial; }
  .page { box-sizing: border-box; min-height: 100%; padding: 3em 1.2em 5em; background: var(--dr-bg);
  color: var(--dr-fg); font-family: var(--dr-font); font-size: var(--dr-size); line-height: var(--dr-line); }
  article, header.meta { max-width: var(--dr-width); margin: 0 auto; }
  h1.title { font-size: 1.9em; line-height: 1.2; margin: 0 0 .4em; }
  .empty { color: var(--dr-muted); font-style: italic; }
  .byline, .info { color: var(--dr-muted); font-size: .85em; margin: .2em 0; }
  a { color: var(--dr-link); }
  img { max-width: 100%; height: auto; }
  figure { margin: 1.5em 0; }
  figcaption { color: var(--dr-muted); font-size: .85em; }
  blockquote { margin: 1em 0; padding-left: 1em; border-left: 3px solid var(--dr-muted); }
  pre { overflow: auto; white-space: pre-wrap; }
  button.close { position: fixed; top: .6em; right: .8em; font: inherit; font-size: 1.4em; line-height: 1;
  border: 0; background: transparent; color: var(--dr-muted); cursor: pointer; }
  .toolbar { position: fixed; top: .6em; left: .8em; display: flex; gap: .4em; align-items: center;
  font: 13px/1.3 system-ui, sans-serif; }
  .toolbar button { font: inherit; padding: .25em .6em; border: 1px solid var(--dr-muted); border-radius: 4px;
  background: var(--dr-bg); color: var(--dr-fg); cursor: pointer; }
  .toolbar .status { color: var(--dr-muted); }
  @media print {
    .toolbar, button.close { display: none !important; }
    .page { background: #fff !important; color: #000 !important; padding: 0 !important; min-height: 0; }
    article, header.meta { max-width: none !important; }
    a, .byline, .info, figcaption { color: #000 !important; }
    img, figure, table, pre, blockquote { break-inside: avoid; }
    h1, h2, h3, h4 { break-after: avoid; }
  }
  `;

  function addStyles(shadow) {
    // A constructed sheet is not subject to the page's style-src; fall back to <style>.
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(READER_CSS);
      shadow.adoptedStyleSheets = [sheet];
      return;
    } catch {
      /* fall through */
    }
    const style = document.createElement('style');
    style.textContent = READER_CSS;
    shadow.append(style);
  }

  function text(tag, cls, value) {
    const el = document.createElement(tag);
    if (cls) el.className = cls;
    el.textContent = value;
    return el;
  }

  /** What a reader view showing only an article's first words says about it. */
  const longNote = (shown, words) =>
    `This article is long: the first ${shown.toLocaleString()} of its ${Number(words).toLocaleString()} words are shown here; the rest is on the page.`;

  /** Copy as Markdown, save as HTML, print: buttons above the article (hidden in print). */
  function toolbar(host, shadow, result) {
    const exp = globalThis.__declutterExport;
    const bar = document.createElement('div');
    bar.className = 'toolbar';
    bar.setAttribute('role', 'toolbar');
    const status = text('span', 'status', '');
    status.setAttribute('role', 'status');
    const button = (action, label, run) => {
      const b = text('button', '', label);
      b.dataset.action = action;
      b.addEventListener('click', () =>
        Promise.resolve()
          .then(run)
          .then((msg) => (status.textContent = msg))
          .catch((e) => (status.textContent = `Failed: ${e?.message ?? e}`)),
      );
      bar.append(b);
      return b;
    };
    // The Markdown comes after the view (setMarkdown); a click before it waits for it.
    let give;
    const markdown = new Promise((ok) => (give = ok));
    // A capped article's Markdown holds what the view shows (and ends with the core's note).
    const held = Number.isFinite(result.shown_words) ? ` (the first ${result.shown_words.toLocaleString()} of ${Number(result.words).toLocaleString()} words)` : '';
    const md = button('copy-markdown', 'Copy Markdown', async () =>
      (await exp.copyText(await markdown, shadow)) ? `Markdown copied${held}.` : 'Copying was refused.',
    );
    markdowns.set(host, (text) => {
      md.disabled = typeof text !== 'string' || text === '';
      give(text);
    });
    if (typeof result.markdown === 'string') markdowns.get(host)(result.markdown);
    // Both wait for a long article's last blocks (progressive rendering, below).
    button('save-html', 'Save HTML', async () => {
      await settled(host);
      const vars = {};
      for (const k of ['--dr-bg', '--dr-fg', '--dr-link', '--dr-muted', '--dr-font', '--dr-size', '--dr-width', '--dr-line']) {
        vars[k] = host.style.getPropertyValue(k);
      }
      const html = exp.buildHtml({ shadow, css: READER_CSS, vars, lang: result.lang, dir: result.dir });
      return `Saved ${exp.saveHtml(html, result.title || document.title, shadow)}${held}.`;
    });
    button('print', 'Print', async () => {
      await settled(host);
      print();
      return '';
    });
    bar.append(status);
    return bar;
  }

  function open(result, settings, onClose) {
    const host = document.createElement('div');
    host.id = HOST_ID;
    style(host, settings);
    // "auto" follows the OS while the view is open; the listener goes with the view.
    const follow = () => {
      if (!host.isConnected) darkOs.removeEventListener('change', follow);
      else if (applied.get(host)?.theme === 'auto') style(host, applied.get(host));
    };
    darkOs.addEventListener('change', follow);
    const shadow = host.attachShadow({ mode: 'open' });
    addStyles(shadow);
    const page = document.createElement('div');
    page.className = 'page';
    const close = text('button', 'close', '\u00d7');
    close.title = 'Close reader view (Esc)';
    close.addEventListener('click', onClose);
    const tools = toolbar(host, shadow, result);
    const meta = document.createElement('header');
    meta.className = 'meta';
    meta.append(text('h1', 'title', result.title || document.title || 'Untitled'));
    if (result.byline) meta.append(text('p', 'byline', result.byline));
    // Each part isolated (<bdi>), so "2 min read" keeps its order on a right-to-left page.
    const info = [result.site_name, result.reading_minutes ? `${result.reading_minutes} min read` : null].filter(Boolean);
    if (info.length) {
      const line = text('p', 'info', '');
      info.forEach((part, i) => line.append(...(i ? [' \u00b7 '] : []), text('bdi', '', part)));
      meta.append(line);
    }
    // A capped article (the core's max_words, set by the background) says so at the top, where
    // it is seen before anyone scrolls; the saved HTML keeps the header and so the note.
    if (Number.isFinite(result.shown_words)) meta.append(text('p', 'info long', longNote(result.shown_words, result.words)));
    const article = document.createElement('article');
    if (result.lang) article.lang = result.lang;
    if (result.dir) article.dir = result.dir;
    // The first screenful is filtered and shown now; the rest waits, unfiltered, in the inert
    // document and is filtered a frame at a time as it is appended (appendLater).
    const { frag: body, rest } = firstPart(parseInert(result.html ?? ''));
    const guess = body.textContent.trim() !== '' || rest?.blocks.some((b) => filter(b)?.textContent.trim());
    // No article (a homepage, search results, a web app): said first; the core's best guess follows.
    if (result.is_article === false) {
      article.append(text('p', 'empty', `Declutter found no article on this page${guess ? '; below is a best guess' : ''}.`));
    }
    let later = null;
    if (guess) later = appendFirst(article, body, rest);
    else if (result.is_article !== false) article.append(text('p', 'empty', 'Declutter found no article text on this page.'));
    page.append(tools, close, meta, article);
    shadow.append(page);
    host.tabIndex = -1;
    host.setAttribute('role', 'dialog');
    host.setAttribute('aria-modal', 'true');
    host.setAttribute('aria-label', 'Reader view');
    document.documentElement.append(host);
    host.focus({ preventScroll: true });
    complete.set(host, later ? appendLater(host, later) : Promise.resolve());
    return host;
  }

  // ---- Progressive rendering ---------------------------------------------------------------
  // The first frame shows the header and about a screenful of the article; the rest follows
  // a frame at a time. Laying out a long article at once would hold the page's main thread
  // (and the first paint) for as long as the whole text takes; the reader sees the top first.

  // Characters of article text in the first frame (a screenful at most text sizes and widths).
  const FIRST_CHARS = 3000;
  // A block longer than this where the first frame's text ends is split too (see firstPart).
  const SPLIT_CHARS = 2 * FIRST_CHARS;
  // Characters per later frame: enough to finish a long article in a few frames, few enough
  // that one frame's layout stays short.
  const LATER_CHARS = 30000;
  // A frame that does not come (a tab in the background) does not hold the rest back longer.
  const FRAME_WAIT_MS = 100;

  // host -> promise resolved once the whole article is in (or the reader was closed).
  const complete = new WeakMap();

  /**
   * Splits the inert article `body`: the blocks after the first FIRST_CHARS characters are
   * taken out (unfiltered, still inert); the rest is filtered and adopted into a fragment.
   * Returns {frag, rest: {blocks, parents} or null}: the held-back blocks in document order and
   * for each the element it goes back into (null: the article itself).
   */
  function firstPart(body) {
    // The blocks are the children of the innermost lone wrapper (an article may come as one <div>).
    let box = body;
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
        if (chars + len > SPLIT_CHARS && n.nodeType === Node.ELEMENT_NODE && n.firstElementChild) {
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
        n.remove();
        blocks.push(n);
        parents.push(b === body ? null : b);
      }
    }
    filter(body);
    const frag = adopt(body);
    return { frag, rest: blocks.length ? { blocks, parents } : null };
  }

  /** Appends `frag` (the filtered first part) to `article`; returns {blocks, parents} for appendLater, or null. */
  function appendFirst(article, frag, rest) {
    article.append(frag);
    return rest ? { blocks: rest.blocks, parents: rest.parents.map((p) => p ?? article) } : null;
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

  /** Appends the held-back blocks, LATER_CHARS per frame; resolves when all are in. */
  function appendLater(host, { blocks, parents }) {
    return new Promise((resolve) => {
      let k = 0;
      const step = () => {
        // Closed meanwhile: the rest has nowhere to go.
        if (!host.isConnected) return resolve();
        let chars = 0;
        const start = k;
        while (k < blocks.length && (k === start || chars < LATER_CHARS)) chars += blocks[k++].textContent.length;
        // Filtered in the inert document, then adopted: nothing unfiltered reaches the page.
        for (let j = start; j < k; j++) {
          const n = filter(blocks[j]);
          if (n) parents[j].append(document.adoptNode(n));
        }
        if (k < blocks.length) afterFrame(step);
        else resolve();
      };
      afterFrame(step);
    });
  }

  // host -> function taking the article's Markdown (the toolbar's "Copy Markdown").
  const markdowns = new WeakMap();

  /** Hands the reader view on `host` its Markdown (content.js, after the view is shown). */
  const setMarkdown = (host, text) => markdowns.get(host)?.(text);

  /** Resolves once the reader on `host` shows the whole article (or was closed). */
  const settled = (host) => complete.get(host) ?? Promise.resolve();

  globalThis.__declutterReader = Object.freeze({ HOST_ID, open, settled, setMarkdown, style, sanitize });
})();
