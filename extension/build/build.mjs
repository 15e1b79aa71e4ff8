// Builds the core for wasm32 and assembles the extensions and the playground:
//   target/wasm32-unknown-unknown/wasm/declutter.wasm   (cargo, profile `wasm`, once per package)
//   extension/pkg/ (the snapshot input only) and www/pkg/ (both inputs)
//                                                      (wasm-bindgen --target web, then wasm-opt)
//   extension/pkg/contracts.js                         (the core's definitions the scripts share)
//   extension/pkg/warmup.js                            (the demo page's snapshot: the core's warm-up)
//   dist/chrome/, dist/firefox/ + dist/declutter-<browser>-<version>.zip
//   dist/test/chrome/, dist/test/firefox/             (the same plus what e2e tests need, below)
//   dist/www/                                          (the playground, served by `npm start`)
//
// The scripts are bundled (esbuild): one file per entry point, each holding the modules it
// imports, so the content script, the background, the options page and the playground share
// modules (the page walk, the reader, the message protocol) instead of copies. One manifest
// template (extension/manifest.json) becomes each browser's manifest here.
// Usage: node extension/build/build.mjs [--skip-wasm]

import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { writeContracts } from './contracts.mjs';
import { writeIcons } from './icons.mjs';
import { writeWarmup } from './warmup.mjs';
import { ROOT, run, setupBuild } from './setup.mjs';
import { zipDir } from './zip.mjs';

const EXT = path.join(ROOT, 'extension');
const WWW = path.join(ROOT, 'www');
const PKG = path.join(EXT, 'pkg');
const DIST = path.join(ROOT, 'dist');
export const DIST_CHROME = path.join(DIST, 'chrome');
export const DIST_FIREFOX = path.join(DIST, 'firefox');
export const DIST_TEST_CHROME = path.join(DIST, 'test', 'chrome');
export const DIST_TEST_FIREFOX = path.join(DIST, 'test', 'firefox');
export const DIST_WWW = path.join(DIST, 'www');
const GECKO_ID = 'declutter@declutter.invalid';
// The first Firefox (desktop and Android) that knows data_collection_permissions; it also
// grants MV3 host permissions at install and runs module background scripts.
const GECKO_MIN = '142.0';
// The browsers the bundles are written for (the manifest's minimum Firefox; Chromium of the
// same time).
const TARGETS = ['chrome130', 'firefox142'];
// The extension's entry points, one bundle each: [source, output, format]. Content scripts
// are classic scripts (an IIFE each); content/start.js has no wrapper, because its last
// statement's value is the injection's result.
const EXT_ENTRIES = [
  ['background/main.js', 'background/main.js', 'esm'],
  ['content/main.js', 'content/content.js', 'iife'],
  ['content/start.js', 'content/start.js', 'esm'],
  ['content/probe.js', 'content/probe.js', 'iife'],
  ['options/options.js', 'options/options.js', 'esm'],
  ['options/site-rules.js', 'options/site-rules.js', 'esm'],
];
// Files copied as they are.
const EXT_STATIC = ['options/options.html', 'options/options.css', 'pkg/declutter_bg.wasm'];
// The test build may read 127.0.0.1 pages without a user gesture (activeTab needs one) and
// carries the page-to-background bridge the Firefox tests drive the API through.
const TEST_HOSTS = ['*://127.0.0.1/*'];
const TEST_BRIDGE = 'content/test-bridge.js';
// The reader's legible font (reader/fonts.js): the package's faces and its licence (SIL Open
// Font License), copied into fonts/ of the extension and the playground.
const FONT_PACKAGE = path.join(ROOT, 'node_modules/@fontsource/atkinson-hyperlegible');
const log = (msg) => console.log(`[build] ${msg}`);

// The two wasm packages: one core, built with different Cargo features. The extension only
// ever sends the live page's snapshot, so its package leaves out the HTML input (the HTML
// parser and the charset tables, about half the module); the playground takes HTML bytes too.
const WASM_PACKAGES = [
  { out: PKG, features: [] },
  { out: path.join(WWW, 'pkg'), features: ['html'] },
];

/** Copies the legible font's faces and licence into `out`/fonts. */
function copyFonts(out) {
  const dir = path.join(out, 'fonts');
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(path.join(FONT_PACKAGE, 'files')).filter((f) => f.endsWith('.woff2'))) {
    cpSync(path.join(FONT_PACKAGE, 'files', f), path.join(dir, f));
  }
  cpSync(path.join(FONT_PACKAGE, 'LICENSE'), path.join(dir, 'OFL.txt'));
}

