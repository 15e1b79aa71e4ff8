// The one wasm loader: instantiates the core once, on first use, and hands out its calls.
// It runs in the background context only: a content script cannot instantiate WebAssembly on
// a page whose CSP forbids it, and the extension's own CSP allows 'wasm-unsafe-eval'.
// The extension's package has only the snapshot input (no HTML parser): see extension/build/build.mjs.

import init, { extractSnapshot } from '../pkg/declutter.js';

let ready = null;
// How many times this context started instantiating the wasm module (tests read it: a page
// where nothing is toggled must leave it at 0).
let instantiations = 0;

/** The number of wasm instantiations this background context started. */
export const coreInstantiations = () => instantiations;

/** Resolves to the core's API once the module is instantiated (memoised). */
export function loadCore() {
  if (!ready) instantiations++;
  // The wasm file is part of the extension: this fetch never leaves the browser.
  ready ??= init({ module_or_path: new URL('../pkg/declutter_bg.wasm', import.meta.url) }).then(
    () => ({ extractSnapshot }),
    (e) => {
      ready = null; // let the next call try again
      throw e;
    },
  );
  return ready;
}
