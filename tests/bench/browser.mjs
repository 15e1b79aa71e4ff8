// The extension's speed in headless Chromium, on real article pages served from 127.0.0.1.
// Prints figures; asserts nothing (timings are never test assertions).
//
//   npm run bench:browser                       # 60 pages of 100 KiB - 1 MiB, spread over sizes
//   npm run bench:browser -- --all              # every page in the size range
//   npm run bench:browser -- --limit 30 DIR     # pages from DIR (any .html/.htm under it)
//   npm run bench:browser -- --toggles 1        # fresh tabs per page for (a) (default 3)
//   BENCH_VERBOSE=1 npm run bench:browser       # one line per page
//
// Pages (read by path, never copied): ../shared/corpus/readability/*/source.html and
// ../shared/corpus/trafilatura-dev/html/*.html of 100 KiB - 1 MiB. Each is served on its own
// port (site memory keys sites by host:port, so unrelated pages never share one) with
// `Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'`, so the page's own
// scripts stay off and nothing is fetched from elsewhere (same DOM each run, no network); any
// request that still leaves 127.0.0.1 is aborted.
//
// Per page, in fresh tabs of the test build (dist/test/chrome, `npm run build` first):
//  (a) toggle -> reader painted: the page asks the background to toggle the reader view
//      through the test bridge (content/test-bridge.js, as the keyboard command would reach
//      declutter.toggle); the clock starts when the request is posted and stops after the
//      first frame that shows #declutter-reader (requestAnimationFrame, then the next task,
//      which runs once that frame's style, layout and paint are done). Same clock, the page's.
//      Median per page over --toggles fresh tabs; the figures are median and p95 over pages.
//  (b) longest main-thread task during that toggle: PerformanceObserver 'longtask' entries
//      (tasks over 50 ms) and, for shorter ones, the largest gap seen by a setTimeout(0)
//      heartbeat in the page (a gap = a task that held the thread, plus <= 4 ms of timer clamp);
//      then once more under a DevTools trace, for each task's CPU time (see tracedToggle).
//  (c) extraction on the live page, ours vs Readability.js in the same tab: ours = the content
//      script's snapshot as a toggle reads it (the injection of the content scripts, whose
//      result is the snapshot: one round trip) + the core's extractSnapshot in the background; theirs = `new Readability(document.cloneNode(true)).parse()` run in the
//      page (@mozilla/readability from node_modules, evaluated in the page). Median of 3 each.
// The first toggle of the run (wasm instantiation) is reported on its own, not in the figures.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { chromiumTabId, launchChromium, ROOT } from '../e2e/lib/browsers.mjs';

const MIN_BYTES = 100 * 1024;
const MAX_BYTES = 1024 * 1024;
const DEFAULT_LIMIT = 60;
const REPEAT = 3;
const CSP = "default-src 'none'; style-src 'unsafe-inline'";
// Targets from issue #5.
const TARGET_P95_MS = 50;
const TARGET_TASK_MS = 50;
const TARGET_RATIO = 5;

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const limitAt = args.indexOf('--limit');
const togglesAt = args.indexOf('--toggles');
const TOGGLES = togglesAt >= 0 ? Number(args[togglesAt + 1]) : 3;
const limit = flag('--all') ? Infinity : limitAt >= 0 ? Number(args[limitAt + 1]) : DEFAULT_LIMIT;
const dirs = args.filter((a, i) => !a.startsWith('--') && !['--limit', '--toggles'].includes(args[i - 1]));

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
  const sources = [];
  const rdir = path.join(shared, 'readability');
  const tdir = path.join(shared, 'trafilatura-dev/html');
  try {
    for (const c of readdirSync(rdir)) sources.push(path.join(rdir, c, 'source.html'));
    for (const f of readdirSync(tdir)) if (f.endsWith('.html')) sources.push(path.join(tdir, f));
  } catch {
    return null;
  }
  return sources;
}

const all = dirs.length ? dirs.flatMap((d) => walk(path.resolve(d))) : corpusPages();
if (!all) {
  console.log('bench:browser skipped: ../shared/corpus (readability, trafilatura-dev) not found beside the repo; pass a folder of pages instead');
  process.exit(0);
}
let pages = all
  .filter((f) => {
    try {
      const n = statSync(f).size;
      return n >= MIN_BYTES && n <= MAX_BYTES;
    } catch {
      return false;
    }
  })
  .map((f) => ({ file: f, bytes: statSync(f).size }))
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

