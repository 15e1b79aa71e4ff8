// Browser-independent checks of the extension's two modes on a live page. `page` is a
// Playwright or Puppeteer page (both have evaluate(fn, arg) and keyboard.press), `toggle(mode)`
// calls declutter.toggle for that page's tab in the browser's background context.
//
// The core's heuristics change while these tests stand, so they assert behaviour, not counts:
// the article's paragraphs stay visible, the marked blocks are hidden, nothing else changes,
// and switching off restores the exact DOM and scroll position.

import assert from 'node:assert/strict';

/** Everything the checks read from the page, in one round trip. */
function readPage() {
  const host = document.getElementById('declutter-reader');
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
  };
  let reader = null;
  if (host) {
    const root = host.shadowRoot;
    const all = root ? [...root.querySelectorAll('*')] : [];
    const cx = innerWidth / 2;
    const cy = innerHeight / 2;
    reader = {
      open: Boolean(root),
      onTop: document.elementFromPoint(cx, cy) === host,
      title: root?.querySelector('h1')?.textContent ?? null,
      text: root?.querySelector('article')?.innerText ?? '',
      header: root?.querySelector('header')?.innerText ?? '',
      fontFamily: root ? getComputedStyle(root.querySelector('.page')).fontFamily : null,
      fontSize: root ? getComputedStyle(root.querySelector('.page')).fontSize : null,
      background: getComputedStyle(host).backgroundColor,
      unsafe: all
        .filter(
          (el) =>
            ['script', 'iframe', 'object', 'embed', 'form', 'input', 'style'].includes(el.localName) ||
            [...el.attributes].some((a) => a.name.startsWith('on') || a.name === 'srcdoc' || /^\s*(javascript|data|vbscript):/i.test(a.value)),
        )
        .map((el) => el.outerHTML.slice(0, 120)),
    };
  }
  return {
    html: document.documentElement.outerHTML,
    scroll: [scrollX, scrollY],
    visibleParagraphs: [...document.querySelectorAll('[data-e2e="article"] p')].filter(visible).map((p) => p.textContent.trim()),
    allParagraphs: [...document.querySelectorAll('[data-e2e="article"] p')].map((p) => p.textContent.trim()),
    clutterVisible: [...document.querySelectorAll('[data-e2e="clutter"]')].map(visible),
    visibleText: document.body.innerText,
    main: [...document.querySelectorAll('[data-declutter="main"]')].map((el) => el.textContent.length),
    mainHoldsArticle: [...document.querySelectorAll('[data-declutter="main"]')].some((el) => el.contains(document.querySelector('[data-e2e="article"] p'))),
    marked: [...document.querySelectorAll('[data-declutter="hidden"],[data-declutter="duplicate"]')].map((el) => ({
      shown: visible(el),
      holdsArticle: el.contains(document.querySelector('[data-e2e="article"]')),
    })),
    reader,
  };
}

export const read = (page) => page.evaluate(readPage);

async function scrollTo(page, y) {
  await page.evaluate((to) => window.scrollTo(0, to), y);
}

/** In-place declutter: marks, hides, then restores the page exactly. */
export async function declutterRoundTrip(page, toggle, { expectTitle }) {
  await scrollTo(page, 150);
  const before = await read(page);
  assert.ok(before.allParagraphs.length >= 3, 'the fixture marks its article paragraphs');
  assert.ok(before.scroll[1] > 0, 'the fixture page scrolls');

  const on = await toggle('declutter');
  assert.equal(on.mode, 'declutter');
  assert.equal(on.active, true);
  assert.match(on.title ?? '', expectTitle);
  assert.ok(on.words >= 100, `the core found the article (${on.words} words)`);
  for (const k of ['hidden', 'duplicates', 'ms']) assert.equal(typeof on[k], 'number', k);

  const during = await read(page);
  assert.ok(during.mainHoldsArticle, 'the article root is marked data-declutter="main"');
  assert.deepEqual(during.visibleParagraphs, before.allParagraphs, 'every article paragraph stays visible');
  assert.equal(during.marked.length, on.hidden + on.duplicates, 'the counts are what the page shows');
  for (const m of during.marked) {
    assert.equal(m.shown, false, 'every marked block is hidden by the injected stylesheet');
    assert.equal(m.holdsArticle, false, 'no hidden block holds the article');
  }
  assert.notEqual(during.html, before.html, 'the page changed');
  // The fixture's clutter is obvious (a "Most read" rail, a related list): the core must hide
  // some of it, and what the reader sees must change with it.
  assert.ok(during.clutterVisible.includes(false), 'at least one obvious clutter block is hidden');
  assert.notEqual(during.visibleText, before.visibleText, 'the visible text changed');

  const off = await toggle('declutter');
  assert.equal(off.active, false);
  const after = await read(page);
  assert.equal(after.html, before.html, 'switching off restores the exact DOM');
  assert.deepEqual(after.scroll, before.scroll, 'and the scroll position');
  assert.deepEqual(after.clutterVisible, before.clutterVisible);
  return { on, during, before };
}

