// Both inputs (the HTML and the walked frame) on real pages: a sample of the shared corpora (read in place from ../shared, never
// copied) goes through the playground, and the page walk of the script-less frame must name the
// same nodes as the core's parse of the bytes. Needs the built playground (dist/www).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../www/serve.mjs';
import { CHROMIUM_LOCAL_ONLY } from './lib/browsers.mjs';

const www = fileURLToPath(new URL('../../dist/www/', import.meta.url));
const shared = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
assert.ok(existsSync(join(www, 'pkg', 'declutter_bg.wasm')), 'dist/www is missing: build the playground first (npm run build)');
assert.ok(existsSync(shared), `the shared corpus is missing (expected beside the repo: ${shared})`);

/** Every `step`-th file, so the sample spreads over the whole corpus. */
const every = (list, step) => list.filter((_, i) => i % step === 0);
const readability = every(readdirSync(join(shared, 'readability')).sort(), 10).map((c) => join(shared, 'readability', c, 'source.html'));
const trafilatura = every(
  readdirSync(join(shared, 'trafilatura-dev', 'html'))
    .filter((f) => f.endsWith('.html'))
    .sort(),
  40,
).map((f) => join(shared, 'trafilatura-dev', 'html', f));

let server;
let browser;
before(async () => {
  server = await serve({ mounts: { '/': www } });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      CHROMIUM_LOCAL_ONLY,
    ],
  });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test(`both inputs agree on ${readability.length + trafilatura.length} corpus pages`, async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The pages reference the web: nothing may leave 127.0.0.1.
  await page.route(
    (u) => u.hostname !== '127.0.0.1',
    (r) => r.abort(),
  );
  await page.goto(server.url);
  await page.waitForFunction(() => Number(document.body.dataset.runs) >= 1, null, { timeout: 60_000 });
  const disagree = [];
  let runs = 1;
  for (const file of [...readability, ...trafilatura]) {
    await page.setInputFiles('#file', { name: 'page.html', mimeType: 'text/html', buffer: readFileSync(file) });
    runs++;
    await page.waitForFunction((n) => Number(document.body.dataset.runs) >= n, runs, { timeout: 60_000 });
    const d = await page.evaluate(() => ({ agree: document.getElementById('st-inputs').dataset.agree, why: document.getElementById('st-inputs').title }));
    if (d.agree !== 'true') disagree.push(`${file.slice(shared.length)}: ${d.why}`);
  }
  assert.deepEqual(disagree, []);
  assert.deepEqual(errors, []);
  await page.close();
});
