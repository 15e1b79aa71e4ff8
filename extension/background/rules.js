// Per-site choices the user made, kept in storage.local (this browser only):
//   rules: {host: mode}   "always open in reader" / "always declutter" on every page of host
//   picks: {host: [{selector, action: 'hide'|'keep', added}]}   the click picker's choices,
//          applied in declutter mode on every page of host
// A site is a URL's host (with the port, as site memory keys it). A rule applies only while the
// user has granted the extension access to that host (asked when the rule is made); picks
// apply whenever declutter runs on the site. Shared by the background and the options page.

const api = globalThis.browser ?? globalThis.chrome;

export const RULES_KEY = 'rules';
export const PICKS_KEY = 'picks';
export const RULE_MODES = ['reader', 'declutter'];
export const PICK_ACTIONS = ['hide', 'keep'];
// Bounds, so a runaway page or a stuck mouse cannot grow storage without end.
export const MAX_PICKS_PER_SITE = 200;
export const MAX_SELECTOR_CHARS = 1000;

/** The site of a URL (host with port) for http(s) pages; null elsewhere. */
export function hostOf(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.host : null;
  } catch {
    return null;
  }
}

/** A host as the user may type it ("news.example", "https://news.example/a", "127.0.0.1:8080"). */
export function normalizeHost(input) {
  const s = String(input ?? '').trim();
  if (!s) return null;
  return hostOf(/^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `http://${s}`);
}

/** The host permission a rule for `host` needs (match patterns carry no port). */
export function originPattern(host) {
  return `*://${new URL(`http://${host}`).hostname}/*`;
}

async function read(key) {
  const v = (await api.storage.local.get(key))[key];
  return v && typeof v === 'object' ? v : {};
}

/** Every rule, sorted by host: [{host, mode}]. */
export async function listRules() {
  const rules = await read(RULES_KEY);
  return Object.entries(rules)
    .filter(([, mode]) => RULE_MODES.includes(mode))
    .map(([host, mode]) => ({ host, mode }))
    .sort((a, b) => a.host.localeCompare(b.host));
}

export async function ruleFor(host) {
  const mode = (await read(RULES_KEY))[host];
  return RULE_MODES.includes(mode) ? mode : null;
}

/** Sets (or with mode null, removes) the rule for host. */
export async function setRule(host, mode) {
  if (mode !== null && !RULE_MODES.includes(mode)) throw new Error(`a rule's mode is one of ${RULE_MODES.join(', ')}`);
  const rules = await read(RULES_KEY);
  if (mode === null) delete rules[host];
  else rules[host] = mode;
  await api.storage.local.set({ [RULES_KEY]: rules });
}

function validPick(p) {
  return p && PICK_ACTIONS.includes(p.action) && typeof p.selector === 'string' && p.selector.trim() !== '' && p.selector.length <= MAX_SELECTOR_CHARS;
}

/** The picks of every site: [{host, picks: [...]}], sorted by host. */
export async function listPicks() {
  const all = await read(PICKS_KEY);
  return Object.entries(all)
    .map(([host, picks]) => ({ host, picks: Array.isArray(picks) ? picks.filter(validPick) : [] }))
    .filter((s) => s.picks.length)
    .sort((a, b) => a.host.localeCompare(b.host));
}

export async function picksFor(host) {
  const picks = (await read(PICKS_KEY))[host];
  return Array.isArray(picks) ? picks.filter(validPick) : [];
}

/** Replaces host's picks (the options page's edits); an empty list forgets the site. */
export async function setPicks(host, picks) {
  const all = await read(PICKS_KEY);
  const kept = (picks ?? []).filter(validPick).slice(-MAX_PICKS_PER_SITE);
  if (kept.length) all[host] = kept;
  else delete all[host];
  await api.storage.local.set({ [PICKS_KEY]: all });
}

/** Adds one pick; picking the same selector again replaces its action. */
export async function addPick(host, { selector, action }) {
  const pick = { selector: String(selector ?? '').trim(), action, added: Date.now() };
  if (!validPick(pick)) throw new Error('a pick needs a selector and an action (hide or keep)');
  const picks = (await picksFor(host)).filter((p) => p.selector !== pick.selector);
  await setPicks(host, [...picks, pick]);
  return pick;
}
