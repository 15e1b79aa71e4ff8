// `npm start`: builds everything, serves www/ (and the demo news page) on 127.0.0.1, prints
// how to load the extension, and with a display opens Chromium with it on the demo page.
// Ctrl+C stops the server (and the browser it opened).

import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_MOUNTS, serve } from '../../www/serve.mjs';
import { build, DIST_CHROME, DIST_FIREFOX } from './build.mjs';
import { CHROMIUM, ensureBrowsers } from './setup.mjs';

const PORT = Number(process.env.PORT ?? 8080);

await build();
let server;
try {
  server = await serve({ mounts: DEFAULT_MOUNTS, port: PORT });
} catch (e) {
  if (e.code !== 'EADDRINUSE') throw e;
  console.log(`[start] port ${PORT} is busy; using a free one`);
  server = await serve({ mounts: DEFAULT_MOUNTS, port: 0 });
}
const demo = `${server.url}demo/news.html`;
console.log(`
Declutter is built.

  Playground:      ${server.url}
  Demo news page:  ${demo}   (add ?csp=none for a page that forbids scripts)

Load the extension:
  Chromium/Chrome: chrome://extensions -> Developer mode -> "Load unpacked" -> ${DIST_CHROME}
  Firefox:         about:debugging#/runtime/this-firefox -> "Load Temporary Add-on" -> ${path.join(DIST_FIREFOX, 'manifest.json')}
  Store packages:  dist/declutter-chrome-*.zip, dist/declutter-firefox-*.zip

Then on a news page: toolbar button, Alt+Shift+R (reader view), Alt+Shift+D (declutter in
place) or the page's context menu. Ctrl+C stops this server.
`);

let browser = null;
if (process.env.DISPLAY) {
  ensureBrowsers();
  const profile = mkdtempSync(path.join(os.tmpdir(), 'declutter-demo-'));
  browser = spawn(
    CHROMIUM,
    [
      `--user-data-dir=${profile}`,
      '--no-first-run',
      '--no-default-browser-check',
      `--disable-extensions-except=${DIST_CHROME}`,
      `--load-extension=${DIST_CHROME}`,
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      demo,
    ],
    { stdio: 'ignore' },
  );
  browser.on('error', (e) => console.log(`[start] could not open Chromium: ${e.message}`));
  console.log(`[start] opened Chromium with the extension on ${demo}`);
} else {
  console.log('[start] no $DISPLAY: not opening a browser');
}

const stop = async () => {
  browser?.kill();
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
