// `npm run fuzz [-- SECONDS_PER_TARGET [TARGET...]]`: runs each cargo-fuzz target (libFuzzer,
// nightly toolchain) for the given time, prints executions and time per target, and copies any
// crash into tests/fuzz/regressions/<target>/ so `cargo test` replays it from then on.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const TARGETS = ['html', 'snapshot'];
const seconds = Number(process.argv[2] ?? 60);
const targets = process.argv.length > 3 ? process.argv.slice(3) : TARGETS;
if (!Number.isFinite(seconds) || seconds <= 0) {
  console.error(`fuzz: seconds per target must be a positive number, got ${process.argv[2]}`);
  process.exit(2);
}

function run(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { cwd: root, encoding: 'utf8', ...opts });
}

// Tools: the nightly toolchain and cargo-fuzz, installed the ordinary way when missing.
if (run('rustup', ['run', 'nightly', 'rustc', '--version']).status !== 0) {
  console.log('fuzz: installing the nightly toolchain (rustup)');
  if (run('rustup', ['toolchain', 'install', 'nightly', '--profile', 'minimal'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}
if (run('cargo', ['fuzz', '--version']).status !== 0) {
  console.log('fuzz: installing cargo-fuzz (cargo install, a few minutes)');
  if (run('cargo', ['install', 'cargo-fuzz'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}

let crashed = 0;
const summary = [];
for (const target of targets) {
  if (!TARGETS.includes(target)) {
    console.error(`fuzz: unknown target ${target} (targets: ${TARGETS.join(', ')})`);
    process.exit(2);
  }
  const corpus = join(here, 'corpus', target);
  const seeds = join(here, 'regressions', target);
  const artifacts = join(here, 'artifacts', target) + '/';
  mkdirSync(corpus, { recursive: true });
  mkdirSync(artifacts, { recursive: true });
  console.log(`fuzz: ${target} for ${seconds} s`);
  const r = run('cargo', ['+nightly', 'fuzz', 'run', '--fuzz-dir', 'tests/fuzz', target, corpus, seeds, '--',
    ...(target === 'html' ? [`-dict=${join(here, 'html.dict')}`] : []),
    `-max_total_time=${seconds}`, '-timeout=20', '-rss_limit_mb=4096', '-max_len=262144', `-artifact_prefix=${artifacts}`,
    '-print_final_stats=1'], { stdio: ['ignore', 'inherit', 'pipe'], maxBuffer: 1 << 28 });
  const log = r.stderr ?? '';
  const runs = /Done (\d+) runs in (\d+) second/.exec(log);
  const execs = /stat::number_of_executed_units:\s*(\d+)/.exec(log);
  const n = runs ? Number(runs[1]) : execs ? Number(execs[1]) : 0;
  const t = runs ? Number(runs[2]) : seconds;
  // Every artifact (crash, timeout, out of memory) becomes a regression case.
  const found = existsSync(artifacts) ? readdirSync(artifacts).filter((f) => /^(crash|timeout|oom|leak)-/.test(f)) : [];
  for (const f of found) copyFileSync(join(artifacts, f), join(seeds, f));
  if (r.status !== 0 || found.length) {
    crashed++;
    console.error(log.split('\n').slice(-40).join('\n'));
  }
  summary.push({ target, executions: n, seconds: t, per_second: t ? Math.round(n / t) : n, failures: found.length, exit: r.status });
}
console.table(summary);
if (crashed) {
  console.error('fuzz: failures were copied into tests/fuzz/regressions/<target>/; `cargo test --test fuzz_regressions` replays them');
  process.exit(1);
}
