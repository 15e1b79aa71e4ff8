// Hostile live pages (tests/e2e/fixtures/hostile/*.html), browser-independent like
// scenarios.mjs: `page` is a Playwright or Puppeteer page, `toggle(mode)` calls declutter.toggle
// for its tab. Every wait is a generous hang guard (the machine is shared and loaded), never a
// speed claim: the question is "does it answer at all", not "how fast".

import assert from 'node:assert/strict';

// The longest a toggle may take on the worst page before we call it a hang: reading the page
// stops after 1.5 s and the core's budget is 2 s, the rest is copying and a loaded machine.
export const TOGGLE_GUARD_MS = 60_000;
// A trivial evaluation in the tab must answer within this while declutter is on.
export const RESPONSIVE_GUARD_MS = 10_000;

/** Rejects if `promise` has not settled after `ms`. */
export function guard(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(`hang: ${what} did not answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const toggleGuarded = (toggle, mode) => guard(toggle(mode), TOGGLE_GUARD_MS, `toggle('${mode}')`);

/** The tab still runs its own scripts and answers. */
export async function responsive(page) {
  assert.equal(
    await guard(
      page.evaluate(() => 6 * 7),
      RESPONSIVE_GUARD_MS,
      'a trivial page.evaluate',
    ),
    42,
  );
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** What the page looks like to the user and to exact restore. */
function readState() {
  const host = document.getElementById('declutter-reader');
  const notice = document.getElementById('declutter-notice');
  const hiddenByUs = [...document.querySelectorAll('[data-declutter="hidden"],[data-declutter="duplicate"]')];
  return {
    html: document.documentElement.outerHTML,
    body: document.body?.outerHTML ?? null,
    scroll: [scrollX, scrollY],
    marks: document.querySelectorAll('[data-declutter]').length,
    hiddenShown: hiddenByUs.filter((el) => getComputedStyle(el).display !== 'none').length,
    hiddenCount: hiddenByUs.length,
    reader: host ? { open: Boolean(host.shadowRoot), text: host.shadowRoot?.querySelector('article')?.innerText ?? '' } : null,
    notice: notice ? (notice.shadowRoot?.textContent ?? '') : null,
    articleText: document.querySelector('[data-e2e="article"]')?.textContent ?? null,
  };
}
export const state = (page) => guard(page.evaluate(readState), RESPONSIVE_GUARD_MS, 'reading the page');

/**
 * The reader view's text once it holds `needle` (the view shows its first blocks at once and the
 * rest after a frame), or as it is after 10 s.
 */
export async function readerText(page, needle) {
  let text = '';
  for (let t = 0; t < 10_000; t += 100) {
    text = (await state(page)).reader?.text ?? '';
    if (text.includes(needle)) break;
    await sleep(100);
  }
  return text;
}

/** Collects exceptions the page reports (none of ours may leak into it). */
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e?.message ?? e)));
  return errors;
}

/** Both modes on and off; the page must be exactly as before (hang-guarded throughout). */
export async function roundTrips(page, toggle, { expectArticle = true } = {}) {
  await page.evaluate(() => window.scrollTo(0, 120));
  const before = await state(page);
  for (const mode of ['declutter', 'reader']) {
    const on = await toggleGuarded(toggle, mode);
    assert.equal(on.active, true, `${mode} on`);
    if (expectArticle !== null) assert.equal(on.article, expectArticle, `${mode}: article ${on.article}, messages ${on.messages}`);
    await responsive(page);
    const during = await state(page);
    if (mode === 'declutter') assert.equal(during.hiddenShown, 0, 'every block we mark is hidden');
    else assert.ok(during.reader?.open, 'the reader view is open');
    const off = await toggleGuarded(toggle, mode);
    assert.equal(off.active, false, `${mode} off`);
    const after = await state(page);
    assert.equal(after.html, before.html, `${mode} off restores the exact DOM`);
    assert.deepEqual(after.scroll, before.scroll, `${mode} off restores the scroll position`);
  }
  return before;
}

/**
 * A page whose own MutationObserver answers each of our changes (strips our marks, inserts a
 * promo, rewrites a counter). Declutter must not ping-pong with it forever: the exchange must
 * die down (our observer stops watching such a page), the tab must stay responsive, and
 * switching off must still remove every mark.
 */
export async function rewritingPage(page, toggle) {
  const on = await toggleGuarded(toggle, 'declutter');
  assert.equal(on.active, true);
  assert.equal(on.article, true, `the article is found: ${on.messages}`);
  await responsive(page);
  const reactions = () =>
    guard(
      page.evaluate(() => window.__reactions),
      RESPONSIVE_GUARD_MS,
      'reading the counter',
    );
  const first = await reactions();
  assert.ok(first >= 1, 'the page answered our marks (the fixture works)');
  // The exchange must stop: the counter stays still for 3 s, within 45 s (it runs forever if
  // our observer answers every answer of the page).
  let last = first;
  let still = 0;
  for (let t = 0; t < 45_000 && still < 6; t += 500) {
    await sleep(500);
    const now = await reactions();
    still = now === last ? still + 1 : 0;
    last = now;
  }
  assert.equal(still, 6, `the page and declutter still answer each other after 45 s (${last} reactions)`);
  await responsive(page);
  const off = await toggleGuarded(toggle, 'declutter');
  assert.equal(off.active, false);
  assert.match(off.watch?.stopped ?? '', /keeps changing/, 'declutter says why it stopped watching');
  const after = await state(page);
  assert.equal(after.marks, 0, 'no data-declutter attribute is left');
  assert.ok(after.articleText.includes('hailstorm'), 'the article is still there');
  // Reader view on the same page: the page rewrites itself around it; the view stays usable.
  const r = await toggleGuarded(toggle, 'reader');
  assert.equal(r.active, true);
  await responsive(page);
  const during = await state(page);
  assert.ok(during.reader?.open && during.reader.text.includes('hailstorm'), 'the reader view shows the article');
  const rOff = await toggleGuarded(toggle, 'reader');
  assert.equal(rOff.active, false);
  const end = await state(page);
  assert.equal(end.reader, null, 'the reader view is gone');
  assert.equal(end.marks, 0);
  return { first, last };
}

/**
 * A page that deletes what extensions add to it (children of <html> it did not write, style
 * and link elements). In-place declutter needs no node of its own (its stylesheet is the
 * browser's, not a DOM element), so it works; the reader view is deleted at once, and the
 * extension must notice: the next toggle opens it again rather than "closing" what is gone.
 */
export async function deletingPage(page, toggle) {
  const before = await state(page);
  const on = await toggleGuarded(toggle, 'declutter');
  assert.equal(on.active, true);
  assert.ok(on.hidden >= 1, 'something is hidden');
  const during = await state(page);
  assert.equal(during.hiddenShown, 0, 'hidden blocks stay hidden: the page cannot remove our stylesheet');
  assert.equal(during.hiddenCount, on.hidden + on.duplicates);
  assert.equal((await toggleGuarded(toggle, 'declutter')).active, false);
  assert.equal((await state(page)).html, before.html, 'declutter off restores the exact DOM');

  const r1 = await toggleGuarded(toggle, 'reader');
  assert.equal(r1.active, true);
  const gone = await state(page);
  assert.equal(gone.reader, null, 'the page deleted the reader view (the fixture works)');
  assert.equal(await page.evaluate(() => window.__deleted), 1);
  // The extension noticed: this toggle opens the view again (active), it does not "close" it.
  const r2 = await toggleGuarded(toggle, 'reader');
  assert.equal(r2.active, true, 'the next toggle opens the reader view again');
  assert.equal(await page.evaluate(() => window.__deleted), 2);
  // Declutter after a lost reader view: a clean switch, and off restores the page.
  const d = await toggleGuarded(toggle, 'declutter');
  assert.equal(d.active, true);
  assert.equal((await toggleGuarded(toggle, 'declutter')).active, false);
  const after = await state(page);
  assert.equal(after.html, before.html, 'the page is exactly as before');
  await responsive(page);
}

/** A page with no article: a notice says so, nothing is hidden, off (or Esc) removes it. */
export async function noArticle(page, toggle, { escape = false } = {}) {
  await page.evaluate(() => window.scrollTo(0, 60));
  const before = await state(page);
  const on = await toggleGuarded(toggle, 'declutter');
  assert.equal(on.active, true);
  assert.equal(on.article, false, 'not taken for an article');
  assert.ok(
    on.messages.some((m) => /no article found/.test(m)),
    `the core says so: ${on.messages}`,
  );
  assert.equal(on.hidden + on.duplicates, 0, 'nothing is hidden');
  const during = await state(page);
  assert.match(during.notice ?? '', /no article/, 'the user is told');
  assert.equal(during.marks, 0, 'no mark is set');
  assert.equal(during.body, before.body, 'the page itself is untouched');
  if (escape) {
    await page.keyboard.press('Escape');
    // The notice is gone and the extension knows it: the next toggle switches on again.
    assert.equal((await state(page)).notice, null, 'Esc closes the notice');
  } else {
    assert.equal((await toggleGuarded(toggle, 'declutter')).active, false);
  }
  const after = await state(page);
  assert.equal(after.html, before.html, 'the page is exactly as before');
  assert.deepEqual(after.scroll, before.scroll);
  // The reader view says so too, in its own words.
  const r = await toggleGuarded(toggle, 'reader');
  assert.equal(r.article, false);
  const rd = await state(page);
  assert.match(rd.reader?.text ?? '', /found no article on this page/, 'the reader view says no article was found');
  assert.equal((await toggleGuarded(toggle, 'reader')).active, false);
  assert.equal((await state(page)).html, before.html);
}

/** The frames of `page` other than the top one, each read for our traces. */
async function frameTraces(page) {
  const out = [];
  for (const f of page.frames()) {
    if (f === page.mainFrame()) continue;
    out.push(
      await guard(
        f.evaluate(() => ({
          url: location.href,
          marks: document.querySelectorAll('[data-declutter]').length,
          ours: document.querySelectorAll('#declutter-reader,#declutter-notice').length,
          text: document.body?.textContent.trim().slice(0, 40) ?? '',
        })),
        RESPONSIVE_GUARD_MS,
        'reading a frame',
      ),
    );
  }
  return out;
}

/** Live iframes (same origin and another origin): the top page's article, frames untouched. */
export async function framesPage(page, toggle, { crossOrigin }) {
  const frames = await frameTraces(page);
  assert.equal(frames.length, 2, 'two iframes are loaded');
  assert.ok(
    frames.some((f) => f.url.startsWith(crossOrigin)),
    `one iframe is on the other origin ${crossOrigin}`,
  );
  for (const mode of ['declutter', 'reader']) {
    const on = await toggleGuarded(toggle, mode);
    assert.equal(on.article, true);
    if (mode === 'reader') {
      const s = await state(page);
      assert.ok(s.reader.text.includes('hailstorm'), "the reader view shows the top page's article");
      assert.ok(!s.reader.text.includes('boathouse'), "and not the framed page's (frames are not read)");
    }
    assert.deepEqual(
      (await frameTraces(page)).map((f) => [f.marks, f.ours]),
      [
        [0, 0],
        [0, 0],
      ],
      'nothing of ours inside the frames',
    );
    assert.equal((await toggleGuarded(toggle, mode)).active, false);
  }
  await roundTrips(page, toggle);
}

/** Shadow DOM: the snapshot reads the light DOM; text only inside shadow trees is not read. */
export async function shadowPage(page, toggle) {
  const shadowBefore = await page.evaluate(() => document.getElementById('share').shadowRoot.innerHTML);
  const r = await toggleGuarded(toggle, 'reader');
  assert.equal(r.article, true, 'the slotted light-DOM article is found');
  const s = await state(page);
  assert.ok(s.reader.text.includes('hailstorm'));
  assert.ok(!/Shadow promo|Shadow share text/.test(s.reader.text), 'text only inside shadow roots is not read');
  await toggleGuarded(toggle, 'reader');
  await roundTrips(page, toggle);
  assert.equal(await page.evaluate(() => document.getElementById('share').shadowRoot.innerHTML), shadowBefore, 'shadow trees untouched');
}

/**
 * A digest of the DOM and scroll position, computed in the page (it may be tens of megabytes).
 * It walks the tree itself: Chromium's own serializer (outerHTML) crashes the renderer on
 * 100,000 levels. Every node's name, attributes (in order) and text enter the hash, with
 * a marker per level so the shape counts too.
 */
function digestPage() {
  let h = 0x811c9dc5;
  let n = 0;
  const mix = (s) => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0xff, 0x01000193);
  };
  const w = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
  for (let node = w.currentNode; node;) {
    n++;
    mix(node.nodeName);
    if (node.nodeType === Node.ELEMENT_NODE) for (const a of node.attributes) mix(`${a.name}=${a.value}`);
    else if (node.nodeType === Node.DOCUMENT_TYPE_NODE) mix(`${node.name}|${node.publicId}|${node.systemId}`);
    else if (node.nodeValue !== null) mix(node.nodeValue);
    // Depth-first order with explicit "down" and "up" markers.
    if (w.firstChild()) {
      mix('<');
      node = w.currentNode;
      continue;
    }
    while (!w.nextSibling()) {
      if (!w.parentNode()) return `${n}:${(h >>> 0).toString(16)}:${scrollX},${scrollY}`;
      mix('>');
    }
    node = w.currentNode;
  }
  return 'empty';
}
const digest = (page) => guard(page.evaluate(digestPage), 60_000, 'hashing the page');

/**
 * Pages built to be heavy (giant text and attributes, 100,000 levels, a million nodes, thousands
 * of SVG icons): each toggle answers with a result (`article`) or says why not (`messages`:
 * no article, budget or limits hit), the tab answers, and off restores the page exactly.
 * Resolves to the two toggles' results.
 */
export async function heavyPage(page, toggle, { check = () => {} } = {}) {
  await page.evaluate(() => window.scrollTo(0, 80));
  const before = await digest(page);
  const results = {};
  for (const mode of ['declutter', 'reader']) {
    const on = await toggleGuarded(toggle, mode);
    assert.equal(on.active, true);
    assert.ok(on.article || on.messages.length > 0, `${mode}: a result or a clear message (${JSON.stringify(on.messages)})`);
    await responsive(page);
    if (mode === 'reader' || on.hidden > 0) assert.notEqual(await digest(page), before, `${mode}: the digest sees our change`);
    await check(mode, on);
    results[mode] = on;
    assert.equal((await toggleGuarded(toggle, mode)).active, false);
    assert.equal(await digest(page), before, `${mode} off restores the exact DOM and scroll position`);
  }
  return results;
}
