// The click picker, started by the background (context menu "Hide or keep an element...") on a
// page in declutter mode. The element under the mouse gets an outline; a click hides it, or, on
// a block declutter hid (shown dimmed and dashed while picking), keeps it. The choice is sent
// to the background, which remembers it for the site and runs declutter again with it.
// Esc cancels. Only one pick per start; the page's own click handlers never see the click.
(() => {
  if (globalThis.__declutterPicker) return;
  const api = globalThis.browser ?? globalThis.chrome;
  const HOST_ID = 'declutter-picker';
  const FLAG = 'data-declutter-picking';
  const HIDDEN = '[data-declutter="hidden"],[data-declutter="duplicate"]';
  // Selector parts: class names that look generated (css-1x2y3z, sc-AbC12) change between
  // builds of a site; a name with two or more digits or a CSS-in-JS prefix is left out.
  const GENERATED = /^(css|sc|jsx|emotion|styled)-|\d.*\d/i;
  const MAX_CLASSES = 2;
  const STYLE = `
  :host { all: initial; }
  .box { position: fixed; box-sizing: border-box; border: 2px solid #1a73e8; background: rgba(26,115,232,.12);
  pointer-events: none; display: none; }
  .box.keep { border-color: #188038; background: rgba(24,128,56,.15); }
  .bar { position: fixed; top: 8px; left: 50%; transform: translateX(-50%); padding: 6px 12px; border-radius: 6px;
  background: #202124; color: #fff; font: 13px/1.4 system-ui, sans-serif; pointer-events: none; }
  `;

  const stable = (name) => /^[A-Za-z_][\w-]*$/.test(name) && !GENERATED.test(name) && !name.startsWith('declutter');

  /** One step of the path: tag, stable classes, position among same-tag siblings if needed. */
  function step(el) {
    if (el.id && stable(el.id) && document.querySelectorAll(`#${CSS.escape(el.id)}`).length === 1) {
      return { sel: `#${CSS.escape(el.id)}`, anchor: true };
    }
    let sel = el.localName;
    const classes = [...el.classList].filter(stable).slice(0, MAX_CLASSES);
    sel += classes.map((c) => `.${CSS.escape(c)}`).join('');
    const parent = el.parentElement;
    if (parent) {
      const alike = [...parent.children].filter((c) => c.matches(sel));
      if (alike.length > 1) {
        const same = [...parent.children].filter((c) => c.localName === el.localName);
        sel += `:nth-of-type(${same.indexOf(el) + 1})`;
      }
    }
    return { sel, anchor: false };
  }

  /**
   * A selector for `el` that survives other pages of the site: the path from the nearest
   * unique id (or <body>), then shortened to the shortest tail that still finds `el` alone and
   * starts at a named step (an id or a class: a bare `li:nth-of-type(2)` would match any list
   * on the next page).
   */
  function selectorFor(el) {
    const parts = [];
    for (let n = el; n && n !== document.body && n !== document.documentElement; n = n.parentElement) {
      const s = step(n);
      parts.unshift(s.sel);
      if (s.anchor) break;
    }
    if (!parts.length) return 'body';
    const only = (sel) => {
      try {
        const found = document.querySelectorAll(sel);
        return found.length === 1 && found[0] === el;
      } catch {
        return false;
      }
    };
    const named = (part) => part.startsWith('#') || part.includes('.');
    for (let i = parts.length - 1; i >= 0; i--) {
      const sel = parts.slice(i).join(' > ');
      if (named(parts[i]) && only(sel)) return sel;
    }
    return parts[0].startsWith('#') ? parts.join(' > ') : ['body', ...parts].join(' > ');
  }

  let active = null;

  /** What a click on `target` would do: {el, action}. */
  function choiceFor(target) {
    const hidden = target.closest(HIDDEN);
    return hidden ? { el: hidden, action: 'keep' } : { el: target, action: 'hide' };
  }

  function pageTarget(e) {
    const t = e.target;
    if (!(t instanceof Element) || t.id === HOST_ID || t === document.documentElement) return null;
    return t;
  }

  function start() {
    if (active) return;
    const root = document.documentElement;
    const host = document.createElement('div');
    host.id = HOST_ID;
    for (const [k, v] of [['position', 'fixed'], ['top', '0'], ['left', '0'], ['width', '0'], ['height', '0'],
      ['z-index', '2147483647'], ['pointer-events', 'none'], ['display', 'block']]) host.style.setProperty(k, v, 'important');
    const shadow = host.attachShadow({ mode: 'open' });
    try {
      const s = new CSSStyleSheet();
      s.replaceSync(STYLE);
      shadow.adoptedStyleSheets = [s];
    } catch {
      shadow.append(Object.assign(document.createElement('style'), { textContent: STYLE }));
    }
    const box = Object.assign(document.createElement('div'), { className: 'box' });
    const bar = Object.assign(document.createElement('div'), { className: 'bar' });
    bar.textContent = 'Click an element to hide it, or a dimmed one to keep it. Esc cancels.';
    shadow.append(box, bar);
    const prevFlag = root.getAttribute(FLAG);
    root.setAttribute(FLAG, '');
    root.append(host);

    const outline = (e) => {
      const t = pageTarget(e);
      if (!t) return;
      const { el, action } = choiceFor(t);
      const r = el.getBoundingClientRect();
      Object.assign(box.style, { display: 'block', left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` });
      box.className = action === 'keep' ? 'box keep' : 'box';
      box.dataset.action = action;
      box.dataset.selector = selectorFor(el);
    };
    const swallow = (e) => {
      if (!pageTarget(e)) return;
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    const click = (e) => {
      const t = pageTarget(e);
      if (!t) return;
      swallow(e);
      const { el, action } = choiceFor(t);
      const selector = selectorFor(el);
      stop();
      api.runtime.sendMessage({ cmd: 'picked', selector, action }).catch(() => {});
    };
    const key = (e) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopImmediatePropagation();
      stop();
    };
    const listeners = [
      ['mousemove', outline],
      ['mouseover', outline],
      ['mousedown', swallow],
      ['mouseup', swallow],
      ['pointerdown', swallow],
      ['pointerup', swallow],
      ['click', click],
      ['keydown', key],
    ];
    for (const [type, fn] of listeners) window.addEventListener(type, fn, true);
    function stop() {
      if (active !== session) return;
      active = null;
      for (const [type, fn] of listeners) window.removeEventListener(type, fn, true);
      host.remove();
      if (prevFlag === null) root.removeAttribute(FLAG);
      else root.setAttribute(FLAG, prevFlag);
    }
    const session = { stop };
    active = session;
  }

  globalThis.__declutterPicker = Object.freeze({
    start,
    stop: () => active?.stop(),
    selectorFor,
    get active() {
      return active !== null;
    },
  });
})();