export async function buildWasm() {
  setupBuild();
  const wasm = path.join(ROOT, 'target/wasm32-unknown-unknown/wasm/declutter.wasm');
  // The features rustc's wasm32 target emits by default; wasm-opt must accept them.
  const wasmFeatures = ['bulk-memory', 'nontrapping-float-to-int', 'sign-ext', 'mutable-globals', 'reference-types', 'multivalue'];
  for (const { out, features } of WASM_PACKAGES) {
    const cargoFeatures = ['--no-default-features', ...(features.length ? ['--features', features.join(',')] : [])];
    const args = ['build', '--lib', '--target', 'wasm32-unknown-unknown', '--profile', 'wasm', ...cargoFeatures];
    log(`cargo ${args.join(' ')}`);
    run('cargo', args);
    rmSync(out, { recursive: true, force: true });
    run('wasm-bindgen', ['--target', 'web', '--out-dir', out, '--out-name', 'declutter', wasm]);
    const bg = path.join(out, 'declutter_bg.wasm');
    const before = readFileSync(bg).length;
    run(path.join(ROOT, 'node_modules/.bin/wasm-opt'), ['-Os', ...wasmFeatures.map((f) => `--enable-${f}`), bg, '-o', bg]);
    const after = readFileSync(bg);
    log(
      `${path.relative(ROOT, out)}: ${(before / 1024).toFixed(0)} KiB -> ${(after.length / 1024).toFixed(0)} KiB after wasm-opt, ` +
        `${(gzipSync(after, { level: 9 }).length / 1000).toFixed(0)} KB gzipped`,
    );
  }
  log(`${path.relative(ROOT, await writeContracts(PKG))} from the core`);
  log(`${path.relative(ROOT, await writeWarmup(PKG))} from the demo page`);
}

/** The browser's manifest from the template. */
export function manifestFor(browser, { test = false } = {}) {
  const m = JSON.parse(readFileSync(path.join(EXT, 'manifest.json'), 'utf8'));
  m.version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  if (browser === 'chrome') {
    m.background = { service_worker: 'background/main.js', type: 'module' };
  } else {
    m.background = { scripts: ['background/main.js'], type: 'module' };
    // The extension collects and sends no data at all.
    m.browser_specific_settings = {
      gecko: { id: GECKO_ID, strict_min_version: GECKO_MIN, data_collection_permissions: { required: ['none'] } },
    };
  }
  if (test) {
    m.name += ' (test build)';
    m.host_permissions = TEST_HOSTS;
    m.content_scripts = [{ matches: TEST_HOSTS, js: [TEST_BRIDGE], run_at: 'document_start' }];
  }
  return m;
}

/**
 * Bundles `entries` ([source, output, format]) from `from` into `out` with esbuild; `test`
 * sets the build flag __TEST__ (test-only code is dropped from the release build).
 */
async function bundle(entries, from, out, { test }) {
  const esbuild = await import('esbuild');
  for (const format of ['esm', 'iife']) {
    const entryPoints = entries.filter(([, , f]) => f === format).map(([src, dst]) => ({ in: path.join(from, src), out: dst.replace(/\.js$/, '') }));
    if (!entryPoints.length) continue;
    await esbuild.build({
      entryPoints,
      outdir: out,
      bundle: true,
      format,
      target: TARGETS,
      define: { __TEST__: String(test) },
      // Dead branches (`if (__TEST__)` in a release build) go; names and layout stay readable.
      minifySyntax: true,
      loader: { '.css': 'text' },
      charset: 'utf8',
      logLevel: 'warning',
    });
  }
}

async function assemble(browser, out, opts) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  if (!existsSync(path.join(PKG, 'contracts.js'))) throw new Error(`missing ${PKG}/contracts.js (build the wasm first)`);
  await bundle(opts.test ? [...EXT_ENTRIES, [TEST_BRIDGE, TEST_BRIDGE, 'iife']] : EXT_ENTRIES, EXT, out, opts);
  for (const f of EXT_STATIC) cpSync(path.join(EXT, f), path.join(out, f));
  copyFonts(out);
  mkdirSync(path.join(out, 'icons'));
  writeIcons(path.join(out, 'icons'));
  writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifestFor(browser, opts), null, 2) + '\n');
}

/**
 * The playground in dist/www: its page, styles, demos and the wasm package as they are; its
 * scripts bundled (they import the extension's page walk and reader view).
 */
export async function buildPlayground() {
  rmSync(DIST_WWW, { recursive: true, force: true });
  for (const f of ['index.html', 'style.css', 'demos', 'declutter-readability.js', 'pkg']) {
    cpSync(path.join(WWW, f), path.join(DIST_WWW, f), { recursive: true });
  }
  copyFonts(DIST_WWW);
  const esbuild = await import('esbuild');
  await esbuild.build({
    // walk.js: the page walk on its own, for tests that run it in the playground's page.
    entryPoints: [path.join(WWW, 'app.js'), path.join(WWW, 'worker.js'), { in: path.join(EXT, 'content/walk.js'), out: 'walk' }],
    outdir: DIST_WWW,
    bundle: true,
    splitting: true,
    format: 'esm',
    target: TARGETS,
    define: { __TEST__: 'false' },
    minifySyntax: true,
    loader: { '.css': 'text' },
    charset: 'utf8',
    logLevel: 'warning',
  });
  log(path.relative(ROOT, DIST_WWW) + '/');
}

export async function buildExtensions() {
  const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  for (const [browser, out, testOut] of [
    ['chrome', DIST_CHROME, DIST_TEST_CHROME],
    ['firefox', DIST_FIREFOX, DIST_TEST_FIREFOX],
  ]) {
    await assemble(browser, out, { test: false });
    await assemble(browser, testOut, { test: true });
    const zip = path.join(DIST, `declutter-${browser}-${version}.zip`);
    zipDir(out, zip);
    log(`${path.relative(ROOT, out)}/ and ${path.relative(ROOT, zip)}`);
  }
}

export async function build({ wasm = true } = {}) {
  if (wasm) await buildWasm();
  else setupBuild();
  await buildExtensions();
  await buildPlayground();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await build({ wasm: !process.argv.includes('--skip-wasm') });
}
