// Browser-independent scenarios for the per-site features: site rules, the click picker and
// the debug overlay, driven as a user would (the options page's form, the context menu item,
// mouse and keyboard). `page` is a Playwright or Puppeteer page; the browser test file passes
// in what differs: how to open a page or the options page, how to toggle and run menu items.

import assert from 'node:assert/strict';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls fn(arg) (run in the page) until it returns a truthy value; returns it. */
export async function until(page, fn, what, arg = null, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await page.evaluate(fn, arg).catch(() => null);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const html = (page) => page.evaluate(() => document.documentElement.outerHTML);
const modeOf = (page) =>
  page.evaluate(() => (document.getElementById('declutter-reader') ? 'reader' : document.querySelector('[data-declutter="main"]') ? 'declutter' : null));

/** Sets a form field on an extension page the way typing would (value + input/change events). */
export function setField(page, selector, value) {
  return page.evaluate(
    ([sel, v]) => {
      const el = document.querySelector(sel);
      if (!el) throw new Error(`no ${sel}`);
      if (el.type === 'checkbox') el.checked = v;
      else el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    },
    [selector, value],
  );
}

/** The options page's debug overlay checkbox, ticked or not by a click. */
export async function setDebugOverlay(options, on) {
  const now = await options.evaluate(() => document.querySelector('input[name="debugOverlay"]').checked);
  if (now !== on) await options.click('input[name="debugOverlay"]');
  await until(options, () => document.getElementById('status').textContent === 'Saved.', 'the options saved');
}

/**
 * Site rules: made on the options page (which asks for the site's host permission), applied
 * on page load of that site only; changed and removed there too.
 * `openPage(url)` opens a new tab at url; `site`/`other` are two servers (two sites).
 */
export async function siteRules({ options, openPage, site, other }) {
  const host = new URL(site.url).host;
  await until(options, () => document.body.dataset.rulesReady === 'true', 'the rules list');
  await setField(options, '#rule-form input[name="host"]', `http://${host}/some/page`);
  await setField(options, '#rule-form select[name="mode"]', 'reader');
  await options.click('#rule-form button[type="submit"]');
  await until(options, () => document.body.dataset.rules === '1', 'the rule listed');
  const row = await options.evaluate(() => [...document.querySelectorAll('#rule-list tbody tr')].map((r) => r.innerText));
  assert.match(row[0], new RegExp(`${host.replace(/\./g, '\\.')}[\\s\\S]*granted`), 'the rule, with access granted');

  // A page of the site opens in reader view by itself; a page of another site does not.
  let page = await openPage(`${site.url}fixtures/news.html?rule=1`);
  await until(page, () => Boolean(document.getElementById('declutter-reader')?.shadowRoot?.querySelector('article p')), 'the reader view on load');
  assert.equal(await modeOf(page), 'reader');
  await page.close();
  const elsewhere = await openPage(`${other.url}fixtures/news.html?rule=2`);
  await sleep(1500);
  assert.equal(await modeOf(elsewhere), null, 'another site is left alone');
  await elsewhere.close();

  // Changed to "always declutter" on the options page.
  await setField(options, `#rule-list tr[data-host="${host}"] select`, 'declutter');
  await until(options, () => document.querySelector('#rule-list tbody select')?.value === 'declutter', 'the rule changed');
  page = await openPage(`${site.url}fixtures/news.html?rule=3`);
  await until(page, () => Boolean(document.querySelector('[data-declutter="main"]')), 'declutter on load');
  assert.equal(await modeOf(page), 'declutter');
  await page.close();

  // Removed: pages of the site load as they are.
  await options.click(`#rule-list tr[data-host="${host}"] button`);
  await until(options, () => document.body.dataset.rules === '0', 'the rule removed');
  page = await openPage(`${site.url}fixtures/news.html?rule=4`);
  await sleep(1500);
  assert.equal(await modeOf(page), null, 'no rule, no automatic mode');
  await page.close();
}

/** Where an element is on screen (scrolled into view first): its centre and box. */
function locate(page, selector) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    el.scrollIntoView({ block: 'center' });
    const r = el.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + Math.min(r.height / 2, 20), box: [r.left, r.top, r.width, r.height].map(Math.round) };
  }, selector);
}

const pickerBox = (page) =>
  page.evaluate(() => {
    const box = document.getElementById('declutter-picker')?.shadowRoot?.querySelector('.box');
    if (!box || box.style.display !== 'block') return null;
    const r = box.getBoundingClientRect();
    return { action: box.dataset.action, selector: box.dataset.selector, box: [r.left, r.top, r.width, r.height].map(Math.round) };
  });

