// The user's entry points in Chromium: keyboard commands and context menu are registered, and
// their handlers (the very functions registered with the browser's events, which automation
// cannot fire) toggle the page; the toolbar button follows the options page; the options page
// restyles the reader view, also while it is open.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withChromium } from './lib/suite.mjs';
import { chromiumTabId } from './lib/browsers.mjs';
import { read } from './lib/scenarios.mjs';

describe('entry points and options in Chromium', { timeout: 120_000 }, () => {
  const env = withChromium();
  let tabs = 0;

  const inWorker = (fn, arg) => env.chrome.worker.evaluate(fn, arg);

  async function open(path) {
    const page = await env.chrome.context.newPage();
    const url = `${env.server.url}${path}?tab=${++tabs}`;
    await page.goto(url);
    return { page, url, tabId: await chromiumTabId(env.chrome.worker, url) };
  }

  test('keyboard commands suggest Alt+Shift+R and Alt+Shift+D', async () => {
    const manifest = await inWorker(() => chrome.runtime.getManifest().commands);
    assert.equal(manifest.reader.suggested_key.default, 'Alt+Shift+R');
    assert.equal(manifest.declutter.suggested_key.default, 'Alt+Shift+D');
    const cmds = await inWorker(() => chrome.commands.getAll());
    const by = Object.fromEntries(cmds.map((c) => [c.name, c.shortcut]));
    assert.equal(by.declutter, 'Alt+Shift+D', 'Chromium assigned the declutter shortcut');
    // Chromium reserves Alt+Shift+R for itself and leaves a suggestion that collides unassigned
    // (the user can set it at chrome://extensions/shortcuts); Firefox assigns it. See README.
    assert.ok('reader' in by, 'the reader command is registered');
  });

  test('every context menu item exists', async () => {
    // update() rejects for an id that was never created: a bogus id is the control.
    // They are created on runtime.onInstalled, which may still be running: wait up to 5 s.
    const exists = (i) =>
      inWorker(
        (x) =>
          chrome.contextMenus.update(x, {}).then(
            () => true,
            () => false,
          ),
        i,
      );
    for (const id of ['declutter-reader', 'declutter-declutter', 'declutter-pick', 'declutter-rule-reader', 'declutter-rule-declutter']) {
      const deadline = Date.now() + 5000;
      while (!(await exists(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      assert.ok(await exists(id), `menu item ${id}`);
    }
    await assert.rejects(inWorker(() => chrome.contextMenus.update('no-such-item', {})));
  });

  test('command, menu and toolbar handlers toggle the page', async () => {
    const { page, tabId } = await open('fixtures/news.html');
    const before = (await read(page)).html;
    const call = (name, ...args) => inWorker(([n, a]) => globalThis.declutterTest.handlers[n](...a), [name, args]);

    let r = await call('onCommand', 'reader', { id: tabId });
    assert.equal(r.mode, 'reader');
    assert.equal(r.active, true);
    assert.ok((await read(page)).reader?.open);
    r = await call('onCommand', 'reader', { id: tabId });
    assert.equal(r.active, false);

    r = await call('onMenuClick', { menuItemId: 'declutter-declutter' }, { id: tabId });
    assert.equal(r.mode, 'declutter');
    assert.equal(r.active, true);
    assert.ok((await read(page)).mainHoldsArticle);

    // The toolbar button toggles the options' mode: reader by default (switching modes)...
    r = await call('onAction', { id: tabId });
    assert.deepEqual([r.mode, r.active], ['reader', true]);
    r = await call('onAction', { id: tabId });
    assert.deepEqual([r.mode, r.active], ['reader', false]);
    // ...and declutter once the options say so.
    await inWorker(() => chrome.storage.sync.set({ settings: { mode: 'declutter' } }));
    r = await call('onAction', { id: tabId });
    assert.deepEqual([r.mode, r.active], ['declutter', true]);
    r = await call('onAction', { id: tabId });
    assert.deepEqual([r.mode, r.active], ['declutter', false]);
    await inWorker(() => chrome.storage.sync.remove('settings'));

    assert.equal((await read(page)).html, before, 'the page is restored exactly');
    // A failing toggle is reported, not thrown into the browser's event.
    r = await call('onCommand', 'reader', { id: 999999 });
    assert.match(r.error, /999999|tab/i);
    await page.close();
  });

  test('the options page styles the reader view, also while it is open', async () => {
    const extId = new URL(env.chrome.worker.url()).host;
    const options = await env.chrome.context.newPage();
    await options.goto(`chrome-extension://${extId}/options/options.html`);
    await options.waitForSelector('body[data-ready="true"]');
    assert.equal(await options.inputValue('select[name="theme"]'), 'auto', 'defaults shown');
    await options.selectOption('select[name="font"]', 'mono');
    await options.selectOption('select[name="theme"]', 'sepia');
    await options.fill('input[name="size"]', '24');
    await options.waitForFunction(() => document.querySelector('output[data-for="size"]').textContent === '24');
    const stored = await inWorker(async () => (await chrome.storage.sync.get('settings')).settings);
    assert.deepEqual([stored.font, stored.theme, stored.size], ['mono', 'sepia', 24]);

    const { page, tabId } = await open('fixtures/news.html');
    const r = await inWorker(([id]) => globalThis.declutter.toggle(id, 'reader'), [tabId]);
    assert.equal(r.active, true);
    let view = (await read(page)).reader;
    assert.match(view.fontFamily, /monospace/);
    assert.equal(view.fontSize, '24px');
    assert.equal(view.background, 'rgb(245, 236, 217)', 'sepia background');

    await options.bringToFront();
    await options.selectOption('select[name="theme"]', 'dark');
    await page.waitForFunction(() => getComputedStyle(document.getElementById('declutter-reader')).backgroundColor === 'rgb(24, 25, 27)');
    view = (await read(page)).reader;
    assert.equal(view.background, 'rgb(24, 25, 27)', 'the open reader view turned dark');
    await inWorker(() => chrome.storage.sync.remove('settings'));
    await page.close();
    await options.close();
  });
});
