#!/usr/bin/env node
// The browser command: what Declutter does to pages in a real headless browser, in one command.
//
//   npm run extract:browser -- TARGET... [--browser chromium|firefox] [--mode reader|declutter]
//       [--format text|markdown|html|jsonl] [--screenshot DIR] [--wait MS] [--timeout MS]
//       [--compare] [--cli PATH] [--local-only]
//
// TARGET: an http(s) URL, or a local .html/.htm file (.html.gz too) or a folder (walked for
// them as the CLI walks it), served from 127.0.0.1 by this command. Each page is loaded in the
// browser from Debian with the extension, left to settle (network idle, then --wait), and the
// chosen mode is toggled through the automation entry point, declutter.toggle(tabId, mode).
// Then it prints:
//   reader:    text: what the reader view shows (its header and article); markdown: what its
//              "Copy Markdown" copies; html: the article HTML the core gave the view
//   declutter: text: the page's visible text; html: the decluttered page (marks included)
//   jsonl:     one object per page, the CLI's jsonl fields plus the browser's (see usage())
// A line per page on stderr gives the counts and timings (with a progress line on a terminal).
// A page that fails (HTTP error, timeout, crash, no article) gets a FAIL line, the rest go on,
// and the exit status is 1. --compare runs the CLI on the same static HTML and says where the
// two results differ.
//
// Host access: the extension reads a page only with host access to it. The release build has
// none (activeTab needs a user gesture); the command loads a copy of the test build
// (dist/test/<browser>) made for this run whose host access is exactly the hosts of the
// targets (127.0.0.1 for local files), in a throwaway profile deleted at the end.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DIST_TEST_CHROME, DIST_TEST_FIREFOX } from '../build/build.mjs';
import { chromiumTabId, chromiumToggle, firefoxToggle, launchChromium, launchFirefox } from './browsers.mjs';
import { cliResult, compareExtractions, compareLines, findCli } from './compare.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NAME = 'extract:browser';
const BROWSERS = ['chromium', 'firefox'];
const MODES = ['reader', 'declutter'];
const FORMATS = ['text', 'markdown', 'html', 'jsonl'];
// A page that keeps the network busy (polling, analytics, video) never goes idle: after this
// long its DOM is read as it is, with a note.
const SETTLE_MAX_MS = 10_000;
// The network counts as idle after this long without a request (Playwright's 'networkidle').
const IDLE_MS = 500;
// The viewport pages are laid out and screenshots taken in (a laptop screen).
const VIEWPORT = { width: 1280, height: 800 };

function usage() {
  return `usage: npm run ${NAME} -- TARGET... [options]

TARGET is an http(s) URL, or a local .html/.htm file (also gzipped: .html.gz) or folder
(walked for them), which is served from 127.0.0.1. Each page is loaded in a headless browser with the extension, waits for
the network to go idle, and the mode is toggled as the toolbar button would.

  --browser chromium|firefox   the browser (default chromium: /usr/bin/chromium; firefox: /usr/bin/firefox-esr)
  --mode reader|declutter      reader view (default) or in-place declutter
  --format text|markdown|html|jsonl
                               reader: the view's text, its Markdown, the article HTML;
                               declutter: the page's visible text, or its HTML (no markdown);
                               jsonl: one object per page (default: text)
  --screenshot DIR             save a PNG of each page as shown (reader: the view; declutter: the whole page)
  --wait MS                    wait this much longer once the network is idle (default 0)
  --timeout MS                 fail a page that takes longer to load or to toggle (default 30000)
  --compare                    also run the CLI on the same static HTML and report where they differ
  --cli PATH                   the CLI for --compare (default: target/release or target/debug declutter, then PATH)
  --local-only                 the browser reaches 127.0.0.1 only (other hosts do not resolve)

jsonl: {"file", the CLI's jsonl fields (the core's result on the live DOM; "html" only in reader
mode), "url", "browser", "mode", "shown": {hidden, duplicates, site_boilerplate} (blocks the page
shows hidden), "visible_text" (declutter), "screenshot", "timings": {load, settle, toggle,
screenshot, total} in ms, "notes", "compare", "error"}. Exit status: 0 when every page worked,
1 when any failed, 2 for a usage or set-up error.`;
}

