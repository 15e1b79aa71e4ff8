// In-app navigations: a single-page site (fixtures/spa.html) changes its address with
// history.pushState and then swaps in a new article. With a mode on, the extension evaluates
// the new page in the same mode: the reader shows the new story, declutter marks the new
// article as main and hides the new clutter; switching off still leaves no trace.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withChromium, withFirefox } from './lib/suite.mjs';

const FIRST = 'Night ferry crews learn to read the fog by sound';
const SECOND = 'Orchard cooperative plants the first frost-proof pear trees';
const SECOND_PARAGRAPH = 'The cooperative on the terraces above Millbrook';

/** Polls `fn` in the page until it returns a truthy value (or fails after `ms`). */
async function waitFor(page, fn, what, ms = 15_000) {
  const until = Date.now() + ms;
  for (;;) {
    const v = await page.evaluate(fn);
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const readerTitle = () => document.getElementById('declutter-reader')?.shadowRoot?.querySelector('h1')?.textContent ?? null;
const mainText = () => document.querySelector('[data-declutter="main"]')?.textContent ?? '';

async function readerFollows(page, toggle) {
  const on = await toggle('reader');
  assert.equal(on.active, true);
  assert.equal(await page.evaluate(readerTitle), FIRST);
  await page.evaluate(() => globalThis.goToStory2());
  const title = await waitFor(
    page,
    () => {
      const t = document.getElementById('declutter-reader')?.shadowRoot?.querySelector('h1')?.textContent;
      return t && !t.startsWith('Night ferry') ? t : null;
    },
    'the reader to show the second story',
  );
  assert.equal(title, SECOND);
  const text = await page.evaluate(() => document.getElementById('declutter-reader').shadowRoot.querySelector('article').innerText);
  assert.ok(text.includes(SECOND_PARAGRAPH), text.slice(0, 200));
  assert.ok(!text.includes('fog rolls in'), 'the first story is gone from the reader');
  // One reader, not one per evaluation.
  assert.equal(await page.evaluate(() => document.querySelectorAll('#declutter-reader').length), 1);
  const off = await toggle('reader');
  assert.equal(off.active, false);
  assert.equal(await page.evaluate(() => document.getElementById('declutter-reader')), null);
}

async function declutterFollows(page, toggle) {
  const on = await toggle('declutter');
  assert.equal(on.active, true);
  assert.ok((await page.evaluate(mainText)).includes('fog rolls in'));
  await page.evaluate(() => globalThis.goToStory2());
  await waitFor(
    page,
    () => (document.querySelector('[data-declutter="main"]')?.textContent ?? '').includes('frost-proof'),
    'the new article to be marked main',
  );
  const seen = await page.evaluate(() => {
    const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).display !== 'none';
    return {
      paragraphs: [...document.querySelectorAll('[data-e2e="article"] p')].map(shown),
      clutter: [...document.querySelectorAll('[data-e2e="clutter"]')].map(shown),
      stale: [...document.querySelectorAll('[data-declutter]')].filter((el) => !el.isConnected).length,
    };
  });
  assert.ok(seen.paragraphs.length >= 4 && seen.paragraphs.every(Boolean), `new article shown: ${seen.paragraphs}`);
  assert.ok(
    seen.clutter.some((v) => !v),
    `some of the page's clutter hidden: ${seen.clutter}`,
  );
  const off = await toggle('declutter');
  assert.equal(off.active, false);
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-declutter]').length), 0);
}

describe('in-app navigation in Chromium', { timeout: 120_000 }, () => {
  const { open } = withChromium();
  test('the reader view follows to the next story', async () => {
    const { page, toggle } = await open('fixtures/spa.html');
    await readerFollows(page, toggle);
    await page.close();
  });
  test('declutter follows to the next story', async () => {
    const { page, toggle } = await open('fixtures/spa.html');
    await declutterFollows(page, toggle);
    await page.close();
  });
});

describe('in-app navigation in Firefox', { timeout: 180_000 }, () => {
  const { open } = withFirefox();
  test('the reader view follows to the next story', async () => {
    const { page, toggle } = await open('fixtures/spa.html');
    await readerFollows(page, toggle);
    await page.close();
  });
  test('declutter follows to the next story', async () => {
    const { page, toggle } = await open('fixtures/spa.html');
    await declutterFollows(page, toggle);
    await page.close();
  });
});
