// The content script's walk must number nodes exactly as the core's HTML input (scraper) does,
// so that ids the core returns name the right live elements. On a live page without page
// scripts the two inputs must agree: the same article root, the same hidden blocks and copies,
// the same text.
// Also checks the reader view's own HTML filter directly on hostile input.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readerRoundTrip } from './lib/scenarios.mjs';
import { chromiumToggle } from './lib/browsers.mjs';
import { fromHtml } from './lib/html-input.mjs';
import { withChromium } from './lib/suite.mjs';

describe('both inputs and the reader filter in Chromium', { timeout: 120_000 }, () => {
  const env = withChromium();
  const open = env.open;

  for (const path of ['fixtures/walk.html', 'fixtures/news.html?csp=none']) {
    test(`live snapshot and HTML parse agree on ${path}`, async () => {
      const { page, url, tabId } = await open(path);
      const got = await env.chrome.worker.evaluate(
        async ([u, id]) => {
          const core = await globalThis.declutterTest.loadCore();
          const snap = await globalThis.declutterTest.snapshot(id);
          return {
            live: core.extractSnapshot(snap.text, snap.ints, { url: u }),
            entries: globalThis.declutterTest.entries(snap).length,
          };
        },
        [url, tabId],
      );
      const pick = (r) => ({
        main: r.main,
        title: r.title,
        text: r.text,
        hidden: r.hidden.map((b) => [b.node, b.path]),
        copies: r.duplicates.flatMap((g) => g.copies.map((c) => [c.node, c.path, c.kept])),
      });
      const parsed = pick(fromHtml(await (await fetch(url)).text(), { url }));
      assert.ok(got.entries > 50, `${got.entries} snapshot entries`);
      assert.ok(Number.isInteger(parsed.main), 'the core found an article');
      assert.deepEqual(pick(got.live), parsed);
      await page.close();
    });
  }

  test('the template, script and style text stay out of the snapshot', async () => {
    const { page, tabId } = await open('fixtures/walk.html');
    const snap = {
      nodes: await env.chrome.worker.evaluate(async (id) => globalThis.declutterTest.entries(await globalThis.declutterTest.snapshot(id)), tabId),
    };
    const texts = snap.nodes.filter((n) => n.x !== undefined).map((n) => n.x);
    assert.ok(!texts.some((t) => t.includes('Template text')), 'template contents are skipped');
    assert.ok(!texts.some((t) => t.includes('font-family')), 'style text is left out');
    assert.ok(
      texts.some((t) => t.includes('"NewsArticle"')),
      'JSON-LD text is kept',
    );
    assert.ok(
      texts.some((t) => /lock gates\s+can no longer/.test(t)),
      'text around a comment is one entry',
    );
    assert.ok(!texts.some((t) => t.includes('alert(5)')), 'script text is left out');
    await page.close();
  });

  test('the reader view filters hostile article HTML', async () => {
    const { page, tabId } = await open('fixtures/walk.html');
    // End to end: whatever the core passes on, nothing unsafe reaches the shadow root.
    const toggle = (mode) => chromiumToggle(env.chrome.worker, tabId, mode);
    await readerRoundTrip(page, toggle, { expectTitle: /Night ferry/, expectParagraph: 'forty minutes earlier' });
    // And the filter itself, on input the core would never produce.
    const hostile = [
      '<p onclick="x()">a<a href="javascript:x()">j</a><a href=" JaVaScRiPt:x()">k</a><a href="data:text/html,x">d</a></p>',
      '<iframe srcdoc="<script>x()</script>"></iframe><object data="x"></object><embed src="x">',
      '<form action="/f"><input name="q"><button formaction="javascript:x()">b</button></form>',
      '<img src="x.png" onerror="x()" srcset="y.png 2x"><svg><script>x()</script></svg>',
      // Formulas stay, but nothing in them links, acts or carries HTML.
      '<p>so <math display="inline"><mfrac><mi>a</mi><mn>2</mn></mfrac></math> holds</p>',
      '<math href="javascript:x()"><mi onclick="x()" style="color:red">y</mi><maction actiontype="toggle"><mi>m</mi></maction>',
      '<annotation-xml encoding="text/html"><img src="z.png" onerror="x()"><script>x()</script></annotation-xml>',
      '<mtext><mglyph src="javascript:x()"></mglyph></mtext></math>',
      '<script>x()</script><style>p{}</style><div style="position:fixed" id="i" class="c"><a href="/ok">ok</a></div>',
    ].join('');
    // The test build's content script lends its filter to tests (on its instance's handle).
    const [{ result: html }] = await env.chrome.worker.evaluate(
      ([id, h]) =>
        chrome.scripting
          .executeScript({
            target: { tabId: id },
            files: ['content/content.js'],
          })
          .then(() =>
            chrome.scripting.executeScript({
              target: { tabId: id },
              func: (input) => {
                const div = document.createElement('div');
                div.append(globalThis[Symbol.for('declutter.content')].sanitize(input));
                return div.innerHTML;
              },
              args: [h],
            }),
          ),
      [tabId, hostile],
    );
    for (const bad of [
      'onclick',
      'onerror',
      'javascript:',
      'data:',
      'srcdoc',
      '<iframe',
      '<object',
      '<embed',
      '<form',
      '<input',
      '<button',
      '<script',
      '<style',
      '<svg',
      'style=',
      'formaction',
      'href="javascript',
      '<maction',
      '<annotation-xml',
      '<mglyph',
      'z.png',
    ]) {
      assert.ok(!html.toLowerCase().includes(bad), `${bad} removed: ${html}`);
    }
    assert.ok(html.includes('href="/ok"'), `safe links stay as the core wrote them: ${html}`);
    assert.ok(html.includes('srcset="y.png 2x"'), `a safe srcset stays (the core keeps it): ${html}`);
    assert.ok(html.includes('<img src='), `images stay: ${html}`);
    assert.ok(html.includes('<math display="inline"><mfrac><mi>a</mi><mn>2</mn></mfrac></math>'), `formulas stay: ${html}`);
    assert.ok(html.includes('<math><mi>y</mi>'), `a hostile formula keeps its text, not its link: ${html}`);
    await page.close();
  });

  test('the reader view shows the formulas the core keeps', async () => {
    const { page, tabId } = await open('core-fixtures/video-math.html');
    const on = await chromiumToggle(env.chrome.worker, tabId, 'reader');
    assert.equal(on.active, true);
    const math = await page.evaluate(() =>
      [...document.getElementById('declutter-reader').shadowRoot.querySelectorAll('article math')].map((m) => m.textContent),
    );
    assert.ok(
      math.some((t) => t.includes('Q') && t.includes('A')),
      `formula in the reader: ${JSON.stringify(math)}`,
    );
    await chromiumToggle(env.chrome.worker, tabId, 'reader');
    await page.close();
  });
});