class UsageError extends Error {}

function parse(argv) {
  let a;
  try {
    a = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        browser: { type: 'string', default: 'chromium' },
        mode: { type: 'string', default: 'reader' },
        format: { type: 'string', default: 'text' },
        screenshot: { type: 'string' },
        wait: { type: 'string', default: '0' },
        timeout: { type: 'string', default: '30000' },
        compare: { type: 'boolean', default: false },
        cli: { type: 'string' },
        'local-only': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new UsageError(e.message);
  }
  const o = a.values;
  if (o.help) return { help: true };
  const oneOf = (name, list) => {
    if (!list.includes(o[name])) throw new UsageError(`--${name} must be one of ${list.join(', ')}, not ${o[name]}`);
    return o[name];
  };
  const ms = (name) => {
    const v = Number(o[name]);
    if (!Number.isFinite(v) || v < 0 || o[name].trim() === '') throw new UsageError(`--${name} takes milliseconds, not ${o[name]}`);
    return v;
  };
  const opts = {
    browser: oneOf('browser', BROWSERS),
    mode: oneOf('mode', MODES),
    format: oneOf('format', FORMATS),
    screenshot: o.screenshot ?? null,
    wait: ms('wait'),
    timeout: ms('timeout') || 30_000,
    compare: o.compare,
    cli: o.cli ?? process.env.DECLUTTER_CLI ?? null,
    localOnly: o['local-only'],
    targets: a.positionals,
  };
  if (opts.mode === 'declutter' && opts.format === 'markdown') {
    throw new UsageError('--format markdown is the reader view\'s ("Copy Markdown"): use --mode reader');
  }
  if (opts.targets.length === 0) throw new UsageError('no TARGET given');
  return opts;
}

// ---- The extension for this run -----------------------------------------------------------------

/** Match patterns for the hosts the run visits: host access to exactly those. */
function hostPatterns(pages) {
  const hosts = new Set(pages.filter((p) => p.url).map((p) => new URL(p.url).hostname));
  return [...hosts].sort().map((h) => `*://${h}/*`);
}

/** The test build for `browser`, built first (`npm run build`) when this checkout has none. */
function builtTest(browser) {
  const dist = browser === 'chromium' ? DIST_TEST_CHROME : DIST_TEST_FIREFOX;
  if (!existsSync(path.join(dist, 'manifest.json'))) {
    process.stderr.write(`${NAME}: ${path.relative(ROOT, dist)} is missing: building the extension (npm run build)\n`);
    const r = spawnSync(process.execPath, [path.join(ROOT, 'extension/build/build.mjs')], { cwd: ROOT, stdio: ['ignore', 2, 2] });
    if (r.status !== 0 || !existsSync(path.join(dist, 'manifest.json'))) throw new Error(`the build failed; run \`npm run build\` and see its output`);
  }
  return dist;
}

/**
 * A copy of the test build whose host access is `patterns`, in a temporary folder. The test
 * build is the release build plus 127.0.0.1 host access and, for Firefox, the page bridge
 * (content/test-bridge.js) through which automation reaches the background. Here the bridge
 * runs on the run's hosts in Firefox and is left out in Chromium, whose service worker
 * automation reaches directly.
 */
function extensionFor(browser, patterns) {
  const dist = builtTest(browser);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'declutter-ext-'));
  cpSync(dist, dir, { recursive: true });
  const file = path.join(dir, 'manifest.json');
  const m = JSON.parse(readFileSync(file, 'utf8'));
  const testHosts = JSON.stringify([...(m.host_permissions ?? [])].sort());
  // The test build's own content scripts are those that run on its test hosts.
  const bridge = (c) => JSON.stringify([...c.matches].sort()) === testHosts;
  m.content_scripts = (m.content_scripts ?? []).filter((c) => !bridge(c) || browser === 'firefox').map((c) => (bridge(c) ? { ...c, matches: patterns } : c));
  if (m.content_scripts.length === 0) delete m.content_scripts;
  m.host_permissions = patterns;
  m.name = m.name.replace(/ \(test build\)$/, '') + ' (browser command)';
  writeFileSync(file, JSON.stringify(m, null, 2));
  return dir;
}

