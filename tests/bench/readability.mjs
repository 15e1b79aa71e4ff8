// Readability.js + jsdom over a list of pages, for the benchmarks.
// Usage: node readability.mjs LIST_FILE  (one path per line; extract.rs, timed per page)
// Prints one line per page: "ms<TAB>bytes" (or "error<TAB>bytes"), then "vmhwm_kb<TAB>N".
// Usage: node readability.mjs --text FILE...  (the whole-process benchmark, tests/bench/peers)
// Prints each page's text, as a command line would; failures go to stderr.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { JSDOM, VirtualConsole } from 'jsdom';
import { Readability } from '@mozilla/readability';

// Pages' own console output and CSS parse errors are noise here.
const quiet = new VirtualConsole();
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);

function run(html) {
  const dom = new JSDOM(html, { url: 'http://127.0.0.1/page.html', virtualConsole: quiet });
  const article = new Readability(dom.window.document).parse();
  dom.window.close();
  return article;
}

if (process.argv[2] === '--text') {
  let failed = 0;
  for (const f of process.argv.slice(3)) {
    try {
      process.stdout.write(`${run(readFileSync(f, 'utf8'))?.textContent ?? ''}\n`);
    } catch (e) {
      failed++;
      process.stderr.write(`readability: ${f}: ${e.message}\n`);
    }
  }
  process.exit(failed ? 1 : 0);
}

const files = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
for (const f of files.slice(0, WARMUP)) {
  try {
    run(readFileSync(f, 'utf8'));
  } catch {
    /* measured below */
  }
}
for (const f of files) {
  const bytes = readFileSync(f);
  const html = bytes.toString('utf8');
  const t0 = performance.now();
  let ok = true;
  try {
    run(html);
  } catch {
    ok = false;
  }
  const ms = performance.now() - t0;
  process.stdout.write(`${ok ? ms.toFixed(3) : 'error'}\t${bytes.length}\n`);
}
const hwm = readFileSync('/proc/self/status', 'utf8').match(/VmHWM:\s+(\d+)/);
process.stdout.write(`vmhwm_kb\t${hwm ? hwm[1] : 0}\n`);
