// The extension's toggles as a reader meets them, in headless Chromium and Firefox ESR, on real
// article pages served from 127.0.0.1. Prints figures; asserts nothing (timings are never
// test assertions).
//
//   npm run build && npm run bench:browser      # 60 pages of 100 KiB - 1 MiB, both browsers
//   npm run bench:browser -- --browser firefox  # one browser (chromium | firefox)
//   npm run bench:browser -- --limit 20 DIR     # pages from DIR (any .html/.htm under it)
//   npm run bench:browser -- --all              # every page in the size range
//   BENCH_VERBOSE=1 npm run bench:browser       # one line per page
//
// Pages (read by path, never copied): ../shared/corpus/readability/*/source.html and
// ../shared/corpus/trafilatura-dev/html/*.html of 100 KiB - 1 MiB, spread over sizes. Each is
// served on its own port (site memory keys sites by host:port, so unrelated pages never share
// one) with `Content-Security-Policy: default-src 'none'; script-src 'wasm-unsafe-eval'; style-src 'unsafe-inline'`: the page's
// own scripts stay off and nothing is fetched from elsewhere (the same DOM each run).
//
// Per page, in one tab of the test build (dist/test/*), for each mode (reader, then declutter):
//  cold: the background is stopped first, as the browser stops it after a pause (Chromium
//        stops an idle MV3 service worker after about 30 s; Firefox suspends an idle
//        background after its `extensions.background.idle.timeout`). Forced here: Chromium's
//        DevTools protocol stops the worker (ServiceWorker.stopWorker); Firefox runs with that
//        timeout at IDLE_MS and the bench waits it out. The toggle then starts the background,
//        which instantiates the wasm core. Each cold toggle is checked to have met a new
//        background (its performance.timeOrigin, asked through the test bridge, changed).
//  warm: the same toggle again right after (background running, core instantiated).
// Each toggle is requested from the page through the test bridge (content/test-bridge.js, as
// a keyboard command reaches declutter.toggle) and timed on the page's clock:
//  - resolved: until the toggle's promise resolved (its answer reached the page);
//  - painted: until the end of the first frame that shows the result (reader: the frame after
//    #declutter-reader is inserted; declutter: the frame after the toggle resolved, when the
//    page's clutter is hidden), found with requestAnimationFrame and the next task.
//  - longest task: the longest main-thread task in the page during the toggle, from
//    `longtask` entries (Chromium) and the largest gap of a setTimeout(0) heartbeat (both; a
//    gap is a task plus <= 4 ms of timer clamp, in wall time, so a loaded machine inflates it).
//    In Chromium, one more warm reader toggle per page runs under a DevTools trace, for each
//    renderer task's CPU time (what the page's own work cost, waiting for a core aside).
// And in the same tab, for reference: `new Readability(document.cloneNode(true)).parse()`
// (@mozilla/readability from node_modules), median of 3.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { DIST_TEST_CHROME, DIST_TEST_FIREFOX, ROOT } from '../e2e/lib/browsers.mjs';
import { launchChromium, launchFirefox } from '../../extension/tools/browsers.mjs';

const MIN_BYTES = 100 * 1024;
const MAX_BYTES = 1024 * 1024;
const DEFAULT_LIMIT = 60;
// No script of the page runs and nothing is fetched; WebAssembly is allowed, as on most pages
// (in Chromium a page's CSP governs a content script's wasm too).
const CSP = "default-src 'none'; script-src 'wasm-unsafe-eval'; style-src 'unsafe-inline'";
// Firefox's background idle timeout here, and how long the bench waits for the suspension.
const IDLE_MS = 1000;
const IDLE_WAIT_MS = 2500;
// Targets: toggle resolved, p90 over pages; no main-thread task over TARGET_TASK_MS.
const TARGET_COLD_P90_MS = 150;
const TARGET_WARM_P90_MS = 60;
const TARGET_TASK_MS = 50;
const READABILITY_RUNS = 3;
// The toggles measured per page and mode, as a reader meets them.
const STARTS = ['cold', 'next', 'warm'];
const START_LABELS = {
  cold: 'cold: new page, background stopped',
  next: 'new page, background running',
  warm: 'warm: same page again',
};

