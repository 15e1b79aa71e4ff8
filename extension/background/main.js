// Background context (Chromium service worker, Firefox background script). It owns the wasm
// core and the one automation entry point, `globalThis.declutter.toggle(tabId, mode)`, which
// the toolbar button, the keyboard commands and the context menu all call.

import { DECLUTTER_CSS, PRINT_CSS } from '../shared/marks.js';
import { MODES, sendToPage as send, SNAPSHOT_LIMITS } from '../shared/messages.js';
import { readFaces } from '../reader/fonts.js';
import { loadCore } from './core.js';
import { loadSettings, SETTINGS_KEY } from './settings.js';
import { recall, remember, siteOf } from './site-memory.js';
import { hostOf, picksFor } from './rules.js';
import { siteActions } from './site-actions.js';
import { installTestApi } from './test-api.js';

/** @typedef {import('../shared/messages.js').Mode} Mode */
/** @typedef {import('../shared/messages.js').PageResult} PageResult */

// The core's time and memory budget on a live page: past it, the core answers with what it has
// and a message rather than keep the background busy (the tab itself never waits on it). Its
// node limit is the page reading's (SNAPSHOT_LIMITS).
const CORE_BUDGET = { budget_ms: 2000, max_nodes: SNAPSHOT_LIMITS.maxNodes };
// The reader view renders at most this many words of an article (the core cuts its HTML and
// Markdown at a block boundary and says so). The longest magazine long-reads run 15,000-30,000
// words; 50,000 (about 3.6 hours at 230 words a minute, some 350 KB of text) leaves them whole
// while a book-length page (a 380,000-word one exists) reaches the tab as about ten frames of
// text instead of megabytes that hold its main thread for tens of seconds.
const READER_MAX_WORDS = 50_000;

const api = globalThis.browser ?? globalThis.chrome;
// The reader's print rules, injected with the view (user origin, see shared/marks.js).
const PRINT = { css: PRINT_CSS, origin: 'USER' };

// The content script (one bundle, content/main.js); injecting it again reuses the first instance.
const CONTENT_FILE = 'content/content.js';

/** Makes sure the tab's top frame runs the content script. */
async function ensureContent(tabId) {
  await api.scripting.executeScript({ target: { tabId }, files: [CONTENT_FILE] });
}

/**
 * Injects the content script and gets, as the injection's result, what the 'state' message
 * with snapshot: true answers (content/start.js), read within SNAPSHOT_LIMITS: one round trip
 * instead of two.
 * @param {number} tabId
 * @returns {Promise<import('../shared/messages.js').StateReply>}
 */
async function start(tabId) {
  let r;
  try {
    [r] = await api.scripting.executeScript({ target: { tabId }, files: [CONTENT_FILE, 'content/start.js'] });
  } catch (e) {
    throw new Error(`tab ${tabId} (start): ${e?.message ?? e}`, { cause: e });
  }
  const now = r?.result;
  if (now?.error) throw new Error(`content script (start): ${now.error}`);
  if (!now) throw new Error(`tab ${tabId} (start): no answer from the content script`);
  return now;
}

async function turnOff(tabId, mode) {
  await send(tabId, { cmd: 'off' });
  await removeStyles(tabId, mode);
}

async function removeStyles(tabId, mode) {
  if (mode === 'declutter') await api.scripting.removeCSS({ target: { tabId }, css: DECLUTTER_CSS });
  else await api.scripting.removeCSS({ target: { tabId }, ...PRINT });
}

// The toggle running (or last run) per tab.
const queues = new Map();

/**
 * Toggles `mode` ("reader" or "declutter") on the tab. Resolves once the page shows the
 * result (or is restored) to {mode, active, title, words, hidden, duplicates, ms}.
 * hidden/duplicates count blocks: those marked in the page (declutter) or the core's (reader).
 * Options: `on`, only switch on (a page already in `mode` stays as it is); `extraction`, the
 * result also carries the core's whole result for the page (`extraction`, the CLI's JSON
 * fields) when the mode was switched on.
 * @param {number} tabId
 * @param {string} [mode] one of MODES
 * @param {{on?: boolean, extraction?: boolean}} [options]
 */
