// The core runs here, off the main thread, so a 5 MB page never freezes the playground.
// Messages in:  {id, html?: string|Uint8Array, snapshot?: {text, ints}, options}
// Messages out: {id, ok: true, html?: {result, ms}, snapshot?: {result, ms}} or {id, ok: false, error, fatal}
import init, { extractHtml, extractSnapshot } from './pkg/declutter.js';

// The wasm file sits in pkg/ next to this (bundled) script.
const ready = init({ module_or_path: new URL('./pkg/declutter_bg.wasm', import.meta.url) }).then(
  () => null,
  (e) => e,
);

function call(fn, ...args) {
  const t0 = performance.now();
  const result = fn(...args);
  return { result, ms: performance.now() - t0 };
}

self.onmessage = async (ev) => {
  const { id, html, snapshot, options } = ev.data;
  const initError = await ready;
  if (initError) {
    self.postMessage({ id, ok: false, fatal: true, error: `The WebAssembly core did not load: ${initError.message ?? initError}` });
    return;
  }
  const out = { id, ok: true };
  try {
    if (html !== undefined) out.html = call(extractHtml, html, options);
    if (snapshot !== undefined) out.snapshot = call(extractSnapshot, snapshot.text, snapshot.ints, options);
  } catch (e) {
    // A JsError from the core is a message for the person; anything else (a trap) means the
    // instance may be broken, so the page restarts this worker.
    const fatal = !(e instanceof Error) || e instanceof WebAssembly.RuntimeError;
    self.postMessage({ id, ok: false, fatal, error: String(e?.message ?? e), partial: out });
    return;
  }
  self.postMessage(out);
};
ready.then((e) => self.postMessage({ hello: true, error: e ? String(e.message ?? e) : null }));
