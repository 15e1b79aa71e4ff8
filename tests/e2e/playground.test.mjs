// The playground (www/) in headless Chromium: demos, paste, file upload and drop, overlays,
// result tabs, bad input, a 5 MB page. Serves the built playground (dist/www, `npm run build`)
// from 127.0.0.1 with www/serve.mjs. Leaves a screenshot in tests/artifacts/playground.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../www/serve.mjs';
import { CHROMIUM_LOCAL_ONLY } from './lib/browsers.mjs';

const www = fileURLToPath(new URL('../../dist/www/', import.meta.url));
const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));
assert.ok(existsSync(join(www, 'pkg', 'declutter_bg.wasm')), 'dist/www is missing: build the playground first (npm run build)');

/** Distinct paragraphs of invented prose (pages made of near-identical paragraphs are repeats). */
const PROSE = [
  'The river ferry got a new electric engine this spring, and the crew says the deck is so quiet now that passengers can hear the gulls again.',
  'Running costs fell by almost half in the first three months, mostly because the old diesel needed a mechanic every other week.',
  'The captain, who has worked on the crossing for twenty years, admits she missed the rumble at first and now would not go back.',
  'Charging happens overnight at the town quay, from a cabinet the size of a wardrobe that the harbour board bought second-hand.',
  'Commuters noticed something else: the crossing is two minutes faster, because the new propeller pulls away from the pier more briskly.',
  'Not everything went smoothly, as a software fault stranded the boat mid-river for forty minutes on its second day of service.',
  'A tug towed it back while schoolchildren on board waved at the crowd gathering on the embankment, delighted with the adventure.',
  'The manufacturer sent an engineer the following morning, and the fix turned out to be a single loose connector behind a panel.',
  'Neighbouring towns have asked for the figures, and two of them plan to convert their own ferries within the next five years.',
  'Fishermen at the far pier remain sceptical, saying they will believe in it once the boat has made it through a full winter.',
  'The harbour board will publish a report on reliability and costs after the first year, with the data open to anyone who asks.',
  'Until then, the ferry runs every twenty minutes from six in the morning, and the last boat leaves the town quay at eleven.',
];
const prose = (n, tag = 'p') =>
  PROSE.slice(0, n)
    .map((t) => `<${tag}>${t}</${tag}>`)
    .join('');

let server;
let browser;
let base;
before(async () => {
  server = await serve({ mounts: { '/': www } });
  base = server.url;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      CHROMIUM_LOCAL_ONLY,
    ],
  });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page, with page errors collected; waits for the first (default demo) run. */
async function open(hash = '') {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Nothing may leave 127.0.0.1.
  await page.route(
    (url) => url.hostname !== '127.0.0.1' && url.protocol !== 'data:' && url.protocol !== 'blob:' && url.protocol !== 'about:',
    (route) => {
      errors.push(`external request: ${route.request().url()}`);
      route.abort();
    },
  );
  await page.goto(base + hash);
  await waitRuns(page, 1);
  return { page, errors };
}

async function waitRuns(page, n) {
  await page.waitForFunction((n) => Number(document.body.dataset.runs ?? 0) >= n, n, { timeout: 60_000 });
}

/** Triggers an action and waits until the playground finished one more run. */
async function runAndWait(page, action) {
  const n = await page.evaluate(() => Number(document.body.dataset.runs ?? 0));
  await action();
  await waitRuns(page, n + 1);
}

async function resultJson(page) {
  await page.click('#tab-json');
  return JSON.parse(await page.locator('#json').getAttribute('data-raw'));
}

