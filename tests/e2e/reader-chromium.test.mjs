// The reader view's own features in Chromium, used as a reader would: it shows exactly what
// the core kept (lib/reader-core.mjs: srcset, tel: links, video embeds, data: images...); "Copy Markdown" puts
// the core's Markdown (from the HTML, as the CLI's `--format markdown` renders it) on the
// clipboard, "Save HTML" downloads one self-contained file, the print stylesheet prints the
// article alone, black on white; screenshots of every theme are kept as artifacts
// (target/artifacts/reader-*.png); settings chosen in the options survive a reload and a
// browser restart. And (lib/reader-ui.mjs, shared with Firefox): every control of the "Aa"
// panel, read aloud (with the test build's speech queue, and with the system's voices through
// lib/speech.mjs), the contents, keys and progress, and the blocks that must render right.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromiumTabId, chromiumToggle, launchChromium, ROOT, startServer } from './lib/browsers.mjs';
import { fromHtml } from './lib/html-input.mjs';
import { checkSame, describeBoth, READER_CORE_FIXTURE } from './lib/reader-core.mjs';
import { controls, navigation, readAloud, readAloudReal, readmePictures, renderedBlocks } from './lib/reader-ui.mjs';
import { startSpeech } from './lib/speech.mjs';

const ARTIFACTS = path.join(ROOT, 'target/artifacts');
const THEME_BG = { light: 'rgb(253, 253, 252)', dark: 'rgb(24, 25, 27)', sepia: 'rgb(245, 236, 217)' };