// Each page on its own port: site memory keys sites by host:port, so unrelated pages never
// count as pages of one site (which would hide their blocks as site boilerplate).
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

// Installed in the page before the toggle: paint detection, long tasks, heartbeat.
function watch() {
  const b = { paint: null, inserted: null, longtasks: [], gaps: [], stop: false };
  window.__bench = b;
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) b.longtasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask' });
  let last = performance.now();
  const beat = () => {
    const t = performance.now();
    b.gaps.push([last, t - last]);
    last = t;
    if (!b.stop) setTimeout(beat, 0);
  };
  setTimeout(beat, 0);
  const mo = new MutationObserver(() => {
    if (!document.getElementById('declutter-reader')) return;
    mo.disconnect();
    b.inserted = performance.now();
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        b.paint = performance.now();
      };
      ch.port2.postMessage(0);
    });
  });
  mo.observe(document.documentElement, { childList: true });
}

// The test bridge's request, as the page-side trigger; resolves to the toggle's result.
function bridgeToggle(mode) {
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
    if (window.__bench && mode === 'reader') window.__bench.start = performance.now();
    window.postMessage({ declutterTest: { id, mode } }, '*');
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

const chrome = await launchChromium();
await chrome.context.route(
  (u) => u.hostname !== '127.0.0.1',
  (r) => r.abort(),
);

// (b) again, in CPU time: a second fresh tab per page toggles the reader under a DevTools
// trace; the page renderer's main-thread tasks (toplevel RunTask events) give each task's wall
// time (`dur`) and the CPU time its thread actually got (`tdur`). On a loaded machine a task
// can wait for a core in the middle; the CPU time is what the page's own work cost.
async function tracedToggle(i) {
  const page = await chrome.context.newPage();
  const served = await servePage(pages[i]);
  try {
    await page.goto(served.url, { waitUntil: 'load', timeout: 60_000 });
    await page.evaluate(watch);
    const cdp = await chrome.context.newCDPSession(page);
    const events = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
    const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
    await cdp.send('Tracing.start', { categories: 'toplevel,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
    await page.evaluate(bridgeToggle, 'reader');
    await page.waitForFunction(() => window.__bench.paint !== null, null, { timeout: 30_000 });
    await cdp.send('Tracing.end');
    await done;
    await cdp.detach();
    // The page's renderer: the process whose frame shows our URL.
    const started = events.find((e) => e.name === 'TracingStartedInBrowser');
    const frame = started?.args?.data?.frames?.find((f) => f.url?.startsWith(served.url));
    const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === frame?.processId);
    if (!main) return null;
    const tasks = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.cat.includes('toplevel') && e.dur !== undefined);
    return {
      wall: Math.max(0, ...tasks.map((e) => e.dur / 1000)),
      cpu: Math.max(0, ...tasks.map((e) => (e.tdur ?? e.dur) / 1000)),
    };
  } finally {
    await page.close();
    served.close();
  }
}

async function measure(i, { extract = true } = {}) {
  const page = await chrome.context.newPage();
  const served = await servePage(pages[i]);
  const url = served.url;
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    const tabId = await chromiumTabId(chrome.worker, url);
    await page.evaluate(watch);
    await page.waitForTimeout(50);
    const r = await page.evaluate(bridgeToggle, 'reader');
    await page.waitForFunction(() => window.__bench.paint !== null, null, { timeout: 30_000 });
    const b = await page.evaluate(() => {
      const x = window.__bench;
      x.stop = true;
      return { start: x.start, paint: x.paint, inserted: x.inserted, longtasks: x.longtasks, gaps: x.gaps };
    });
    const during = (s, d) => s + d > b.start && s < b.paint;
    const longest = Math.max(0, ...b.longtasks.filter(([s, d]) => during(s, d)).map(([, d]) => d));
    const gap = Math.max(0, ...b.gaps.filter(([s, d]) => during(s, d)).map(([, d]) => d));
    await page.evaluate(bridgeToggle, 'reader'); // back to the page
    const toggled = { toggleMs: b.paint - b.start, insertMs: b.inserted - b.start, bgMs: r.ms, longest: Math.max(longest, gap), longtask: longest };
    if (!extract) return toggled;
    // (c) extraction, ours (background + content script) and Readability's (page), same tab.
    const ours = [];
    const theirs = [];
    await page.evaluate(`${READABILITY}\n;window.__Readability = Readability;`);
    for (let k = 0; k < REPEAT; k++) {
      ours.push(
        await chrome.worker.evaluate(async (id) => {
          const core = await globalThis.declutterTest.loadCore();
          const t0 = performance.now();
          const snap = await globalThis.declutterTest.snapshot(id);
          const t1 = performance.now();
          const opts = { html: true, dedupe: true, budget_ms: 2000, max_nodes: 1_500_000 };
          // The compact form {url, text, ints}; a build before it sent the JSON text.
          if (typeof snap === 'string') core.extractSnapshot(snap, opts);
          else core.extractSnapshot(snap.text, snap.ints, { ...opts, url: snap.url });
          const t2 = performance.now();
          const chars = typeof snap === 'string' ? snap.length : snap.text.length + snap.ints.length;
          return { total: t2 - t0, snapshot: t1 - t0, core: t2 - t1, chars };
        }, tabId),
      );
      theirs.push(
        await page.evaluate(() => {
          const t0 = performance.now();
          const a = new window.__Readability(document.cloneNode(true)).parse();
          return { ms: performance.now() - t0, ok: Boolean(a) };
        }),
      );
    }
    const mid = (k) => median(ours.map((o) => o[k]));
    return { ...toggled, ours: mid('total'), snap: mid('snapshot'), core: mid('core'), chars: ours[0].chars, theirs: median(theirs.map((t) => t.ms)) };
  } finally {
    await page.close();
    served.close();
  }
}

