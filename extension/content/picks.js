// The user's picks for this site (see background/rules.js), applied by content/content.js in
// declutter mode right after the core's marks, through the same marks map (so switching
// declutter off restores every element exactly, picked ones too).
//   hide: the matching elements are marked "hidden" (never the article or what holds it);
//   keep: the matching elements, their marked ancestors and marked descendants show again
//         (marked "kept").
(() => {
  if (globalThis.__declutterPicks) return;
  const ATTR = 'data-declutter';
  const HIDDEN = '[data-declutter="hidden"],[data-declutter="duplicate"]';

  function matches(selector) {
    try {
      return document.querySelectorAll(selector);
    } catch {
      return []; // a selector edited by hand into nonsense matches nothing
    }
  }

  function apply(picks, { marks, mark, hideable, isOwn }) {
    for (const p of picks ?? []) {
      for (const el of matches(p.selector)) {
        if (isOwn(el) || el.closest('#declutter-reader')) continue;
        if (p.action === 'hide') {
          if (hideable(el)) mark(marks, el, 'hidden');
          continue;
        }
        for (let n = el; n && n !== document.documentElement; n = n.parentElement) {
          if (n.matches(HIDDEN)) mark(marks, n, 'kept');
        }
        for (const d of el.querySelectorAll(HIDDEN)) mark(marks, d, 'kept');
      }
    }
    return marks;
  }

  globalThis.__declutterPicks = Object.freeze({ apply, ATTR });
})();
