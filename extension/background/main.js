// Background context (Chromium service worker, Firefox background script). It owns the wasm
// core and the one automation entry point, `globalThis.declutter.toggle(tabId, mode)`, which
// the toolbar button, the keyboard commands and the context menu all call.

import { coreInstantiations, loadCore } from './core.js';
import { loadSettings, SETTINGS_KEY } from './settings.js';
import { recall, remember, siteOf } from './site-memory.js';

// The core's time and memory budget on a live page: past it, the core answers with what it has
// and a message rather than keep the background busy (the tab itself never waits on it).
const CORE_BUDGET = { budget_ms: 2000, max_nodes: 1_500_000 };

const api = globalThis.browser ?? globalThis.chrome;
const MODES = ['reader', 'declutter'];
// The one stylesheet in-place declutter injects; the content script only sets attributes.
const DECLUTTER_CSS = '[data-declutter="hidden"],[data-declutter="duplicate"]{display:none !important}';

async function send(tabId, msg) {
  let r;
  try {
    r = await api.tabs.sendMessage(tabId, msg, { frameId: 0 });
  } catch (e) {
    throw new Error(`tab ${tabId} (${msg.cmd}): ${e?.message ?? e}`);
  }
  if (r?.error) throw new Error(`content script (${msg.cmd}): ${r.error}`);
  if (r === undefined) throw new Error(`tab ${tabId} (${msg.cmd}): no answer from the content script`);
  return r;
}

async function ensureContent(tabId) {
  await api.scripting.executeScript({ target: { tabId }, files: ['reader/reader.js', 'content/content.js'] });
}

async function turnOff(tabId, mode) {
  await send(tabId, { cmd: 'off' });
  if (mode === 'declutter') await api.scripting.removeCSS({ target: { tabId }, css: DECLUTTER_CSS });
}

// The toggle running (or last run) per tab.
const queues = new Map();

/**
 * Toggles `mode` ("reader" or "declutter") on the tab. Resolves once the page shows the
 * result (or is restored) to {mode, active, title, words, hidden, duplicates, ms}.
 * hidden/duplicates count blocks: those marked in the page (declutter) or the core's (reader).
 */
function toggle(tabId, mode = 'reader') {
  if (!MODES.includes(mode)) return Promise.reject(new Error(`mode must be one of ${MODES.join(', ')}, not ${mode}`));
  if (!Number.isInteger(tabId)) return Promise.reject(new Error(`tabId must be an integer, not ${tabId}`));
  // One toggle at a time per tab: a double click must not apply twice or inject the
  // stylesheet twice; the second toggle sees the first one's result.
  const prev = queues.get(tabId) ?? Promise.resolve();
  const next = prev.catch(() => {}).then(() => toggleNow(tabId, mode));
  queues.set(tabId, next);
  const cleanup = () => {
    if (queues.get(tabId) === next) queues.delete(tabId);
  };
  next.then(cleanup, cleanup);
  return next;
}

async function toggleNow(tabId, mode) {
  const started = performance.now();
  await ensureContent(tabId);
  const now = await send(tabId, { cmd: 'state' });
  if (now.mode) {
    await turnOff(tabId, now.mode);
    if (now.mode === mode) {
      return { mode, active: false, title: now.title, words: 0, hidden: 0, duplicates: 0, ms: performance.now() - started };
    }
  }
  // Site memory: null in private windows (nothing read, nothing written) and off the web.
  const site = siteOf(await api.tabs.get(tabId));
  const [{ json }, core, settings, boilerplate] = await Promise.all([
    send(tabId, { cmd: 'snapshot' }),
    loadCore(),
    loadSettings(),
    site ? recall(site.host, site.page) : [],
  ]);
  // Reader view needs the cleaned HTML; in-place declutter only needs ids.
  const result = core.extractSnapshot(json, { html: mode === 'reader', dedupe: true, site_boilerplate: boilerplate, ...CORE_BUDGET });
  if (mode === 'declutter') await api.scripting.insertCSS({ target: { tabId }, css: DECLUTTER_CSS });
  const shown = await send(tabId, { cmd: 'apply', mode, result, settings });
  // After the page shows the result: a storage failure must not undo a working toggle.
  if (site) await remember(site.host, site.page, result.fingerprints).catch(report);
  return {
    mode,
    active: true,
    title: result.title ?? null,
    words: result.words,
    hidden: shown.hidden,
    duplicates: shown.duplicates,
    siteBoilerplate: result.hidden.filter((h) => h.reason.startsWith('site_boilerplate')).length,
    ms: performance.now() - started,
  };
}

globalThis.declutter = Object.freeze({ toggle });

// ---- User entry points: toolbar button, keyboard commands, context menu -----------------

function report(e) {
  console.warn('Declutter:', e?.message ?? e);
}