const args = process.argv.slice(2);
const valueOf = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const limit = args.includes('--all') ? Infinity : Number(valueOf('--limit') ?? DEFAULT_LIMIT);
const browsers = valueOf('--browser') ? [valueOf('--browser')] : ['chromium', 'firefox'];
// Another test build to measure (a copy of dist/test, with chrome/ and firefox/ in it), for
// A/B runs of two versions at the same time on a shared machine.
const build = valueOf('--build') && path.resolve(valueOf('--build'));
const dirs = args.filter((a, i) => !a.startsWith('--') && !['--limit', '--browser', '--build'].includes(args[i - 1]));

function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.html?$/i.test(e.name) && e.name !== 'expected.html') out.push(p);
  }
  return out;
}

function corpusPages() {
  const shared = path.resolve(ROOT, '../shared/corpus');
  const rdir = path.join(shared, 'readability');
  const tdir = path.join(shared, 'trafilatura-dev/html');
  try {
    return [
      ...readdirSync(rdir).map((c) => path.join(rdir, c, 'source.html')),
      ...readdirSync(tdir)
        .filter((f) => f.endsWith('.html'))
        .map((f) => path.join(tdir, f)),
    ];
  } catch {
    return null;
  }
}

const all = dirs.length ? dirs.flatMap((d) => walk(path.resolve(d))) : corpusPages();
if (!all) {
  console.log('bench:browser skipped: ../shared/corpus (readability, trafilatura-dev) not found beside the repo; pass a folder of pages instead');
  process.exit(0);
}
const sizeOf = (f) => {
  try {
    return statSync(f).size;
  } catch {
    return 0;
  }
};
let pages = all
  .map((f) => ({ file: f, bytes: sizeOf(f) }))
  .filter((p) => p.bytes >= MIN_BYTES && p.bytes <= MAX_BYTES)
  .sort((a, b) => a.bytes - b.bytes || a.file.localeCompare(b.file));
if (!pages.length) {
  console.log('bench:browser: no page of 100 KiB - 1 MiB found');
  process.exit(0);
}
// Spread the chosen pages evenly over the size-sorted list.
if (pages.length > limit) {
  const step = pages.length / limit;
  pages = Array.from({ length: limit }, (_, i) => pages[Math.floor(i * step)]);
}

