// Site memory: block fingerprints (the core's `fingerprints`: the blocks outside a page's
// article) seen on several pages of one site mark that site's furniture (app bars, promos,
// footers), which the core then hides on its next pages (`site_boilerplate` option). The core
// finds the article without the memory and hides remembered blocks only outside it, so a story
// that is one page's article and other pages' "Related" card is never cut where it is the
// article. Kept only in storage.local, never from private windows. The bookkeeping is pure
// functions (tested in node); the storage wrappers at the end are thin.

import { MIN_OTHER_PAGES } from '../pkg/contracts.js';

/** A fingerprint is furniture when at least this many OTHER pages of the site had it outside
 * their article (the core's definition, src/options.rs, which the CLI's batch memory applies
 * too). */
export { MIN_OTHER_PAGES };
/** Page keys kept per site: enough to count a revisit once, small enough to store. */
export const MAX_PAGES = 50;
/** Fingerprints kept per site: a site's boilerplate is a few dozen blocks; the rest is churn. */
export const MAX_FINGERPRINTS = 2000;
/** Sites kept: the least recently used go first, so storage stays bounded. */
export const MAX_SITES = 200;

const KEY_PREFIX = 'sitemem:';
const INDEX_KEY = 'sitemem-index';

/** A short stable key for a page URL: origin + path, FNV-1a 32 bits. The query and fragment
 * are left out: the same article reached with tracking parameters must not count as other
 * pages (three such visits would mark its own paragraphs as boilerplate). */
export function pageKey(url) {
  const s = String(url).split(/[?#]/)[0];
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Site and page of a tab, or null when nothing may be read or written (private window,
 * no URL, not a web page). */
export function siteOf(tab) {
  if (!tab || tab.incognito || !tab.url) return null;
  let u;
  try {
    u = new URL(tab.url);
  } catch {
    return null;
  }
  // Only web pages have a site; file: and extension pages do not.
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  return { host: u.host, page: pageKey(u.href) };
}

/** An empty site record: pages (oldest first), fps {fingerprint: [pages, lastSeen]}, used. */
export function emptySite() {
  return { pages: [], fps: {}, used: 0 };
}

/** Fingerprints to pass as `site_boilerplate` for `page`. When the page was seen before its
 * own visit counted once for every fingerprint it had; not knowing which, ask one more. */
export function boilerplateFor(site, page) {
  if (!site) return [];
  const need = MIN_OTHER_PAGES + (site.pages.includes(page) ? 1 : 0);
  return Object.entries(site.fps)
    .filter(([, [count]]) => count >= need)
    .map(([fp]) => Number(fp))
    .sort((a, b) => a - b);
}

/** Records that `page` showed `fingerprints` at time `now`; returns the new site record.
 * A revisit (page key already kept) does not count again. */
export function record(site, page, fingerprints, now) {
  const out = { pages: [...site.pages], fps: { ...site.fps }, used: now };
  const seen = out.pages.indexOf(page);
  if (seen >= 0) {
    // Same page again: keep it as most recent, refresh but do not count its blocks.
    out.pages.splice(seen, 1);
    out.pages.push(page);
    for (const fp of fingerprints) if (out.fps[fp]) out.fps[fp] = [out.fps[fp][0], now];
    return out;
  }
  out.pages.push(page);
  // Forget the oldest page keys; their counts stay (a page falling off may count again).
  if (out.pages.length > MAX_PAGES) out.pages.splice(0, out.pages.length - MAX_PAGES);
  for (const fp of new Set(fingerprints)) out.fps[fp] = [(out.fps[fp]?.[0] ?? 0) + 1, now];
  return trimFingerprints(out, MAX_FINGERPRINTS);
}

/** Keeps at most `max` fingerprints: drops the lowest counts first, then the oldest seen. */
export function trimFingerprints(site, max) {
  const entries = Object.entries(site.fps);
  if (entries.length <= max) return site;
  entries.sort(([, [ca, ta]], [, [cb, tb]]) => cb - ca || tb - ta);
  return { ...site, fps: Object.fromEntries(entries.slice(0, max)) };
}

/** Hosts to drop so that at most `max` sites stay: the least recently used. `index` maps
 * host -> last use time. */
export function sitesToEvict(index, max) {
  const hosts = Object.keys(index);
  if (hosts.length <= max) return [];
  return hosts.sort((a, b) => index[a] - index[b]).slice(0, hosts.length - max);
}

// ---- Storage (browser.storage.local; one key per site plus an index of last use) ---------

const api = globalThis.browser ?? globalThis.chrome;
// Read-modify-write steps run one after another, so two tabs cannot lose each other's counts.
let chain = Promise.resolve();
function serial(step) {
  const next = chain.then(step, step);
  chain = next.catch(() => {});
  return next;
}

async function loadSite(host) {
  const key = KEY_PREFIX + host;
  return (await api.storage.local.get(key))[key] ?? emptySite();
}

/** The `site_boilerplate` fingerprints for a page of `host`. */
export async function recall(host, page) {
  return boilerplateFor(await loadSite(host), page);
}

/** Records a page's fingerprints and evicts old sites beyond MAX_SITES. */
export function remember(host, page, fingerprints, now = Date.now()) {
  return serial(async () => {
    const site = record(await loadSite(host), page, fingerprints ?? [], now);
    const index = { ...((await api.storage.local.get(INDEX_KEY))[INDEX_KEY] ?? {}), [host]: now };
    const gone = sitesToEvict(index, MAX_SITES);
    for (const h of gone) delete index[h];
    await api.storage.local.set({ [KEY_PREFIX + host]: site, [INDEX_KEY]: index });
    if (gone.length) await api.storage.local.remove(gone.map((h) => KEY_PREFIX + h));
  });
}

/** Remembered sites, most recently used first: [{host, pages, fingerprints, used}]. */
export async function listSites() {
  const all = await api.storage.local.get(null);
  return Object.entries(all)
    .filter(([k]) => k.startsWith(KEY_PREFIX))
    .map(([k, s]) => ({ host: k.slice(KEY_PREFIX.length), pages: s.pages.length, fingerprints: Object.keys(s.fps).length, used: s.used }))
    .sort((a, b) => b.used - a.used);
}

export function forgetSite(host) {
  return serial(async () => {
    const index = (await api.storage.local.get(INDEX_KEY))[INDEX_KEY] ?? {};
    delete index[host];
    await api.storage.local.set({ [INDEX_KEY]: index });
    await api.storage.local.remove(KEY_PREFIX + host);
  });
}

export function forgetAll() {
  return serial(async () => {
    const keys = Object.keys(await api.storage.local.get(null)).filter((k) => k.startsWith(KEY_PREFIX));
    await api.storage.local.remove([...keys, INDEX_KEY]);
  });
}
