// The wasm core is loaded only when the user toggles a mode: opening pages (with the article
// badge's probe running on them) instantiates nothing, in the background or in the page; the
// first toggle instantiates it once, in the background, and later toggles reuse it. The page
// itself never compiles WebAssembly, toggled or not.
//
// Background: the test build's counter of instantiations (background/core.js). Page: the
// DevTools protocol reports every WebAssembly module compiled in the tab, in the page's own
// world and in the extension's isolated world alike (Debugger.scriptParsed, WebAssembly).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withChromium } from './lib/suite.mjs';
import { chromiumTabId, chromiumToggle } from './lib/browsers.mjs';

// The smallest valid module: magic number and version, no sections.
const EMPTY_MODULE = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

describe('wasm only on toggle, in Chromium', { timeout: 120_000 }, () => {
  const env = withChromium();
  let tabs = 0;

  const instantiations = () => env.chrome.worker.evaluate(() => globalThis.declutterTest.coreInstantiations());

  /** Opens `path` in a new tab whose WebAssembly compilations are counted from the start. */
  async function open(path) {
    const page = await env.chrome.context.newPage();
    const wasm = [];
    const cdp = await env.chrome.context.newCDPSession(page);
    cdp.on('Debugger.scriptParsed', (e) => {
      if (e.scriptLanguage === 'WebAssembly') wasm.push(e.url);
    });
    await cdp.send('Debugger.enable');
    const url = `${env.server.url}${path}?tab=${++tabs}`;
    await page.goto(url);
    const tabId = await chromiumTabId(env.chrome.worker, url);
    return { page, tabId, wasm, toggle: (mode) => chromiumToggle(env.chrome.worker, tabId, mode) };
  }

  /** Waits until the badge probe has reported on the tab (it runs at document_idle). */
  async function probed(tabId) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const title = await env.chrome.worker.evaluate((id) => chrome.action.getTitle({ tabId: id }), tabId);
      if (title !== 'Declutter this page') return title;
      if (Date.now() > deadline) throw new Error('the badge probe never reported on this tab');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  test('the page counter sees modules compiled in either world (control)', async () => {
    const { page, tabId, wasm } = await open('fixtures/front.html');
    await page.evaluate((bytes) => WebAssembly.compile(new Uint8Array(bytes)), EMPTY_MODULE);
    await page.waitForTimeout(200);
    assert.equal(wasm.length, 1, 'a module compiled by the page is reported');
    // The extension's isolated world, where a content script would run.
    await env.chrome.worker.evaluate(
      ([id, bytes]) =>
        chrome.scripting.executeScript({
          target: { tabId: id },
          func: (b) => WebAssembly.compile(new Uint8Array(b)).then(() => true),
          args: [bytes],
        }),
      [tabId, EMPTY_MODULE],
    );
    await page.waitForTimeout(200);
    assert.equal(wasm.length, 2, 'a module compiled in the isolated world is reported');
    await page.close();
  });

  test('no wasm until a toggle; then once, in the background only', async () => {
    const article = await open('fixtures/news.html');
    const front = await open('fixtures/front.html');
    // The probe ran on both pages (so the badge code path is covered) without the core.
    assert.match(await probed(article.tabId), /looks like an article/);
    await probed(front.tabId);
    assert.equal(await instantiations(), 0, 'nothing toggled: the background has not loaded the core');
    assert.deepEqual([article.wasm, front.wasm], [[], []], 'nothing toggled: no wasm in the pages');

    const on = await article.toggle('reader');
    assert.equal(on.active, true);
    await article.toggle('reader');
    await article.toggle('declutter');
    await article.toggle('declutter');
    assert.equal(await instantiations(), 1, 'the first toggle loads the core once and later toggles reuse it');
    assert.deepEqual(article.wasm, [], 'the toggled page never compiles wasm: the core runs in the background');
    assert.deepEqual(front.wasm, []);
    await article.page.close();
    await front.page.close();
  });
});
