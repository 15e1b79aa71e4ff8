// The message protocol between the background and the page, defined once: every message, its
// reply, and the typed calls that send them (checked by `tsc --checkJs`, see tsconfig.json).
// Messages to the page go to the content script of the tab's top frame (content/main.js);
// messages to the background come from the content scripts (and the test build's bridge).
// A reply of {error} is a failure on the other side; the senders here turn it into a throw.

/** @typedef {import('../content/walk.js').PackedSnapshot} PackedSnapshot */
/** @typedef {import('../content/walk.js').WalkCut} WalkCut */
/** @typedef {import('../content/walk.js').WalkLimits} WalkLimits */

/** @typedef {'reader' | 'declutter'} Mode */
export const MODES = /** @type {const} */ (['reader', 'declutter']);

/**
 * How the page is read for a toggle: at most the core's node limit, and at most this long on
 * the tab's own thread; the core gets the page's first nodes with a note past either.
 * @type {Required<WalkLimits>}
 */
export const SNAPSHOT_LIMITS = Object.freeze({
  maxNodes: 1_500_000,
  budgetMs: 1500,
});

/**
 * The user's settings (background/settings.js): the toolbar button's mode, the debug overlay,
 * and the reader view's look and voice, one key per field of reader/settings.js READER_FIELDS.
 * @typedef {{mode?: Mode, debugOverlay?: boolean} & Record<string, any>} Settings
 */

/** @typedef {{selector: string, action: 'hide' | 'keep'}} Pick a user's choice for a site */

/**
 * What the late-clutter watch did while declutter was on (content/declutter.js).
 * @typedef {{passes: number, dropped: number, stopped: string | null}} WatchReport
 */

// ---- Background -> page ------------------------------------------------------------------

/**
 * The page's state; with `snapshot` and no mode on, its snapshot too (one round trip).
 * @typedef {{cmd: 'state', snapshot?: boolean} & WalkLimits} StateMessage
 */
/**
 * @typedef {object} StateReply
 * @property {Mode | null} mode what is shown now
 * @property {string | null} title the article's title when a mode is on
 * @property {number} late blocks the late-clutter watch hid
 * @property {WatchReport | null} watch
 * @property {Mode | null} lost a mode whose view the page deleted (only our stylesheet is left)
 * @property {PackedSnapshot} [snap] with `snapshot` and no mode on
 * @property {WalkCut | null} [cut]
 * @property {number} [walkMs] test build: how long the walk took, ms
 */
/** @typedef {{cmd: 'snapshot'} & WalkLimits} SnapshotMessage the page's snapshot */
/** @typedef {{snap: PackedSnapshot, cut: WalkCut | null}} SnapshotReply */
/**
 * Shows the core's result (the reader view or in-place marks); answered once the page shows it
 * (the whole article, for the reader). `again`: a re-evaluation after an in-app navigation
 * (the old marks go, scroll and focus stay where they are). `seq` numbers reader views.
 * @typedef {{cmd: 'apply', mode: Mode, result: PageResult, settings: Settings, picks: Pick[], again: boolean, seq: number}} ApplyMessage
 */
/** @typedef {{hidden: number, duplicates: number}} ApplyReply blocks marked (or the core's counts, for the reader) */
/** @typedef {{cmd: 'markdown', markdown: string, seq: number}} MarkdownMessage reader view `seq`'s "Copy Markdown" text */
/** @typedef {{cmd: 'off'}} OffMessage restores the page exactly */
/** @typedef {{mode: Mode | null}} OffReply the mode that was on */
/** @typedef {{cmd: 'settings', settings: Settings}} SettingsMessage restyles an open reader view */
/** @typedef {{cmd: 'pick'}} PickMessage starts the click picker */
/** @typedef {{picking: boolean}} PickReply */
/** @typedef {Record<string, never>} Empty */

