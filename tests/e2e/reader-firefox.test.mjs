// The reader view's own features in Firefox ESR: it shows exactly what the core kept
// (lib/reader-core.mjs); and (the Chromium file has the same checks plus
// print emulation and a browser restart): "Copy Markdown" (pasted back into the page, equal to
// the core's Markdown as the CLI prints it), "Save HTML" (a real download into a test folder),
// screenshots of every theme (target/artifacts/reader-*-firefox.png), settings kept across a
// reload. Not automatable here: print media emulation (puppeteer's emulateMediaType needs CDP,
// which Firefox no longer has) and a browser restart (the test build is a temporary add-on,
// gone when Firefox stops); the OS colour scheme is set per launch with a content pref.
// And (lib/reader-ui.mjs, shared with Chromium): every control of the "Aa" panel, read aloud
// (with the test build's speech queue, and with the system's voices through lib/speech.mjs),
// the contents, keys and progress, and the blocks that must render right.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { firefoxCall, firefoxToggle, launchFirefox, ROOT, startServer } from './lib/browsers.mjs';
import { fromHtml } from './lib/html-input.mjs';
import { until } from './lib/features.mjs';
import { checkSame, describeBoth, READER_CORE_FIXTURE } from './lib/reader-core.mjs';
import { controls, navigation, readAloud, readAloudReal, readmePictures, renderedBlocks } from './lib/reader-ui.mjs';
import { startSpeech } from './lib/speech.mjs';

const ARTIFACTS = path.join(ROOT, 'target/artifacts');
const THEME_BG = { light: 'rgb(253, 253, 252)', dark: 'rgb(24, 25, 27)', sepia: 'rgb(245, 236, 217)' };
// layout.css.prefers-color-scheme.content-override: 0 dark, 1 light.
const SCHEME = { dark: 0, light: 1 };

