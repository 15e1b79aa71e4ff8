// Selectors for the click picker's choices (content/picker.js): short, made of ids and class
// names a site keeps between pages, never of generated class names, and always finding exactly
// the picked element, so a pick made on one page of a site applies on its next pages.

// Selector parts: class names that look generated (css-1x2y3z, sc-AbC12) change between
// builds of a site; a name with two or more digits or a CSS-in-JS prefix is left out.
const GENERATED = /^(css|sc|jsx|emotion|styled)-|\d.*\d/i;
const MAX_CLASSES = 2;

const stable = (name) => /^[A-Za-z_][\w-]*$/.test(name) && !GENERATED.test(name) && !name.startsWith('declutter');

/** One step of the path: tag, stable classes, position among same-tag siblings if needed. */
function step(el) {
  const doc = el.ownerDocument;
  const esc = (doc.defaultView?.CSS ?? globalThis.CSS).escape;
  if (el.id && stable(el.id) && doc.querySelectorAll(`#${esc(el.id)}`).length === 1) {
    return { sel: `#${esc(el.id)}`, anchor: true };
  }
  let sel = el.localName;
  const classes = [...el.classList].filter(stable).slice(0, MAX_CLASSES);
  sel += classes.map((c) => `.${esc(c)}`).join('');
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
export function selectorFor(el) {
  const doc = el.ownerDocument;
  const parts = [];
  for (let n = el; n && n !== doc.body && n !== doc.documentElement; n = n.parentElement) {
    const s = step(n);
    parts.unshift(s.sel);
    if (s.anchor) break;
  }
  if (!parts.length) return 'body';
  const only = (sel) => {
    try {
      const found = doc.querySelectorAll(sel);
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
