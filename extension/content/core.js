// PROTOTYPE (placement experiment): the core instantiated in the content script, on the page.
import init, { extractSnapshot } from '../pkg/declutter.js';

const api = globalThis.browser ?? globalThis.chrome;
let ready = null;

/** Resolves to the core's API in this page (memoised; rejects where the page's CSP forbids wasm). */
export function loadCoreHere() {
  ready ??= init({ module_or_path: api.runtime.getURL('pkg/declutter_bg.wasm') }).then(() => ({ extractSnapshot }));
  return ready;
}