/** Reader view: a shadow-root overlay with the article; the same toggle restores the page. */
export async function readerRoundTrip(page, toggle, { expectTitle, expectParagraph, close = 'toggle' }) {
  await scrollTo(page, 120);
  const before = await read(page);
  const on = await toggle('reader');
  assert.equal(on.mode, 'reader');
  assert.equal(on.active, true);
  assert.match(on.title ?? '', expectTitle);
  const during = await read(page);
  assert.ok(during.reader?.open, 'the reader host holds a shadow root');
  assert.ok(during.reader.onTop, 'the reader view covers the page');
  assert.match(during.reader.title, expectTitle);
  assert.ok(during.reader.text.includes(expectParagraph), 'the article text is shown');
  assert.match(during.reader.header, /min read/, 'reading time is shown');
  assert.deepEqual(during.reader.unsafe, [], 'nothing unsafe reached the reader view');
  if (close === 'escape') {
    await page.keyboard.press('Escape');
  } else {
    const off = await toggle('reader');
    assert.equal(off.active, false);
  }
  const after = await read(page);
  assert.equal(after.reader, null, 'the reader view is gone');
  assert.equal(after.html, before.html, 'the page is restored exactly');
  assert.deepEqual(after.scroll, before.scroll, 'and the scroll position');
  return { on, during };
}

/** Switching straight from one mode to the other leaves only the second on. */
export async function switchModes(page, toggle) {
  const before = await read(page);
  await toggle('declutter');
  const r = await toggle('reader');
  assert.equal(r.active, true);
  const during = await read(page);
  assert.ok(during.reader?.open);
  assert.equal(during.marked.length, 0, 'declutter marks were removed when reader opened');
  assert.equal(during.main.length, 0);
  await toggle('reader');
  assert.equal((await read(page)).html, before.html);
}

/** Declutter keeps working on what the page inserts later, batched per animation frame. */
export async function lateClutter(page, toggle) {
  const before = await read(page);
  const on = await toggle('declutter');
  assert.equal(on.active, true);
  const frames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const late = await page.evaluate(() => {
    // What pages do after load: a pop-up on body, a promo beside the article, and a late
    // paragraph inside the article (which must stay).
    const popup = document.createElement('div');
    popup.id = 'late-popup';
    popup.innerHTML = '<p>Subscribe now for unlimited access to every story, every morning.</p>';
    document.body.append(popup);
    const rail = document.createElement('section');
    rail.id = 'late-rail';
    rail.textContent = 'You may also like: twelve more stories chosen for you.';
    document.body.firstElementChild.after(rail);
    const article = document.querySelector('[data-declutter="main"]');
    const p = document.createElement('p');
    p.id = 'late-paragraph';
    p.textContent = 'Update: the council published the full plans on its website this afternoon.';
    article.append(p);
    return true;
  });
  assert.ok(late);
  await frames();
  const shown = await page.evaluate(() =>
    Object.fromEntries(
      ['late-popup', 'late-rail', 'late-paragraph'].map((id) => {
        const el = document.getElementById(id);
        return [id, { display: getComputedStyle(el).display, mark: el.getAttribute('data-declutter') }];
      }),
    ),
  );
  assert.deepEqual(shown['late-popup'], { display: 'none', mark: 'hidden' }, 'a late pop-up is hidden');
  assert.deepEqual(shown['late-rail'], { display: 'none', mark: 'hidden' }, 'a late rail is hidden');
  assert.equal(shown['late-paragraph'].mark, null, 'late article text stays');
  assert.notEqual(shown['late-paragraph'].display, 'none');
  const off = await toggle('declutter');
  assert.equal(off.active, false);
  // The page changed itself, so compare after removing what it added.
  const after = await page.evaluate(() => {
    for (const id of ['late-popup', 'late-rail', 'late-paragraph']) document.getElementById(id).remove();
    return document.documentElement.outerHTML;
  });
  assert.equal(after, before.html, 'switching off removes every mark, late ones too');
  // Once off, nothing is hidden any more.
  await page.evaluate(() => document.body.append(Object.assign(document.createElement('div'), { id: 'after-off' })));
  await frames();
  assert.equal(await page.evaluate(() => document.getElementById('after-off').getAttribute('data-declutter')), null);
}
