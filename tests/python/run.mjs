// The Python package's step of `npm test`: a virtualenv under target/ (never the system's
// site-packages) with the pinned tools from PyPI, the package built by maturin as a wheel and
// installed into it, then pytest over tests/python/ (API vs CLI on every fixture, WARC reading
// with broken records, a Dask run on a local two-worker cluster).
//
// The virtualenv is made once and its packages installed again only when PYTHON_TOOLS changes,
// so a ready machine pays for the wheel build and the tests alone.
//
// Usage: node tests/python/run.mjs   (or `node tests/run.mjs --only python`)
//        node tests/python/run.mjs --bench [-- ARGS]   (`npm run bench:python`: a release wheel and
//        trafilatura in the same virtualenv, then tests/bench/python_crawl.py ARGS)

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VENV = path.join(ROOT, 'target/python-venv');
const BIN = path.join(VENV, 'bin');
const WHEELS = path.join(ROOT, 'target/python-wheels');
// What the build and the tests need, pinned (the package itself needs nothing at run time).
const PYTHON_TOOLS = ['maturin==1.16.0', 'pytest==9.2.0', 'dask==2026.8.0', 'distributed==2026.8.0'];

const log = (msg) => console.log(`[python] ${msg}`);

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, env: { ...process.env, ...env } });
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

const works = (cmd, args) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;

/** python3 with the venv module (Debian ships it apart, as python3-venv). */
function ensureVenvModule() {
  if (works('python3', ['-c', 'import venv, ensurepip'])) return;
  log('installing python3-venv (Debian)');
  const apt = (args) =>
    process.getuid?.() === 0
      ? run('apt-get', args, { DEBIAN_FRONTEND: 'noninteractive' })
      : run('sudo', ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args]);
  apt(['update', '-q']);
  apt(['install', '-y', '-q', 'python3-venv']);
}

export function ensureVenv() {
  const stamp = path.join(VENV, 'declutter-tools.txt');
  const want = PYTHON_TOOLS.join('\n');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  ensureVenvModule();
  if (!existsSync(path.join(BIN, 'python'))) {
    log(`creating ${path.relative(ROOT, VENV)}`);
    run('python3', ['-m', 'venv', VENV]);
  }
  log(`installing ${PYTHON_TOOLS.join(' ')}`);
  run(path.join(BIN, 'python'), ['-m', 'pip', 'install', '-q', '--disable-pip-version-check', ...PYTHON_TOOLS]);
  writeFileSync(stamp, want);
}

// The peer the benchmark compares with (not needed by the tests). trafilatura 2.3's justext
// needs lxml_html_clean with current lxml.
const BENCH_TOOLS = ['trafilatura==2.3.1', 'lxml_html_clean'];

/** Builds the wheel (by default the dev profile: a fast build; the tests are small) and installs it. */
export function buildAndInstall(profile = 'dev') {
  rmSync(WHEELS, { recursive: true, force: true });
  run(path.join(BIN, 'maturin'), ['build', '--profile', profile, '--out', WHEELS, '--interpreter', path.join(BIN, 'python')], {
    VIRTUAL_ENV: VENV,
  });
  const wheel = readdirSync(WHEELS).find((f) => f.endsWith('.whl'));
  if (!wheel) throw new Error(`maturin left no wheel in ${WHEELS}`);
  run(path.join(BIN, 'python'), ['-m', 'pip', 'install', '-q', '--disable-pip-version-check', '--force-reinstall', '--no-deps', path.join(WHEELS, wheel)]);
}

export function runPythonTests() {
  // The bindings are outside `cargo clippy --all-targets` (another feature set): linted here.
  run('cargo', ['clippy', '--lib', '--no-default-features', '--features', 'python', '--', '-D', 'warnings']);
  ensureVenv();
  buildAndInstall();
  // The CLI the tests compare with (the `test` step has usually built it already).
  run('cargo', ['build', '--bin', 'declutter']);
  run(path.join(BIN, 'python'), ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'tests/python'], {
    DECLUTTER_BIN: path.join(ROOT, 'target/debug/declutter'),
  });
}

export function runBench(args) {
  ensureVenv();
  run(path.join(BIN, 'python'), ['-m', 'pip', 'install', '-q', '--disable-pip-version-check', ...BENCH_TOOLS]);
  buildAndInstall('release');
  run(path.join(BIN, 'python'), ['tests/bench/python_crawl.py', ...args]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const bench = process.argv.indexOf('--bench');
    if (bench > 0) runBench(process.argv.slice(bench + 1).filter((a) => a !== '--'));
    else runPythonTests();
  } catch (e) {
    console.error(`[python] ${e.message}`);
    process.exit(1);
  }
}