async function servePage(p) {
  const server = createServer((req, res) => {
    if (!req.url.startsWith('/page.html')) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': CSP });
    res.end(readFileSync(p.file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}/page.html`, close: () => server.close() };
}

const READABILITY = readFileSync(path.join(ROOT, 'node_modules/@mozilla/readability/Readability.js'), 'utf8');

// In the page: asks the background (test bridge) for `call` and resolves to its answer.
function bridge(call) {
  return new Promise((ok, fail) => {
    const id = `${Date.now()}-${Math.random()}`;
    const onReply = (e) => {
      const r = e.data?.declutterTestReply;
      if (!r || r.id !== id) return;
      window.removeEventListener('message', onReply);
      if (r.error) fail(new Error(r.error));
      else ok(r.ok);
    };
    window.addEventListener('message', onReply);
    window.postMessage({ declutterTest: { id, ...call } }, '*');
  });
}

// In the page: one toggle of `mode`, timed (see the top of this file); needs `bridge` in the
// page as window.__benchBridge.
async function timedToggle(mode) {
  const frame = () =>
    new Promise((ok) =>
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => ok(performance.now());
        ch.port2.postMessage(0);
      }),
    );
  const longtasks = [];
  // No Long Tasks API in Firefox: the heartbeat alone there.
  const observer = PerformanceObserver.supportedEntryTypes?.includes('longtask')
    ? new PerformanceObserver((l) => longtasks.push(...l.getEntries().map((e) => [e.startTime, e.duration])))
    : null;
  observer?.observe({ type: 'longtask' });
  const gaps = [];
  let beating = true;
  let last = performance.now();
  const beat = () => {
    const t = performance.now();
    gaps.push([last, t - last]);
    last = t;
    if (beating) setTimeout(beat, 0);
  };
  setTimeout(beat, 0);
  let shown = null;
  const inserted = new Promise((ok) => {
    if (mode !== 'reader') return;
    const mo = new MutationObserver(() => {
      if (!document.getElementById('declutter-reader')) return;
      mo.disconnect();
      ok(performance.now());
    });
    mo.observe(document.documentElement, { childList: true });
    shown = mo;
  });
  await new Promise((ok) => setTimeout(ok, 20)); // the heartbeat runs before the request
  const start = performance.now();
  const reply = window.__benchBridge({ mode });
  const painted = mode === 'reader' ? inserted.then(frame) : reply.then(frame);
  const result = await reply;
  const resolved = performance.now();
  const paint = await Promise.race([painted, new Promise((ok) => setTimeout(() => ok(NaN), 30_000))]);
  shown?.disconnect();
  beating = false;
  observer?.disconnect();
  const end = Math.max(resolved, Number.isFinite(paint) ? paint : resolved);
  const during = ([s, d]) => s + d > start && s < end;
  return {
    resolved: resolved - start,
    painted: paint - start,
    longtask: Math.max(0, ...longtasks.filter(during).map(([, d]) => d)),
    gap: Math.max(0, ...gaps.filter(during).map(([, d]) => d)),
    active: result?.active === true,
    bgMs: result?.ms ?? NaN,
    phases: result?.phases ?? null,
  };
}

/** The browser, with the same few calls for both. */
async function launch(name) {
  if (name === 'chromium') {
    const chrome = await launchChromium({ extension: build ? path.join(build, 'chrome') : DIST_TEST_CHROME });
    // A DevTools session on a page sees the extension's service worker and can stop it.
    const helper = await chrome.context.newPage();
    const cdp = await chrome.context.newCDPSession(helper);
    const versions = new Map();
    cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
      for (const v of e.versions) if (v.scriptURL.startsWith(chrome.extOrigin)) versions.set(v.versionId, v.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
    return {
      newPage: () => chrome.context.newPage(),
      async stopBackground() {
        for (const [id, status] of versions) if (status === 'running') await cdp.send('ServiceWorker.stopWorker', { versionId: id });
        const until = Date.now() + 10_000;
        while ([...versions.values()].some((s) => s !== 'stopped') && Date.now() < until) await new Promise((ok) => setTimeout(ok, 20));
      },
      async trace(page, run) {
        const session = await chrome.context.newCDPSession(page);
        const events = [];
        session.on('Tracing.dataCollected', (e) => events.push(...e.value));
        const done = new Promise((ok) => session.once('Tracing.tracingComplete', ok));
        await session.send('Tracing.start', { categories: 'toplevel,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
        await run();
        await session.send('Tracing.end');
        await done;
        await session.detach();
        const started = events.find((e) => e.name === 'TracingStartedInBrowser');
        const frame = started?.args?.data?.frames?.find((f) => f.url === page.url());
        const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === frame?.processId);
        if (!main) return NaN;
        const tasks = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.cat.includes('toplevel') && e.dur !== undefined);
        return Math.max(0, ...tasks.map((e) => (e.tdur ?? e.dur) / 1000));
      },
      close: () => chrome.close(),
    };
  }
  const firefox = await launchFirefox({
    extension: build ? path.join(build, 'firefox') : DIST_TEST_FIREFOX,
    prefs: { 'extensions.background.idle.timeout': IDLE_MS },
  });
  return {
    newPage: () => firefox.browser.newPage(),
    // Firefox suspends the idle background by itself once the timeout passes.
    stopBackground: () => new Promise((ok) => setTimeout(ok, IDLE_WAIT_MS)),
    trace: null,
    close: () => firefox.close(),
  };
}

async function measurePage(b, p) {
  const page = await b.newPage();
  const served = await servePage(p);
  // A new article in the tab: the page loaded again (the content script and anything it
  // holds start over), with the timing helpers in it.
  const load = async () => {
    await page.goto(served.url, { waitUntil: 'load', timeout: 60_000 });
    await page.evaluate(`window.__benchBridge = ${bridge}`);
  };
  try {
    const row = { file: p.file, bytes: p.bytes };
    for (const mode of ['reader', 'declutter']) {
      await load();
      const before = await page.evaluate(bridge, { call: 'backgroundStarted' });
      await b.stopBackground();
      const cold = await page.evaluate(timedToggle, mode);
      await page.evaluate(bridge, { mode }); // off
      const after = await page.evaluate(bridge, { call: 'backgroundStarted' });
      const warm = await page.evaluate(timedToggle, mode);
      await page.evaluate(bridge, { mode }); // off
      await load();
      const next = await page.evaluate(timedToggle, mode);
      await page.evaluate(bridge, { mode }); // off
      if (!cold.active || !warm.active || !next.active) throw new Error(`${mode} did not turn on`);
      row[mode] = { cold: { ...cold, fresh: after !== before }, warm, next };
    }
    if (b.trace) row.taskCpu = await b.trace(page, () => page.evaluate(timedToggle, 'reader').then(() => page.evaluate(bridge, { mode: 'reader' })));
    await page.evaluate(`${READABILITY}\n;window.__Readability = Readability;`);
    const runs = [];
    for (let k = 0; k < READABILITY_RUNS; k++) {
      runs.push(
        await page.evaluate(() => {
          const t0 = performance.now();
          new window.__Readability(document.cloneNode(true)).parse();
          return performance.now() - t0;
        }),
      );
    }
    row.readability = median(runs);
    return row;
  } finally {
    await page.close();
    served.close();
  }
}

const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const pct = (xs, p) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const ms = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

console.log(
  `bench:browser: ${pages.length} pages of ${MIN_BYTES / 1024} KiB - ${MAX_BYTES / 1024} KiB (median ${(median(pages.map((p) => p.bytes)) / 1024).toFixed(0)} KiB), ` +
    `headless ${browsers.join(' and ')}, test build; ${os.cpus().length} cores, load average ${load()}`,
);
const verdicts = [];
for (const name of browsers) {
  const started = Date.now();
  const loadBefore = load();
  const b = await launch(name);
  const rows = [];
  try {
    for (const p of pages) {
      try {
        const r = await measurePage(b, p);
        rows.push(r);
        if (process.env.BENCH_VERBOSE) {
          const one = (t) => `${ms(t.resolved)}/${ms(t.painted)}`;
          console.log(
            `  ${name} ${(r.bytes / 1024).toFixed(0).padStart(5)} KiB  reader cold ${one(r.reader.cold)} next ${one(r.reader.next)} warm ${one(r.reader.warm)}  ` +
              `declutter cold ${one(r.declutter.cold)} next ${one(r.declutter.next)} warm ${one(r.declutter.warm)}  readability ${ms(r.readability)}  ${path.relative(ROOT, r.file)}`,
          );
        }
      } catch (e) {
        console.log(`  ${name}: skipped ${path.relative(ROOT, p.file)}: ${e.message.split('\n')[0]}`);
      }
    }
  } finally {
    await b.close();
  }
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  const stale = rows.filter((r) => !r.reader.cold.fresh || !r.declutter.cold.fresh).length;
  console.log(
    `\n${name}: ${rows.length} pages in ${secs} s; load average ${loadBefore} before, ${load()} after${stale ? `; ${stale} cold toggles met a background that had not restarted` : ''}`,
  );
  const stat = (xs, f) => `${ms(median(xs.map(f)))} | ${ms(pct(xs.map(f), 90))} | ${ms(pct(xs.map(f), 95))}`;
  console.log('| mode | toggle | resolved median | p90 | p95 | painted median | p90 | p95 | longest task (max) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const mode of ['reader', 'declutter']) {
    for (const start of STARTS) {
      const ts = rows.map((r) => r[mode][start]);
      const task = Math.max(0, ...ts.map((t) => Math.max(t.longtask, t.gap)));
      console.log(`| ${mode} | ${START_LABELS[start]} | ${stat(ts, (t) => t.resolved)} | ${stat(ts, (t) => t.painted)} | ${ms(task)} |`);
    }
  }
  // Where the time goes (medians; the test build's toggle reports when each step ended).
  console.log('\nwhere the time goes (medians, ms; "ready" is when the core was ready and the snapshot in hand, from the toggle\'s start in the background):');
  console.log(
    '| mode | toggle | background had run | read the page | of which walk | core ready | ready | extract | show | print rules | remember | page -> background -> page |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const mode of ['reader', 'declutter']) {
    for (const start of STARTS) {
      const ts = rows.map((r) => r[mode][start]).filter((t) => t.phases);
      const ph = (f) => ms(median(ts.map((t) => f(t.phases, t))));
      console.log(
        `| ${mode} | ${START_LABELS[start]} | ${ph((x) => x.background)} | ${ph((x) => x.read)} | ${ph((x) => x.walk)} | ${ph((x) => x.core)} | ` +
          `${ph((x) => x.ready)} | ${ph((x) => x.extracted - x.ready)} | ${ph((x) => x.shown - x.extracted)} | ` +
          `${ph((x) => x.printed - x.shown)} | ${ph((x, t) => t.bgMs - x.printed)} | ${ph((x, t) => t.resolved - t.bgMs)} |`,
      );
    }
  }
  const readerWarm = rows.map((r) => r.reader.warm.painted);
  console.log(
    `Readability.js in the same tab: median ${ms(median(rows.map((r) => r.readability)))} ms, p95 ${ms(
      pct(
        rows.map((r) => r.readability),
        95,
      ),
    )} ms ` + `(warm reader painted median ${ms(median(readerWarm))} ms)`,
  );
  const longtasks = rows.filter((r) => ['reader', 'declutter'].some((m) => r[m].cold.longtask > TARGET_TASK_MS || r[m].warm.longtask > TARGET_TASK_MS)).length;
  const cpu = rows.map((r) => r.taskCpu).filter(Number.isFinite);
  if (cpu.length)
    console.log(
      `longest renderer task in CPU time (traced warm reader toggle): max ${ms(Math.max(...cpu))} ms, ${cpu.filter((c) => c > TARGET_TASK_MS).length} pages over ${TARGET_TASK_MS} ms`,
    );
  const worst = (f, label) =>
    console.log(
      `slowest by ${label}: ${[...rows]
        .sort((a, b) => f(b) - f(a))
        .slice(0, 3)
        .map(
          (r) =>
            `${path.basename(path.dirname(r.file)) === 'html' ? path.basename(r.file) : path.basename(path.dirname(r.file))} (${(r.bytes / 1024).toFixed(0)} KiB) ${ms(f(r))} ms`,
        )
        .join(', ')}`,
    );
  worst((r) => r.reader.cold.resolved, 'cold reader');
  worst((r) => r.reader.warm.resolved, 'warm reader');
  const all = (start) => rows.flatMap((r) => [r.reader[start].resolved, r.declutter[start].resolved]);
  const coldP90 = pct(all('cold'), 90);
  const warmP90 = pct(all('warm'), 90);
  const maxTask = cpu.length ? Math.max(...cpu) : NaN;
  verdicts.push(
    `${name}: cold p90 ${ms(coldP90)} ms (<= ${TARGET_COLD_P90_MS}: ${coldP90 <= TARGET_COLD_P90_MS ? 'met' : 'NOT met'}); ` +
      `warm p90 ${ms(warmP90)} ms (<= ${TARGET_WARM_P90_MS}: ${warmP90 <= TARGET_WARM_P90_MS ? 'met' : 'NOT met'}); ` +
      `tasks over ${TARGET_TASK_MS} ms: ${longtasks} pages with a longtask entry` +
      (cpu.length
        ? `, longest in CPU time ${ms(maxTask)} ms (${maxTask <= TARGET_TASK_MS ? 'met' : 'NOT met'})`
        : ', heartbeat only (Firefox has no Long Tasks API)'),
  );
}
console.log('\ntargets (toggle resolved, both modes, p90 over pages):');
for (const v of verdicts) console.log(`  ${v}`);