function toggle(tabId, mode = 'reader', { on = false, extraction = false } = {}) {
  if (!MODES.includes(/** @type {Mode} */ (mode))) return Promise.reject(new Error(`mode must be one of ${MODES.join(', ')}, not ${mode}`));
  if (!Number.isInteger(tabId)) return Promise.reject(new Error(`tabId must be an integer, not ${tabId}`));
  return enqueue(tabId, () => toggleNow(tabId, mode, { on, extraction }));
}

/** Runs `work` after whatever the tab is already doing: one change to a page at a time. */
function enqueue(tabId, work) {
  // A double click must not apply twice or inject the stylesheet twice; the second toggle
  // sees the first one's result.
  const prev = queues.get(tabId) ?? Promise.resolve();
  const next = prev.catch(() => {}).then(work);
  queues.set(tabId, next);
  const cleanup = () => {
    if (queues.get(tabId) === next) queues.delete(tabId);
  };
  next.then(cleanup, cleanup);
  return next;
}

// `on`: only switch on (a site rule, the picker): a page already in `mode` stays as it is.
async function toggleNow(tabId, mode, { on, extraction }) {
  const started = performance.now();
  // Test build: when each step of the toggle ended, in ms from its start (the browser benchmark
  // prints them); `background` is how long this background context had run when the toggle came.
  /** @type {Record<string, number> | undefined} */
  const phases = __TEST__ ? { background: started } : undefined;
  // Asked at once, answered while the page is read: the tab (for site memory and picks), and
  // the core (instantiated on the first toggle only, then kept).
  const tab = api.tabs.get(tabId);
  tab.catch(() => {}); // a closed tab fails below, where the message does
  loadCore().catch(() => {}); // a failure shows where the core is awaited
  // The state, and the snapshot too when nothing is on (the usual toggle), as the result of
  // injecting the content scripts: one round trip.
  const now = await start(tabId);
  if (__TEST__) phases.read = performance.now() - started;
  // The page deleted our view (the content script noticed and reset): only our stylesheet is left.
  if (now.lost) await removeStyles(tabId, now.lost);
  if (on && now.mode === mode) {
    return { mode, active: true, title: now.title, words: 0, hidden: 0, duplicates: 0, ms: performance.now() - started, already: true };
  }
  if (now.mode) {
    await turnOff(tabId, now.mode);
    if (now.mode === mode) {
      // late/watch: what the late-clutter watch did while it was on (content/declutter.js).
      const late = { late: now.late, watch: now.watch };
      return { mode, active: false, title: now.title, words: 0, hidden: 0, duplicates: 0, ...late, ms: performance.now() - started };
    }
  }
  return turnOn(tabId, mode, started, { snap: now.snap, cut: now.cut, tab, extraction, phases: __TEST__ ? { ...phases, walk: now.walkMs } : undefined });
}

/**
 * An in-app navigation changed the article under an open mode (the content script waits for
 * the new content to settle): evaluate the page again in the same mode. The stylesheets stay
 * in place; the content script drops its old marks before it sets the new ones.
 */
function reevaluate(tabId, mode) {
  return enqueue(tabId, async () => {
    const now = await send(tabId, { cmd: 'state' });
    // Toggled off or switched since the navigation was seen: nothing to redo.
    if (now.mode !== mode) return null;
    return turnOn(tabId, mode, performance.now(), { again: true });
  });
}

// Numbers each apply, so the Markdown that follows a reader view finds that view.
let applied = 0;

/**
 * What the page needs of the core's result. Never the plain text, the fingerprints (site
 * memory) or the Markdown (sent after the view). The reader view shows the article and its
 * header: the block lists stay here, as counts.
 */
function forPage(result, reader) {
  const { text: _text, fingerprints: _fp, markdown: _md, ...rest } = result;
  if (!reader) return rest;
  const { title, byline, site_name, reading_minutes, lang, dir, html, is_article, words, shown_words } = result;
  const copies = result.duplicates.reduce((n, g) => n + g.copies.filter((c) => !c.kept).length, 0);
  return {
    title,
    byline,
    site_name,
    reading_minutes,
    lang,
    dir,
    html,
    is_article,
    words,
    shown_words,
    counts: { hidden: result.hidden.length, duplicates: copies },
  };
}

