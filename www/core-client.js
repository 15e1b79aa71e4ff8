// The playground's connection to the core, which runs in a worker (worker.js) so a 5 MB page
// never freezes the page: one request at a time per id, a timeout that restarts a stuck
// worker, and a status line for the person watching.

/** A core call that takes longer than this is abandoned and the worker restarted. */
const WORKER_TIMEOUT_MS = 60_000;

let onStatus = (_kind, _label) => {};
let worker = null;
let workerReady = null;
let nextCallId = 1;
const pending = new Map();

/** Starts the core's worker; `status(kind, label)` hears how loading it goes. */
export function startWorker(status = onStatus) {
  onStatus = status;
  const w = new Worker(new URL('./worker.js', import.meta.url), {
    type: 'module',
  });
  worker = w;
  onStatus('loading', 'Loading the core…');
  let ready;
  workerReady = new Promise((resolve) => {
    ready = resolve;
  });
  w.addEventListener('message', (ev) => {
    if (ev.data.hello) {
      if (ev.data.error) onStatus('failed', 'The core did not load');
      else onStatus('ready', 'Core ready (WebAssembly, in a worker)');
      ready(ev.data.error);
      return;
    }
    const p = pending.get(ev.data.id);
    if (!p) return;
    pending.delete(ev.data.id);
    clearTimeout(p.timer);
    p.resolve(ev.data);
  });
  // The worker's module failed to load or threw outside a call (a missing www/pkg, say).
  w.addEventListener('error', (ev) => {
    ev.preventDefault?.();
    const why = `The core's worker failed: ${ev.message || 'its script could not be loaded (is the wasm package built into www/pkg?)'}`;
    ready(why);
    failAll(why);
    onStatus('failed', 'The core did not load');
  });
}

function failAll(error) {
  for (const [id, p] of pending) {
    clearTimeout(p.timer);
    p.resolve({ id, ok: false, fatal: true, restarted: true, error });
  }
  pending.clear();
}

export function restartWorker() {
  worker?.terminate();
  failAll('The core was restarted.');
  startWorker();
}

/** Sends one request to the worker; resolves with its answer (never rejects). */
export async function callWorker(msg, transfer = []) {
  const loadError = await workerReady;
  if (loadError)
    return {
      ok: false,
      fatal: true,
      restarted: true,
      error: /^The core/.test(loadError) ? loadError : `The WebAssembly core did not load: ${loadError}`,
    };
  const id = nextCallId++;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      resolve({
        id,
        ok: false,
        fatal: true,
        restarted: true,
        error: `The core took longer than ${WORKER_TIMEOUT_MS / 1000} s on this page and was stopped.`,
      });
      restartWorker();
    }, WORKER_TIMEOUT_MS);
    pending.set(id, { resolve, timer });
    worker.postMessage({ id, ...msg }, transfer);
  });
}