describe('reader view features in Firefox', { timeout: 240_000 }, () => {
  let server;
  let firefox;
  let speech;
  const downloads = mkdtempSync(path.join(os.tmpdir(), 'declutter-downloads-'));
  before(async () => {
    server = await startServer();
    speech = await startSpeech();
    firefox = await launchFirefox({
      speech,
      prefs: {
        'layout.css.prefers-color-scheme.content-override': SCHEME.light,
        'browser.download.folderList': 2,
        'browser.download.dir': downloads,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.download.alwaysOpenPanel': false,
      },
    });
  });
  after(async () => {
    await firefox?.close();
    await speech?.close();
    await server?.close();
    rmSync(downloads, { recursive: true, force: true });
  });

  async function open(p, browser = firefox.browser) {
    const page = await browser.newPage();
    await page.goto(`${server.url}${p}`);
    return { page, toggle: (mode) => firefoxToggle(page, mode) };
  }
  const tool = (action) => `#declutter-reader >>> button[data-action="${action}"]`;
  // A tab the storage calls go through (the test build's bridge needs a page).
  let bridge = null;
  const call = async (name, ...args) => {
    bridge ??= (await open('fixtures/news.html')).page;
    return firefoxCall(bridge, name, ...args);
  };
  /** What lib/reader-ui.mjs needs of this browser. */
  const env = {
    name: 'firefox',
    open: (p) => open(p),
    save: (_page, settings) => call('saveSettings', settings),
    // WebDriver BiDi cannot open extension pages: the options page's storage calls instead.
    options: null,
    load: () => call('loadSettings'),
    shot: async (page, name) => {
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, `reader-${name}-firefox.png`) });
    },
  };

  test('every control of the Aa panel changes the view, in this tab, other tabs and the options, and after a reload', () => controls(env));
  test('read aloud: starts, highlights sentence and word, pauses, moves by paragraph, speed, voice, N', () => readAloud(env));
  test("read aloud with the system's voices (espeak-ng) reads the article to its end", async () => {
    const { spoken, voices } = await readAloudReal(env);
    assert.ok(voices > 0, "Firefox lists the system's voices");
    console.log(`firefox: ${spoken} sentences spoken, ${voices} voices listed`);
  });
  test('contents (T), Esc, space paging, progress and minutes left', () => navigation(env));
  test('pros and cons, code, notes, tables, headings, an open formula, titles, lazy images, forum posts render right', () => renderedBlocks(env));
  test("the README's pictures: the Aa panel on sepia, read aloud in the dark theme with the contents", () => readmePictures(env));

  const status = (page) => page.evaluate(() => document.getElementById('declutter-reader').shadowRoot.querySelector('.status').textContent);

  test('the reader shows exactly the elements, attributes and text the core kept', async () => {
    const { page, toggle } = await open(READER_CORE_FIXTURE);
    assert.equal((await toggle('reader')).active, true);
    const core = await firefoxCall(page, 'lastResult');
    assert.ok(core?.html, 'the core returned clean HTML');
    checkSame(await page.evaluate(describeBoth, core.html));
    await toggle('reader');
    await page.close();
  });

  test("Copy Markdown: what is pasted is the core's Markdown", async () => {
    const { page, toggle } = await open('fixtures/news.html');
    await toggle('reader');
    await page.click(tool('copy-markdown'));
    await until(page, () => /copied/i.test(document.getElementById('declutter-reader').shadowRoot.querySelector('.status').textContent), 'copied');
    await toggle('reader');
    // Paste it back, as a user would, into a text area of the page.
    await page.evaluate(() => {
      const t = document.createElement('textarea');
      t.id = 'paste';
      document.body.prepend(t);
      t.focus();
    });
    await page.keyboard.down('Control');
    await page.keyboard.press('v');
    await page.keyboard.up('Control');
    const pasted = await until(page, () => document.getElementById('paste').value, 'the paste');
    const html = readFileSync(path.join(ROOT, 'tests/e2e/fixtures/news.html'), 'utf8');
    const expected = fromHtml(html, { markdown: true, url: page.url() }).markdown;
    assert.match(pasted, /^# Harbour town votes/);
    assert.doesNotMatch(pasted, /Sign up for our free newsletter/);
    assert.equal(pasted, expected);
    await page.close();
  });

  test('Save HTML downloads one self-contained file', async () => {
    const { page, toggle } = await open('fixtures/news.html');
    await toggle('reader');
    await page.click(tool('save-html'));
    const name = 'Harbour-town-votes-to-turn-its-old-ferry-pier-into-a-floating-library.html';
    assert.equal(await status(page), `Saved ${name}.`);
    const file = path.join(downloads, name);
    const deadline = Date.now() + 10_000;
    while (!readdirSync(downloads).includes(name) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const saved = readFileSync(file, 'utf8');
    assert.match(saved, /<title>Harbour town votes/);
    assert.match(saved, /Maren Oyelaran/);
    assert.match(saved, /The plan keeps the pier/);
    assert.match(saved, /<style>[\s\S]*--dr-bg:/);
    assert.doesNotMatch(saved, /<script|data-action/i);
    await page.close();
  });

  async function shoot(browser, name, settings, expectBg, fixture = 'fixtures/news.html') {
    const page = await browser.newPage();
    await page.setViewport({ width: 1000, height: 800 });
    await page.goto(`${server.url}${fixture}`);
    await firefoxCall(page, 'saveSettings', settings);
    await firefoxToggle(page, 'reader');
    const bg = await page.evaluate(() => getComputedStyle(document.getElementById('declutter-reader')).backgroundColor);
    assert.equal(bg, expectBg, `${name}: background`);
    const file = path.join(ARTIFACTS, `reader-${name}-firefox.png`);
    await page.screenshot({ path: file });
    await page.close();
    assert.ok(readFileSync(file).length > 5000);
    console.log(`artifact: ${path.relative(ROOT, file)}`);
  }

  test('screenshots of every theme (target/artifacts/reader-*-firefox.png)', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const theme of ['light', 'dark', 'sepia']) await shoot(firefox.browser, theme, { theme }, THEME_BG[theme]);
    await shoot(firefox.browser, 'auto-os-light', { theme: 'auto' }, THEME_BG.light);
    await shoot(firefox.browser, 'cjk', { theme: 'auto' }, THEME_BG.light, 'core-fixtures/cjk.html');
    // The OS in dark mode: another Firefox, launched with the dark content scheme.
    const dark = await launchFirefox({ prefs: { 'layout.css.prefers-color-scheme.content-override': SCHEME.dark } });
    try {
      await shoot(dark.browser, 'auto-os-dark', { theme: 'auto' }, THEME_BG.dark);
    } finally {
      await dark.close();
    }
  });

  test('settings survive a reload', async () => {
    const { page, toggle } = await open('fixtures/news.html');
    await firefoxCall(page, 'saveSettings', { font: 'sans', size: 22, width: 30, lineHeight: 1.8, theme: 'sepia' });
    await page.reload();
    await toggle('reader');
    const view = await page.evaluate(() => {
      const host = document.getElementById('declutter-reader');
      const cs = getComputedStyle(host.shadowRoot.querySelector('.page'));
      return {
        font: cs.fontFamily,
        size: cs.fontSize,
        bg: getComputedStyle(host).backgroundColor,
        width: getComputedStyle(host.shadowRoot.querySelector('article')).maxWidth,
      };
    });
    assert.match(view.font, /system-ui/);
    assert.equal(view.size, '22px');
    assert.equal(view.bg, THEME_BG.sepia);
    assert.equal(view.width, `${30 * 22}px`);
    await firefoxCall(page, 'saveSettings', {});
    await page.close();
  });
});
