// Site memory bookkeeping (extension/background/site-memory.js), pure functions in node:
// a page counts once, the threshold of two other pages, and both size bounds.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  boilerplateFor,
  emptySite,
  MAX_FINGERPRINTS,
  MAX_PAGES,
  MIN_OTHER_PAGES,
  pageKey,
  record,
  siteOf,
  sitesToEvict,
  trimFingerprints,
} from '../../extension/background/site-memory.js';

const FOOTER = 101;
const PROMO = 202;

test('a page counts once, however often it is visited', () => {
  let s = emptySite();
  const a = pageKey('http://x.test/a');
  s = record(s, a, [FOOTER, 1], 1);
  s = record(s, a, [FOOTER, 1], 2);
  s = record(s, pageKey('http://x.test/a#comments'), [FOOTER, 1], 3);
  s = record(s, pageKey('http://x.test/a?utm_source=feed'), [FOOTER, 1], 3);
  assert.deepEqual(s.fps[FOOTER], [1, 3]);
  assert.deepEqual(s.pages, [a]);
  assert.equal(s.used, 3);
});

test('boilerplate needs two other pages; a revisited page asks one more', () => {
  assert.equal(MIN_OTHER_PAGES, 2);
  let s = emptySite();
  const [a, b, c] = ['a', 'b', 'c'].map((p) => pageKey(`http://x.test/${p}`));
  s = record(s, a, [FOOTER, PROMO, 1], 1);
  assert.deepEqual(boilerplateFor(s, c), [], 'one other page is not enough');
  s = record(s, b, [FOOTER, 2], 2);
  assert.deepEqual(boilerplateFor(s, c), [FOOTER], 'two other pages are');
  // Page a is one of the two: excluding its own earlier visit leaves one other page.
  assert.deepEqual(boilerplateFor(s, a), []);
  s = record(s, c, [FOOTER, PROMO, 3], 3);
  assert.deepEqual(boilerplateFor(s, a), [FOOTER]);
  assert.deepEqual(
    boilerplateFor(s, pageKey('http://x.test/d')),
    [PROMO, FOOTER].sort((x, y) => x - y),
  );
  assert.deepEqual(boilerplateFor(undefined, a), []);
});

test('page keys are bounded, the oldest go first', () => {
  let s = emptySite();
  for (let i = 0; i < MAX_PAGES + 5; i++) s = record(s, pageKey(`http://x.test/${i}`), [FOOTER], i);
  assert.equal(s.pages.length, MAX_PAGES);
  assert.equal(s.pages[0], pageKey('http://x.test/5'));
  assert.equal(s.fps[FOOTER][0], MAX_PAGES + 5);
});

test('fingerprints are bounded: lowest count first, then oldest', () => {
  let s = emptySite();
  // Three pages share the footer; each page also has unique blocks.
  for (let p = 0; p < 3; p++) {
    const own = Array.from({ length: 900 }, (_, i) => 10_000 * (p + 1) + i);
    s = record(s, pageKey(`http://x.test/${p}`), [FOOTER, ...own], p + 1);
  }
  const n = Object.keys(s.fps).length;
  assert.equal(n, MAX_FINGERPRINTS);
  assert.deepEqual(s.fps[FOOTER], [3, 3], 'the most counted block stays');
  // 2700 unique blocks of count 1 compete for 1999 places: the first page's (the oldest) go.
  const left = (p) => Object.keys(s.fps).filter((k) => Math.floor(k / 10_000) === p).length;
  assert.deepEqual([left(1), left(2), left(3)], [1999 - 1800, 900, 900]);
  const small = trimFingerprints({ fps: { 1: [1, 5], 2: [2, 1], 3: [1, 9] } }, 2);
  assert.deepEqual(Object.keys(small.fps).sort(), ['2', '3']);
});

test('sites are bounded: the least recently used go', () => {
  assert.deepEqual(sitesToEvict({ a: 1, b: 2 }, 2), []);
  assert.deepEqual(sitesToEvict({ a: 5, b: 2, c: 9, d: 1 }, 2), ['d', 'b']);
});

test('private windows and non-web pages have no site', () => {
  assert.equal(siteOf({ url: 'http://127.0.0.1:8080/a', incognito: true }), null);
  assert.equal(siteOf({ url: 'chrome://extensions/' }), null);
  assert.equal(siteOf({}), null);
  assert.deepEqual(siteOf({ url: 'http://127.0.0.1:8080/a?x=1', incognito: false }), {
    host: '127.0.0.1:8080',
    page: pageKey('http://127.0.0.1:8080/a'),
  });
});
