// --compare: the CLI run on a page's static HTML, and where its result and the browser's
// differ. The comparison is field by field and generic: every field both results have is
// compared, whatever its shape, so fields added to either side later are compared too (or,
// present on one side only, listed as such).

import { execFile, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The CLI to run: --cli, else the newer of target/release and target/debug, else `declutter` on PATH. */
export function findCli(given) {
  if (given) {
    if (!existsSync(given)) throw new Error(`--cli ${given}: no such file`);
    return given;
  }
  const built = ['release', 'debug']
    .map((p) => path.join(ROOT, 'target', p, 'declutter'))
    .filter((f) => existsSync(f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (built.length) return built[0];
  const r = spawnSync('declutter', ['--version'], { stdio: 'ignore' });
  if (r.status === 0) return 'declutter';
  throw new Error('--compare runs the CLI: build it with `cargo build --release` (or give --cli PATH)');
}

function runCli(cli, file, url, input) {
  return new Promise((ok) => {
    const child = execFile(
      cli,
      ['extract', '--format', 'jsonl', '--no-site-memory', '--url', url, file],
      { maxBuffer: 512 * 1024 * 1024, timeout: 120_000 },
      (err, stdout, stderr) => {
        const line = stdout.split('\n').find((l) => l.startsWith('{'));
        if (line) {
          try {
            return ok(JSON.parse(line));
          } catch {
            /* reported below */
          }
        }
        ok({ error: `the CLI failed: ${(stderr || err?.message || 'no output').trim().split('\n')[0]}` });
      },
    );
    if (input !== undefined) child.stdin.end(input);
  });
}

/** The CLI's result for the page's static HTML (the file; for a URL, the HTML fetched again). */
export async function cliResult(cli, page, opts) {
  if (page.file) return runCli(cli, page.file, page.url);
  const host = new URL(page.url).hostname;
  if (opts.localOnly && host !== '127.0.0.1') return { error: `not fetched: --local-only and ${host} is not 127.0.0.1` };
  let bytes;
  try {
    const res = await fetch(page.url, { signal: AbortSignal.timeout(opts.timeout), redirect: 'follow' });
    if (!res.ok) return { error: `fetching the static HTML: HTTP ${res.status}` };
    bytes = Buffer.from(await res.arrayBuffer());
  } catch (e) {
    return { error: `fetching the static HTML: ${e.message}` };
  }
  return runCli(cli, '-', page.url, bytes);
}

/** Fields that name the run rather than the page: never compared. */
const RUN_FIELDS = new Set(['file', 'ms']);
/** Differences reported per field, the rest counted: one field can differ in hundreds of places. */
const PER_FIELD = 3;
/** A string longer than this is summarised (length, words, where it starts to differ). */
const SHORT = 80;
/** Characters shown on each side of the first difference between two long strings. */
const CONTEXT = 30;

/**
 * Compares `browser` with `cli` (plain JSON values, objects at the top). Returns
 * {same: [field], differ: [{field, where: [{path, browser, cli}], more}], onlyBrowser, onlyCli}:
 * `where` holds at most PER_FIELD differences (path in JS notation from the field, values
 * summarised as short strings), `more` how many were left out.
 */
export function compareExtractions(browser, cli) {
  const same = [];
  const differ = [];
  const onlyBrowser = [];
  const onlyCli = [];
  for (const field of Object.keys(browser)) {
    if (RUN_FIELDS.has(field)) continue;
    if (!(field in cli)) {
      onlyBrowser.push(field);
      continue;
    }
    const where = [];
    diff(browser[field], cli[field], field, where);
    if (where.length === 0) same.push(field);
    else differ.push({ field, where: where.slice(0, PER_FIELD), more: Math.max(0, where.length - PER_FIELD) });
  }
  for (const field of Object.keys(cli)) if (!RUN_FIELDS.has(field) && !(field in browser)) onlyCli.push(field);
  return { same, differ, onlyBrowser, onlyCli };
}

function diff(a, b, path, out) {
  if (Object.is(a, b)) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push({ path: `${path}.length`, browser: String(a.length), cli: String(b.length) });
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= b.length) out.push({ path: `${path}[${i}]`, browser: summary(a[i]), cli: '(absent)' });
      else if (i >= a.length) out.push({ path: `${path}[${i}]`, browser: '(absent)', cli: summary(b[i]) });
      else diff(a[i], b[i], `${path}[${i}]`, out);
    }
    return;
  }
  if (isObject(a) && isObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!(k in b)) out.push({ path: `${path}.${k}`, browser: summary(a[k]), cli: '(absent)' });
      else if (!(k in a)) out.push({ path: `${path}.${k}`, browser: '(absent)', cli: summary(b[k]) });
      else diff(a[k], b[k], `${path}.${k}`, out);
    }
    return;
  }
  if (typeof a === 'string' && typeof b === 'string' && (a.length > SHORT || b.length > SHORT)) {
    out.push({ path, ...longStrings(a, b) });
    return;
  }
  out.push({ path, browser: summary(a), cli: summary(b) });
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A value in a few words: as JSON when short, long strings by size, else JSON cut short. */
export function summary(v) {
  if (typeof v === 'string' && v.length > SHORT) return `${v.length} chars, ${words(v)} words`;
  const json = JSON.stringify(v) ?? String(v);
  return json.length > SHORT ? `${json.slice(0, SHORT - 1)}\u2026` : json;
}

const words = (s) => (s.match(/\S+/g) ?? []).length;

/** Two long strings: their sizes and the text around the first character where they part. */
function longStrings(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const at = (s) => {
    if (i >= s.length) return '(ends)';
    const from = Math.max(0, i - CONTEXT);
    return `${from > 0 ? '\u2026' : ''}${JSON.stringify(s.slice(from, i + CONTEXT)).slice(1, -1)}${i + CONTEXT < s.length ? '\u2026' : ''}`;
  };
  const size = (s) => `${s.length} chars, ${words(s)} words`;
  return { browser: `${size(a)}; at char ${i}: ${at(a)}`, cli: `${size(b)}; at char ${i}: ${at(b)}` };
}

/** The comparison as lines of text (for the text formats). */
export function compareLines(c) {
  const lines = [];
  if (c.differ.length === 0) lines.push(`same in all ${c.same.length} fields both have`);
  else lines.push(`${c.differ.length} of ${c.same.length + c.differ.length} fields differ; same: ${c.same.join(', ') || '-'}`);
  for (const d of c.differ) {
    for (const w of d.where) lines.push(`  ${w.path}: browser ${w.browser} | CLI ${w.cli}`);
    if (d.more) lines.push(`  ${d.field}: ${d.more} more difference${d.more === 1 ? '' : 's'}`);
  }
  if (c.onlyBrowser.length) lines.push(`only in the browser's result: ${c.onlyBrowser.join(', ')}`);
  if (c.onlyCli.length) lines.push(`only in the CLI's result: ${c.onlyCli.join(', ')}`);
  return lines;
}
