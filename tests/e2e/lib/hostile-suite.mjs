// The hostile live-page suite, registered once per browser (hostile-chromium.test.mjs,
// hostile-firefox.test.mjs). `ctx.open(name, query)` loads tests/e2e/fixtures/hostile/<name>
// and resolves to {page, errors, toggle}; `ctx.other()` is the second origin's URL.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as hostile from './hostile.mjs';

// The reader view's cap (READER_MAX_WORDS in extension/background/main.js).
const READER_MAX_WORDS = 50_000;

/**
 * The reader's article once it stops growing (it shows its first blocks at once and the rest a
 * frame at a time): its text, its words, its note on length, and its HTML's length.
 */
async function readerWords(page) {
  const read = () =>
    hostile.guard(
      page.evaluate(() => {
        const root = document.getElementById('declutter-reader')?.shadowRoot;
        const text = root?.querySelector('article')?.innerText ?? '';
        return {
          text,
          words: text.split(/\s+/).filter(Boolean).length,
          note: root?.querySelector('.long')?.textContent ?? '',
          html: root?.querySelector('article')?.innerHTML.length ?? 0,
        };
      }),
      hostile.RESPONSIVE_GUARD_MS,
      'reading the reader view',
    );
  let last = await read();
  for (let t = 0; t < 20_000; t += 250) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await read();
    if (now.words === last.words && now.words > 0) return now;
    last = now;
  }
  return last;
}

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

  test(`${ctx.largeNodes.toLocaleString('en')} nodes: an answer within the budget, or a clear message; the archive is no article`, async () => {
    const t = await ctx.open('large.html', `&n=${ctx.largeNodes}`);
    const nodes = await t.page.evaluate(() => window.__nodes);
    assert.ok(nodes >= ctx.largeNodes, `${nodes} nodes`);
    const r = await hostile.heavyPage(t.page, t.toggle, {
      check: async (mode, on) => {
        if (mode !== 'reader') return;
        // The archive's rows are identifiers, not prose: the short article is the article.
        const { text, words } = await readerWords(t.page);
        assert.ok(text.includes('The gardeners have kept one cracked pane'), 'the article is shown');
        assert.ok(text.includes('Glasshouse reopens after the hail') || text.includes('The municipal glasshouse'), 'from its start');
        assert.ok(!/\br\d+c\d\b/.test(text), 'no archive row id in the reader');
        assert.ok(words <= READER_MAX_WORDS, `${words} words in the reader`);
        assert.equal(on.shownWords, undefined, 'a short article is not capped');
      },
    });
    for (const mode of ['declutter', 'reader']) {
      console.log(
        `# ${nodes} nodes, ${mode}: ${Math.round(r[mode].ms)} ms, article ${r[mode].article}, ${r[mode].words} words, ${JSON.stringify(r[mode].messages)}`,
      );
    }
    await done(t);
  });

  test(`${ctx.largeNodes.toLocaleString('en')} nodes of prose (a book-length article): the reader shows its first words and says so`, async () => {
    const t = await ctx.open('large.html', `&n=${ctx.largeNodes}&prose=1`);
    const nodes = await t.page.evaluate(() => window.__nodes);
    const r = await hostile.heavyPage(t.page, t.toggle, {
      check: async (mode, on) => {
        if (mode !== 'reader') return;
        assert.ok(on.words > READER_MAX_WORDS, `the article is longer than the cap (${on.words} words)`);
        assert.ok(on.shownWords > 0 && on.shownWords <= READER_MAX_WORDS, `shown: ${on.shownWords}`);
        const { text, words, note, html } = await readerWords(t.page);
        assert.ok(text.includes('The keeper mended the nets by the mill pond'), 'the start is shown');
        assert.ok(words <= READER_MAX_WORDS, `${words} words in the reader, cap ${READER_MAX_WORDS}`);
        assert.match(note, /This article is long: the first [\d.,\s\u00a0\u202f]+ of its [\d.,\s\u00a0\u202f]+ words are shown here/);
        console.log(`# prose, reader: ${words} words shown of ${on.words}, article HTML ${html} characters`);
      },
    });
    for (const mode of ['declutter', 'reader']) {
      console.log(`# ${nodes} nodes of prose, ${mode}: ${Math.round(r[mode].ms)} ms, ${r[mode].words} words, ${JSON.stringify(r[mode].messages)}`);
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
