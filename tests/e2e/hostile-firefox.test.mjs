// Hostile live pages in headless Firefox ESR: the same suite as hostile-chromium.test.mjs
// (lib/hostile-suite.mjs), through the test build's page bridge (see lib/browsers.mjs).

import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { firefoxToggle, launchFirefox, startServer } from './lib/browsers.mjs';
import { watchErrors } from './lib/hostile.mjs';
import { hostileTests } from './lib/hostile-suite.mjs';

describe('hostile pages in Firefox', { timeout: 900_000 }, () => {
  let server;
  let other;
  let firefox;
  before(async () => {
    server = await startServer();
    other = await startServer(); // a second origin (another port) for cross-origin iframes
    firefox = await launchFirefox();
  });
  after(async () => {
    await firefox?.close();
    await server?.close();
    await other?.close();
  });

  hostileTests({
    largeNodes: Number(process.env.DECLUTTER_FIREFOX_LARGE_NODES ?? 1_000_000),
    other: () => other.url,
    async open(name, query = '') {
      const page = await firefox.browser.newPage();
      const errors = watchErrors(page);
      const res = await page.goto(`${server.url}fixtures/hostile/${name}?x=1${query}`, { timeout: 180_000 });
      assert.equal(res.status(), 200);
      return { page, errors, toggle: (mode) => firefoxToggle(page, mode) };
    },
  });
});
