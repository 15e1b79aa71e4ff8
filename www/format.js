// Small formatting helpers the playground's modules share.

/** White space collapsed and trimmed. */
export const normText = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

/** A score as the hover cards and block list show it. */
export const fmtScore = (v) => (Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) >= 100 ? 0 : 2));

export const fmtMs = (ms) => (ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`);

export function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** Runs `fn` under a named performance measure (visible in the browser's profiler). */
export function measure(name, fn) {
  const start = performance.now();
  try {
    return fn();
  } finally {
    performance.measure(`declutter:${name}`, { start, end: performance.now() });
  }
}