// ---- The browsers ---------------------------------------------------------------------------------

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** Rejects with `message` after `ms` (and `work` is left to its own end). */
function within(work, ms, message) {
  let timer;
  return Promise.race([work, new Promise((_, fail) => (timer = setTimeout(() => fail(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}

/**
 * One browser for the run: {open() -> tab, alive(), close()} (the caller starts another after
 * a crash). A tab: {page, crash (rejects if the page crashes), goto, status, idle, toggle, screenshot}.
 */
async function startBrowser(browser, extension, localOnly) {
  if (browser === 'chromium') {
    const b = await launchChromium({ extension, localOnly, viewport: VIEWPORT });
    let alive = true;
    b.context.on('close', () => (alive = false));
    return {
      alive: () => alive,
      close: () => b.close().catch(() => {}),
      async open() {
        const page = await b.context.newPage();
        let crashed;
        const crash = new Promise((_, fail) => (crashed = fail));
        crash.catch(() => {});
        page.on('crash', () => crashed(new Error('the page crashed')));
        return {
          page,
          crash,
          goto: (url, timeout) => page.goto(url, { waitUntil: 'load', timeout }),
          status: (res) => (res ? [res.status(), res.statusText()] : [200, '']),
          idle: (timeout) => page.waitForLoadState('networkidle', { timeout }),
          async toggle(mode) {
            const tabId = await chromiumTabId(b.worker, page.url());
            return chromiumToggle(b.worker, tabId, mode, { extraction: true });
          },
          screenshot: (file, fullPage, timeout) => page.screenshot({ path: file, fullPage, timeout }),
        };
      },
    };
  }
  const b = await launchFirefox({ extension, localOnly });
  let alive = true;
  b.browser.on('disconnected', () => (alive = false));
  return {
    alive: () => alive,
    close: () => b.close().catch(() => {}),
    async open() {
      const page = await b.browser.newPage();
      await page.setViewport(VIEWPORT);
      let crashed;
      const crash = new Promise((_, fail) => (crashed = fail));
      crash.catch(() => {});
      page.on('error', (e) => crashed(new Error(`the page crashed (${e.message})`)));
      return {
        page,
        crash,
        goto: (url, timeout) => page.goto(url, { waitUntil: 'load', timeout }),
        status: (res) => (res ? [res.status(), res.statusText()] : [200, '']),
        idle: (timeout) => page.waitForNetworkIdle({ idleTime: IDLE_MS, timeout }),
        toggle: (mode) => firefoxToggle(page, mode, { extraction: true }),
        screenshot: (file, fullPage) => page.screenshot({ path: file, fullPage }),
      };
    },
  };
}

// What is read from the page once the mode is on (in the page, so in each browser alike).
// The reader view lives in an open shadow root under #declutter-reader (README, "Load the
// extension"); what it shows is its header (title, byline, site, reading time) and article.
function readShown(mode) {
  if (mode === 'declutter') return { text: document.body?.innerText ?? '', html: document.documentElement.outerHTML };
  const root = document.getElementById('declutter-reader')?.shadowRoot;
  if (!root) return null;
  const part = (sel) => root.querySelector(sel)?.innerText.trim() ?? '';
  return { text: [part('header'), part('article')].filter(Boolean).join('\n\n') };
}

// ---- One page -------------------------------------------------------------------------------------

/** A file name for the page's screenshot, unique in the run. */
function shotName(page, used) {
  const base =
    (page.file ? page.name : page.name.replace(/^https?:\/\//i, ''))
      .replace(/^[./\\]+/, '')
      .replace(/\.html?(\.gz)?$/i, '')
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 120) || 'page';
  let name = `${base}.png`;
  for (let n = 2; used.has(name); n++) name = `${base}-${n}.png`;
  used.add(name);
  return name;
}

/**
 * Visits one page; resolves to {record, output, line} where `record` is its jsonl object,
 * `output` what the text formats print and `line` the status; a failure sets record.error.
 */
async function visit(session, page, opts, allowed, shots) {
  const t0 = performance.now();
  const timings = {};
  const notes = [];
  const lap = (name, since) => (timings[name] = Math.round(performance.now() - since));
  let tab;
  try {
    tab = await within(session.open(), opts.timeout, `timeout: no new tab in ${opts.timeout / 1000} s`);
  } catch (e) {
    // A browser that cannot open a tab is started again for the next page.
    return { error: `the browser could not open a tab: ${e.message.split('\n')[0]}`, restart: true, timings, notes };
  }
  try {
    const run = async () => {
      let t = performance.now();
      let res;
      try {
        res = await tab.goto(page.url, opts.timeout);
      } catch (e) {
        if (/timeout|timed out/i.test(e.message)) throw new Error(`timeout: the page did not load in ${opts.timeout / 1000} s`, { cause: e });
        throw new Error(`could not load: ${e.message.split('\n')[0]}`, { cause: e });
      }
      lap('load', t);
      const [status, text] = tab.status(res);
      if (status >= 400) throw new Error(`HTTP ${status}${text ? ` ${text}` : ''}`);
      const final = tab.page.url();
      if (!allowed.has(new URL(final).hostname)) {
        throw new Error(`redirected to ${final}: this run has host access to ${[...allowed].join(', ')} only (give that URL instead)`);
      }
      // Settle: the live DOM, not the static HTML, is what is read.
      t = performance.now();
      try {
        await tab.idle(SETTLE_MAX_MS);
      } catch {
        notes.push(`the network was still busy after ${SETTLE_MAX_MS / 1000} s: the page was read as it was then`);
      }
      if (opts.wait) await sleep(opts.wait);
      lap('settle', t);
      t = performance.now();
      const r = await within(tab.toggle(opts.mode), opts.timeout, `timeout: the ${opts.mode} toggle did not answer in ${opts.timeout / 1000} s`);
      lap('toggle', t);
      const shown = await within(tab.page.evaluate(readShown, opts.mode), opts.timeout, 'timeout: reading the page');
      if (!r?.active) throw new Error(`the toggle left ${opts.mode} mode off`);
      if (!shown) throw new Error('the reader view was gone once the toggle answered (removed by the page?)');
      if (opts.screenshot) {
        t = performance.now();
        const file = path.join(opts.screenshot, shotName(page, shots));
        // The reader view is a fixed layer over the page: the screen shows it; declutter
        // changes the whole page.
        await within(tab.screenshot(file, opts.mode === 'declutter', opts.timeout), opts.timeout, 'timeout: the screenshot');
        lap('screenshot', t);
        page.screenshot = file;
      }
      return { r, shown, final };
    };
    const { r, shown, final } = await Promise.race([run(), tab.crash]);
    timings.toggle_core = r.extraction?.ms;
    timings.total = Math.round(performance.now() - t0);
    return { r, shown, final, timings, notes };
  } catch (e) {
    timings.total = Math.round(performance.now() - t0);
    return { error: e.message.split('\n')[0], timings, notes };
  } finally {
    await within(tab.page.close(), 10_000, 'close').catch(() => {});
  }
}

/** The CLI's jsonl fields: the core's result on the live page (null when there is none). */
function coreOf(page, opts, v) {
  if (!v.r?.extraction) return null;
  // The Markdown is not in the CLI's jsonl; the article HTML only when the mode asked for it
  // (the reader does, in-place declutter does not).
  const { markdown: _md, html, ...rest } = v.r.extraction;
  return { file: page.name, ...rest, ...(opts.mode === 'reader' ? { html } : {}) };
}

/** The jsonl object: the CLI's fields first, then the browser's. */
function recordOf(page, opts, v, core) {
  const rec = { ...(core ?? { file: page.name }) };
  Object.assign(rec, { url: v.final ?? page.url ?? null, browser: opts.browser, mode: opts.mode });
  if (v.r) rec.shown = { hidden: v.r.hidden, duplicates: v.r.duplicates, site_boilerplate: v.r.siteBoilerplate ?? 0 };
  if (v.shown && opts.mode === 'declutter') rec.visible_text = v.shown.text;
  if (page.screenshot) rec.screenshot = page.screenshot;
  const { toggle_core: _core, ...timings } = v.timings ?? {};
  rec.timings = timings;
  if (v.notes?.length) rec.notes = v.notes;
  return rec;
}

// ---- Output ---------------------------------------------------------------------------------------

/** Stderr lines, and a progress line on a terminal kept below them. */
function reporter(total) {
  const tty = process.stderr.isTTY && total > 1;
  let progress = '';
  const clear = () => progress && process.stderr.write('\r\x1b[K');
  return {
    line(s) {
      clear();
      process.stderr.write(`${s}\n`);
      if (progress) process.stderr.write(progress);
    },
    progress(done, name) {
      if (!tty) return;
      clear();
      const width = Math.max(10, (process.stderr.columns || 80) - 30);
      const shown = name.length > width ? `\u2026${name.slice(-width + 1)}` : name;
      progress = `[${done + 1}/${total}] ${shown}`;
      process.stderr.write(progress);
    },
    done() {
      clear();
      progress = '';
    },
  };
}

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function statusLine(page, opts, v) {
  if (v.error) return `FAIL ${page.name}: ${v.error}`;
  const e = v.r.extraction ?? {};
  const t = v.timings;
  const counts = [
    `${e.words ?? v.r.words} words`,
    `${plural(v.r.hidden, 'hidden block')}`,
    `${plural(v.r.duplicates, 'duplicate')}`,
    ...(v.r.siteBoilerplate ? [`${v.r.siteBoilerplate} site boilerplate`] : []),
  ].join(', ');
  const times = [
    `load ${t.load} ms`,
    `settle ${t.settle} ms`,
    `toggle ${t.toggle} ms (core ${Math.round(t.toggle_core ?? 0)} ms)`,
    ...(t.screenshot !== undefined ? [`screenshot ${t.screenshot} ms`] : []),
  ].join(', ');
  const title = e.title ? ` "${e.title.length > 60 ? `${e.title.slice(0, 59)}\u2026` : e.title}"` : '';
  return `ok   ${page.name} [${opts.mode}]${title}: ${counts}; ${times}${v.notes.length ? `; ${v.notes.join('; ')}` : ''}`;
}

/** What a text format prints for a page that worked. */
function textOutput(opts, v) {
  if (opts.format === 'markdown') return v.r.extraction?.markdown ?? '';
  if (opts.format === 'html') return opts.mode === 'reader' ? (v.r.extraction?.html ?? '') : v.shown.html;
  return v.shown.text;
}

function write(s) {
  return new Promise((ok) => {
    if (!process.stdout.write(s)) process.stdout.once('drain', ok);
    else ok();
  });
}

// ---- Main -----------------------------------------------------------------------------------------

export async function main(argv) {
  let opts;
  try {
    opts = parse(argv);
  } catch (e) {
    process.stderr.write(`${NAME}: ${e.message}\n\n${usage()}\n`);
    return 2;
  }
  if (opts.help) {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  const started = performance.now();
  let pages, serveLocal;
  try {
    // The targets are found as the CLI finds them, by the core's list of page file names
    // (extension/pkg/contracts.js, which the build writes).
    builtTest(opts.browser);
    const targets = await import('./targets.mjs');
    pages = targets.expand(opts.targets);
    serveLocal = targets.serveLocal;
  } catch (e) {
    process.stderr.write(`${NAME}: ${e.message}\n`);
    return 2;
  }
  const cleanup = [];
  const onSignal = () => {
    for (const f of cleanup.reverse()) f();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let session = null;
  try {
    let cli = null;
    if (opts.compare) cli = findCli(opts.cli);
    if (opts.screenshot) mkdirSync(opts.screenshot, { recursive: true });
    const server = await serveLocal(pages);
    if (server) cleanup.push(() => server.close());
    const patterns = hostPatterns(pages);
    const allowed = new Set(pages.filter((p) => p.url).map((p) => new URL(p.url).hostname));
    const extension = patterns.length ? extensionFor(opts.browser, patterns) : null;
    if (extension) cleanup.push(() => rmSync(extension, { recursive: true, force: true }));
    const report = reporter(pages.length);
    const headers = pages.length > 1 && opts.format !== 'jsonl';
    const shots = new Set();
    let failed = 0;
    const firstVisit = pages.findIndex((p) => !p.error);
    for (const [i, page] of pages.entries()) {
      report.progress(i, page.name);
      let v;
      if (page.error) v = { error: page.error, timings: {}, notes: [] };
      else {
        if (session && !session.alive()) {
          report.line(`${NAME}: the browser stopped; starting it again`);
          await session.close();
          session = null;
        }
        if (!session) {
          try {
            session = await startBrowser(opts.browser, extension, opts.localOnly);
          } catch (e) {
            // Not at all: a set-up problem (exit 2). Again after a crash: this page fails.
            if (i === firstVisit) throw new Error(`${opts.browser} did not start: ${e.message.split('\n')[0]}`, { cause: e });
            v = { error: `${opts.browser} did not start again: ${e.message.split('\n')[0]}`, timings: {}, notes: [] };
          }
        }
        if (session) {
          v = await visit(session, page, opts, allowed, shots);
          if (!v.error && v.r.extraction?.is_article === false) v.error = 'no article found';
          if (!session.alive()) v.error = `the browser crashed${v.error ? ` (${v.error})` : ''}`;
          if (v.restart) {
            await session.close();
            session = null;
          }
        }
      }
      const core = coreOf(page, opts, v);
      const rec = recordOf(page, opts, v, core);
      let compared = null;
      if (cli && core) {
        const c = await cliResult(cli, page, opts);
        compared = c.error ? { error: c.error } : compareExtractions(core, c);
        rec.compare = { cli: cli, ...compared };
      }
      if (v.error) {
        failed++;
        rec.error = v.error;
      }
      report.line(statusLine(page, opts, v));
      if (opts.format === 'jsonl') await write(`${JSON.stringify(rec)}\n`);
      else if (!v.error || compared) {
        let out = headers ? `==> ${page.name} <==\n` : '';
        if (!v.error) out += `${textOutput(opts, v).replace(/\n*$/, '\n')}`;
        if (compared) {
          const lines = compared.error ? [`not compared: ${compared.error}`] : compareLines(compared);
          out += `--- compare: browser (live DOM) vs CLI (static HTML) ---\n${lines.join('\n')}\n`;
        }
        await write(headers ? `${out}\n` : out);
      }
    }
    report.done();
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    process.stderr.write(
      failed ? `${NAME}: ${failed} of ${plural(pages.length, 'page')} failed (${secs} s)\n` : `${NAME}: ${plural(pages.length, 'page')} in ${secs} s\n`,
    );
    return failed ? 1 : 0;
  } catch (e) {
    process.stderr.write(`${NAME}: ${e.message}\n`);
    return 2;
  } finally {
    await session?.close();
    for (const f of cleanup.reverse()) await f();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

// Run as a script: `node extension/tools/extract-browser.mjs`, npm's script or its bin link.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.on('error', (e) => {
    // Stdout closed (piped into `head`): stop quietly, like other tools.
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  process.exitCode = await main(process.argv.slice(2));
}