/** The options page's list of picks: [[action, selector]] and deleting the one with `action`. */
export function optionsPicks(options) {
  return {
    async list() {
      await options.reload();
      await until(options, () => document.body.dataset.rulesReady === 'true', 'the options page');
      return options.evaluate(() => [...document.querySelectorAll('#pick-list tbody tr')].map((r) => [r.querySelector('select').value, r.dataset.selector]));
    },
    async remove(action) {
      const rows = await this.list();
      const i = rows.findIndex((r) => r[0] === action);
      await options.click(`#pick-list tbody tr:nth-child(${i + 1}) button`);
      const left = rows.length - 1;
      await until(options, (n) => Number(document.body.dataset.picks) === n, 'the pick deleted', left);
    },
  };
}

/**
 * The click picker on news.html: hide the byline, keep the rail the core hid, Esc cancels;
 * picks come back on the next page load, are listed and deletable (`picks`, the options page
 * or its stand-in), and switching declutter off restores the page exactly.
 */
export async function picker({ page, toggle, menu, reload, picks }) {
  const before = await html(page);
  // Start from the context menu: declutter comes on, the picker waits.
  const started = await menu('declutter-pick');
  assert.deepEqual(started, { picking: true });
  await until(page, () => document.getElementById('declutter-picker') && document.documentElement.hasAttribute('data-declutter-picking'), 'the picker');
  assert.equal(await modeOf(page), 'declutter');

  // Hover outlines the element under the mouse; a click hides it.
  const byline = await locate(page, 'article .byline');
  await page.mouse.move(byline.x, byline.y);
  const hover = await until(
    page,
    () => {
      const box = document.getElementById('declutter-picker')?.shadowRoot?.querySelector('.box');
      return box?.style.display === 'block' && box.dataset.action ? true : null;
    },
    'the outline',
  );
  assert.ok(hover);
  const outlined = await pickerBox(page);
  assert.equal(outlined.action, 'hide');
  assert.deepEqual(outlined.box, byline.box, 'the outline is the hovered element');
  await page.mouse.click(byline.x, byline.y);
  await until(page, () => document.querySelector('article .byline')?.getAttribute('data-declutter') === 'hidden', 'the byline hidden');
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('article .byline')).display), 'none');
  assert.equal(await page.evaluate(() => document.getElementById('declutter-picker')), null, 'the picker ends after a pick');

  // Keep: while picking, blocks the core hid show dimmed; a click on one keeps it.
  await menu('declutter-pick');
  await until(page, () => Boolean(document.getElementById('declutter-picker')), 'the picker again');
  const railSel = '[data-e2e="clutter"]';
  assert.match(await page.evaluate((s) => document.querySelector(s).getAttribute('data-declutter'), railSel), /hidden|duplicate/, 'the core hid the rail');
  const rail = await locate(page, railSel);
  await page.mouse.move(rail.x, rail.y);
  await until(page, () => document.getElementById('declutter-picker')?.shadowRoot?.querySelector('.box')?.dataset.action, 'the outline on the rail');
  assert.equal((await pickerBox(page)).action, 'keep');
  await page.mouse.click(rail.x, rail.y);
  await until(page, (s) => document.querySelector(s)?.getAttribute('data-declutter') === 'kept', 'the rail kept', railSel);
  assert.notEqual(await page.evaluate((s) => getComputedStyle(document.querySelector(s)).display, railSel), 'none');

  // Esc cancels: nothing picked, nothing left behind.
  const marked = await html(page);
  await menu('declutter-pick');
  await until(page, () => Boolean(document.getElementById('declutter-picker')), 'the picker a third time');
  const footer = await locate(page, 'article p:last-of-type');
  await page.mouse.move(footer.x, footer.y);
  await page.keyboard.press('Escape');
  await until(page, () => !document.getElementById('declutter-picker') && !document.documentElement.hasAttribute('data-declutter-picking'), 'the picker gone');
  assert.equal(await html(page), marked, 'Esc changed nothing');

  // Off: the exact page again.
  assert.equal((await toggle('declutter')).active, false);
  assert.equal(await html(page), before, 'declutter off restores the page exactly, picks included');

  // Both picks are listed.
  const rows = await picks.list();
  assert.deepEqual(rows.map((r) => r[0]).sort(), ['hide', 'keep']);
  // Short selectors by tag and stable class, which other pages of the site share.
  assert.deepEqual(Object.fromEntries(rows), { hide: 'p.byline', keep: 'section.related' });

  // The next page of the site: declutter applies the picks again.
  await reload();
  assert.equal((await toggle('declutter')).active, true);
  const again = await page.evaluate(
    (s) => [document.querySelector('article .byline').getAttribute('data-declutter'), document.querySelector(s).getAttribute('data-declutter')],
    railSel,
  );
  assert.deepEqual(again, ['hidden', 'kept']);
  assert.equal((await toggle('declutter')).active, false);

  // Deleted: the byline stays next time.
  await picks.remove('hide');
  assert.deepEqual(
    (await picks.list()).map((r) => r[0]),
    ['keep'],
  );
  assert.equal((await toggle('declutter')).active, true);
  assert.equal(await page.evaluate(() => document.querySelector('article .byline').getAttribute('data-declutter')), null);
  assert.equal((await toggle('declutter')).active, false);
  // And the last one (picks apply to every page of the site, other tests' pages too).
  await picks.remove('keep');
  assert.deepEqual(await picks.list(), []);
  return rows;
}

