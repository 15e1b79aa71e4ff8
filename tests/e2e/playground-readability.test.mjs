// The Readability-shaped API (www/declutter-readability.js): same constructor and result shape
// as Readability.js, so switching is one import. Needs the wasm package in www/pkg (the build).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { Readability as MozReadability } from '@mozilla/readability';

const www = fileURLToPath(new URL('../../www/', import.meta.url));
assert.ok(existsSync(`${www}pkg/declutter_bg.wasm`), 'www/pkg is missing: build the wasm package first (npm run build)');
const { Readability, isProbablyReaderable } = await import('../../www/declutter-readability.js');

const demo = (name) => readFileSync(`${www}demos/${name}.html`, 'utf8');
const dom = (html, url = 'https://news.example.org/2026/story') => new JSDOM(html, { url });

test('same result keys as Readability.js, from a Document', () => {
  const html = demo('news-article');
  const ours = new Readability(dom(html).window.document).parse();
  const theirs = new MozReadability(dom(html).window.document).parse();
  assert.ok(ours && theirs);
  assert.deepEqual(Object.keys(ours).sort(), Object.keys(theirs).sort());
  for (const k of Object.keys(theirs)) {
    const t = theirs[k] === null ? 'object' : typeof theirs[k];
    if (ours[k] !== null) assert.equal(typeof ours[k], t, `type of ${k}`);
  }
});

test('fields carry the article, its metadata and consistent lengths', () => {
  const doc = dom(demo('news-article')).window.document;
  const before = doc.documentElement.outerHTML;
  const a = new Readability(doc).parse();
  assert.equal(doc.documentElement.outerHTML, before, 'the document is not modified');
  assert.match(a.title, /lighthouse lens/);
  assert.equal(a.byline, 'Ines Calloway');
  assert.equal(a.siteName, 'The Harbor Gazette');
  assert.equal(a.lang, 'en');
  assert.match(a.publishedTime, /^2026-10-14/);
  assert.match(a.textContent, /two hundred and twelve prisms/);
  assert.doesNotMatch(a.textContent, /Ferry timetable changes/, 'sidebar links are not article text');
  assert.equal(a.length, a.textContent.length);
  assert.match(a.content, /<p>/);
  assert.doesNotMatch(a.content, /<script|<style/i);
});

test('an HTML string works as well as a Document, and gives the same text', () => {
  const html = demo('news-article');
  const fromString = new Readability(html).parse();
  const fromDoc = new Readability(dom(html).window.document).parse();
  assert.equal(fromString.textContent.replace(/\s+/g, ' '), fromDoc.textContent.replace(/\s+/g, ' '));
});

test('right-to-left page reports dir and lang', () => {
  const a = new Readability(dom(demo('rtl-arabic')).window.document).parse();
  assert.equal(a.dir, 'rtl');
  assert.equal(a.lang, 'ar');
  assert.match(a.textContent, /مكتبة حي الزيتون/);
});

test('no article: null, like Readability.js; bad arguments throw', () => {
  assert.equal(new Readability('   ').parse(), null);
  assert.equal(new Readability(dom('<html><body></body></html>').window.document).parse(), null);
  assert.throws(() => new Readability(42), /document object or an HTML string/);
  assert.throws(() => new Readability(null), /document object or an HTML string/);
});

test('isProbablyReaderable follows the core verdict', () => {
  assert.equal(isProbablyReaderable(dom(demo('news-article')).window.document), true);
  assert.equal(isProbablyReaderable(dom('<html><body><p>Hi.</p></body></html>').window.document), false);
});