/**
 * Extracts and shows `mode`; `again`: the mode is already on (its stylesheet in place);
 * `snap`, `cut`: the page's snapshot (compact form, content/walk.js) and the note if a
 * limit cut it, when the caller already has them; `tab`: api.tabs.get's promise;
 * `extraction`: answer with the core's whole result too.
 */
async function turnOn(
  tabId,
  mode,
  started,
  { again = false, snap: given = null, cut = null, tab = api.tabs.get(tabId), extraction = false, phases = /** @type {Record<string, number>} */ ({}) } = {},
) {
  // Site memory: null in private windows (nothing read, nothing written) and off the web.
  const memory = tab.then((t) => {
    const site = siteOf(t);
    const host = hostOf(t.url);
    return Promise.all([site, site ? recall(site.host, site.page) : [], mode === 'declutter' && host ? picksFor(host) : []]);
  });
  const [{ snap, cut: snapCut }, core, settings, [site, boilerplate, picks]] = await Promise.all([
    given ? { snap: given, cut } : send(tabId, { cmd: 'snapshot', ...SNAPSHOT_LIMITS }),
    loadCore().then((c) => {
      if (__TEST__) phases.core = performance.now() - started;
      return c;
    }),
    loadSettings(),
    memory,
  ]);
  // Reader view needs the cleaned HTML (and Markdown to copy); in-place declutter only ids.
  const reader = mode === 'reader';
  /** @type {Record<string, unknown>} */
  const opts = { url: snap.url, html: reader, markdown: reader, dedupe: true, site_boilerplate: boilerplate, ...CORE_BUDGET };
  if (reader) opts.max_words = READER_MAX_WORDS;
  if (__TEST__) phases.ready = performance.now() - started;
  const result = core.extractSnapshot(snap.text, snap.ints, opts);
  if (__TEST__) phases.extracted = performance.now() - started;
  if (snapCut) result.messages.push(`page too large (${snapCut.reason}): only its first ${snapCut.nodes} nodes were read`);
  // Declutter's stylesheet goes in alongside the result rather than before it: either order
  // ends in the same page, and the page shows the result one round trip sooner.
  let css = null;
  if (!again && mode === 'declutter') css = api.scripting.insertCSS({ target: { tabId }, css: DECLUTTER_CSS });
  const { fingerprints } = result;
  // The reader's print rules go in once the view is shown: a stylesheet arriving with the
  // view restyles the whole page under it while the first frame is being made (measured: the
  // view's insertion task and first paint both shorter with the sheet after them).
  const print = async () => {
    if (again || mode !== 'reader') return;
    // One copy, even after Esc. Print rules only: nothing on screen waits for them.
    await api.scripting.removeCSS({ target: { tabId }, ...PRINT });
    await api.scripting.insertCSS({ target: { tabId }, ...PRINT });
  };
  const seq = ++applied;
  if (__TEST__) lastResults.set(tabId, result);
  const [shown] = await Promise.all([
    send(tabId, { cmd: 'apply', mode, result: forPage(result, reader), settings, picks, again, seq }),
    css,
    // The Markdown for "Copy Markdown" travels on its own, behind the view: the first frame
    // does not wait for its bytes (the button waits for them if clicked sooner).
    reader && send(tabId, { cmd: 'markdown', markdown: result.markdown ?? '', seq }).catch(report),
  ]);
  if (__TEST__) phases.shown = performance.now() - started;
  await print();
  if (__TEST__) phases.printed = performance.now() - started;
  // After the page shows the result: a storage failure must not undo a working toggle.
  if (site) await remember(site.host, site.page, fingerprints).catch(report);
  return {
    mode,
    active: true,
    title: result.title ?? null,
    words: result.words,
    // Reader view of a longer article: the words it shows (its first blocks), else absent.
    shownWords: reader ? result.shown_words : undefined,
    hidden: shown.hidden,
    duplicates: shown.duplicates,
    siteBoilerplate: result.hidden.filter((h) => h.reason.startsWith('site_boilerplate')).length,
    // false: no article found (the page is left as it is; a notice or the reader view says so).
    article: result.is_article,
    // The core's notes (no article, budget or node limits hit) and the page-reading limit's.
    messages: result.messages,
    ms: performance.now() - started,
    // Asked for (automation): everything the core found, as the CLI's JSON has it.
    extraction: extraction ? result : undefined,
    phases: __TEST__ ? phases : undefined,
  };
}

