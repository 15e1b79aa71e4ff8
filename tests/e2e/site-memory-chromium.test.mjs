// Site memory in headless Chromium: a promo block shared by three pages of one site (served
// from 127.0.0.1) stays on the first two pages and is hidden as site boilerplate on the third;
// the options page lists the site and "Forget all" clears it.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withChromium } from './lib/suite.mjs';
import { chromiumTabId, chromiumToggle } from './lib/browsers.mjs';

describe('site memory in Chromium', { timeout: 120_000 }, () => {
  const env = withChromium();

  /** Declutters the fixture page; returns the toggle's result and whether the shared block shows. */
  async function declutter(name) {
    const page = await env.chrome.context.newPage();
    const url = `${env.server.url}fixtures/${name}.html`;
    assert.equal((await page.goto(url)).status(), 200);
    const tabId = await chromiumTabId(env.chrome.worker, url);
    const r = await chromiumToggle(env.chrome.worker, tabId, 'declutter');
    const shows = (sel) => page.evaluate((s) => document.querySelector(s).getClientRects().length > 0, sel);
    const seen = { shared: await shows('[data-e2e="shared"] p'), article: await shows('[data-e2e="article"] p') };
    await page.close();
    return { r, seen };
  }

  const storedSites = () => env.chrome.worker.evaluate(async () => Object.keys(await chrome.storage.local.get(null)).filter((k) => k.startsWith('sitemem:')));

  test('a block shared by two earlier pages is hidden on the third', async () => {
    for (const name of ['site-a', 'site-b']) {
      const { r, seen } = await declutter(name);
      assert.equal(r.active, true);
      // Without memory the core keeps the promo: the hiding below comes from site memory.
      assert.equal(r.siteBoilerplate, 0, name);
      assert.equal(seen.shared, true, name);
    }
    // Visiting a page again does not make it count as another page.
    assert.equal((await declutter('site-b')).r.siteBoilerplate, 0);
    const { r, seen } = await declutter('site-c');
    assert.ok(r.siteBoilerplate >= 1, `site boilerplate blocks: ${r.siteBoilerplate}`);
    assert.deepEqual(seen, { shared: false, article: true });
  });

  test('the options page lists the site; "Forget this site" and "Forget all" clear', async () => {
    const host = new URL(env.server.url).host;
    assert.deepEqual(await storedSites(), [`sitemem:${host}`]);
    // A second, older site (stored as the background would) to forget on its own.
    await env.chrome.worker.evaluate(() => chrome.storage.local.set({ 'sitemem:other.test': { pages: ['00000001'], fps: { 7: [1, 1] }, used: 1 } }));
    const id = new URL(env.chrome.worker.url()).host;
    const page = await env.chrome.context.newPage();
    await page.goto(`chrome-extension://${id}/options/options.html`);
    await page.waitForSelector('body[data-ready="true"]');
    assert.deepEqual(await page.$$eval('#sites tbody tr', (rows) => rows.map((r) => r.dataset.host)), [host, 'other.test']);
    await page.click('tr[data-host="other.test"] button');
    await page.waitForSelector('body[data-sites="1"]');
    assert.deepEqual(await storedSites(), [`sitemem:${host}`]);
    const row = await page.$$eval('#sites tbody tr', (rows) => rows.map((r) => [...r.cells].slice(0, 3).map((c) => c.textContent)));
    assert.equal(row.length, 1);
    assert.deepEqual(row[0].slice(0, 2), [host, '3']);
    // Only blocks outside each page's article are remembered: here, the one shared strip.
    assert.equal(row[0][2], '1', `blocks remembered: ${row[0][2]}`);
    await page.click('#forget-all');
    await page.waitForSelector('body[data-sites="0"]');
    assert.equal(await page.$$eval('#sites tbody tr', (rows) => rows.length), 0);
    assert.deepEqual(await storedSites(), []);
    await page.close();
    // With the memory gone, the third page keeps its promo again.
    assert.equal((await declutter('site-c')).r.siteBoilerplate, 0);
  });
});
