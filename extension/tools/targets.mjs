// The browser command's targets: URLs, and local pages found as the CLI finds them (files, and
// folders walked in the CLI's order), served from 127.0.0.1 by the command itself.

import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { serve } from '../../www/serve.mjs';
import { HTML_FILE_EXTENSIONS } from '../pkg/contracts.js';

// Local pages are served as files are read: the page's own charset decides.
const SERVE_TYPES = Object.fromEntries(HTML_FILE_EXTENSIONS.map((e) => [`.${e}`, 'text/html']));

export const isUrl = (t) => /^https?:\/\//i.test(t);
const isHtml = (p) => {
  const name = p.toLowerCase().replace(/\.gz$/, '');
  return HTML_FILE_EXTENSIONS.some((e) => name.endsWith(`.${e}`) && name.length > e.length + 1);
};

/** Files under `dir` in the CLI's order: a folder's files sorted, then its folders, depth first; symlinked folders not followed. */
function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    out.push({ name: dir, error: e.message });
    return;
  }
  const files = entries
    .filter((e) => !e.isDirectory() && isHtml(e.name))
    .map((e) => e.name)
    .sort();
  const dirs = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  for (const f of files) out.push({ name: path.join(dir, f), file: path.join(dir, f) });
  for (const d of dirs) walk(path.join(dir, d), out);
}

/**
 * The pages to visit, in order: {name, url} for URLs, {name, file, mount} for local files
 * (`mount`: the folder served for it), {name, error} for what cannot be visited.
 */
export function expand(targets) {
  const pages = [];
  for (const t of targets) {
    if (isUrl(t)) {
      try {
        pages.push({ name: t, url: new URL(t).href });
      } catch {
        pages.push({ name: t, error: 'not a valid URL' });
      }
      continue;
    }
    let st;
    try {
      st = statSync(t);
    } catch (e) {
      pages.push({ name: t, error: e.code === 'ENOENT' ? 'no such file or folder (a URL starts with http:// or https://)' : e.message });
      continue;
    }
    if (st.isDirectory()) {
      const found = [];
      walk(t, found);
      if (found.length === 0) pages.push({ name: t, error: 'no .html or .htm file (or .html.gz) in this folder' });
      for (const f of found) pages.push(f.error ? f : { ...f, mount: path.resolve(t) });
    } else pages.push({ name: t, file: t, mount: path.dirname(path.resolve(t)) });
  }
  return pages;
}

/** Serves the local pages' folders on 127.0.0.1 (one mount per folder) and sets each page's url. */
export async function serveLocal(pages) {
  const local = pages.filter((p) => p.file);
  if (local.length === 0) return null;
  const mounts = {};
  const prefixOf = new Map();
  for (const p of local) {
    if (!prefixOf.has(p.mount)) {
      const prefix = `/${prefixOf.size + 1}/`;
      prefixOf.set(p.mount, prefix);
      mounts[prefix] = p.mount;
    }
  }
  const server = await serve({ mounts, types: SERVE_TYPES });
  for (const p of local) {
    const rel = path.relative(p.mount, path.resolve(p.file)).split(path.sep).map(encodeURIComponent).join('/');
    p.url = `${server.url.replace(/\/$/, '')}${prefixOf.get(p.mount)}${rel}`;
  }
  return server;
}
