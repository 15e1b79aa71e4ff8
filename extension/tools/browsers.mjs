// The two headless browsers from Debian with an unpacked build of the extension loaded, and
// the ways automation reaches its entry point, `globalThis.declutter.toggle(tabId, mode)`:
// Chromium's service worker directly (Playwright), Firefox's background through the test
// build's page bridge (content/test-bridge.js; WebDriver BiDi cannot evaluate there).
// Used by the browser command (extract-browser.mjs) and by the end-to-end tests.

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';

// Reaching only 127.0.0.1 (the tests; the command's --local-only): Chromium resolves no other
// name, and Firefox sends every other request to a closed local port (its proxy, which also
// does the DNS).
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

/**
 * Chromium with the unpacked extension `extension` loaded; resolves to {context, worker,
 * profile, extOrigin, close}. With `profile` (a directory), that profile is used and kept on
 * close, so a caller can start the browser again on the same profile. `args` and `env` go to
 * the browser's process.
 */
export async function launchChromium({ extension, profile: keep, localOnly = true, viewport, args = [], env } = {}) {
  const { chromium } = await import('playwright-core');
  const profile = keep ?? mkdtempSync(path.join(os.tmpdir(), 'declutter-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ...(viewport ? { viewport } : {}),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...(localOnly ? [CHROMIUM_LOCAL_ONLY] : []),
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      ...args,
    ],
    ...(env ? { env: { ...process.env, ...env } } : {}),
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

/** The id of the tab showing `url` (the extension needs host access to read the tabs' URLs). */
export function chromiumTabId(worker, url) {
  return worker.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    const t = tabs.find((x) => x.url === u);
    if (!t) throw new Error(`no tab shows ${u}; tabs: ${tabs.map((x) => x.url).join(', ')}`);
    return t.id;
  }, url);
}

/** Calls the automation API in the service worker, as a user's script would. */
export function chromiumToggle(worker, tabId, mode, options) {
  return worker.evaluate(([id, m, o]) => globalThis.declutter.toggle(id, m, o), [tabId, mode, options]);
}

/**
 * Firefox ESR with the unpacked extension `extension` installed as a temporary add-on (and
 * extra `prefs`, and `env` for its process); resolves to {browser, dialogs(page), close}.
 */
export async function launchFirefox({ extension, prefs = {}, localOnly = true, env } = {}) {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    ...(env ? { env: { ...process.env, ...env } } : {}),
    // Keep Firefox from calling home (updates, telemetry, remote settings).
    extraPrefsFirefox: {
      'app.update.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'extensions.update.enabled': false,
      ...(localOnly ? FIREFOX_LOCAL_ONLY : {}),
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
  try {
    await browser.installExtension(extension);
  } catch (e) {
    await browser.close();
    throw e;
  }
  return { browser, dialogs: (page) => dialogs.get(page) ?? 0, close: () => browser.close() };
}

/**
 * Calls declutter.toggle(thisTab, mode, options) in Firefox's background through the test
 * build's page bridge (content/test-bridge.js), since WebDriver BiDi cannot evaluate in the
 * background. The background runs exactly the same toggle as in Chromium.
 */
export function firefoxToggle(page, mode, options) {
  return firefoxBridge(page, { mode, options });
}

/**
 * Sends one request through the page bridge: {mode, options} | {menu} | {call, args}. The
 * answer comes back as JSON: WebDriver BiDi sends a value met twice in a result (the toggle's
 * `messages` is also its extraction's) as a reference, which Puppeteer reads as undefined.
 */
export async function firefoxBridge(page, call) {
  const json = await page.evaluate(
    (c) =>
      new Promise((ok, fail) => {
        const id = `${Date.now()}-${Math.random()}`;
        const onReply = (e) => {
          const r = e.data?.declutterTestReply;
          if (!r || r.id !== id) return;
          window.removeEventListener('message', onReply);
          if (r.error) fail(new Error(r.error));
          else ok(JSON.stringify(r.ok));
        };
        window.addEventListener('message', onReply);
        window.postMessage({ declutterTest: { id, ...c } }, '*');
      }),
    call,
  );
  return json === undefined ? undefined : JSON.parse(json);
}
