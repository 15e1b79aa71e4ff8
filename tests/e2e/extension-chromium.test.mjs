// The extension in headless Chromium: the automation API in the service worker runs the wasm
// core on live 127.0.0.1 pages, with and without `Content-Security-Policy: script-src 'none'`.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chromiumToggle } from './lib/browsers.mjs';
import { withChromium } from './lib/suite.mjs';
import { declutterRoundTrip, lateClutter, read, readerRoundTrip, switchModes } from './lib/scenarios.mjs';

const TITLE = /floating library/;
const PARAGRAPH = 'The plan keeps the pier';

describe('extension in Chromium', { timeout: 120_000 }, () => {
  const env = withChromium();
  const open = env.open;

  for (const csp of [false, true]) {
    const path = `fixtures/news.html${csp ? '?csp=none' : ''}`;
    const label = csp ? "with CSP script-src 'none'" : 'without CSP';

    test(`declutter in place ${label}`, async () => {
      const { page, res, toggle } = await open(path);
      assert.equal(res.headers()['content-security-policy'], csp ? "script-src 'none'" : undefined);
      // The fixture's own inline script runs only when the page allows scripts.
      const ran = await page.evaluate(() => document.documentElement.getAttribute('data-page-script'));
      assert.equal(ran, csp ? null : 'ran');
      await declutterRoundTrip(page, toggle, { expectTitle: TITLE });
      await lateClutter(page, toggle);
      await page.close();
    });

    test(`reader view ${label}`, async () => {
      const { page, toggle } = await open(path);
      await readerRoundTrip(page, toggle, { expectTitle: TITLE, expectParagraph: PARAGRAPH });
      await readerRoundTrip(page, toggle, { expectTitle: TITLE, expectParagraph: PARAGRAPH, close: 'escape' });
      await switchModes(page, toggle);
      await page.close();
    });
  }

  // The core decides what is clutter: the page's sidebar and its related list go.
  test('the obvious sidebar and the related block get hidden', async () => {
    const { page, toggle } = await open('fixtures/news.html');
    await toggle('declutter');
    const clutter = await page.evaluate(() => [...document.querySelectorAll('[data-e2e="clutter"]')].map((el) => getComputedStyle(el).display));
    await toggle('declutter');
    await page.close();
    assert.deepEqual(clutter, ['none', 'none']);
  });

  test('toggles sent at once run one after the other', async () => {
    const { page, toggle } = await open('fixtures/news.html');
    const before = (await read(page)).html;
    // A double click: on, then off, never both applied at once.
    const [a, b] = await Promise.all([toggle('declutter'), toggle('declutter')]);
    assert.deepEqual([a.active, b.active], [true, false]);
    assert.equal((await read(page)).html, before);
    const [c, d, e] = await Promise.all([toggle('reader'), toggle('declutter'), toggle('declutter')]);
    assert.deepEqual([c.mode, c.active, d.mode, d.active, e.active], ['reader', true, 'declutter', true, false]);
    assert.equal((await read(page)).html, before);
    await page.close();
  });

  test('a page without an article: clear reader message, page restored', async () => {
    const { page, toggle } = await open('fixtures/front.html');
    const before = (await read(page)).html;
    const r = await toggle('reader');
    assert.equal(r.active, true);
    const text = await page.evaluate(() => document.getElementById('declutter-reader').shadowRoot.querySelector('article').textContent);
    assert.ok(text.length > 0, 'the reader view shows something');
    await toggle('reader');
    const d = await toggle('declutter');
    assert.equal(d.active, true);
    await toggle('declutter');
    assert.equal((await read(page)).html, before);
    await page.close();
  });

  test('bad calls fail clearly', async () => {
    await assert.rejects(chromiumToggle(env.chrome.worker, 1, 'sideways'), /mode must be one of/);
    await assert.rejects(chromiumToggle(env.chrome.worker, 'x', 'reader'), /tabId must be an integer/);
  });
});