async function activeTabId() {
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

// Each handler returns the toggle's promise (errors are reported, not thrown into the event).
function guarded(run) {
  return run().catch((e) => {
    report(e);
    return { error: String(e?.message ?? e) };
  });
}

/** Toolbar button: the mode chosen in the options. */
function onAction(tab) {
  return guarded(async () => toggle(tab.id, (await loadSettings()).mode));
}

/** Keyboard commands; their names are the modes (see manifest.json "commands"). */
function onCommand(command, tab) {
  if (!MODES.includes(command)) return Promise.resolve(null);
  return guarded(async () => toggle(tab?.id ?? (await activeTabId()), command));
}

const MENU = { 'declutter-reader': 'reader', 'declutter-declutter': 'declutter' };

function createMenus() {
  api.contextMenus.removeAll(() => {
    api.contextMenus.create({ id: 'declutter-reader', title: 'Reader view', contexts: ['page'] });
    api.contextMenus.create({ id: 'declutter-declutter', title: 'Declutter in place', contexts: ['page'] });
  });
}

/** Page context menu. */
function onMenuClick(info, tab) {
  const mode = MENU[info.menuItemId];
  if (!mode || !tab) return Promise.resolve(null);
  return guarded(() => toggle(tab.id, mode));
}

api.action.onClicked.addListener(onAction);
api.commands.onCommand.addListener(onCommand);
api.runtime.onInstalled.addListener(createMenus);
api.contextMenus.onClicked.addListener(onMenuClick);

// An open reader view restyles itself when the options change.
api.storage.onChanged.addListener(async (changes) => {
  if (!(SETTINGS_KEY in changes)) return;
  const settings = await loadSettings();
  for (const tab of await api.tabs.query({})) {
    api.tabs.sendMessage(tab.id, { cmd: 'settings', settings }).catch(() => {});
  }
});

// ---- Article badge ------------------------------------------------------------------------
// On sites the user granted access to (none by default; the options page can ask for all
// sites), content/probe.js takes a cheap look at each page and the badge marks articles. The
// wasm core is not loaded for this.

const PROBE_ID = 'declutter-probe';
const BADGE = '\u2713';

async function registerProbe() {
  const { origins = [] } = await api.permissions.getAll();
  const registered = await api.scripting.getRegisteredContentScripts({ ids: [PROBE_ID] });
  if (registered.length) await api.scripting.unregisterContentScripts({ ids: [PROBE_ID] });
  if (origins.length === 0) return;
  await api.scripting.registerContentScripts([
    { id: PROBE_ID, matches: origins, js: ['content/probe.js'], runAt: 'document_idle', allFrames: false },
  ]);
}

api.runtime.onMessage.addListener((msg, sender) => {
  if (msg?.cmd !== 'probe' || !sender.tab || sender.frameId !== 0) return false;
  const tabId = sender.tab.id;
  api.action.setBadgeText({ tabId, text: msg.article ? BADGE : '' });
  const title = msg.article ? 'Declutter: this page looks like an article' : 'Declutter this page (not an article, it seems)';
  api.action.setTitle({ tabId, title });
  return false;
});

api.runtime.onInstalled.addListener(() => registerProbe().catch(report));
api.runtime.onStartup.addListener(() => registerProbe().catch(report));
api.permissions.onAdded.addListener(() => registerProbe().catch(report));
api.permissions.onRemoved.addListener(() => registerProbe().catch(report));
api.action.setBadgeBackgroundColor?.({ color: '#204a87' });

// The test build only (its manifest adds content/test-bridge.js): lets e2e tests drive the
// same toggle from the page in browsers whose automation cannot evaluate in the background.
// (Firefox reports the script as a full moz-extension: URL, Chromium as the manifest path.)
const isTestBuild = api.runtime.getManifest().content_scripts?.some((c) => c.js?.some((f) => f.endsWith('content/test-bridge.js')));
if (isTestBuild) {
  api.runtime.onMessage.addListener((msg, sender, reply) => {
    if (msg?.cmd !== 'test-toggle' || !sender.tab) return false;
    toggle(sender.tab.id, msg.mode).then(
      (r) => reply({ ok: r }),
      (e) => reply({ error: String(e?.message ?? e) }),
    );
    return true;
  });
  // For tests that compare the two doors on the live page (the walk must number nodes as
  // door 1 does): the content script's snapshot and the core's two calls.
  globalThis.declutterTest = Object.freeze({
    async snapshot(tabId) {
      await ensureContent(tabId);
      return (await send(tabId, { cmd: 'snapshot' })).json;
    },
    loadCore,
    coreInstantiations,
    // The exact functions registered with the browser's events, which automation cannot fire.
    handlers: { onAction, onCommand, onMenuClick },
  });
}
