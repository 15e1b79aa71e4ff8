// In-app navigation: single-page sites change the article without loading a new document
// (history.pushState, then new content from their own fetch). While a mode is on, a changed
// address (the fragment aside) followed by a quiet DOM means the page should be evaluated
// again in the same mode.

// How often the address is compared while a mode is on: a content script cannot see the
// page's pushState calls, and Firefox ESR has no Navigation API.
const NAV_POLL_MS = 250;
// The new content counts as arrived once the DOM has been quiet this long...
const NAV_QUIET_MS = 300;
// ...or this long after the address changed, for pages that never stop moving.
const NAV_MAX_WAIT_MS = 3000;

/** The page's address without its fragment. */
export const addressOf = () => location.href.split('#')[0];

/**
 * Calls `onSettled` once the address changed and the new content arrived; `alive()` false
 * means the view it watches for is gone. Returns the function that stops watching.
 * @param {() => boolean} alive
 * @param {() => void} onSettled
 */
export function watchNavigation(alive, onSettled) {
  let address = addressOf();
  let quiet;
  let deadline;
  let settling = null;
  const stopSettling = () => {
    clearTimeout(quiet);
    clearTimeout(deadline);
    settling?.disconnect();
    settling = null;
  };
  const settled = () => {
    stopSettling();
    if (alive()) onSettled();
  };
  const check = () => {
    if (!alive() || settling || addressOf() === address) return;
    address = addressOf();
    settling = new MutationObserver(() => {
      clearTimeout(quiet);
      quiet = setTimeout(settled, NAV_QUIET_MS);
    });
    settling.observe(document.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    quiet = setTimeout(settled, NAV_QUIET_MS);
    deadline = setTimeout(settled, NAV_MAX_WAIT_MS);
  };
  const poll = setInterval(check, NAV_POLL_MS);
  window.addEventListener('popstate', check);
  return () => {
    clearInterval(poll);
    window.removeEventListener('popstate', check);
    stopSettling();
  };
}