console.log(
  `bench:browser: ${pages.length} pages of ${MIN_BYTES / 1024} KiB - ${MAX_BYTES / 1024} KiB (median ${(median(pages.map((p) => p.bytes)) / 1024).toFixed(0)} KiB), headless Chromium, test build`,
);
const rows = [];
const started = Date.now();
// The first toggle of the run instantiates the wasm core: reported, then measured again.
const cold = await measure(0);
console.log(`first toggle of the run (wasm instantiated on the way): ${cold.toggleMs.toFixed(1)} ms to paint`);
for (let i = 0; i < pages.length; i++) {
  try {
    // Each page toggled in TOGGLES fresh tabs: per page, the median (one slow moment of a
    // loaded machine should not stand for the page); the last tab also measures extraction.
    const ts = [];
    for (let k = 0; k < TOGGLES; k++) ts.push(await measure(i, { extract: k === TOGGLES - 1 }));
    const mid = (k) => median(ts.map((t) => t[k]));
    const m = { ...ts.at(-1), toggleMs: mid('toggleMs'), insertMs: mid('insertMs'), bgMs: mid('bgMs'), longest: mid('longest'), longtask: mid('longtask') };
    const tr = await tracedToggle(i);
    rows.push({ ...m, taskWall: tr?.wall ?? NaN, taskCpu: tr?.cpu ?? NaN, bytes: pages[i].bytes, file: pages[i].file });
  } catch (e) {
    console.log(`  skipped ${path.relative(ROOT, pages[i].file)}: ${e.message.split('\n')[0]}`);
  }
  if (process.env.BENCH_VERBOSE) {
    const r = rows.at(-1);
    console.log(
      `  ${(r.bytes / 1024).toFixed(0).padStart(5)} KiB  toggle ${r.toggleMs.toFixed(1)} (insert ${r.insertMs.toFixed(1)}, bg ${r.bgMs.toFixed(1)})  task ${r.longest.toFixed(0)} (traced ${r.taskWall.toFixed(0)} wall, ${r.taskCpu.toFixed(0)} cpu)  ours ${r.ours.toFixed(1)} (snap ${r.snap.toFixed(1)} core ${r.core.toFixed(1)})  readability ${r.theirs.toFixed(1)}  ${path.relative(ROOT, r.file)}`,
    );
  }
}
await chrome.close();

