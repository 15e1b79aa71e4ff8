// Shared helpers for the extension's end-to-end tests: the fixture server and the two
// browsers with the test build of the extension loaded (dist/test/*, see extension/build).

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../../www/serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DIST_TEST_CHROME = path.join(ROOT, 'dist/test/chrome');
export const DIST_TEST_FIREFOX = path.join(ROOT, 'dist/test/firefox');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';

// Tests reach only 127.0.0.1. Fixture pages name other hosts (reserved `.example` names, one
// video embed), so the browsers are told so: Chromium resolves no other name, and Firefox
// sends every other request to a closed local port (its proxy, which also does the DNS).
export const CHROMIUM_LOCAL_ONLY = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1';
const FIREFOX_LOCAL_ONLY = {
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': 9,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': 9,
  'network.proxy.share_proxy_settings': true,
  'network.proxy.no_proxies_on': '127.0.0.1',
  'network.dns.disablePrefetch': true,
};

/** Serves the demo page at /demo/, the test fixtures at /fixtures/ (and the core's at /core-fixtures/) on 127.0.0.1. */
export function startServer() {
  for (const d of [DIST_TEST_CHROME, DIST_TEST_FIREFOX]) {
    if (!existsSync(path.join(d, 'manifest.json'))) throw new Error(`${d} is missing: run \`npm run build\` first`);
  }
  return serve({
    mounts: {
      '/demo/': path.join(ROOT, 'extension/demo'),
      '/fixtures/': path.join(ROOT, 'tests/e2e/fixtures'),
      // The core's fixtures (right-to-left and CJK pages for the reader's screenshots).
      '/core-fixtures/': path.join(ROOT, 'tests/fixtures/extract'),
      // The aggregator pages of the dedupe and site memory tests.
      '/dedupe-fixtures/': path.join(ROOT, 'tests/fixtures/dedupe/html'),
    },
  });
}

/**
 * Chromium with the test build loaded; resolves to {context, worker, profile, close}.
 * With `profile` (a directory), that profile is used and kept on close, so a test can start
 * the browser again on the same profile.
 */
export async function launchChromium({ profile: keep } = {}) {
  const { chromium } = await import('playwright-core');
  const profile = keep ?? mkdtempSync(path.join(os.tmpdir(), 'declutter-chromium-'));
  const dir = DIST_TEST_CHROME;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      CHROMIUM_LOCAL_ONLY,
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  return {
    context,
    worker,
    profile,
    extOrigin: worker.url().match(/^chrome-extension:\/\/[^/]+/)[0],
    async close() {
      await context.close();
      if (!keep) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The id of the tab showing `url` (the test build may read 127.0.0.1 tabs). */
export function chromiumTabId(worker, url) {
  return worker.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    const t = tabs.find((x) => x.url === u);
    if (!t) throw new Error(`no tab shows ${u}; tabs: ${tabs.map((x) => x.url).join(', ')}`);
    return t.id;
  }, url);
}

/** Calls the automation API in the service worker, as a user's script would. */
export function chromiumToggle(worker, tabId, mode) {
  return worker.evaluate(([id, m]) => globalThis.declutter.toggle(id, m), [tabId, mode]);
}

/** Firefox ESR with the test build installed (and extra `prefs`); resolves to {browser, dialogs(page), close}. */
export async function launchFirefox({ prefs = {} } = {}) {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // Keep Firefox from calling home during tests (updates, telemetry, remote settings).
    extraPrefsFirefox: {
      'app.update.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'extensions.update.enabled': false,
      ...FIREFOX_LOCAL_ONLY,
      ...prefs,
    },
  });
  // A page's alert() (fixtures have some, in srcdoc frames) holds the tab under WebDriver BiDi
  // until it is answered: navigations and evaluations then never finish. Chromium's driver
  // dismisses them itself; here every tab's dialogs are dismissed and counted (`dialogs`).
  const dialogs = new Map();
  browser.on('targetcreated', async (target) => {
    const page = await target.page().catch(() => null);
    page?.on('dialog', (d) => {
      dialogs.set(page, (dialogs.get(page) ?? 0) + 1);
      d.dismiss().catch(() => {}); // the tab may close meanwhile
    });
  });
  await browser.installExtension(DIST_TEST_FIREFOX);
  return { browser, dialogs: (page) => dialogs.get(page) ?? 0, close: () => browser.close() };
}

/**
 * Calls declutter.toggle(thisTab, mode) in Firefox's background through the test build's
 * page bridge (content/test-bridge.js), since WebDriver BiDi cannot evaluate in the
 * background. The background runs exactly the same toggle as in Chromium.
 */
export function firefoxToggle(page, mode) {
  return firefoxBridge(page, { mode });
}

/** Runs the context menu item `menu` on the page's tab in Firefox (same bridge). */
export function firefoxMenu(page, menu) {
  return firefoxBridge(page, { menu });
}

/** Runs one of the options page's storage calls (TEST_CALLS in background/main.js) in Firefox. */
export function firefoxCall(page, call, ...args) {
  return firefoxBridge(page, { call, args });
}

function firefoxBridge(page, call) {
  return page.evaluate(
    (c) =>
      new Promise((ok, fail) => {
        const id = `${Date.now()}-${Math.random()}`;
        const onReply = (e) => {
          const r = e.data?.declutterTestReply;
          if (!r || r.id !== id) return;
          window.removeEventListener('message', onReply);
          if (r.error) fail(new Error(r.error));
          else ok(r.ok);
        };
        window.addEventListener('message', onReply);
        window.postMessage({ declutterTest: { id, ...c } }, '*');
      }),
    call,
  );
}
