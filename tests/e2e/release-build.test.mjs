// The release build (dist/chrome, dist/firefox and their zips' sources) carries no test-only
// code: no test bridge, no test calls, no snapshot decoder, no test hooks on the content
// script; the test build (dist/test/*) carries all of them. The build flag __TEST__ decides.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { DIST_TEST_CHROME, DIST_TEST_FIREFOX, ROOT } from './lib/browsers.mjs';

const RELEASE = [path.join(ROOT, 'dist/chrome'), path.join(ROOT, 'dist/firefox')];
const TEST = [DIST_TEST_CHROME, DIST_TEST_FIREFOX];
// Names only test code uses: the background's test API and the content script's test hooks.
const TEST_ONLY = {
  'background/main.js': ['declutterTest', 'lastResult', 'backgroundStarted', 'decodePacked'],
  'content/content.js': ['decodePacked', 'function sanitize(', 'declutter.speechStub'],
};

const read = (dir, f) => readFileSync(path.join(dir, f), 'utf8');

test('the release build has no test-only code', () => {
  for (const dir of RELEASE) {
    assert.ok(!existsSync(path.join(dir, 'content/test-bridge.js')), `${dir}: no test bridge`);
    const manifest = JSON.parse(read(dir, 'manifest.json'));
    assert.equal(manifest.content_scripts, undefined, `${dir}: no content script registered by the manifest`);
    for (const [file, names] of Object.entries(TEST_ONLY)) {
      const code = read(dir, file);
      for (const name of names) assert.ok(!code.includes(name), `${dir}/${file} holds ${name}`);
    }
  }
});

test('the test build has it', () => {
  for (const dir of TEST) {
    assert.ok(existsSync(path.join(dir, 'content/test-bridge.js')), `${dir}: the test bridge`);
    for (const [file, names] of Object.entries(TEST_ONLY)) {
      const code = read(dir, file);
      for (const name of names) assert.ok(code.includes(name), `${dir}/${file} lacks ${name}`);
    }
  }
});