const f = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-').padStart(7);
const maxOf = (xs) => Math.max(...xs.filter(Number.isFinite));
const COLS = [
  ['n', (rs) => String(rs.length).padStart(7)],
  ['paint50', (rs) => f(median(rs.map((r) => r.toggleMs)))],
  [
    'paint95',
    (rs) =>
      f(
        pct(
          rs.map((r) => r.toggleMs),
          95,
        ),
      ),
  ],
  ['task', (rs) => f(maxOf(rs.map((r) => r.longest)))],
  ['>50ms', (rs) => String(rs.filter((r) => r.longtask > TARGET_TASK_MS).length).padStart(7)],
  ['taskcpu', (rs) => f(maxOf(rs.map((r) => r.taskCpu)))],
  ['cpu>50', (rs) => String(rs.filter((r) => r.taskCpu > TARGET_TASK_MS).length).padStart(7)],
  ['core50', (rs) => f(median(rs.map((r) => r.core)))],
  ['ours50', (rs) => f(median(rs.map((r) => r.ours)))],
  ['rdb50', (rs) => f(median(rs.map((r) => r.theirs)))],
  ['ratio', (rs) => f(median(rs.map((r) => r.theirs / r.ours)))],
  ['r.core', (rs) => f(median(rs.map((r) => r.theirs / r.core)))],
];
const line = (label, rs) => rs.length && console.log(`${label.padEnd(13)}${COLS.map(([, c]) => c(rs)).join(' ')}`);
console.log(
  `\n${rows.length} pages in ${((Date.now() - started) / 1000).toFixed(0)} s; times in ms; load average ${(await import('node:os'))
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${(await import('node:os')).cpus().length} cores`,
);
console.log(`${'pages'.padEnd(13)}${COLS.map(([h]) => h.padStart(7)).join(' ')}`);
line(
  '100-250 KiB',
  rows.filter((r) => r.bytes < 250 * 1024),
);
line(
  '250-500 KiB',
  rows.filter((r) => r.bytes >= 250 * 1024 && r.bytes < 500 * 1024),
);
line(
  '500-1024 KiB',
  rows.filter((r) => r.bytes >= 500 * 1024),
);
line('all', rows);
console.log(
  `  paint50/95: toggle -> reader painted, median/p95. task: longest main-thread task in the page during the toggle (wall);\n` +
    `  >50ms: pages with a 'longtask' entry; taskcpu, cpu>50: the same from a trace, in CPU time (a second toggle per page).\n` +
    `  core50: extractSnapshot alone; ours50: live snapshot round trip + core; rdb50: Readability(document.cloneNode(true)).parse()\n` +
    `  in the same tab; ratio: median per page of rdb / ours; r.core: of rdb / core.`,
);
const parts = rows.map((r) => [r.insertMs, r.toggleMs - r.insertMs, r.snap, r.core]);
console.log(
  `  where the toggle goes (medians): request -> reader inserted ${median(parts.map((p) => p[0])).toFixed(1)} ms (snapshot round trip ${median(parts.map((p) => p[2])).toFixed(1)}, core ${median(parts.map((p) => p[3])).toFixed(1)}), inserted -> painted ${median(parts.map((p) => p[1])).toFixed(1)} ms; snapshot median ${(median(rows.map((r) => r.chars)) / 1024).toFixed(0)} K chars`,
);
const worst = (k, label) =>
  console.log(
    `  slowest by ${label}: ${[...rows]
      .sort((a, b) => b[k] - a[k])
      .slice(0, 3)
      .map(
        (r) =>
          `${path.basename(path.dirname(r.file)) === 'html' ? path.basename(r.file) : path.basename(path.dirname(r.file))} (${(r.bytes / 1024).toFixed(0)} KiB) ${r[k].toFixed(0)} ms`,
      )
      .join(', ')}`,
  );
worst('toggleMs', 'toggle');
worst('taskCpu', 'task CPU');
const t = rows.map((r) => r.toggleMs);
const ratioAll = median(rows.map((r) => r.theirs / r.ours));
const cpuOver = rows.filter((r) => r.taskCpu > TARGET_TASK_MS).length;
console.log(
  `\ntargets: toggle->paint p95 ${pct(t, 95).toFixed(1)} ms (<= ${TARGET_P95_MS}: ${pct(t, 95) <= TARGET_P95_MS ? 'met' : 'NOT met'}); ` +
    `tasks over ${TARGET_TASK_MS} ms: ${rows.filter((r) => r.longtask > TARGET_TASK_MS).length} pages by wall time, ${cpuOver} by CPU time (none: ${cpuOver === 0 ? 'met in CPU time' : 'NOT met'}); ` +
    `Readability / ours median ${ratioAll.toFixed(1)}x (>= ${TARGET_RATIO}x: ${ratioAll >= TARGET_RATIO ? 'met' : 'NOT met'})`,
);