describe('reader view features in Chromium', { timeout: 240_000 }, () => {
  let server;
  let chrome;
  let speech;
  let tabs = 0;
  before(async () => {
    server = await startServer();
    speech = await startSpeech();
    chrome = await launchChromium({ speech });
  });
  after(async () => {
    await chrome?.close();
    await speech?.close();
    await server?.close();
  });

  const inWorker = (fn, arg) => chrome.worker.evaluate(fn, arg);

  async function open(p, browser = chrome) {
    const page = await browser.context.newPage();
    const url = `${server.url}${p}${p.includes('?') ? '&' : '?'}tab=${++tabs}`;
    await page.goto(url);
    const tabId = await chromiumTabId(browser.worker, url);
    return { page, url, tabId, toggle: (mode) => chromiumToggle(browser.worker, tabId, mode) };
  }

  const tool = (page, action) => page.locator(`#declutter-reader button[data-action="${action}"]`);

  /** What lib/reader-ui.mjs needs of this browser. */
  const env = {
    name: 'chromium',
    open: (p) => open(p),
    save: (_page, settings) => inWorker((v) => chrome.storage.sync.set({ settings: v }), settings),
    async options() {
      const page = await chrome.context.newPage();
      await page.goto(`${chrome.extOrigin}/options/options.html`);
      return page;
    },
    shot: async (page, name) => {
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, `reader-${name}.png`) });
    },
  };

  test('every control of the Aa panel changes the view, in this tab, other tabs and the options, and after a reload', () => controls(env));
  test('read aloud: starts, highlights sentence and word, pauses, moves by paragraph, speed, voice, N', () => readAloud(env));
  test("read aloud with the system's voices (espeak-ng) reads the article to its end", async () => {
    const { spoken, voices } = await readAloudReal(env);
    console.log(`chromium: ${spoken} sentences spoken, ${voices} voices listed`);
  });
  test('contents (T), Esc, space paging, progress and minutes left', () => navigation(env));
  test('pros and cons, code, notes, tables, headings, an open formula, titles, lazy images, forum posts render right', () => renderedBlocks(env));
  test("the README's pictures: the Aa panel on sepia, read aloud in the dark theme with the contents", () => readmePictures(env));

  test('the reader shows exactly the elements, attributes and text the core kept', async () => {
    const { page, tabId, toggle } = await open(READER_CORE_FIXTURE);
    assert.equal((await toggle('reader')).active, true);
    const core = await inWorker((id) => globalThis.declutterTest.lastResult(id), tabId);
    assert.ok(core?.html, 'the core returned clean HTML');
    checkSame(await page.evaluate(describeBoth, core.html));
    await toggle('reader');
    await page.close();
  });

  test("Copy Markdown puts the core's Markdown on the clipboard", async () => {
    await chrome.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
    const { page, url, toggle } = await open('fixtures/news.html');
    assert.equal((await toggle('reader')).active, true);
    await tool(page, 'copy-markdown').click();
    await page.waitForFunction(() => /copied/i.test(document.getElementById('declutter-reader').shadowRoot.querySelector('.status').textContent));
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    // The HTML input on the page's bytes with the page's URL: what `declutter extract --format markdown
    // --url URL` prints (both call output::markdown::article_markdown; see tests/core).
    const html = readFileSync(path.join(ROOT, 'tests/e2e/fixtures/news.html'), 'utf8');
    const expected = fromHtml(html, { markdown: true, url }).markdown;
    assert.match(copied, /^# Harbour town votes/, 'the title heads the Markdown');
    assert.match(copied, /The plan keeps the pier/);
    assert.doesNotMatch(copied, /Sign up for our free newsletter/, 'the repeated promo is not in it');
    assert.equal(copied, expected);
    await page.close();
  });

  test('Save HTML downloads one self-contained file', async () => {
    const { page, toggle } = await open('fixtures/news.html');
    await toggle('reader');
    const [download] = await Promise.all([page.waitForEvent('download'), tool(page, 'save-html').click()]);
    assert.match(download.suggestedFilename(), /^Harbour-town-votes.*\.html$/);
    assert.match(download.url(), /^blob:/, 'made in the page, not fetched');
    const file = readFileSync(await download.path(), 'utf8');
    assert.match(file, /^<!doctype html>/);
    assert.match(file, /<title>Harbour town votes to turn its old ferry pier into a floating library/);
    assert.match(file, /Maren Oyelaran/, 'the byline');
    assert.match(file, /The plan keeps the pier/, 'the article');
    assert.match(file, /<style>[\s\S]*--dr-bg:[\s\S]*font-family: var\(--dr-font\)/, "the reader's CSS and theme");
    assert.doesNotMatch(file, /<script|data-action|class="toolbar"/i, 'no script, no toolbar');
    assert.match(file, /Content-Security-Policy" content="default-src 'none'/);
    // Opened on its own (no network: the fixture has no images), it shows the article.
    const saved = await chrome.context.newPage();
    await saved.setContent(file);
    assert.match(await saved.locator('article').innerText(), /The plan keeps the pier/);
    await saved.close();
    await page.close();
  });

  test('print stylesheet: the article alone, black on white, full width, images whole', async () => {
    const { page, toggle } = await open('core-fixtures/figure-caption.html');
    await inWorker(() => chrome.storage.sync.set({ settings: { theme: 'dark', width: 30 } }));
    await toggle('reader');
    const look = () =>
      page.evaluate(() => {
        const host = document.getElementById('declutter-reader');
        const root = host.shadowRoot;
        const cs = (el) => getComputedStyle(el);
        const article = root.querySelector('article');
        const img = root.querySelector('img, figure');
        return {
          toolbar: cs(root.querySelector('.toolbar')).display,
          close: cs(root.querySelector('button.close')).display,
          body: cs(document.body).display,
          hostPosition: cs(host).position,
          color: cs(article).color,
          background: cs(root.querySelector('.page')).backgroundColor,
          articleWidth: article.getBoundingClientRect().width,
          pageWidth: root.querySelector('.page').getBoundingClientRect().width,
          imageBreak: img ? cs(img).breakInside : null,
        };
      });
    const screen = await look();
    assert.equal(screen.toolbar, 'flex');
    assert.notEqual(screen.body, 'none');
    await page.emulateMedia({ media: 'print' });
    const print = await look();
    await page.emulateMedia({ media: 'screen' });
    await inWorker(() => chrome.storage.sync.remove('settings'));
    assert.equal(print.toolbar, 'none', 'toolbar hidden');
    assert.equal(print.close, 'none', 'close button hidden');
    assert.equal(print.body, 'none', 'the page under the reader is not printed');
    assert.equal(print.hostPosition, 'static', 'the reader flows over pages');
    assert.equal(print.color, 'rgb(0, 0, 0)', 'black text (dark theme on screen)');
    assert.equal(print.background, 'rgb(255, 255, 255)', 'on white');
    assert.ok(print.articleWidth >= print.pageWidth - 1, `full width (${print.articleWidth} of ${print.pageWidth})`);
    assert.ok(screen.articleWidth < print.articleWidth, 'wider than the on-screen column');
    assert.equal(print.imageBreak, 'avoid', 'figures are not split across pages');
    await page.close();
  });

  test('screenshots of every theme (target/artifacts/reader-*.png)', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const shots = [
      ['light', 'light', 'light'],
      ['dark', 'dark', 'light'],
      ['sepia', 'sepia', 'light'],
      ['auto-os-light', 'auto', 'light'],
      ['auto-os-dark', 'auto', 'dark'],
    ];
    const written = [];
    for (const [name, theme, scheme] of shots) {
      await inWorker((t) => chrome.storage.sync.set({ settings: { theme: t } }), theme);
      const { page, toggle } = await open('fixtures/news.html');
      await page.setViewportSize({ width: 1000, height: 800 });
      await page.emulateMedia({ colorScheme: scheme });
      await toggle('reader');
      const bg = await page.evaluate(() => getComputedStyle(document.getElementById('declutter-reader')).backgroundColor);
      const want = theme === 'auto' ? THEME_BG[scheme] : THEME_BG[theme];
      assert.equal(bg, want, `${name}: background`);
      const file = path.join(ARTIFACTS, `reader-${name}.png`);
      await page.screenshot({ path: file });
      written.push(file);
      await page.close();
    }
    // "auto" follows the OS while the reader is open.
    {
      await inWorker(() => chrome.storage.sync.set({ settings: { theme: 'auto' } }));
      const { page, toggle } = await open('fixtures/news.html');
      await page.emulateMedia({ colorScheme: 'light' });
      await toggle('reader');
      const bg = () => page.evaluate(() => getComputedStyle(document.getElementById('declutter-reader')).backgroundColor);
      assert.equal(await bg(), THEME_BG.light);
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.waitForFunction((want) => getComputedStyle(document.getElementById('declutter-reader')).backgroundColor === want, THEME_BG.dark);
      await page.close();
    }
    // Right-to-left and CJK pages in the default theme.
    await inWorker(() => chrome.storage.sync.remove('settings'));
    for (const name of ['rtl', 'cjk']) {
      const { page, toggle } = await open(`core-fixtures/${name}.html`);
      await page.setViewportSize({ width: 1000, height: 800 });
      await page.emulateMedia({ colorScheme: 'light' });
      await toggle('reader');
      const dir = await page.evaluate(() => {
        const a = document.getElementById('declutter-reader').shadowRoot.querySelector('article');
        return getComputedStyle(a).direction;
      });
      assert.equal(dir, name === 'rtl' ? 'rtl' : 'ltr');
      const file = path.join(ARTIFACTS, `reader-${name}.png`);
      await page.screenshot({ path: file });
      written.push(file);
      await page.close();
    }
    for (const f of written) {
      assert.ok(readFileSync(f).length > 5000, `${f} holds a picture`);
      console.log(`artifact: ${path.relative(ROOT, f)}`);
    }
  });

  test('settings chosen in the options survive a reload and a browser restart', async () => {
    const profile = mkdtempSync(path.join(os.tmpdir(), 'declutter-restart-'));
    const expectView = async (page, toggle, when) => {
      assert.equal((await toggle('reader')).active, true);
      const view = await page.evaluate(() => {
        const host = document.getElementById('declutter-reader');
        const cs = getComputedStyle(host.shadowRoot.querySelector('.page'));
        const article = host.shadowRoot.querySelector('article');
        return {
          font: cs.fontFamily,
          size: cs.fontSize,
          bg: getComputedStyle(host).backgroundColor,
          width: getComputedStyle(article).maxWidth,
          line: cs.lineHeight,
        };
      });
      assert.match(view.font, /system-ui/, `${when}: sans font`);
      assert.equal(view.size, '22px', `${when}: size`);
      assert.equal(view.bg, THEME_BG.sepia, `${when}: sepia`);
      assert.equal(view.width, `${30 * 22}px`, `${when}: column width 30em`);
      assert.equal(view.line, `${1.8 * 22}px`, `${when}: line height`);
    };
    let first = await launchChromium({ profile });
    try {
      const options = await first.context.newPage();
      await options.goto(`${first.extOrigin}/options/options.html`);
      await options.waitForSelector('body[data-ready="true"]');
      await options.selectOption('select[name="font"]', 'sans');
      await options.selectOption('select[name="theme"]', 'sepia');
      await options.fill('input[name="size"]', '22');
      await options.fill('input[name="width"]', '30');
      await options.fill('input[name="lineHeight"]', '1.8');
      await options.waitForFunction(() => document.querySelector('output[data-for="lineHeight"]').textContent === '1.8');
      await options.close();
      const { page, toggle } = await open('fixtures/news.html', first);
      await expectView(page, toggle, 'first open');
      await page.reload();
      await expectView(page, toggle, 'after a reload');
    } finally {
      await first.close();
    }
    const second = await launchChromium({ profile });
    try {
      const { page, toggle } = await open('fixtures/news.html', second);
      await expectView(page, toggle, 'after a browser restart');
    } finally {
      await second.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
