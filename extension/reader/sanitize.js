// The reader view's filter. The article HTML comes from the core, which read an untrusted page
// and wrote only what its allowlist keeps (src/output/allowlist.rs); the reader parses it inert and
// applies that same allowlist again before anything reaches the page, so a bug in the core (or
// a page that found a way through it) still cannot put code, forms or foreign frames into the
// view. The lists are the core's own (CLEAN_HTML, generated from Rust at build time): what the
// core keeps, the reader shows, and nothing else.

import { CLEAN_HTML } from '../pkg/contracts.js';

const HTML_NS = 'http://www.w3.org/1999/xhtml';
const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';

const TAGS = new Set(CLEAN_HTML.tags);
const ATTRS = new Set(CLEAN_HTML.attrs);
const URL_ATTRS = new Set(CLEAN_HTML.url_attrs);
const LINK_ATTRS = new Set(CLEAN_HTML.link_attrs);
const LINK_SCHEMES = new Set(CLEAN_HTML.link_schemes);
const MEDIA_SCHEMES = new Set(CLEAN_HTML.media_schemes);
const MATH_TAGS = new Set(CLEAN_HTML.math_tags);
const MATH_ATTRS = new Set(CLEAN_HTML.math_attrs);

/**
 * A URL's scheme, lower-cased, or null for a relative URL (src/output/url.rs `scheme_of`:
 * control characters and spaces, which browsers skip, do not hide a scheme).
 * @param {string} url
 */
function schemeOf(url) {
  const cleaned = url.replace(/[\s\p{Cc}]/gu, '').slice(0, 32);
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(cleaned);
  return m ? m[1].toLowerCase() : null;
}

/** A link target the core would keep: one of its link schemes, or relative. */
function safeLink(v) {
  const s = schemeOf(v);
  return s === null || LINK_SCHEMES.has(s);
}

/** A media source the core would keep: http(s), relative, or a raster `data:` image. */
function safeMedia(v) {
  const t = v.trim();
  const lower = t.slice(0, 16).toLowerCase();
  if (lower.startsWith('data:')) return CLEAN_HTML.data_image_types.some((d) => lower.startsWith(d));
  const s = schemeOf(t);
  return s === null || MEDIA_SCHEMES.has(s);
}

/** Every candidate of a `srcset` is a media URL the core would keep (and none is `data:`). */
function safeSrcset(v) {
  return v.split(', ').every((cand) => {
    const u = cand.trim().split(/\s/, 1)[0];
    return !u.toLowerCase().startsWith('data:') && safeMedia(u);
  });
}

/** An https player on one of the core's video hosts (src/output/allowlist.rs `is_video_embed`). */
function isVideoEmbed(src) {
  const s = src.trim();
  const rest = s.startsWith('https://') ? s.slice(8) : s.startsWith('//') ? s.slice(2) : null;
  if (rest === null) return false;
  const host = rest.split(/[/?#]/, 1)[0].toLowerCase().split('@').pop().split(':', 1)[0];
  return CLEAN_HTML.video_hosts.some((h) => host === h || (host.endsWith(h) && host.slice(0, -h.length).endsWith('.')));
}

/** May attribute `name` with `value` stay on the HTML element `tag`? */
function keepAttr(tag, name, value) {
  if (URL_ATTRS.has(name)) {
    if (LINK_ATTRS.has(name)) return safeLink(value);
    return name === 'srcset' ? safeSrcset(value) : safeMedia(value);
  }
  if (name === 'class') {
    return (tag === 'code' || tag === 'pre') && value.split(/\s+/).every((c) => c === '' || CLEAN_HTML.code_class_prefixes.some((p) => c.startsWith(p)));
  }
  return ATTRS.has(name);
}

/** Does `el` go, with its subtree? */
function dropped(el) {
  if (el.namespaceURI === MATHML_NS) return !MATH_TAGS.has(el.localName) || !el.closest('math');
  if (el.namespaceURI !== HTML_NS || !TAGS.has(el.localName)) return true;
  return el.localName === 'iframe' && !isVideoEmbed(el.getAttribute('src') ?? '');
}

/**
 * Filters `root` (an element or text node of an inert document, or its body) and its subtree
 * in place; a root that must go is removed. Returns the root, or null if it went.
 * @template {Node} N
 * @param {N} root
 * @returns {N | null}
 */
export function filter(root) {
  if (root.nodeType !== Node.ELEMENT_NODE) return root;
  const top = /** @type {Element} */ (/** @type {unknown} */ (root));
  // Collect first, then edit: removing while walking would skip nodes.
  const all = top.localName === 'body' ? [...top.querySelectorAll('*')] : [top, ...top.querySelectorAll('*')];
  // Removed: the root itself, or (for nodes inside a removed one) any ancestor.
  const removed = new Set();
  for (const el of all) {
    if (el !== top && removed.has(el.parentNode)) {
      removed.add(el);
      continue;
    }
    if (dropped(el)) {
      removed.add(el);
      el.remove();
      continue;
    }
    const math = el.namespaceURI === MATHML_NS;
    for (const { name, value } of [...el.attributes]) {
      if (math ? !MATH_ATTRS.has(name) : !keepAttr(el.localName, name, value)) el.removeAttribute(name);
    }
    // Links open beside the view (the reader stays), and tell the target nothing.
    if (el.localName === 'a' && !math) {
      el.setAttribute('rel', 'noopener noreferrer');
      el.setAttribute('target', '_blank');
    }
  }
  return removed.has(top) ? null : root;
}

/** The article HTML parsed into a document of its own: nothing in it loads or runs. */
export function parseInert(html) {
  return new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html').body;
}

/** Moves the children of the (filtered) inert `body` into a fragment of `doc`. */
export function adopt(body, doc = document) {
  const frag = doc.createDocumentFragment();
  // Adopted, not copied: the filtered nodes move into this document in one step.
  for (const n of [...body.childNodes]) frag.append(doc.adoptNode(n));
  return frag;
}

/** A fragment of `doc` holding the filtered article. */
export function sanitize(html, doc = document) {
  const body = parseInert(html);
  filter(body);
  return adopt(body, doc);
}
