// The one wasm loader: instantiates the core once, on first use, and hands out its calls.
// It runs in the background context only: a content script cannot instantiate WebAssembly on
// a page whose CSP forbids it, and the extension's own CSP allows 'wasm-unsafe-eval'.
// The extension's package has only the snapshot input (no HTML parser): see extension/build/build.mjs.

import init, { extractSnapshot } from '../pkg/declutter.js';
import { WARMUP } from '../pkg/warmup.js';

let ready = null;
// How many times this context started instantiating the wasm module (tests read it: a page
// where nothing is toggled must leave it at 0).
let instantiations = 0;

/** The number of wasm instantiations this background context started. */
export const coreInstantiations = () => instantiations;

// The warm-up call's options: the reader view's (the default mode), which reach the most code.
const WARMUP_OPTIONS = { url: WARMUP.url, html: true, markdown: true, dedupe: true };

/**
 * Resolves to the core's API once the module is instantiated and warmed up (memoised). The
 * engines compile a wasm function on its first call, and the first extraction reaches most of
 * the module: done here on a small invented page (extension/build/warmup.mjs), while the
 * toggle's content script reads the page, rather than on the page's snapshot once it arrives.
 */
export function loadCore() {
  if (!ready) instantiations++;
  // The wasm file is part of the extension: this fetch never leaves the browser.
  ready ??= init({ module_or_path: new URL('../pkg/declutter_bg.wasm', import.meta.url) }).then(
    () => {
      extractSnapshot(WARMUP.text, WARMUP.ints, WARMUP_OPTIONS);
      return { extractSnapshot };
    },
    (e) => {
      ready = null; // let the next call try again
      throw e;
    },
  );
  return ready;
}
