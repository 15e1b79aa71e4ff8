// Shared helpers for the extension's end-to-end tests: the fixture server and the two
// browsers with the test build of the extension loaded (dist/test/*, see extension/build;
// the launching itself is extension/tools/browsers.mjs, which the browser command uses too).

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as launch from '../../../extension/tools/browsers.mjs';
import { CHROMIUM, CHROMIUM_LOCAL_ONLY, FIREFOX, chromiumTabId, chromiumToggle, firefoxBridge, firefoxToggle } from '../../../extension/tools/browsers.mjs';
import { serve } from '../../../www/serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DIST_TEST_CHROME = path.join(ROOT, 'dist/test/chrome');
export const DIST_TEST_FIREFOX = path.join(ROOT, 'dist/test/firefox');
export { CHROMIUM, CHROMIUM_LOCAL_ONLY, FIREFOX, chromiumTabId, chromiumToggle, firefoxToggle };

/** Serves the demo page at /demo/, the test fixtures at /fixtures/ (and the core's at /core-fixtures/) on 127.0.0.1. */
export function startServer() {
  for (const d of [DIST_TEST_CHROME, DIST_TEST_FIREFOX]) {
    if (!existsSync(path.join(d, 'manifest.json'))) throw new Error(`${d} is missing: run \`npm run build\` first`);
  }
  return serve({
    mounts: {
      '/demo/': path.join(ROOT, 'extension/demo'),
      '/fixtures/': path.join(ROOT, 'tests/e2e/fixtures'),
      // The core's fixtures (right-to-left and CJK pages for the reader's screenshots).
      '/core-fixtures/': path.join(ROOT, 'tests/fixtures/extract'),
      // The aggregator pages of the dedupe and site memory tests.
      '/dedupe-fixtures/': path.join(ROOT, 'tests/fixtures/dedupe/html'),
    },
  });
}

/**
 * Chromium with the test build loaded; resolves to {context, worker, profile, extOrigin, close}.
 * With `profile` (a directory), that profile is used and kept on close, so a test can start
 * the browser again on the same profile. With `speech` (lib/speech.mjs), it speaks through
 * that speech-dispatcher.
 */
export function launchChromium({ profile, speech } = {}) {
  return launch.launchChromium({ extension: DIST_TEST_CHROME, profile, ...(speech ? { env: speech.env, args: ['--enable-speech-dispatcher'] } : {}) });
}

/** Firefox ESR with the test build installed (extra `prefs`, and `speech` as above); resolves to {browser, dialogs(page), close}. */
export function launchFirefox({ prefs = {}, speech } = {}) {
  return launch.launchFirefox({ extension: DIST_TEST_FIREFOX, prefs, ...(speech ? { env: speech.env } : {}) });
}

/** Runs the context menu item `menu` on the page's tab in Firefox (same bridge). */
export function firefoxMenu(page, menu) {
  return firefoxBridge(page, { menu });
}

/** Runs one of the options page's storage calls (TEST_CALLS in background/main.js) in Firefox. */
export function firefoxCall(page, call, ...args) {
  return firefoxBridge(page, { call, args });
}
