// A long article in the reader view: its first screenful is drawn at once and the rest frame
// by frame (reader/reader.js). When the toggle resolves the whole article must be there, in
// order, and closing the reader must still restore the page exactly.
// The page is generated here (invented words), served from 127.0.0.1.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withChromium } from './lib/suite.mjs';
import { chromiumTabId, chromiumToggle } from './lib/browsers.mjs';

const WORDS = ('harbour ferry timetable council bridge river tide lantern market station quay engineer ' +
  'winter survey rope crane signal warden island canal lock barge pilot storm season route ticket ' +
  'museum archive map captain crew cargo dock beacon shore gull fog horn deck mast sail anchor ' +
  'ledger clerk bell tower square fountain tram depot schedule repair paint timber steel hull').split(' ');

/** An article of `n` distinct paragraphs (a fixed pseudo-random word sequence). */
function longPage(n) {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const paras = [];
  for (let i = 0; i < n; i++) {
    const len = 55 + (next() % 30);
    const words = Array.from({ length: len }, () => WORDS[next() % WORDS.length]);
    paras.push(`<p>Part ${i + 1}: ${words.join(' ')}.</p>`);
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The long harbour report</title></head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article data-e2e="article"><h1>The long harbour report</h1>${paras.join('\n')}</article></main>
<footer><p>Contact the newsroom.</p></footer></body></html>`;
}

describe('long article in the reader, in Chromium', { timeout: 120_000 }, () => {
  const env = withChromium();

  test('the whole article is in the reader when the toggle resolves, in order', async () => {
    const page = await env.chrome.context.newPage();
    const url = `${env.server.url}generated/long.html`;
    await page.route(url, (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: longPage(220) }));
    await page.goto(url);
    const before = await page.evaluate(() => document.documentElement.outerHTML);
    const tabId = await chromiumTabId(env.chrome.worker, url);
    const on = await chromiumToggle(env.chrome.worker, tabId, 'reader');
    assert.equal(on.active, true);
    const got = await page.evaluate(() => {
      const art = document.getElementById('declutter-reader').shadowRoot.querySelector('article');
      return [...art.querySelectorAll('p')].map((p) => p.textContent.match(/^Part (\d+):/)?.[1]).filter(Boolean).map(Number);
    });
    assert.equal(got.length, 220, 'every paragraph is in the reader');
    assert.deepEqual(got, Array.from({ length: 220 }, (_, i) => i + 1), 'in the page order');
    const off = await chromiumToggle(env.chrome.worker, tabId, 'reader');
    assert.equal(off.active, false);
    assert.equal(await page.evaluate(() => document.documentElement.outerHTML), before, 'the page is restored exactly');
    await page.close();
  });

  test('closing the reader while the rest is still coming leaves the page exact', async () => {
    const page = await env.chrome.context.newPage();
    const url = `${env.server.url}generated/long-esc.html`;
    await page.route(url, (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: longPage(400) }));
    await page.goto(url);
    const before = await page.evaluate(() => document.documentElement.outerHTML);
    const tabId = await chromiumTabId(env.chrome.worker, url);
    // Esc as soon as the reader appears, before the later frames have added the rest.
    const pressed = page.evaluate(
      () =>
        new Promise((ok) => {
          const mo = new MutationObserver(() => {
            if (!document.getElementById('declutter-reader')) return;
            mo.disconnect();
            const host = document.getElementById('declutter-reader');
            const count = host.shadowRoot.querySelectorAll('article p').length;
            window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
            ok(count);
          });
          mo.observe(document.documentElement, { childList: true });
        }),
    );
    const on = await chromiumToggle(env.chrome.worker, tabId, 'reader');
    assert.equal(on.active, true);
    const shownAtFirst = await pressed;
    assert.ok(shownAtFirst > 0 && shownAtFirst < 400, `the first frame holds part of the article (${shownAtFirst} paragraphs)`);
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => document.getElementById('declutter-reader')), null, 'the reader is gone');
    assert.equal(await page.evaluate(() => document.documentElement.outerHTML), before, 'the page is restored exactly');
    const state = await chromiumToggle(env.chrome.worker, tabId, 'reader');
    assert.equal(state.active, true, 'the next toggle opens the reader again');
    await page.close();
  });
});
