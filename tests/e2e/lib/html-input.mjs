// The HTML input (HTML -> the core) for tests that compare it with what the extension finds on
// the live page. The extension's wasm has the snapshot input only, so the HTML input runs here,
// in node, from the playground's package (both inputs; built by `npm run build` into www/pkg).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { extractHtml, initSync } from '../../../www/pkg/declutter.js';
import { ROOT } from './browsers.mjs';

let ready = false;

/** The core's result for a page's HTML (a string), as the playground and the CLI compute it. */
export function fromHtml(html, options = {}) {
  if (!ready) {
    initSync({ module: readFileSync(path.join(ROOT, 'www/pkg/declutter_bg.wasm')) });
    ready = true;
  }
  return extractHtml(html, options);
}
