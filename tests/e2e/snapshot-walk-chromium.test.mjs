// The content script's walk reads attribute names as the core's HTML input records them (local names:
// `xlink:href` on SVG is `href`, while a colon name the HTML parser does not adjust stays
// whole), on its fast path (plain names) and its Attr path (names with a colon), and only those
// the core reads (src/dom/mod.rs READ_ATTRS: `data-y`, `fb:app`, `x`, `foo:bar` are left out,
// on either path, as the HTML input leaves them out); and a page big enough to be walked in several slices still gives one consistent snapshot.
// Pages generated here (invented text), served from 127.0.0.1.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withChromium } from './lib/suite.mjs';
import { chromiumTabId } from './lib/browsers.mjs';
import { fromHtml } from './lib/html-input.mjs';

const ATTRS_PAGE = `<!doctype html><html lang="en" xml:lang="en"><head><meta charset="utf-8">
<meta property="og:title" content="Canal works"><title>Canal works</title></head><body>
<div id="a" class="x" data-y="2" fb:app="7">plain and colon names</div>
<svg width="10" height="10" foo:bar="z"><defs><circle id="c" r="4"></circle></defs><use xlink:href="#c" x="1"></use></svg>
<p title="t" hidden>hidden paragraph</p></body></html>`;

/** A page of `n` sections, each with a few elements (thousands of nodes). */
function bigPage(n) {
  const s = [];
  for (let i = 0; i < n; i++) {
    s.push(
      `<section class="s${i % 7}" data-i="${i}"><h2>Section ${i}</h2><p>Quay ${i} opens at dawn, <a href="/q/${i}">timetable</a> and <b>notes</b>.</p><ul><li>one ${i}</li><li>two ${i}</li></ul></section>`,
    );
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>Quays</title></head><body><main>${s.join('')}</main></body></html>`;
}

describe('snapshot walk in Chromium', { timeout: 120_000 }, () => {
  const env = withChromium();

  async function open(name, body) {
    const page = await env.chrome.context.newPage();
    const url = `${env.server.url}generated/${name}`;
    await page.route(url, (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body }));
    await page.goto(url);
    return { page, url, tabId: await chromiumTabId(env.chrome.worker, url) };
  }

  test('attribute names are local names, as the HTML input has them; both inputs agree', async () => {
    const { page, url, tabId } = await open('attrs.html', ATTRS_PAGE);
    const got = await env.chrome.worker.evaluate(
      async ([u, id]) => {
        const core = await globalThis.declutterTest.loadCore();
        const snap = await globalThis.declutterTest.snapshot(id);
        const pick = (r) => ({ main: r.main, title: r.title, text: r.text, hidden: r.hidden.map((b) => [b.node, b.path]) });
        return { nodes: globalThis.declutterTest.entries(snap), live: pick(core.extractSnapshot(snap.text, snap.ints, { url: u })) };
      },
      [url, tabId],
    );
    const r = fromHtml(ATTRS_PAGE, { url });
    got.parsed = { main: r.main, title: r.title, text: r.text, hidden: r.hidden.map((b) => [b.node, b.path]) };
    const attrsOf = (tag) => got.nodes.find((n) => n.t === tag)?.a;
    assert.deepEqual(attrsOf('html'), [
      ['lang', 'en'],
      ['xml:lang', 'en'],
    ]);
    assert.deepEqual(attrsOf('div'), [
      ['id', 'a'],
      ['class', 'x'],
    ]);
    assert.deepEqual(attrsOf('svg'), [
      ['width', '10'],
      ['height', '10'],
    ]);
    assert.deepEqual(attrsOf('use'), [['href', '#c']]);
    assert.deepEqual(attrsOf('p'), [
      ['title', 't'],
      ['hidden', ''],
    ]);
    assert.deepEqual(got.live, got.parsed);
    await page.close();
  });

  test('a page walked in several slices gives the same snapshot as the HTML input gives', async () => {
    const html = bigPage(3000);
    const { page, url, tabId } = await open('big.html', html);
    const pick = (r) => ({ main: r.main, text: r.text, hidden: r.hidden.map((b) => [b.node, b.path]) });
    const got = await env.chrome.worker.evaluate(
      async ([u, id]) => {
        const core = await globalThis.declutterTest.loadCore();
        const snap = await globalThis.declutterTest.snapshot(id);
        const nodes = globalThis.declutterTest.entries(snap);
        return {
          count: nodes.length,
          parentsBefore: nodes.every((n, i) => (i === 0 ? n.p === -1 : n.p >= 0 && n.p < i)),
          live: core.extractSnapshot(snap.text, snap.ints, { url: u }),
        };
      },
      [url, tabId],
    );
    got.live = pick(got.live);
    got.parsed = pick(fromHtml(html, { url }));
    assert.ok(got.count > 30_000, `${got.count} entries`);
    assert.ok(got.parentsBefore, 'every parent comes before its children');
    assert.deepEqual(got.live, got.parsed);
    await page.close();
  });
});
