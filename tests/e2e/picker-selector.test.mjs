// The click picker's selectors (extension/content/selector.js, run here in jsdom): short, made of
// ids and class names a site keeps between pages, never of generated class names, and always
// finding exactly the picked element.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JSDOM } from 'jsdom';
import { selectorFor } from '../../extension/content/selector.js';

function load(body) {
  const dom = new JSDOM(`<!doctype html><html><body>${body}</body></html>`);
  const w = dom.window;
  // jsdom has no CSS.escape; this covers the identifiers used below.
  w.CSS = { escape: (s) => String(s).replace(/[^\w-]/g, (c) => `\\${c}`) };
  return { w, doc: w.document, selectorFor };
}

function check({ doc, selectorFor }, el, expected) {
  const sel = selectorFor(el);
  assert.equal(sel, expected);
  const found = doc.querySelectorAll(sel);
  assert.equal(found.length, 1, `${sel} finds one element`);
  assert.equal(found[0], el, `${sel} finds the picked element`);
}

test('a stable class is enough when it is unique', () => {
  const page = load('<main><p class="byline">By A. Writer</p><p>Text</p></main><aside class="newsletter box">Sign up</aside>');
  check(page, page.doc.querySelector('.byline'), 'p.byline');
  check(page, page.doc.querySelector('aside'), 'aside.newsletter.box');
});

test('generated class names are left out; positions tell same-tag siblings apart', () => {
  const page = load(
    '<div class="css-1x2y3z"><div class="sc-AbC12 promo"><span>Try our app</span></div></div>' +
      '<div class="css-9q8w7e"><div class="sc-XyZ34 promo"><span>Try our app</span></div></div>',
  );
  const second = page.doc.querySelectorAll('.promo')[1];
  const sel = page.selectorFor(second);
  assert.doesNotMatch(sel, /css-|sc-/, `no generated class in ${sel}`);
  check(page, second, sel);
  assert.equal(sel, 'body > div:nth-of-type(2) > div.promo', 'no named step: the whole path from <body>');
});

test('an id anchors the path (a bare tag never starts it); ids that look generated do not', () => {
  const page = load('<section id="sidebar"><ul><li>One</li><li>Two</li></ul></section><div id="ad-81273"><p>Ad</p><p>More</p></div>');
  check(page, page.doc.querySelectorAll('#sidebar li')[1], '#sidebar > ul > li:nth-of-type(2)');
  const ad = page.doc.querySelector('#ad-81273 p');
  const sel = page.selectorFor(ad);
  assert.doesNotMatch(sel, /81273/);
  check(page, ad, sel);
});
