// TEST BUILD ONLY (dist/test/*): the background's side of the end-to-end tests, installed by
// main.js under the build flag __TEST__, so none of it is in the release build. It answers the
// page bridge (content/test-bridge.js), through which tests drive the automation API in
// browsers whose automation cannot evaluate code in the background (Firefox over WebDriver
// BiDi), and sets `globalThis.declutterTest` for those that can (Chromium).

import { decodePacked } from '../content/walk.js';
import { coreInstantiations, loadCore } from './core.js';
import { listPicks, setPicks, setRule } from './rules.js';
import { loadSettings, saveSettings } from './settings.js';

const api = globalThis.browser ?? globalThis.chrome;

/**
 * @param {object} bg what main.js lends the tests
 * @param {(tabId: number, mode: string, options?: object) => Promise<unknown>} bg.toggle
 * @param {(tabId: number) => Promise<import('../shared/messages.js').StateReply>} bg.start
 * @param {typeof import('../shared/messages.js').sendToPage} bg.send
 * @param {(info: {menuItemId: string}, tab: object) => Promise<unknown>} bg.onMenuClick
 * @param {Record<string, Function>} bg.handlers the functions registered with the browser's events
 * @param {(tabId: number, url: string) => Promise<unknown>} bg.applyRule
 * @param {Map<number, any>} bg.lastResults the core's last result per tab
 */
export function installTestApi({ toggle, start, send, onMenuClick, handlers, applyRule, lastResults }) {
  /**
   * What the options page does, and what tests read back; `this` is the calling tab's id.
   * @type {Record<string, (this: number, ...args: any[]) => unknown>}
   */
  const calls = {
    setRule,
    listPicks,
    setPicks,
    saveSettings,
    loadSettings,
    // When this background context started (the browser benchmark checks that a cold toggle
    // met a freshly started background: tests/bench/browser.mjs).
    backgroundStarted: () => performance.timeOrigin,
    // The core's last result for the calling tab: the clean HTML the reader view was given.
    lastResult() {
      const r = lastResults.get(this);
      return r ? { html: r.html ?? null, title: r.title ?? null, words: r.words } : null;
    },
  };

  api.runtime.onMessage.addListener((msg, sender, reply) => {
    if (msg?.cmd !== 'test' || !sender.tab) return false;
    let run;
    if (msg.call) run = Promise.resolve().then(() => calls[msg.call].apply(sender.tab.id, msg.args ?? []));
    else if (msg.menu) run = onMenuClick({ menuItemId: msg.menu }, sender.tab);
    else run = toggle(sender.tab.id, msg.mode, msg.options);
    run.then(
      (r) => reply({ ok: r }),
      (e) => reply({ error: String(e?.message ?? e) }),
    );
    return true;
  });

  // For tests that compare the two inputs on the live page (the walk must number nodes as the
  // HTML input does): the content script's snapshot and the core's snapshot call (the HTML
  // input runs in the tests themselves, from the playground's package: tests/e2e/lib/html-input.mjs).
  globalThis.declutterTest = Object.freeze({
    // The page's snapshot as a toggle reads it: the injection answers with the snapshot
    // (content/start.js, the toggle's limits); with a mode on, the 'snapshot' message (no limits).
    async snapshot(tabId) {
      const now = await start(tabId);
      if (now.snap) return now.snap;
      return (await send(tabId, { cmd: 'snapshot' })).snap;
    },
    // A packed snapshot as entries {p, t, a, x} (the JSON form, src/dom/snapshot.rs), for tests
    // that look at single entries or give the JSON input the same page.
    entries: decodePacked,
    loadCore,
    coreInstantiations,
    // The exact functions registered with the browser's events, which automation cannot fire.
    handlers,
    applyRule,
    lastResult: (tabId) => calls.lastResult.call(tabId),
  });
}