/** Overlays drawn in the frame versus the result: every id outlined, nothing else. */
async function checkOverlays(page, r) {
  const frame = page.frameLocator('#page');
  assert.equal(await frame.locator('[data-dcl-main]').count(), r.main == null ? 0 : 1, 'one green outline for the article');
  const hidden = new Set(r.hidden.map((h) => h.node));
  assert.equal(await frame.locator('[data-dcl-hidden]').count(), hidden.size, 'one red outline per hidden block');
  const copies = new Set(r.duplicates.flatMap((g) => g.copies.map((c) => c.node)));
  assert.equal(await frame.locator('[data-dcl-dup]').count(), copies.size, 'one orange outline per repeated copy');
  const groups = await frame.locator('[data-dcl-dup]').evaluateAll((els) => [...new Set(els.map((e) => e.dataset.dclDup))].sort());
  assert.deepEqual(
    groups,
    r.duplicates
      .map((_, i) => String(i + 1))
      .filter((g) => groups.includes(g))
      .sort(),
  );
  const badges = await frame.locator('.dcl-badge').allTextContents();
  for (const b of badges) assert.match(b, /^\d+( kept)?$/);
  assert.ok(badges.length <= copies.size);
  // The outlined article is the element whose text the core returned.
  if (r.main != null) {
    const mainText = await frame.locator('[data-dcl-main]').evaluate((e) => e.textContent.replace(/\s+/g, ' '));
    const firstPara = r.text.split('\n\n').find((p) => p.length > 60);
    assert.ok(mainText.includes(firstPara.replace(/\s+/g, ' ').slice(0, 60)), 'main outline holds the article text');
  }
}

test('default demo: overlays match the result, both inputs agree, tabs render', async () => {
  const { page, errors } = await open();
  assert.equal(await page.locator('#core-status').getAttribute('class'), 'core-status ready');
  assert.equal(await page.locator('.demo[aria-pressed="true"]').getAttribute('data-demo'), 'aggregator');
  assert.equal(await page.locator('#st-inputs').getAttribute('data-agree'), 'true', await page.locator('#st-inputs').getAttribute('title'));
  const r = await resultJson(page);
  assert.equal(typeof r.ms, 'number');
  assert.match(r.text, /two-year campaign by hospital workers/);
  await checkOverlays(page, r);
  assert.equal(await page.locator('#st-hidden').textContent(), String(new Set(r.hidden.map((h) => h.node)).size));
  assert.equal(await page.locator('#st-dups').textContent(), String(r.duplicates.length));

  await page.click('#tab-reader');
  // The extension's reader view (its shadow root; locators pierce it).
  const reader = page.locator('#reader');
  assert.match(await reader.locator('h1').first().textContent(), /Night buses will run on four new routes/);
  assert.match(await reader.locator('article').textContent(), /staffed rest room at the main station/);
  assert.doesNotMatch(await reader.locator('article').textContent(), /Light rain in the evening/);

  await page.click('#tab-markdown');
  const md = await page.locator('#markdown').textContent();
  assert.match(md, /^# Night buses will run on four new routes from January/m);
  assert.match(md, /Timetables for the new lines will be published in December/);
  assert.ok(await page.locator('#panel-reader').isHidden());

  await page.click('#tab-blocks');
  assert.equal(await page.locator('#blocks .k-main').count(), r.main == null ? 0 : 1);
  assert.equal(await page.locator('#blocks .k-hidden').count(), r.hidden.length);

  // Hovering the article shows why it was kept.
  await page.frameLocator('#page').locator('[data-dcl-main] p').first().hover();
  await page.locator('#tip').waitFor({ state: 'visible' });
  assert.match(await page.locator('#tip').textContent(), /article/i);
  // With `debug: true` the core scores blocks; the card shows the hovered block's score.
  assert.ok(Array.isArray(r.debug) && r.debug.length > 0, 'the core returns per-block scores');
  const hoveredId = await page.frameLocator('#page').locator('[data-dcl-hover]').count();
  assert.equal(hoveredId, 1, 'the hovered block is highlighted');
  assert.match(await page.locator('#tip').textContent(), /score -?\d/);

  // Keyboard: arrows move between tabs.
  await page.focus('#tab-blocks');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.locator('#tab-reader').getAttribute('aria-selected'), 'true');
  assert.deepEqual(errors, []);
  await page.close();
});

