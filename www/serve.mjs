// Static file server for 127.0.0.1 only: `npm start` serves the playground with it and the
// end-to-end tests serve their fixture pages with it.
//
//   node www/serve.mjs [port]          serves the built playground (dist/www) at /, the demo page at /demo/
//   import { serve } from './serve.mjs'; const s = await serve({mounts: {'/': dir}});
//
// Any URL may end in `?csp=none` to get the response header
// `Content-Security-Policy: script-src 'none'` (pages that forbid all scripts, the case where
// a content script could not instantiate WebAssembly). Every request is recorded in
// `server.requests` so tests can prove who asked for what.

import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.txt': 'text/plain; charset=utf-8',
};
export const STRICT_CSP = "script-src 'none'";

const ext = (file) => path.extname(file).toLowerCase();

function resolve(mounts, pathname) {
  // Longest matching prefix wins.
  const prefix = Object.keys(mounts)
    .filter((p) => pathname.startsWith(p))
    .sort((a, b) => b.length - a.length)[0];
  if (prefix === undefined) return null;
  const root = path.resolve(mounts[prefix]);
  let rel;
  try {
    rel = decodeURIComponent(pathname.slice(prefix.length));
  } catch {
    return null;
  }
  const file = path.resolve(root, `.${path.sep}${rel}`);
  if (file !== root && !file.startsWith(root + path.sep)) return null; // no escaping the root
  try {
    const st = statSync(file);
    if (st.isDirectory()) {
      const index = path.join(file, 'index.html');
      return statSync(index).isFile() ? index : null;
    }
    return st.isFile() ? file : null;
  } catch {
    return null;
  }
}

/**
 * Starts the server; resolves to {url, port, requests, close()}. Port 0 picks a free one.
 * `types` overrides content types by extension (e.g. `{'.html': 'text/html'}`: no charset, so
 * the browser finds the page's own, as it would for a file).
 */
export function serve({ mounts, port = 0, host = '127.0.0.1', types = {} } = {}) {
  const requests = [];
  const server = createServer((req, res) => {
    const u = new URL(req.url, `http://${host}`);
    requests.push({ method: req.method, url: u.pathname + u.search, headers: req.headers });
    const file = req.method === 'GET' || req.method === 'HEAD' ? resolve(mounts, u.pathname) : null;
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    // A gzipped file (`page.html.gz`) is sent as what it holds, for the browser to gunzip.
    const gz = ext(file) === '.gz';
    const type = ext(gz ? file.slice(0, -3) : file);
    const headers = {
      'content-type': types[type] ?? TYPES[type] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      ...(gz ? { 'content-encoding': 'gzip' } : {}),
    };
    if (u.searchParams.get('csp') === 'none') headers['content-security-policy'] = STRICT_CSP;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const p = server.address().port;
      ok({
        url: `http://${host}:${p}/`,
        port: p,
        requests,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(done);
          }),
      });
    });
  });
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_MOUNTS = {
  '/': path.join(ROOT, 'dist', 'www'),
  '/demo/': path.join(ROOT, 'extension', 'demo'),
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const s = await serve({ mounts: DEFAULT_MOUNTS, port: Number(process.argv[2] ?? 8080) });
  console.log(`Serving the playground (dist/www, \`npm run build\` first) at ${s.url} (demo news page: ${s.url}demo/news.html)`);
}
