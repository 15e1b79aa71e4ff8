// The extension makes no network requests of its own. Playwright records every request of the
// pages and of the extension's service worker (PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS);
// the worker's fetch of its own wasm file is the positive control that the recorder sees the
// background at all. Toggling both modes may load nothing new: only the extension's own files
// and URLs the page itself had already requested (the reader view shows the page's images).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';
const { chromiumTabId, chromiumToggle, launchChromium, startServer } = await import('./lib/browsers.mjs');

describe('network in Chromium', { timeout: 120_000 }, () => {
  let server;
  let chrome;
  const seen = [];
  before(async () => {
    server = await startServer();
    chrome = await launchChromium();
    chrome.context.on('request', (r) => seen.push({ url: r.url(), worker: Boolean(r.serviceWorker()) }));
  });
  after(async () => {
    await chrome?.close();
    await server?.close();
  });

  test("toggling both modes and using the reader toolbar, overlay and picker requests nothing but the extension's own files", async () => {
    // (URL.origin is "null" for chrome-extension: URLs in node, so cut it by hand.)
    const extOrigin = chrome.worker.url().match(/^chrome-extension:\/\/[^/]+/)[0];
    for (const path of ['fixtures/walk.html', 'fixtures/news.html?csp=none']) {
      const page = await chrome.context.newPage();
      const url = `${server.url}${path}${path.includes('?') ? '&' : '?'}net=1`;
      await page.goto(url);
      await page.waitForLoadState('networkidle');
      const pageUrls = new Set(seen.map((r) => r.url));
      const mark = seen.length;
      const tabId = await chromiumTabId(chrome.worker, url);
      for (const mode of ['reader', 'reader', 'declutter', 'declutter', 'reader', 'declutter']) {
        await chromiumToggle(chrome.worker, tabId, mode);
      }
      await chromiumToggle(chrome.worker, tabId, 'declutter');
      // The reader's toolbar (its file is a blob: made in the page), the debug overlay, the picker.
      await chromiumToggle(chrome.worker, tabId, 'reader');
      await page.click('#declutter-reader button[data-action="copy-markdown"]');
      await Promise.all([page.waitForEvent('download'), page.click('#declutter-reader button[data-action="save-html"]')]);
      await chromiumToggle(chrome.worker, tabId, 'reader');
      await chrome.worker.evaluate(() => chrome.storage.sync.set({ settings: { debugOverlay: true } }));
      await chromiumToggle(chrome.worker, tabId, 'declutter');
      await chromiumToggle(chrome.worker, tabId, 'declutter');
      await chrome.worker.evaluate(() => chrome.storage.sync.remove('settings'));
      await chrome.worker.evaluate((id) => globalThis.declutter.pick(id), tabId);
      await page.keyboard.press('Escape');
      await chromiumToggle(chrome.worker, tabId, 'declutter');
      await page.waitForTimeout(300);
      for (const r of seen.slice(mark)) {
        const own = r.url.startsWith(`${extOrigin}/`);
        assert.ok(own || pageUrls.has(r.url), `unexpected request ${r.url}${r.worker ? ' (from the service worker)' : ''}`);
        if (own) assert.ok(r.worker, `${r.url} is fetched by the background only`);
      }
      await page.close();
    }
    assert.ok(
      seen.some((r) => r.worker && r.url === `${extOrigin}/pkg/declutter_bg.wasm`),
      'the recorder saw the worker load its wasm (it does see background requests)',
    );
    assert.ok(!seen.some((r) => !r.url.startsWith(extOrigin) && !r.url.startsWith(server.url)), 'nothing left 127.0.0.1');
  });
});