// Known core issue at the time of writing: the lead paragraph, repeated by the "Related" teaser,
// is dropped from the article instead of the teaser's copy. Runs and reports; not yet required.
test('aggregator demo: the article keeps its own lead paragraph; the teaser copy goes', async () => {
  const { page } = await open('#demo=aggregator');
  const r = await resultJson(page);
  const lead = /city council approved four new night bus routes/g;
  assert.equal((r.text.match(lead) ?? []).length, 1, 'the lead paragraph once in the text, its teaser not');
  // Overlays on the original page: every marked copy holding the lead's words.
  const copies = await page
    .frameLocator('#page')
    .locator('[data-dcl-dup]')
    .evaluateAll((els) =>
      els
        .filter((e) => /city council approved four new night bus/.test(e.textContent))
        .map((e) => ({ kept: e.hasAttribute('data-dcl-kept'), teaser: !!e.closest('.teaser'), inMain: !!e.closest('[data-dcl-main]') })),
    );
  assert.ok(
    copies.some((c) => c.kept && c.inMain && !c.teaser),
    `the article's own lead is the kept copy: ${JSON.stringify(copies)}`,
  );
  assert.ok(
    copies.some((c) => !c.kept && c.teaser),
    `the related card's teaser is a reported copy: ${JSON.stringify(copies)}`,
  );
  await page.close();
});

