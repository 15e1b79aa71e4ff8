// Site rules, the click picker and the debug overlay in Chromium, as a user uses them (see
// lib/features.mjs). The test build already holds 127.0.0.1 access (it must, for the other
// tests), so the rule form's permission request is granted without a prompt here; the
// request itself is the same call as in the shipped build.

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromiumTabId, chromiumToggle, launchChromium, ROOT, startServer } from './lib/browsers.mjs';
import { debugOverlay, optionsPicks, picker, setDebugOverlay, siteRules } from './lib/features.mjs';

describe('site rules, picker and debug overlay in Chromium', { timeout: 180_000 }, () => {
  let server;
  let other;
  let chrome;
  let options;
  let tabs = 0;
  before(async () => {
    server = await startServer();
    other = await startServer(); // another port: another site
    chrome = await launchChromium();
    options = await chrome.context.newPage();
    await options.goto(`${chrome.extOrigin}/options/options.html`);
    await options.waitForSelector('body[data-ready="true"]');
  });
  after(async () => {
    await chrome?.close();
    await server?.close();
    await other?.close();
  });

  async function open(p) {
    const page = await chrome.context.newPage();
    const url = `${server.url}${p}${p.includes('?') ? '&' : '?'}tab=${++tabs}`;
    await page.goto(url);
    const tabId = await chromiumTabId(chrome.worker, url);
    // The menu handler gets the tab as the browser passes it (chrome.tabs.Tab).
    const menu = (item) =>
      chrome.worker.evaluate(async ([i, id]) => globalThis.declutterTest.handlers.onMenuClick({ menuItemId: i }, await chrome.tabs.get(id)), [item, tabId]);
    return {
      page,
      toggle: (mode) => chromiumToggle(chrome.worker, tabId, mode),
      menu,
      reload: () => page.reload(),
    };
  }

  test("a site rule opens that site's pages in reader or declutter mode, and no other site's", async () => {
    await siteRules({
      options,
      site: server,
      other,
      openPage: async (url) => {
        const page = await chrome.context.newPage();
        await page.goto(url);
        return page;
      },
    });
  });

  test('the rule menu items open the rule form filled in for the site', async () => {
    const { page, menu } = await open('fixtures/news.html');
    const [form] = await Promise.all([chrome.context.waitForEvent('page'), menu('declutter-rule-declutter')]);
    await form.waitForSelector('body[data-rules-ready="true"]');
    const filled = await form.evaluate(() => [
      document.querySelector('#rule-form input[name="host"]').value,
      document.querySelector('#rule-form select').value,
    ]);
    await form.close();
    await page.close();
    const { host } = new URL(server.url);
    if (filled[0] !== host || filled[1] !== 'declutter') throw new Error(`form filled with ${filled}`);
  });

  test('click picker: hide, keep, Esc, remembered per site, listed and deleted in the options', async () => {
    const { page, toggle, menu, reload } = await open('fixtures/news.html');
    await picker({ page, toggle, menu, reload, picks: optionsPicks(options) });
    await page.close();
  });

  test('debug overlay outlines the article and each duplicate group on an aggregator page (strict CSP)', async () => {
    const { page, toggle } = await open('fixtures/aggregator.html?csp=none');
    await page.setViewportSize({ width: 1100, height: 1500 });
    const file = path.join(ROOT, 'target/artifacts/debug-overlay.png');
    const shot = async () => {
      mkdirSync(path.dirname(file), { recursive: true });
      await page.screenshot({ path: file, fullPage: true });
      console.log(`artifact: ${path.relative(ROOT, file)}`);
    };
    await debugOverlay({ page, toggle, setDebug: (on) => setDebugOverlay(options, on), shot });
    await page.close();
  });
});
