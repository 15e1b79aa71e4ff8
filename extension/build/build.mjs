// Builds the core for wasm32 and assembles the extensions:
//   target/wasm32-unknown-unknown/wasm/declutter.wasm   (cargo, profile `wasm`, once per package)
//   extension/pkg/ (door 2 only) and www/pkg/ (both doors)   (wasm-bindgen --target web, then wasm-opt)
//   dist/chrome/, dist/firefox/ + dist/declutter-<browser>-<version>.zip
//   dist/test/chrome/, dist/test/firefox/             (the same plus what e2e tests need, below)
//
// One manifest template (extension/manifest.json) becomes each browser's manifest here.
// Usage: node extension/build/build.mjs [--skip-wasm]

import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { writeIcons } from './icons.mjs';
import { ROOT, run, setupBuild } from './setup.mjs';
import { zipDir } from './zip.mjs';

const EXT = path.join(ROOT, 'extension');
const DIST = path.join(ROOT, 'dist');
export const DIST_CHROME = path.join(DIST, 'chrome');
export const DIST_FIREFOX = path.join(DIST, 'firefox');
export const DIST_TEST_CHROME = path.join(DIST, 'test', 'chrome');
export const DIST_TEST_FIREFOX = path.join(DIST, 'test', 'firefox');
const GECKO_ID = 'declutter@declutter.invalid';
// The first Firefox (desktop and Android) that knows data_collection_permissions; it also
// grants MV3 host permissions at install and runs module background scripts.
const GECKO_MIN = '142.0';
// Folders copied into each extension, one per execution context (plus the wasm package).
const FOLDERS = ['background', 'content', 'reader', 'options', 'pkg'];
// The test build may read 127.0.0.1 pages without a user gesture (activeTab needs one) and
// carries the page-to-background bridge the Firefox tests drive the API through.
const TEST_HOSTS = ['*://127.0.0.1/*'];
const TEST_BRIDGE = 'content/test-bridge.js';

const log = (msg) => console.log(`[build] ${msg}`);

// The two wasm packages: one core, built with different Cargo features. The extension only
// ever sends the live page's snapshot (door 2), so its package leaves out door 1 (the HTML
// parser and the charset tables, about half the module); the playground takes HTML bytes too.
const WASM_PACKAGES = [
  { out: path.join(EXT, 'pkg'), features: [] },
  { out: path.join(ROOT, 'www', 'pkg'), features: ['html'] },
];

export function buildWasm() {
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
    run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', out, '--out-name', 'declutter', wasm]);
    const bg = path.join(out, 'declutter_bg.wasm');
    const before = readFileSync(bg).length;
    run(path.join(ROOT, 'node_modules/.bin/wasm-opt'), ['-Os', ...wasmFeatures.map((f) => `--enable-${f}`), bg, '-o', bg]);
    const after = readFileSync(bg);
    log(
      `${path.relative(ROOT, out)}: ${(before / 1024).toFixed(0)} KiB -> ${(after.length / 1024).toFixed(0)} KiB after wasm-opt, ` +
        `${(gzipSync(after, { level: 9 }).length / 1000).toFixed(0)} KB gzipped`,
    );
  }
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

function assemble(browser, out, opts) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const f of FOLDERS) {
    const src = path.join(EXT, f);
    if (!existsSync(src)) throw new Error(`missing ${src}${f === 'pkg' ? ' (build the wasm first)' : ''}`);
    cpSync(src, path.join(out, f), {
      recursive: true,
      filter: (p) => opts.test || !p.endsWith(TEST_BRIDGE.split('/')[1]),
    });
  }
  mkdirSync(path.join(out, 'icons'));
  writeIcons(path.join(out, 'icons'));
  writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifestFor(browser, opts), null, 2) + '\n');
}

export function buildExtensions() {
  const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  for (const [browser, out, testOut] of [
    ['chrome', DIST_CHROME, DIST_TEST_CHROME],
    ['firefox', DIST_FIREFOX, DIST_TEST_FIREFOX],
  ]) {
    assemble(browser, out, { test: false });
    assemble(browser, testOut, { test: true });
    const zip = path.join(DIST, `declutter-${browser}-${version}.zip`);
    zipDir(out, zip);
    log(`${path.relative(ROOT, out)}/ and ${path.relative(ROOT, zip)}`);
  }
}

export function build({ wasm = true } = {}) {
  if (wasm) buildWasm();
  buildExtensions();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  build({ wasm: !process.argv.includes('--skip-wasm') });
}
