// The reader view shows exactly what the core kept (a check run in both browsers): after a reader toggle, the elements of the
// view's article, with every attribute and its value, and its text, equal those of the clean
// HTML the core returned for the page (the background's last result, read back through the
// test build). The one difference allowed is what the reader adds to links (rel and target, so
// a link opens beside the view and tells its target nothing). The fixture holds what the
// core's allowlist keeps and a narrower filter would lose (srcset and sizes, a tel: link, a
// video embed, a data: image) and the rest of it (picture sources, video with captions, code,
// tables, lists, details, a formula); the test first checks the core kept each of them.
// Used by reader-chromium.test.mjs and reader-firefox.test.mjs.

import assert from 'node:assert/strict';

export const READER_CORE_FIXTURE = 'fixtures/reader-media.html';

/**
 * In the page: the reader view's article and the core's HTML, each as one line per element in
 * document order (`namespace:tag[name=value ...]`, attributes sorted), plus their texts.
 */
export function describeBoth(coreHtml) {
  const host = document.getElementById('declutter-reader');
  const article = host.shadowRoot.querySelector('article');
  const core = new DOMParser().parseFromString(`<!doctype html><body>${coreHtml}`, 'text/html').body;
  const lines = (root, added) =>
    [...root.querySelectorAll('*')].map((el) => {
      const attrs = [...el.attributes]
        .filter((a) => !(added && el.localName === 'a' && (a.name === 'rel' || a.name === 'target')))
        .map((a) => `${a.name}=${a.value}`)
        .sort();
      return `${el.namespaceURI.split('/').pop()}:${el.localName}[${attrs.join(' ')}]`;
    });
  return {
    reader: lines(article, true),
    core: lines(core, false),
    readerText: article.textContent,
    coreText: core.textContent,
    links: [...article.querySelectorAll('a')].map((a) => `${a.rel}|${a.target}`),
  };
}

/** What the fixture puts in the article, as the core must keep it. */
function checkCoreKept(core) {
  const has = (re, what) =>
    assert.ok(
      core.some((l) => re.test(l)),
      `the core keeps ${what}: ${core.join('\n')}`,
    );
  has(/^xhtml:img\[.*sizes=\(max-width: 600px\) 100vw, 800px.*srcset=\S*customs-house-400\.jpg 400w/, 'srcset and sizes');
  has(/^xhtml:a\[href=tel:\+15550100123\]/, 'a tel: link');
  has(/^xhtml:a\[href=mailto:berths@harbour\.example\]/, 'a mailto: link');
  has(/^xhtml:iframe\[.*src=https:\/\/www\.youtube-nocookie\.com\/embed\/harbour-tour-2024/, 'the video embed');
  has(/^xhtml:img\[.*src=data:image\/png;base64,/, 'the data: image');
  has(/^xhtml:source\[.*media=\(min-width: 700px\).*srcset=/, 'a picture source');
  has(/^xhtml:track\[kind=captions .*srclang=en/, 'the captions track');
  has(/^xhtml:video\[controls= .*poster=/, 'the video');
  has(/^xhtml:code\[class=language-python\]/, 'the code language');
  has(/^MathML:msub\[\]/, 'the formula');
  has(/^xhtml:td\[colspan=2\]/, 'table spans');
  has(/^xhtml:ol\[reversed= start=3\]/, 'list numbering');
}

/** Asserts the page's description (describeBoth) shows the reader equal to the core. */
export function checkSame(got) {
  checkCoreKept(got.core);
  assert.deepEqual(got.reader, got.core, 'the reader shows the elements and attributes the core kept, and nothing else');
  assert.equal(got.readerText, got.coreText, 'and the same text');
  assert.ok(got.links.length >= 2 && got.links.every((l) => l === 'noopener noreferrer|_blank'), `links open beside the view: ${got.links}`);
}
