// Installs what `npm start` and `npm test` need and is missing, the ordinary way:
// rustup for the wasm target, cargo for wasm-bindgen-cli (the exact version Cargo.lock pins),
// apt for the browsers, chromedriver and the speech voices, npm ci for node_modules. Nothing is fetched from
// anywhere else. Every step first checks whether it is needed, so a ready machine pays ~1 s.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// `cargo install` puts binaries in $CARGO_HOME/bin (~/.cargo/bin by default); make sure this
// process and its children find them even when that folder is not on PATH yet.
const CARGO_BIN = path.join(process.env.CARGO_HOME ?? path.join(os.homedir(), '.cargo'), 'bin');
if (!(process.env.PATH ?? '').split(path.delimiter).includes(CARGO_BIN)) {
  process.env.PATH = [process.env.PATH, CARGO_BIN].filter(Boolean).join(path.delimiter);
}

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMEDRIVER = '/usr/bin/chromedriver';
export const FIREFOX = '/usr/bin/firefox-esr';

const log = (msg) => console.log(`[setup] ${msg}`);

/** Runs a command with inherited output; throws with the command line when it fails. */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...opts });
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

/** Output of a command, or null when it cannot run. */
function probe(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** The exact wasm-bindgen version Cargo.lock pins (the CLI must match it byte for byte). */
export function lockedWasmBindgenVersion() {
  const lock = readFileSync(path.join(ROOT, 'Cargo.lock'), 'utf8');
  const m = lock.match(/\[\[package\]\]\s*\nname = "wasm-bindgen"\s*\nversion = "([^"]+)"/);
  if (!m) throw new Error('Cargo.lock has no wasm-bindgen package; run `cargo generate-lockfile`');
  return m[1];
}

export function ensureWasmTarget() {
  const installed = probe('rustup', ['target', 'list', '--installed']);
  if (installed === null) {
    // No rustup (a distro toolchain): trust that the target exists; cargo says clearly if not.
    log('rustup not found; assuming the wasm32-unknown-unknown target is available');
    return;
  }
  if (installed.split('\n').includes('wasm32-unknown-unknown')) return;
  log('adding the wasm32-unknown-unknown target');
  run('rustup', ['target', 'add', 'wasm32-unknown-unknown']);
}

export function ensureWasmBindgen() {
  const want = lockedWasmBindgenVersion();
  const have = probe('wasm-bindgen', ['--version']);
  const runner = probe('wasm-bindgen-test-runner', ['--version']);
  if (have === `wasm-bindgen ${want}` && runner !== null && runner.includes(want)) return;
  log(`installing wasm-bindgen-cli ${want} (have: ${have ?? 'none'}; takes a few minutes)`);
  run('cargo', ['install', 'wasm-bindgen-cli', '--version', want]);
}

function asRoot(cmd, args) {
  if (process.getuid?.() === 0) run(cmd, args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  else run('sudo', ['env', 'DEBIAN_FRONTEND=noninteractive', cmd, ...args]);
}

/**
 * Chromium, its driver and Firefox ESR from Debian's archive, and the system voices the browsers
 * read aloud with on Linux (speech-dispatcher with espeak-ng; the reader's read-aloud tests speak
 * through them, tests/e2e/lib/speech.mjs), when any is missing.
 */
export function ensureBrowsers() {
  const want = [
    [CHROMIUM, 'chromium'],
    [CHROMEDRIVER, 'chromium-driver'],
    [FIREFOX, 'firefox-esr'],
    ['/usr/bin/speech-dispatcher', 'speech-dispatcher'],
    ['/usr/lib/speech-dispatcher-modules/sd_espeak-ng', 'speech-dispatcher-espeak-ng'],
    ['/usr/bin/espeak-ng', 'espeak-ng'],
  ];
  const missing = want.filter(([bin]) => !existsSync(bin)).map(([, pkg]) => pkg);
  if (missing.length === 0) return;
  log(`installing ${missing.join(', ')} with apt-get`);
  asRoot('apt-get', ['update']);
  asRoot('apt-get', ['install', '-y', '--no-install-recommends', ...missing]);
}

/**
 * `npm ci` when node_modules is missing or older than package-lock.json. A node_modules that
 * is a symlink (a worktree sharing another checkout's install) is left alone: `npm ci` would
 * wipe the shared tree.
 */
export function ensureNodeModules() {
  const nm = path.join(ROOT, 'node_modules');
  const stamp = path.join(nm, '.package-lock.json');
  const lock = path.join(ROOT, 'package-lock.json');
  if (existsSync(nm) && lstatSync(nm).isSymbolicLink()) return;
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= statSync(lock).mtimeMs) return;
  log('installing npm packages (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

/** Everything the build needs (Rust side + npm packages). */
export function setupBuild() {
  ensureNodeModules();
  ensureWasmTarget();
  ensureWasmBindgen();
}

/** Everything `npm test` needs. */
export function setupTest() {
  setupBuild();
  ensureBrowsers();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const what = process.argv[2] ?? 'test';
  if (what === 'build') setupBuild();
  else setupTest();
  log('ready');
}
