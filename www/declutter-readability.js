// A drop-in for Readability.js's API, backed by Declutter's WebAssembly core.
//
//   - import { Readability } from '@mozilla/readability';
//   + import { Readability } from './declutter-readability.js';
//     const article = new Readability(document).parse();
//     // {title, content, textContent, length, excerpt, byline, dir, siteName, lang, publishedTime}
//
// Unlike Readability.js, the document is not modified (it is serialised and read by the core),
// and an HTML string is accepted in place of a Document. `parse()` returns null when the page
// holds no article, as Readability.js does. The core loads once, when this module is imported
// (top-level await): from the network next to this file in a browser, from disk under Node.
import init, { initSync, extractHtml } from './pkg/declutter.js';

const wasmUrl = new URL('./pkg/declutter_bg.wasm', import.meta.url);
if (wasmUrl.protocol === 'file:') {
  const { readFile } = await import('node:fs/promises');
  initSync({ module: await readFile(wasmUrl) });
} else {
  await init({ module_or_path: wasmUrl });
}

/** Is this a DOM Document (from a browser, jsdom or linkedom)? */
function isDocument(d) {
  return !!d && typeof d === 'object' && d.nodeType === 9 && !!d.documentElement;
}

/** The document's HTML as the server would have sent it (doctype included: it sets the mode). */
function serialize(doc) {
  const dt = doc.doctype;
  const doctype = dt
    ? `<!DOCTYPE ${dt.name}${dt.publicId ? ` PUBLIC "${dt.publicId}"` : ''}${dt.systemId ? `${dt.publicId ? '' : ' SYSTEM'} "${dt.systemId}"` : ''}>`
    : '';
  return doctype + doc.documentElement.outerHTML;
}

/** The page URL to resolve links against, when the document has a real one. */
function documentUrl(doc) {
  const u = doc.documentURI || doc.URL || doc.baseURI;
  return typeof u === 'string' && /^https?:/i.test(u) ? u : undefined;
}

export class Readability {
  /**
   * @param {Document|string} doc a Document (as for Readability.js) or an HTML string
   * @param {{url?: string, dedupe?: boolean}} [options] Readability.js's own options are accepted
   *   and ignored; `url` names the page when `doc` is a string.
   */
  constructor(doc, options = {}) {
    if (typeof doc === 'string') {
      this._html = doc;
      this._url = options.url;
    } else if (isDocument(doc)) {
      this._html = serialize(doc);
      this._url = options.url ?? documentUrl(doc);
    } else {
      throw new Error('First argument to Readability constructor should be a document object or an HTML string.');
    }
    this._dedupe = options.dedupe ?? true;
  }

  /** The full Declutter extraction (snake_case fields; see the README's JSON schema). */
  extract() {
    const opts = { html: true, dedupe: this._dedupe };
    if (this._url) opts.url = this._url;
    return extractHtml(this._html, opts);
  }

  /**
   * Readability.js's result shape, or null when the page has no article. Core errors other
   * than "there is nothing to read" are thrown.
   */
  parse() {
    let r;
    try {
      r = this.extract();
    } catch (e) {
      if (/^empty input/.test(e?.message ?? '')) return null;
      throw e;
    }
    if (r.main == null || !r.text.trim()) return null;
    return {
      title: r.title ?? '',
      byline: r.byline ?? null,
      dir: r.dir ?? null,
      lang: r.lang ?? null,
      content: r.html,
      textContent: r.text,
      length: r.text.length,
      excerpt: r.excerpt ?? null,
      siteName: r.site_name ?? null,
      publishedTime: r.published ?? null,
    };
  }
}

/** Readability.js's quick check, answered by the core's own verdict. */
export function isProbablyReaderable(doc) {
  try {
    return !!new Readability(doc).extract().is_article;
  } catch {
    return false;
  }
}

export default Readability;
