// Background: the per-site features built on toggle(): site rules applied on page load, the
// element picker's start, and the picker's choices (saved for the site, then declutter runs
// again with them). Storage lives in rules.js. Listeners are added when main.js calls
// siteActions(), at the top level of the background, so they wake it up.

import { sendToPage } from '../shared/messages.js';
import { addPick, hostOf, originPattern, ruleFor } from './rules.js';

const api = globalThis.browser ?? globalThis.chrome;

/** Installs the listeners; returns {pick, openRuleForm, applyRule}. */
export function siteActions({ toggle, report, ensureContent }) {
  /**
   * Starts the click picker on the tab (in declutter mode, so picks show their effect): the
   * user clicks an element to hide it, or a dimmed (hidden) one to keep it; Esc cancels.
   * Resolves once the picker is waiting for the click.
   */
  async function pick(tabId) {
    if (!Number.isInteger(tabId)) throw new Error(`tabId must be an integer, not ${tabId}`);
    await toggle(tabId, 'declutter', { on: true });
    await ensureContent(tabId);
    return sendToPage(tabId, { cmd: 'pick' });
  }

  // Site rules: made on the options page (see openRuleForm), applied on each page load.

  /**
   * A rule is made on the options page, where the user's click lets it ask for the site's host
   * permission (the background cannot: permissions.request needs a user gesture in a page).
   * The menu opens that page with the site and mode filled in.
   */
  async function openRuleForm(tab, mode) {
    const host = hostOf(tab.url);
    if (!host) throw new Error('site rules apply to http(s) pages only');
    const url = api.runtime.getURL(`options/options.html?host=${encodeURIComponent(host)}&mode=${mode}#rules`);
    await api.tabs.create({ url, index: tab.index + 1 });
    return { host, mode };
  }

  /** On each page load: a site with a rule (and the access it needs) opens in that mode. */
  async function applyRule(tabId, url) {
    const host = hostOf(url);
    if (!host) return null;
    const mode = await ruleFor(host);
    if (!mode || !(await api.permissions.contains({ origins: [originPattern(host)] }))) return null;
    return toggle(tabId, mode, { on: true });
  }

  // tab.url is only there for sites the extension may read, which is what a rule needs anyway.
  api.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status === 'complete' && tab.url) applyRule(tabId, tab.url).catch(report);
  });

  // The picker's choice (content/picker.js, the 'picked' message): saved for the site, then declutter runs again with it.
  api.runtime.onMessage.addListener((msg, sender, reply) => {
    if (msg?.cmd !== 'picked' || !sender.tab || sender.frameId !== 0) return false;
    const tabId = sender.tab.id;
    (async () => {
      const host = hostOf(sender.url ?? sender.tab.url);
      if (!host) throw new Error('picks are kept for http(s) sites only');
      const saved = await addPick(host, msg);
      await toggle(tabId, 'declutter'); // off...
      const r = await toggle(tabId, 'declutter', { on: true }); // ...and on again with the pick
      return { saved, hidden: r.hidden, duplicates: r.duplicates };
    })().then(
      (ok) => reply({ ok }),
      (e) => reply({ error: String(e?.message ?? e) }),
    );
    return true;
  });

  return { pick, openRuleForm, applyRule };
}