/**
 * What the page gets of the core's result (background/main.js `forPage`): for in-place
 * declutter the whole result but its text, Markdown and fingerprints; for the reader the
 * article and its header, with the block lists as counts.
 * @typedef {object} PageResult
 * @property {string | null} [title] @property {string | null} [byline] @property {string | null} [site_name]
 * @property {number} [reading_minutes] @property {string | null} [lang] @property {string | null} [dir]
 * @property {string | null} [html] the clean article HTML (reader)
 * @property {boolean} is_article @property {number} words
 * @property {number | null} [shown_words] the words the reader renders, when capped
 * @property {ApplyReply} [counts] the reader's block counts
 * @property {number | null} [main] the article's entry (declutter)
 * @property {{node: number, reason: string}[]} [hidden]
 * @property {{kind: string, text: string, count: number, copies: {node: number, kept: boolean}[]}[]} [duplicates]
 */

/**
 * Every message to the page, by `cmd`, with its reply.
 * @typedef {object} PageProtocol
 * @property {[StateMessage, StateReply]} state
 * @property {[SnapshotMessage, SnapshotReply]} snapshot
 * @property {[ApplyMessage, ApplyReply]} apply
 * @property {[MarkdownMessage, Empty]} markdown
 * @property {[OffMessage, OffReply]} off
 * @property {[SettingsMessage, Empty]} settings
 * @property {[PickMessage, PickReply]} pick
 */
/** @typedef {PageProtocol[keyof PageProtocol][0]} PageMessage */

// ---- Page -> background ------------------------------------------------------------------

/** @typedef {{cmd: 'navigated', mode: Mode}} NavigatedMessage an in-app navigation settled under `mode` */
/** @typedef {{cmd: 'probe', article: boolean}} ProbeMessage content/probe.js's look at the page */
/** @typedef {{cmd: 'picked'} & Pick} PickedMessage the picker's choice, to remember and apply */
/** @typedef {{cmd: 'fonts'}} FontsMessage the reader view's legible font, whose files only the extension reads */
/** @typedef {{faces: string[]}} FontsReply each face of reader/fonts.js LEGIBLE_FACES, base64 */
/**
 * The test build's bridge (content/test-bridge.js): a toggle, a context menu item or a test call.
 * @typedef {{cmd: 'test', mode?: Mode, options?: {extraction?: boolean}, menu?: string, call?: string, args?: unknown[]}} TestMessage
 */
/**
 * Every message to the background, by `cmd`, with its reply (undefined: not answered).
 * @typedef {object} BackgroundProtocol
 * @property {[NavigatedMessage, undefined]} navigated
 * @property {[ProbeMessage, undefined]} probe
 * @property {[PickedMessage, {ok: unknown}]} picked
 * @property {[FontsMessage, FontsReply]} fonts
 * @property {[TestMessage, {ok: unknown}]} test
 */
/** @typedef {BackgroundProtocol[keyof BackgroundProtocol][0]} BackgroundMessage */

// ---- Sending ----------------------------------------------------------------------------

const api = globalThis.browser ?? globalThis.chrome;

/**
 * Sends `msg` to the content script of the tab's top frame; resolves to its reply.
 * @template {keyof PageProtocol} C
 * @param {number} tabId
 * @param {PageProtocol[C][0] & {cmd: C}} msg
 * @returns {Promise<PageProtocol[C][1]>}
 */
export async function sendToPage(tabId, msg) {
  let r;
  try {
    r = await api.tabs.sendMessage(tabId, msg, { frameId: 0 });
  } catch (e) {
    throw new Error(`tab ${tabId} (${msg.cmd}): ${e?.message ?? e}`, {
      cause: e,
    });
  }
  if (r?.error) throw new Error(`content script (${msg.cmd}): ${r.error}`);
  if (r === undefined) throw new Error(`tab ${tabId} (${msg.cmd}): no answer from the content script`);
  return r;
}

/**
 * Sends `msg` to the background; resolves to its reply (rejects on a reply of {error}).
 * @template {keyof BackgroundProtocol} C
 * @param {BackgroundProtocol[C][0] & {cmd: C}} msg
 * @returns {Promise<BackgroundProtocol[C][1]>}
 */
export async function sendToBackground(msg) {
  const r = await api.runtime.sendMessage(msg);
  if (r?.error) throw new Error(r.error);
  return r;
}
