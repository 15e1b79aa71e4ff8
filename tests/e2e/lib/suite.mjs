// One describe block's browser and fixture server: registers the before/after hooks that start
// and stop them, and opens fixture pages with the toggle for that page's tab. For test files
// only (it registers node:test hooks).

import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { chromiumTabId, chromiumToggle, firefoxToggle, launchChromium, launchFirefox, startServer } from './browsers.mjs';

/**
 * Chromium with the test build. The handle's `server` and `chrome` are set once the hooks ran;
 * `open(path)` resolves to {page, url, res, tabId, toggle(mode)}.
 */
export function withChromium() {
  const env = { server: null, chrome: null };
  let tabs = 0;
  before(async () => {
    env.server = await startServer();
    env.chrome = await launchChromium();
  });
  after(async () => {
    await env.chrome?.close();
    await env.server?.close();
  });
  env.open = async (path) => {
    const page = await env.chrome.context.newPage();
    // A unique URL per tab, so the tab id found for it is this page's even if another is open.
    const url = `${env.server.url}${path}${path.includes('?') ? '&' : '?'}tab=${++tabs}`;
    const res = await page.goto(url);
    assert.equal(res.status(), 200);
    const tabId = await chromiumTabId(env.chrome.worker, url);
    return { page, url, res, tabId, toggle: (mode) => chromiumToggle(env.chrome.worker, tabId, mode) };
  };
  return env;
}

/**
 * `page.goto` in Firefox, tried once more when the navigation ended on the browser's error page
 * ("Address rejected": a loaded machine now and then has Firefox find the test server's kept-alive
 * connection closed); any other error, or a second failure, is the test's.
 */
async function gotoFirefox(page, url) {
  try {
    return await page.goto(url);
  } catch (e) {
    if (!String(e?.message).includes('Address rejected')) throw e;
    await new Promise((r) => setTimeout(r, 250));
    return page.goto(url);
  }
}

/** Firefox ESR with the test build; `open(path)` resolves to {page, res, toggle(mode)}. */
export function withFirefox() {
  const env = { server: null, firefox: null };
  before(async () => {
    env.server = await startServer();
    env.firefox = await launchFirefox();
  });
  after(async () => {
    await env.firefox?.close();
    await env.server?.close();
  });
  env.open = async (path) => {
    const page = await env.firefox.browser.newPage();
    const res = await gotoFirefox(page, env.server.url + path);
    assert.equal(res.status(), 200);
    return { page, res, toggle: (mode) => firefoxToggle(page, mode) };
  };
  return env;
}
