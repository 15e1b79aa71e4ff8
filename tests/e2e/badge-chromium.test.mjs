// The article badge: on sites the extension may read (the test build's 127.0.0.1; in the
// product only after the user grants it in the options), content/probe.js looks at the page
// without the wasm core and the toolbar badge marks articles only.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withChromium } from './lib/suite.mjs';
import { chromiumTabId } from './lib/browsers.mjs';

describe('article badge in Chromium', { timeout: 120_000 }, () => {
  const env = withChromium();

  async function badgeFor(path) {
    const page = await env.chrome.context.newPage();
    const url = env.server.url + path;
    await page.goto(url);
    const tabId = await chromiumTabId(env.chrome.worker, url);
    // The probe runs at document_idle and messages the worker: wait until the title says it ran.
    const deadline = Date.now() + 10_000;
    let title;
    do {
      await new Promise((r) => setTimeout(r, 100));
      title = await env.chrome.worker.evaluate((id) => chrome.action.getTitle({ tabId: id }), tabId);
    } while (title === 'Declutter this page' && Date.now() < deadline);
    const text = await env.chrome.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
    await page.close();
    return { text, title };
  }

  test('the probe is registered for the granted sites only', async () => {
    const deadline = Date.now() + 10_000;
    let scripts = [];
    while (Date.now() < deadline) {
      scripts = await env.chrome.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts());
      if (scripts.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(
      scripts.map((s) => [s.id, s.matches, s.js]),
      [['declutter-probe', ['*://127.0.0.1/*'], ['content/probe.js']]],
    );
  });

  test('an article gets the badge, a front page does not', async () => {
    const article = await badgeFor('fixtures/news.html');
    assert.equal(article.text, '\u2713');
    assert.match(article.title, /looks like an article/);
    const front = await badgeFor('fixtures/front.html');
    assert.equal(front.text, '');
    assert.match(front.title, /not an article/, 'the probe ran there too');
  });

  test('the product build asks for no host access by default', async () => {
    const { readFileSync } = await import('node:fs');
    const { ROOT } = await import('./lib/browsers.mjs');
    for (const b of ['chrome', 'firefox']) {
      const m = JSON.parse(readFileSync(`${ROOT}/dist/${b}/manifest.json`, 'utf8'));
      assert.equal(m.host_permissions, undefined, `${b}: no host_permissions`);
      assert.equal(m.content_scripts, undefined, `${b}: no static content scripts`);
      assert.deepEqual(m.permissions.sort(), ['activeTab', 'contextMenus', 'scripting', 'storage']);
    }
  });
});
