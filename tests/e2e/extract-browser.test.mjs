// The browser command (npm run extract:browser, extension/tools/extract-browser.mjs), run as a
// user runs it, in Chromium and Firefox, over the fixture folder tests/e2e/fixtures/extract-browser:
// a static article (a promo pasted twice, its headline repeated), one whose article a script
// writes after the load event, one whose CSP forbids every script, style and image, and a
// sign-in page (no article); plus a URL whose load never ends (a timeout). Checked: what is
// printed per page, the screenshots written, the comparison with the CLI on the static HTML,
// the failure lines and the exit codes.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { compareExtractions, compareLines } from '../../extension/tools/compare.mjs';
import { ROOT } from './lib/browsers.mjs';

const BIN = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).bin['declutter-browser'];
const FIXTURES = 'tests/e2e/fixtures/extract-browser';
const FERRY = 'The night ferry between Brinewick and the three salt islands sailed again';
const PROMO = "Never miss a tide table: the Herald's morning letter";
const GLASS = 'The old glassworks on Kiln Lane opened its doors again';
const CLOCK = 'The tidal clock on the quay, which tells the height of the water';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Runs the command (package.json's bin entry; `npm run extract:browser --` with npm); resolves to {code, stdout, stderr}. */
function run(args, { npm = false } = {}) {
  return new Promise((ok, fail) => {
    const child = npm
      ? spawn('npm', ['run', '--silent', 'extract:browser', '--', ...args], { cwd: ROOT })
      : spawn(process.execPath, [path.join(ROOT, BIN), ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => ok({ code, stdout, stderr }));
  });
}

// A site of the test's own on 127.0.0.1 for URL targets: /article.html (the static fixture),
// /hang.html, whose load never ends (its image is never answered), and /moved, which
// redirects to 127.0.0.1's /article.html.
let site;
let cli;
before(async () => {
  const article = readFileSync(path.join(ROOT, FIXTURES, 'static.html'));
  site = createServer((req, res) => {
    if (req.url === '/article.html') res.writeHead(200, { 'content-type': 'text/html' }).end(article);
    else if (req.url === '/moved') res.writeHead(302, { location: `http://127.0.0.1:${site.address().port}/article.html` }).end();
    else if (req.url === '/hang.html') res.writeHead(200, { 'content-type': 'text/html' }).end('<title>Hang</title><p>Waiting.</p><img src="/never">');
    // /never: left open; the server closes it at the end.
  });
  await new Promise((ok) => site.listen(0, '127.0.0.1', ok));
  // The CLI --compare runs (`cargo test` has built it already; this is then a no-op).
  const b = spawnSync('cargo', ['build', '--bin', 'declutter'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  assert.equal(b.status, 0, 'cargo build --bin declutter');
  cli = path.join(ROOT, 'target/debug/declutter');
});
after(() => {
  site.closeAllConnections();
  site.close();
});

test('usage errors exit with 2 before any browser starts', async () => {
  const cases = [[], ['--mode', 'nope', 'x.html'], ['--mode', 'declutter', '--format', 'markdown', 'x.html'], ['--wait', 'soon', 'x.html']];
  for (const [i, args] of cases.entries()) {
    const r = await run(args, { npm: i === 0 });
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /usage: npm run extract:browser/);
    assert.equal(r.stdout, '');
  }
});

test('the comparison names each differing field, with where long texts part', () => {
  const c = compareExtractions(
    { file: 'a', ms: 1, title: 'T', text: `${'same words '.repeat(10)}browser end`, hidden: [{ path: 'div.a' }], only: 1 },
    { file: 'b', ms: 2, title: 'T', text: `${'same words '.repeat(10)}cli end`, hidden: [{ path: 'div.b' }, { path: 'p' }] },
  );
  assert.deepEqual(c.same, ['title']);
  assert.deepEqual(
    c.differ.map((d) => d.where.map((w) => w.path)),
    [['text'], ['hidden.length', 'hidden[0].path', 'hidden[1]']],
  );
  assert.deepEqual(c.differ[1].where[2], { path: 'hidden[1]', browser: '(absent)', cli: '{"path":"p"}' });
  assert.equal(c.differ[0].where[0].browser, '121 chars, 22 words; at char 110: \u2026e words same words same words browser end');
  assert.deepEqual(c.onlyBrowser, ['only']);
  assert.match(compareLines(c).join('\n'), /2 of 3 fields differ; same: title\n {2}text: browser .* \| CLI .*cli end/);
});

for (const browser of ['chromium', 'firefox']) {
  describe(`browser command in ${browser}`, { timeout: 240_000 }, () => {
    const shots = mkdtempSync(path.join(os.tmpdir(), `declutter-shots-${browser}-`));
    after(() => rmSync(shots, { recursive: true, force: true }));

    test('reader view over a folder and URLs: jsonl, screenshots, --compare, failures', async () => {
      const origin = `http://127.0.0.1:${site.address().port}`;
      const url = `${origin}/hang.html`;
      const r = await run([
        FIXTURES,
        `${origin}/article.html`,
        url,
        ...['--browser', browser, '--format', 'jsonl', '--compare', '--cli', cli, '--screenshot', shots],
        ...['--timeout', '8000', '--local-only'],
      ]);
      assert.equal(r.code, 1, r.stderr);
      const lines = r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      const byName = Object.fromEntries(lines.map((l) => [path.basename(l.file), l]));
      // The folder in the CLI's order, then the URL.
      assert.deepEqual(
        lines.map((l) => l.file),
        ['no-article.html', 'script-built.html', 'static.html', 'strict-csp.html'].map((f) => path.join(FIXTURES, f)).concat(`${origin}/article.html`, url),
      );

      // The same page from a URL (its static HTML fetched again for the CLI): the same result.
      const u = byName['article.html'];
      assert.equal(u.error, undefined);
      assert.equal(u.url, `${origin}/article.html`);
      assert.equal(u.text, byName['static.html'].text);
      assert.deepEqual(u.compare.differ, [], JSON.stringify(u.compare.differ));

      // Static page: the reader's article; the CLI on the same file agrees on the article.
      const s = byName['static.html'];
      assert.equal(s.error, undefined);
      assert.equal(s.browser, browser);
      assert.equal(s.mode, 'reader');
      assert.equal(s.is_article, true);
      assert.match(s.title, /^Night ferry to the salt islands/);
      assert.ok(s.text.includes(FERRY), s.text);
      assert.ok(!s.text.includes(PROMO), 'the pasted promo is not article text');
      assert.ok(s.html.includes(FERRY));
      assert.ok(s.duplicates.length >= 1, 'the page repeats blocks');
      for (const k of ['load', 'settle', 'toggle', 'screenshot', 'total']) assert.ok(s.timings[k] >= 0, k);
      // Both inputs read the same tree from a static page: every field they share is the same.
      const differs = (l) => l.compare.differ.map((d) => d.field);
      assert.deepEqual(s.compare.differ, [], JSON.stringify(s.compare.differ));
      for (const f of ['title', 'text', 'is_article', 'words', 'main', 'hidden', 'duplicates', 'html']) assert.ok(s.compare.same.includes(f), f);

      // Script-built page: the browser reads the live DOM (the story arrives after the load
      // event); the CLI on the static HTML finds no article.
      const b = byName['script-built.html'];
      assert.equal(b.error, undefined);
      assert.equal(b.is_article, true);
      assert.ok(b.text.includes(GLASS), b.text);
      assert.ok(differs(b).includes('is_article'), JSON.stringify(b.compare));
      assert.ok(differs(b).includes('text'));
      const isArticle = b.compare.differ.find((d) => d.field === 'is_article').where[0];
      assert.deepEqual([isArticle.browser, isArticle.cli], ['true', 'false']);

      // Strict CSP: the page's own script did not run, the extension did.
      const c = byName['strict-csp.html'];
      assert.equal(c.error, undefined);
      assert.ok(c.text.includes(CLOCK));
      assert.ok(!c.text.includes('script ran') && !c.title.includes('SCRIPT'));

      // The failures: a clear error each, in jsonl and on stderr; the rest went on.
      assert.equal(byName['no-article.html'].error, 'no article found');
      assert.equal(byName['no-article.html'].is_article, false);
      assert.match(byName['hang.html'].error, /^timeout: the page did not load in 8 s/);
      assert.match(r.stderr, /^FAIL tests\/e2e\/fixtures\/extract-browser\/no-article\.html: no article found$/m);
      assert.match(r.stderr, new RegExp(`^FAIL ${url.replace(/\./g, '\\.')}: timeout`, 'm'));
      assert.match(r.stderr, /^ok {3}tests\/e2e\/fixtures\/extract-browser\/static\.html \[reader\] "Night ferry.*load \d+ ms, settle \d+ ms, toggle \d+ ms/m);
      assert.match(r.stderr, /2 of 6 pages failed/);

      // A PNG per page shown, none for the failures.
      for (const l of [s, b, c, u]) {
        assert.ok(existsSync(l.screenshot), l.screenshot);
        const png = readFileSync(l.screenshot);
        assert.deepEqual(png.subarray(0, 8), PNG);
        assert.ok(png.length > 10_000, `${l.screenshot}: ${png.length} bytes`);
      }
      assert.equal(byName['hang.html'].screenshot, undefined);
    });

    test('in-place declutter prints the visible text and the counts (of a gzipped page)', async () => {
      // A saved page may be gzipped, as the CLI reads it: served for the browser to gunzip.
      const gz = path.join(shots, 'static.html.gz');
      writeFileSync(gz, gzipSync(readFileSync(path.join(ROOT, FIXTURES, 'static.html'))));
      const r = await run([gz, '--browser', browser, '--mode', 'declutter', '--wait', '300', '--local-only']);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.stdout.includes(FERRY), r.stdout);
      assert.ok(!r.stdout.includes(PROMO), 'both copies of the promo are hidden');
      assert.ok(r.stdout.includes('Volunteers repaint the breakwater lighthouse'), 'the other stories stay');
      const line = r.stderr.match(
        /^ok {3}\S+static\.html\.gz \[declutter\] "Night ferry[^:]*: \d+ words, \d+ hidden blocks?, [1-9]\d* duplicates?; load \d+ ms, settle (\d+) ms/m,
      );
      assert.ok(line, r.stderr);
      assert.ok(Number(line[1]) >= 300, `--wait 300 is part of settling: ${line[0]}`);
    });

    test('text output of a script-built page, with the comparison', async () => {
      const r = await run([path.join(FIXTURES, 'script-built.html'), '--browser', browser, '--compare', '--cli', cli, '--local-only']);
      assert.equal(r.code, 0, r.stderr);
      const [shown, compared] = r.stdout.split('--- compare: browser (live DOM) vs CLI (static HTML) ---\n');
      assert.match(shown, /^Glassworks reopens as a school for lampmakers\n/);
      assert.ok(shown.includes(GLASS));
      assert.match(compared, /^\d+ of \d+ fields differ; same: /);
      assert.match(compared, /^ {2}is_article: browser true \| CLI false$/m);
    });

    // The run's host access is its targets' hosts, not the test build's 127.0.0.1. Firefox
    // only: under --local-only it still reaches `localhost` (never proxied), Chromium does not.
    if (browser === 'firefox') {
      test("host access is exactly the targets' hosts", async () => {
        const origin = `http://localhost:${site.address().port}`;
        const r = await run([`${origin}/article.html`, `${origin}/moved`, '--browser', browser, '--format', 'jsonl', '--local-only']);
        assert.equal(r.code, 1, r.stderr);
        const [ok, moved] = r.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l));
        assert.equal(ok.error, undefined, ok.error);
        assert.ok(ok.text.includes(FERRY));
        assert.match(moved.error, /^redirected to http:\/\/127\.0\.0\.1:\d+\/article\.html: this run has host access to localhost only/);
      });
    }
  });
}