/** The debug overlay on the aggregator fixture: outlines, labels, exact removal. */
export async function debugOverlay({ page, toggle, setDebug, shot }) {
  await setDebug(true);
  const before = await html(page);
  const on = await toggle('declutter');
  assert.equal(on.active, true);
  const seen = await page.evaluate(() => {
    const host = document.getElementById('declutter-overlay');
    const boxes = [...(host?.shadowRoot?.querySelectorAll('.box') ?? [])].map((b) => {
      const r = b.getBoundingClientRect();
      return {
        group: Number(b.dataset.group),
        kind: b.dataset.kind,
        state: b.dataset.state,
        label: b.textContent,
        colour: getComputedStyle(b).borderTopColor,
        box: [r.left, r.top, r.width, r.height].map(Math.round),
      };
    });
    const rect = (el) => {
      const r = el.getBoundingClientRect();
      return [r.left, r.top, r.width, r.height].map(Math.round);
    };
    const related = document.querySelector('[data-e2e="related"] .card');
    return {
      boxes,
      flag: document.documentElement.hasAttribute('data-declutter-debug'),
      article: rect(document.querySelector('[data-declutter="main"]')),
      relatedCard: rect(related),
      relatedMark: related.getAttribute('data-declutter'),
      relatedOpacity: getComputedStyle(related).opacity,
    };
  });
  assert.ok(seen.flag);
  const main = seen.boxes.filter((b) => b.kind === 'main');
  assert.equal(main.length, 1, 'the main article is outlined');
  assert.deepEqual(main[0].box, seen.article);
  const groups = new Map();
  for (const b of seen.boxes.filter((x) => x.group > 0)) {
    groups.set(b.group, [...(groups.get(b.group) ?? []), b]);
    assert.equal(b.label, `#${b.group} ${b.kind} ${b.state}`);
  }
  assert.ok(groups.size >= 2, `at least two duplicate groups outlined (${groups.size})`);
  for (const copies of groups.values()) {
    assert.ok(copies.length >= 2, 'every copy of a group is outlined');
    assert.equal(new Set(copies.map((c) => c.colour)).size, 1, 'one colour per group');
  }
  const colours = [...groups.values()].map((c) => c[0].colour);
  assert.equal(new Set(colours).size, colours.length, 'groups have different colours');
  // The copy of the article in the related list: hidden, yet outlined where it is (dimmed).
  const copy = seen.boxes.find((b) => b.kind === 'article_copy' && b.state === 'hidden');
  assert.ok(copy, 'the article copy is outlined as hidden');
  assert.deepEqual(copy.box, seen.relatedCard);
  assert.equal(seen.relatedMark, 'duplicate');
  assert.equal(seen.relatedOpacity, '0.45');
  assert.ok(
    seen.boxes.some((b) => b.kind === 'article_copy' && b.state === 'kept'),
    'the kept copy too',
  );
  await shot?.();

  assert.equal((await toggle('declutter')).active, false);
  assert.equal(await html(page), before, 'toggling off removes the overlay exactly');

  // Option off: declutter hides again, no overlay.
  await setDebug(false);
  await toggle('declutter');
  const plain = await page.evaluate(() => ({
    overlay: Boolean(document.getElementById('declutter-overlay')),
    related: getComputedStyle(document.querySelector('[data-e2e="related"] .card')).display,
  }));
  assert.deepEqual(plain, { overlay: false, related: 'none' });
  await toggle('declutter');
  assert.equal(await html(page), before);
  return { groups: groups.size, boxes: seen.boxes.length };
}
