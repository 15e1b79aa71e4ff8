// A long article in the reader view: its first screenful is drawn at once and the rest frame
// by frame (reader/reader.js). When the toggle resolves the whole article must be there, in
// order, and closing the reader must still restore the page exactly.
// The page is generated here (invented words), served from 127.0.0.1.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withChromium } from './lib/suite.mjs';
import { chromiumTabId, chromiumToggle } from './lib/browsers.mjs';

const WORDS = (
  'harbour ferry timetable council bridge river tide lantern market station quay engineer ' +
  'winter survey rope crane signal warden island canal lock barge pilot storm season route ticket ' +
  'museum archive map captain crew cargo dock beacon shore gull fog horn deck mast sail anchor ' +
  'ledger clerk bell tower square fountain tram depot schedule repair paint timber steel hull'
).split(' ');

/** An article of `n` distinct paragraphs (a fixed pseudo-random word sequence from `seed`);
 * `wrapped`: a short lead in one wrapper and all the paragraphs in a second one, as some sites
 * nest it. */
function longPage(n, { wrapped = false, seed = 7 } = {}) {
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const paras = [];
  for (let i = 0; i < n; i++) {
    const len = 55 + (next() % 30);
    const words = Array.from({ length: len }, () => WORDS[next() % WORDS.length]);
    paras.push(`<p>Part ${i + 1}: ${words.join(' ')}.</p>`);
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The long harbour report</title></head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article data-e2e="article"><h1>The long harbour report</h1>${
    wrapped
      ? `<div class="lead"><p>The harbour board met on Tuesday to hear the season's report on the quays, the ferries and the locks.</p></div><div class="body">${paras.join('\n')}</div>`
      : paras.join('\n')
  }</article></main>
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
      return [...art.querySelectorAll('p')]
        .map((p) => p.textContent.match(/^Part (\d+):/)?.[1])
        .filter(Boolean)
        .map(Number);
    });
    assert.equal(got.length, 220, 'every paragraph is in the reader');
    assert.deepEqual(
      got,
      Array.from({ length: 220 }, (_, i) => i + 1),
      'in the page order',
    );
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
    // The observer is in place before the toggle (awaited), so a fast toggle cannot insert the
    // view before anyone watches.
    await page.evaluate(() => {
      const mo = new MutationObserver(() => {
        if (!document.getElementById('declutter-reader')) return;
        mo.disconnect();
        const host = document.getElementById('declutter-reader');
        window.__firstFrameParagraphs = host.shadowRoot.querySelectorAll('article p').length;
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      });
      mo.observe(document.documentElement, { childList: true });
    });
    const on = await chromiumToggle(env.chrome.worker, tabId, 'reader');
    assert.equal(on.active, true);
    await page.waitForFunction(() => window.__firstFrameParagraphs !== undefined);
    const shownAtFirst = await page.evaluate(() => window.__firstFrameParagraphs);
    assert.ok(shownAtFirst > 0 && shownAtFirst < 400, `the first frame holds part of the article (${shownAtFirst} paragraphs)`);
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => document.getElementById('declutter-reader')), null, 'the reader is gone');
    assert.equal(await page.evaluate(() => document.documentElement.outerHTML), before, 'the page is restored exactly');
    const state = await chromiumToggle(env.chrome.worker, tabId, 'reader');
    assert.equal(state.active, true, 'the next toggle opens the reader again');
    await page.close();
  });

  test('an article in two wrappers (a lead, then the whole body) is split too: the first frame holds a screenful, the rest goes back in place', async () => {
    const page = await env.chrome.context.newPage();
    const url = `${env.server.url}generated/long-wrapped.html`;
    // Its own words (seed): paragraphs the earlier pages of this site share would be hidden as
    // the site's boilerplate (site memory).
    await page.route(url, (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: longPage(220, { wrapped: true, seed: 11 }) }));
    await page.goto(url);
    const tabId = await chromiumTabId(env.chrome.worker, url);
    // Counted in the task that inserts the view, before any later frame adds to it.
    // The observer is in place before the toggle (awaited), so a fast toggle cannot insert the
    // view before anyone watches; the count waits on the page until the view arrives.
    await page.evaluate(() => {
      const mo = new MutationObserver(() => {
        const host = document.getElementById('declutter-reader');
        if (!host) return;
        mo.disconnect();
        window.__firstFrameParagraphs = host.shadowRoot.querySelectorAll('article p').length;
      });
      mo.observe(document.documentElement, { childList: true });
    });
    const on = await chromiumToggle(env.chrome.worker, tabId, 'reader');
    assert.equal(on.active, true);
    await page.waitForFunction(() => window.__firstFrameParagraphs !== undefined);
    const shownAtFirst = await page.evaluate(() => window.__firstFrameParagraphs);
    assert.ok(shownAtFirst > 1 && shownAtFirst < 60, `the first frame holds a screenful, not the whole body (${shownAtFirst} paragraphs)`);
    const got = await page.evaluate(() => {
      const art = document.getElementById('declutter-reader').shadowRoot.querySelector('article');
      const parts = [...art.querySelectorAll('p')].filter((p) => /^Part \d+:/.test(p.textContent));
      return {
        order: parts.map((p) => Number(p.textContent.match(/^Part (\d+):/)[1])),
        parents: new Set(parts.map((p) => p.parentElement)).size,
        lead: art.textContent.indexOf('harbour board') < art.textContent.indexOf('Part 1:'),
      };
    });
    assert.deepEqual(
      got.order,
      Array.from({ length: 220 }, (_, i) => i + 1),
      'every paragraph, in the page order',
    );
    assert.equal(got.parents, 1, 'the held-back paragraphs went back into their own wrapper');
    assert.ok(got.lead, 'the lead comes first');
    await page.close();
  });
});
