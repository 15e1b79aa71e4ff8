// The hostile live-page suite, registered once per browser (hostile-chromium.test.mjs,
// hostile-firefox.test.mjs). `ctx.open(name, query)` loads tests/e2e/fixtures/hostile/<name>
// and resolves to {page, errors, toggle}; `ctx.other()` is the second origin's URL.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as hostile from './hostile.mjs';

export function hostileTests(ctx) {
  async function done({ page, errors }) {
    assert.deepEqual(errors, [], 'no exception reached the page');
    await page.close();
  }

  test('a page that rewrites itself on every mutation: no endless exchange, tab responsive, off restores', async () => {
    const t = await ctx.open('rewrite.html');
    await hostile.rewritingPage(t.page, t.toggle);
    await done(t);
  });

  test("a page that deletes the extension's nodes: state stays consistent", async () => {
    const t = await ctx.open('delete-ours.html');
    await hostile.deletingPage(t.page, t.toggle);
    await done(t);
  });

  test('live iframes, same origin and cross origin', async () => {
    const t = await ctx.open('frames.html', `&other=${encodeURIComponent(ctx.other())}`);
    // The cross-origin frame's src is set by the page's script; wait until both frames loaded.
    await hostile.guard(
      (async () => {
        while (t.page.frames().length < 3 || !(await t.page.evaluate(() => document.getElementById('cross').src))) {
          await new Promise((r) => setTimeout(r, 100));
        }
        await t.page.evaluate(() => (document.readyState === 'complete' ? 0 : new Promise((r) => addEventListener('load', r))));
      })(),
      30_000,
      'loading the frames',
    );
    await hostile.framesPage(t.page, t.toggle, { crossOrigin: ctx.other() });
    await done(t);
  });

  test('an article only inside an iframe, and a frameset: no article, page untouched', async () => {
    const a = await ctx.open('frame-only.html');
    await hostile.noArticle(a.page, a.toggle);
    await done(a);
    const b = await ctx.open('frameset.html');
    const r = await hostile.heavyPage(b.page, b.toggle);
    assert.equal(r.declutter.article, false);
    await done(b);
  });

  test('shadow-DOM components (open and closed roots)', async () => {
    const t = await ctx.open('shadow.html');
    await hostile.shadowPage(t.page, t.toggle);
    await done(t);
  });

  test('an SVG- and MathML-heavy page', async () => {
    const t = await ctx.open('svg-math.html');
    await hostile.heavyPage(t.page, t.toggle, {
      check: async (mode, on) => {
        assert.equal(on.article, true);
        if (mode === 'reader') {
          const text = await hostile.readerText(t.page, 'The roof plan shows every pane');
          assert.ok(text.includes('The roof plan shows every pane'), 'prose beside an inline SVG is kept');
          assert.ok(!text.includes('icon 7'), 'icon labels are not article text');
        }
      },
    });
    await done(t);
  });

  test('giant text node, enormous attributes, bidi overrides and zero-width characters', async () => {
    const t = await ctx.open('giant.html');
    await hostile.heavyPage(t.page, t.toggle, {
      check: async (mode, on) => {
        // The 8 MB text node is read up to the snapshot's 1,000,000-character cap.
        assert.ok(on.words < 400_000, `the giant text node is capped (${on.words} words)`);
        if (mode === 'reader') assert.ok((await hostile.state(t.page)).reader.text.length > 0);
      },
    });
    await done(t);
  });

  test('100,000 levels deep (hidden chain beside the article)', async () => {
    const t = await ctx.open('deep.html');
    assert.equal(await t.page.evaluate(() => window.__depth), 100_000);
    await hostile.heavyPage(t.page, t.toggle, { check: (_mode, on) => assert.equal(on.article, true) });
    await done(t);
  });

  test(`${ctx.largeNodes.toLocaleString('en')} nodes: an answer within the budget, or a clear message`, async () => {
    const t = await ctx.open('large.html', `&n=${ctx.largeNodes}`);
    const nodes = await t.page.evaluate(() => window.__nodes);
    assert.ok(nodes >= ctx.largeNodes, `${nodes} nodes`);
    const r = await hostile.heavyPage(t.page, t.toggle);
    for (const mode of ['declutter', 'reader']) {
      console.log(`# ${nodes} nodes, ${mode}: ${Math.round(r[mode].ms)} ms, article ${r[mode].article}, ${JSON.stringify(r[mode].messages)}`);
    }
    await done(t);
  });

  for (const name of ['home.html', 'search.html', 'app.html']) {
    test(`no article: ${name}`, async () => {
      const t = await ctx.open(name);
      await hostile.noArticle(t.page, t.toggle, { escape: name === 'app.html' });
      await done(t);
    });
  }
}
