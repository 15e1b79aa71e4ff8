// `npm test`: every check the project has, in order, each step's output shown as it runs.
//   1. setup: installs what is missing (extension/build/setup.mjs)
//   2. cargo fmt --check, cargo clippy --all-targets -- -D warnings, cargo test
//   2b. the Python package: built into a virtualenv under target/ and tested (tests/python/run.mjs)
//   3. build: wasm core + dist/ (extension/build/build.mjs)
//   3b. js: the scripts' type check (tsc --checkJs, tsconfig.json), lint (eslint) and format
//       (prettier --check; `npx prettier --write` with the same globs fixes it)
//   4. the core's dual tests again under wasm32 in headless Chromium
//      (cargo test --target wasm32-unknown-unknown; see tests/wasm.rs for how to make a test dual),
//      and the browser-only ones: tests/live_dom.rs gives the core the browser's own DOM of each
//      fixture, read by the extension's page walk, and checks both inputs give one result
//   5. web-ext lint on dist/firefox (errors fail; warnings are shown)
//   6. browser end-to-end tests: node --test over tests/e2e/*.mjs (helpers live in tests/e2e/lib/)
// A failing step does not stop the later ones (one run shows every problem); the exit code is
// non-zero when any step failed, and a summary closes the output.
//
// Usage: node tests/run.mjs [--only step,step]   (steps: fmt clippy test python build js wasm lint e2e)

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { build, buildWasm } from '../extension/build/build.mjs';
import { CHROMEDRIVER, ROOT, setupTest } from '../extension/build/setup.mjs';
import { runPythonTests } from './python/run.mjs';

const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? new Set(process.argv[onlyArg + 1].split(',')) : null;

function sh(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, env: { ...process.env, ...env } });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

// The JavaScript prettier keeps formatted (config in package.json, exceptions in .prettierignore).
const JS_FILES = ['extension/**/*.{js,mjs}', 'www/*.{js,mjs}', 'tests/**/*.mjs', '*.mjs'];

/** Runs the commands at once (each [cmd, args]); rejects naming those that failed. */
async function shAll(cmds) {
  const runs = cmds.map(
    ([cmd, args]) =>
      new Promise((ok) => {
        const p = spawn(cmd, args, { stdio: 'inherit', cwd: ROOT });
        p.on('error', (e) => ok(`${cmd}: ${e.message}`));
        p.on('close', (code, signal) => ok(code === 0 ? null : `${path.basename(cmd)} ${args.join(' ')} exited with ${code ?? signal}`));
      }),
  );
  const failed = (await Promise.all(runs)).filter(Boolean);
  if (failed.length) throw new Error(failed.join('; '));
}

const e2eFiles = () =>
  readdirSync(path.join(ROOT, 'tests/e2e'))
    .filter((f) => f.endsWith('.mjs'))
    .sort()
    .map((f) => path.join('tests/e2e', f));

const STEPS = [
  ['fmt', () => sh('cargo', ['fmt', '--check'])],
  [
    'clippy',
    () => {
      sh('cargo', ['clippy', '--all-targets', '--', '-D', 'warnings']);
      // The extension's build: the core without the HTML input (feature html).
      sh('cargo', ['clippy', '--lib', '--no-default-features', '--', '-D', 'warnings']);
    },
  ],
  ['test', () => sh('cargo', ['test'])],
  ['python', () => runPythonTests()],
  ['build', () => build()],
  // After the build: the scripts import the module it generates from the core (extension/pkg/contracts.js).
  [
    'js',
    () =>
      shAll([
        [path.join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json']],
        [path.join(ROOT, 'node_modules/.bin/eslint'), ['.']],
        [path.join(ROOT, 'node_modules/.bin/prettier'), ['--check', '--log-level', 'warn', ...JS_FILES]],
      ]),
  ],
  [
    'wasm',
    async () => {
      // tests/live_dom.rs imports the page walk, and with it the contracts module the build
      // writes from the core: built first when a run has only this step.
      if (!existsSync(path.join(ROOT, 'extension/pkg/contracts.js'))) await buildWasm();
      // --no-default-features leaves out the native-only CLI binary (see Cargo.toml); the
      // tests compare both inputs, so the HTML input (feature html) is in.
      sh('cargo', ['test', '--target', 'wasm32-unknown-unknown', '--no-default-features', '--features', 'html', '--test', '*'], {
        CHROMEDRIVER,
      });
    },
  ],
  ['lint', () => sh(path.join(ROOT, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', 'dist/firefox', '--no-config-discovery'])],
  ['e2e', () => sh(process.execPath, ['--test', '--test-reporter=spec', ...e2eFiles()])],
];

const started = Date.now();
const results = [];
try {
  setupTest();
} catch (e) {
  console.error(`[test] setup failed: ${e.message}`);
  process.exit(1);
}
for (const [name, step] of STEPS) {
  if (only && !only.has(name)) continue;
  if (name !== 'build' && results.some((r) => r.name === 'build' && !r.ok) && ['js', 'wasm', 'lint', 'e2e'].includes(name)) {
    results.push({ name, ok: false, secs: 0, error: 'skipped: the build failed' });
    continue;
  }
  console.log(`\n[test] ===== ${name} =====`);
  const t = Date.now();
  try {
    await step();
    results.push({ name, ok: true, secs: (Date.now() - t) / 1000 });
  } catch (e) {
    results.push({ name, ok: false, secs: (Date.now() - t) / 1000, error: e.message });
  }
}
console.log('\n[test] ===== summary =====');
for (const r of results) {
  console.log(`[test] ${r.ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(7)} ${r.secs.toFixed(1).padStart(6)} s${r.error ? `  ${r.error}` : ''}`);
}
const failed = results.filter((r) => !r.ok).length;
console.log(`[test] ${failed ? `${failed} step(s) failed` : 'all steps passed'} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(failed ? 1 : 0);
