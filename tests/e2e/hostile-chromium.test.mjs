// Hostile live pages in headless Chromium (fixtures in tests/e2e/fixtures/hostile/, tests in
// lib/hostile-suite.mjs, checks in lib/hostile.mjs): pages that rewrite themselves on every
// mutation or delete the extension's nodes, live iframes across origins, a frameset, shadow
// DOM, SVG and MathML, giant text and attributes, 100,000 levels, a million nodes, and pages
// with no article.

import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { chromiumTabId, chromiumToggle, launchChromium, startServer } from './lib/browsers.mjs';
import { watchErrors } from './lib/hostile.mjs';
import { hostileTests } from './lib/hostile-suite.mjs';

describe('hostile pages in Chromium', { timeout: 600_000 }, () => {
  let server;
  let other;
  let chrome;
  let tabs = 0;
  before(async () => {
    server = await startServer();
    other = await startServer(); // a second origin (another port) for cross-origin iframes
    chrome = await launchChromium();
  });
  after(async () => {
    await chrome?.close();
    await server?.close();
    await other?.close();
  });

  hostileTests({
    largeNodes: 1_000_000,
    other: () => other.url,
    async open(name, query = '') {
      const page = await chrome.context.newPage();
      const errors = watchErrors(page);
      const url = `${server.url}fixtures/hostile/${name}?tab=${++tabs}${query}`;
      const res = await page.goto(url, { timeout: 180_000 });
      assert.equal(res.status(), 200);
      const tabId = await chromiumTabId(chrome.worker, url);
      return { page, errors, toggle: (mode) => chromiumToggle(chrome.worker, tabId, mode) };
    },
  });
});