test('every demo runs; the RTL demo keeps its direction', async () => {
  const { page, errors } = await open();
  for (const name of ['news-article', 'aggregator', 'promo-inside', 'rtl-arabic']) {
    await runAndWait(page, () => page.click(`.demo[data-demo="${name}"]`));
    assert.equal(await page.locator('#message').isVisible(), false, `${name}: no error`);
    assert.equal(await page.locator('#st-inputs').getAttribute('data-agree'), 'true', `${name}: ${await page.locator('#st-inputs').getAttribute('title')}`);
    const r = await resultJson(page);
    assert.ok(r.main != null && r.words > 100, `${name}: an article is found`);
    await checkOverlays(page, r);
  }
  const readerArticle = page.locator('#reader article');
  assert.equal(await readerArticle.getAttribute('dir'), 'rtl');
  assert.equal(await readerArticle.getAttribute('lang'), 'ar');
  mkdirSync(artifacts, { recursive: true });
  await runAndWait(page, () => page.click('.demo[data-demo="aggregator"]'));
  await page.click('#tab-reader');
  await page.screenshot({ path: join(artifacts, 'playground.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('pasted HTML runs through both inputs', async () => {
  const { page, errors } = await open();
  const html = `<!DOCTYPE html><html><head><title>Pasted ferry story</title></head><body><nav><a href="#">Home</a> <a href="#">News</a></nav><article><h1>Pasted ferry story</h1>${prose(6)}</article><footer>Footer text</footer></body></html>`;
  await page.fill('#paste', html);
  await runAndWait(page, () => page.click('#run-paste'));
  assert.equal(await page.locator('.demo[aria-pressed="true"]').count(), 0);
  assert.match(await page.locator('#st-source').textContent(), /Pasted HTML/);
  const r = await resultJson(page);
  assert.equal(r.title, 'Pasted ferry story');
  assert.match(r.text, /the crew says the deck is so quiet/);
  assert.match(r.text, /stranded the boat mid-river for forty minutes/);
  assert.doesNotMatch(r.text, /Footer text/);
  await checkOverlays(page, r);
  // Ctrl+Enter in the box runs it too.
  await page.fill('#paste', html.replace('Pasted ferry story</h1>', 'Pasted ferry story, again</h1>'));
  await runAndWait(page, () => page.press('#paste', 'Control+Enter'));
  assert.match((await resultJson(page)).text, /again/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an uploaded file goes in as bytes: its declared charset is honoured', async () => {
  const { page, errors } = await open();
  const body = [
    'Le caf\xe9 du port a rouvert ses portes apr\xe8s trois mois de travaux, avec une terrasse plus grande et un menu qui change chaque semaine.',
    'La patronne a gard\xe9 le vieux comptoir en zinc, que les habitu\xe9s auraient regrett\xe9, mais la cuisine est enti\xe8rement neuve.',
    'Le matin, les p\xeacheurs y prennent leur caf\xe9 avant de partir, et le soir les familles viennent pour la soupe de poisson.',
    'Une petite biblioth\xe8que d\xe9change occupe maintenant le coin pr\xe8s de la fen\xeatre, avec des livres laiss\xe9s par les clients.',
  ]
    .map((t) => `<p>${t}</p>`)
    .join('');
  const latin1 = Buffer.from(`<html><head><meta charset="iso-8859-1"><title>Caf\xe9</title></head><body><article>${body}</article></body></html>`, 'latin1');
  await runAndWait(page, () => page.setInputFiles('#file', { name: 'cafe.html', mimeType: 'text/html', buffer: latin1 }));
  assert.match(await page.locator('#st-source').textContent(), /cafe\.html.*windows-1252/);
  const r = await resultJson(page);
  assert.match(r.text, /Le café du port a rouvert ses portes après trois mois/);
  assert.equal(await page.locator('#st-inputs').getAttribute('data-agree'), 'true');
  const frameText = await page.frameLocator('#page').locator('body').textContent();
  assert.match(frameText, /après trois mois/, 'the frame shows the page decoded the same way');
  // UTF-16 with a byte-order mark, no charset declared.
  const utf16 = Buffer.concat([
    Buffer.from([0xff, 0xfe]),
    Buffer.from(`<html><head><title>Été</title></head><body><article>${body}</article></body></html>`, 'utf16le'),
  ]);
  await runAndWait(page, () => page.setInputFiles('#file', { name: 'cafe16.html', mimeType: 'text/html', buffer: utf16 }));
  assert.match(await page.locator('#st-source').textContent(), /cafe16\.html.*UTF-16LE/);
  assert.match((await resultJson(page)).text, /bibliothèque déchange occupe/);
  assert.equal(await page.locator('#st-inputs').getAttribute('data-agree'), 'true');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a dropped file is read', async () => {
  const { page, errors } = await open();
  const html = `<html><head><title>Dropped</title></head><body><main><p>The dropped page describes a new footbridge over the canal, built from recycled steel and opened by the youngest pupil of the nearby school.</p>${prose(4)}</main></body></html>`;
  await runAndWait(page, () =>
    page.evaluate((html) => {
      const dt = new DataTransfer();
      dt.items.add(new File([html], 'dropped.html', { type: 'text/html' }));
      window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
      if (document.getElementById('drop').hidden) throw new Error('the drop target did not show');
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, html),
  );
  assert.ok(await page.locator('#drop').isHidden());
  assert.match(await page.locator('#st-source').textContent(), /dropped\.html/);
  assert.match((await resultJson(page)).text, /new footbridge over the canal/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('bad input gets a clear message and the page keeps working', async () => {
  const { page, errors } = await open();
  // Empty.
  await page.fill('#paste', '   \n ');
  await runAndWait(page, () => page.click('#run-paste'));
  await assertMessage(page, /empty input/);
  assert.equal(await page.locator('#page-empty').isVisible(), true);
  assert.equal(await page.locator('#copy').isDisabled(), true);
  // Binary.
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.alloc(2000, 7)]);
  await runAndWait(page, () => page.setInputFiles('#file', { name: 'photo.html', mimeType: 'text/html', buffer: png }));
  await assertMessage(page, /binary input/);
  // Too big: refused before it reaches the core.
  await page.setInputFiles('#file', { name: 'huge.html', mimeType: 'text/html', buffer: Buffer.alloc(26 * 1024 * 1024, 0x61) });
  await assertMessage(page, /huge\.html.*26\.0 MB.*up to 25\.0 MB/);
  // Plain text is not HTML but is still read, without a broken page.
  await page.fill('#paste', 'just some words, no markup at all');
  await runAndWait(page, () => page.click('#run-paste'));
  assert.equal(await page.locator('#st-inputs').getAttribute('data-agree'), 'true');
  // And a demo still works afterwards.
  await runAndWait(page, () => page.click('.demo[data-demo="news-article"]'));
  assert.equal(await page.locator('#message').isVisible(), false);
  assert.match((await resultJson(page)).text, /Marrow Point/);
  assert.deepEqual(errors, []);
  await page.close();
});

async function assertMessage(page, re) {
  await page.locator('#message').waitFor({ state: 'visible' });
  assert.match(await page.locator('#message').textContent(), re);
}

test('a 5 MB page is read in the worker and mapped back', async () => {
  const { page, errors } = await open();
  const teaser = (i) =>
    `<div class="teaser"><a href="#t${i}">Council weighs new plans for the riverside market, story ${i % 50}</a><p>Short summary of a story that appears in the list of other stories on this page, number ${i % 50}.</p></div>`;
  const article = prose(12);
  let lists = '';
  let i = 0;
  while (lists.length < 5 * 1024 * 1024) lists += `<aside class="list">${Array.from({ length: 20 }, () => teaser(i++)).join('')}</aside>`;
  const html = `<!DOCTYPE html><html><head><title>Electric ferry</title></head><body><article><h1>Electric ferry</h1>${article}</article>${lists}</body></html>`;
  // Main-thread long tasks during the run, printed for reference (not a timing assertion).
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((l) => {
      // Only tasks after the run started: before it, the test itself is handing the file over.
      const start = performance.getEntriesByName('declutter:run').at(-1)?.startTime ?? Infinity;
      for (const e of l.getEntries()) if (e.startTime >= start) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask' });
  });
  await runAndWait(page, () => page.setInputFiles('#file', { name: 'big.html', mimeType: 'text/html', buffer: Buffer.from(html) }));
  const r = await resultJson(page);
  assert.match(r.text, /the last boat leaves the town quay at eleven/);
  await checkOverlays(page, r);
  assert.equal(await page.locator('#st-inputs').getAttribute('data-agree'), 'true');
  const figures = await page.evaluate(() => ({
    longestMainThreadTaskMs: Math.round(window.__longest),
    total: document.getElementById('st-total').textContent,
  }));
  console.log(`# 5 MB page: ${(html.length / 1048576).toFixed(1)} MB, total ${figures.total}, longest main-thread task ${figures.longestMainThreadTaskMs} ms`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('tricky markup before the article keeps both inputs on the same ids', async () => {
  const { page, errors } = await open();
  const article = prose(6);
  // Everything that could shift an id: comments splitting text, script and style text, JSON-LD,
  // template contents, noscript, SVG with namespaced attributes, CDATA, empty elements, entities.
  const html = `<!DOCTYPE html><html><head><title>Electric ferry</title><!-- c --><style>p{color:red}</style>
<script>var x = "<p>not text</p>";</script><script type="application/ld+json">{"@type":"NewsArticle","headline":"Electric ferry"}</script>
<noscript><link rel="stylesheet" href="x.css"></noscript><noscript><img height="1" width="1" src="pixel.gif" alt=""><img height="1" width="1" src="pixel2.gif" alt=""></noscript>
<meta name="description" content="after the pixel"></head><body>
<div>one<!-- split -->two<!--x--> three &amp; four</div><template><p>inside a template</p><div>more</div></template>
<noscript><p>Turn on scripts</p><img src="pixel.gif" alt=""></noscript>
<svg width="10" height="10" viewBox="0 0 10 10"><use xlink:href="#a"></use><![CDATA[ cdata text ]]><text>svg text</text></svg>
<table><tr><td>cell</td></tr></table><p></p><span> </span>
<main><h1>Electric ferry</h1>${article}</main><footer>Footer</footer></body></html>`;
  await page.fill('#paste', html);
  await runAndWait(page, () => page.click('#run-paste'));
  assert.equal(await page.locator('#st-inputs').getAttribute('data-agree'), 'true', await page.locator('#st-inputs').getAttribute('title'));
  const r = await resultJson(page);
  assert.match(r.text, /a software fault stranded the boat/);
  await checkOverlays(page, r);
  assert.equal(
    await page
      .frameLocator('#page')
      .locator('[data-dcl-main]')
      .evaluate((e) => e.localName),
    'main',
  );
  // The sliced walk (the one the page uses) and the one-go walk give the same snapshot.
  const same = await page.evaluate(async () => {
    const m = await import('./walk.js');
    const doc = document.getElementById('page').contentDocument;
    const a = JSON.stringify(m.walk({ doc, url: null }).snap);
    const b = JSON.stringify((await m.walkSliced({ doc, url: null })).snap);
    return a === b && a.length > 1000;
  });
  assert.equal(same, true);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a page nested deeper than the browser allows: the inputs disagree and the page says why', async () => {
  const { page, errors } = await open();
  const html = `<html><body>${'<div>'.repeat(1500)}<article><h1>Electric ferry</h1>${prose(5)}</article>${'</div>'.repeat(1500)}</body></html>`;
  await page.fill('#paste', html);
  await runAndWait(page, () => page.click('#run-paste'));
  assert.equal(await page.locator('#st-inputs').getAttribute('data-agree'), 'false');
  await assertMessage(page, /two inputs disagree.*flattens nesting beyond 512 levels/);
  // The snapshot input's ids still index the walked frame: the overlays match its result.
  await checkOverlays(page, await resultJson(page));
  assert.deepEqual(errors, []);
  await page.close();
});

test('the Readability-shaped module works in the browser too', async () => {
  const { page, errors } = await open('#demo=news-article');
  const article = await page.evaluate(async () => {
    const { Readability } = await import('./declutter-readability.js');
    return new Readability(document.getElementById('page').contentDocument).parse();
  });
  assert.match(article.title, /lighthouse lens/);
  assert.equal(article.siteName, 'The Harbor Gazette');
  assert.match(article.textContent, /two hundred and twelve prisms/);
  assert.equal(article.length, article.textContent.length);
  assert.deepEqual(errors, []);
  await page.close();
});

test('without the wasm package the page says so instead of hanging', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route('**/pkg/**', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(base);
  await waitRuns(page, 1);
  await assertMessage(page, /core.*(did not load|failed)/i);
  assert.match(await page.locator('#core-status').textContent(), /did not load/);
  assert.equal(await page.locator('#page-empty').isVisible(), true);
  assert.deepEqual(errors, []);
  await page.close();
});

test('options: "Hide clutter" previews the decluttered page; "Find repeated blocks" off turns dedupe off', async () => {
  const { page, errors } = await open('#demo=promo-inside');
  const r = await resultJson(page);
  const hiddenCopies = r.duplicates.flatMap((g) => g.copies.filter((c) => !c.kept));
  assert.ok(hiddenCopies.length > 0, 'the promo demo has repeated copies to hide');
  const frame = page.frameLocator('#page');
  assert.ok(await frame.locator('[data-dcl-dup]:not([data-dcl-kept])').first().isVisible());
  await page.check('#preview');
  assert.equal(await frame.locator('[data-dcl-dup]:not([data-dcl-kept])').first().isVisible(), false);
  assert.ok(await frame.locator('[data-dcl-main]').isVisible(), 'the article stays');
  await page.uncheck('#preview');
  assert.ok(await frame.locator('[data-dcl-dup]:not([data-dcl-kept])').first().isVisible());

  await page.uncheck('#opt-dedupe');
  await runAndWait(page, () => page.click('.demo[data-demo="promo-inside"]'));
  const off = await resultJson(page);
  assert.equal(off.duplicates.length, 0);
  assert.equal(await page.locator('#st-dups').textContent(), '0');
  assert.equal(await frame.locator('[data-dcl-dup]').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});