// Site rules on page load, the element picker and its choices (background/site-actions.js).
const { pick, openRuleForm, applyRule } = siteActions({ toggle, report, ensureContent });

globalThis.declutter = Object.freeze({ toggle, pick });

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
const RULE_MENU = { 'declutter-rule-reader': 'reader', 'declutter-rule-declutter': 'declutter' };

function createMenus() {
  api.contextMenus.removeAll(() => {
    api.contextMenus.create({ id: 'declutter-reader', title: 'Reader view', contexts: ['page'] });
    api.contextMenus.create({ id: 'declutter-declutter', title: 'Declutter in place', contexts: ['page'] });
    api.contextMenus.create({ id: 'declutter-pick', title: 'Hide or keep an element\u2026', contexts: ['page'] });
    api.contextMenus.create({ id: 'declutter-rule-reader', title: 'Always open this site in reader view\u2026', contexts: ['page'] });
    api.contextMenus.create({ id: 'declutter-rule-declutter', title: 'Always declutter this site\u2026', contexts: ['page'] });
  });
}

/** Page context menu. */
function onMenuClick(info, tab) {
  if (!tab) return Promise.resolve(null);
  if (info.menuItemId === 'declutter-pick') return guarded(() => pick(tab.id));
  if (info.menuItemId in RULE_MENU) return guarded(() => openRuleForm(tab, RULE_MENU[info.menuItemId]));
  const mode = MENU[info.menuItemId];
  if (!mode) return Promise.resolve(null);
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
  await api.scripting.registerContentScripts([{ id: PROBE_ID, matches: origins, js: ['content/probe.js'], runAt: 'document_idle', allFrames: false }]);
}

// In-app navigations seen by the content script of a tab's top frame.
api.runtime.onMessage.addListener((msg, sender) => {
  if (msg?.cmd !== 'navigated' || !sender.tab || sender.frameId !== 0 || !MODES.includes(msg.mode)) return false;
  reevaluate(sender.tab.id, msg.mode).catch(report);
  return false;
});

api.runtime.onMessage.addListener((msg, sender) => {
  if (msg?.cmd !== 'probe' || !sender.tab || sender.frameId !== 0) return false;
  const tabId = sender.tab.id;
  api.action.setBadgeText({ tabId, text: msg.article ? BADGE : '' });
  const title = msg.article ? 'Declutter: this page looks like an article' : 'Declutter this page (not an article, it seems)';
  api.action.setTitle({ tabId, title });
  return false;
});

// The reader view's legible font (reader/fonts.js): the content script cannot read the
// extension's files without making them readable by every page, so it asks here.
let fontFaces = null;
api.runtime.onMessage.addListener((msg, sender, reply) => {
  if (msg?.cmd !== 'fonts' || !sender.tab) return false;
  fontFaces ??= readFaces((p) => api.runtime.getURL(p)).catch((e) => {
    fontFaces = null;
    throw e;
  });
  fontFaces.then(
    (faces) => reply({ faces }),
    (e) => reply({ error: String(e?.message ?? e) }),
  );
  return true;
});

api.runtime.onInstalled.addListener(() => registerProbe().catch(report));
api.runtime.onStartup.addListener(() => registerProbe().catch(report));
api.permissions.onAdded.addListener(() => registerProbe().catch(report));
api.permissions.onRemoved.addListener(() => registerProbe().catch(report));
api.action.setBadgeBackgroundColor?.({ color: '#204a87' });

// The test build only (never in the release build or the store packages): the calls tests
// make, and what they read back.
// The core's last result per tab (what the page was sent, before `forPage` trimmed it).
const lastResults = new Map();
if (__TEST__) {
  installTestApi({ toggle, start, send, onMenuClick, handlers: { onAction, onCommand, onMenuClick }, applyRule, lastResults });
}
