// The two wasm packages `npm run build` makes from the one core: the extensions ship the
// snapshot input only (the live page's snapshot, all their pages send), the playground both
// inputs (it also takes HTML bytes). Read from the built packages' own export lists.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT } from './lib/browsers.mjs';

const exportsOf = (dir) =>
  WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(path.join(ROOT, dir, 'declutter_bg.wasm'))))
    .map((e) => e.name)
    .filter((n) => /^extract/.test(n))
    .sort();

test('the extensions carry the snapshot input only, the playground both inputs', () => {
  for (const dir of ['dist/chrome/pkg', 'dist/firefox/pkg', 'dist/test/chrome/pkg', 'dist/test/firefox/pkg']) {
    assert.deepEqual(exportsOf(dir), ['extractSnapshot'], dir);
  }
  assert.deepEqual(exportsOf('www/pkg'), ['extractHtml', 'extractSnapshot']);
});
