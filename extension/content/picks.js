// The user's picks for this site (see background/rules.js), applied in declutter mode right
// after the core's marks, through the same marks map (so switching declutter off restores
// every element exactly, picked ones too).
//   hide: the matching elements are marked "hidden" (never the article or what holds it);
//   keep: the matching elements, their marked ancestors and marked descendants show again
//         (marked "kept").

import { HIDDEN_SELECTOR, isOwn, MARK, OWN_IDS } from '../shared/marks.js';

/** @typedef {import('../shared/messages.js').Pick} Pick */

function matches(selector) {
  try {
    return document.querySelectorAll(selector);
  } catch {
    return []; // a selector edited by hand into nonsense matches nothing
  }
}

/**
 * Applies `picks` with `mark(el, value)`; `hideable(el)` says whether an element may be hidden.
 * @param {Pick[]} picks
 * @param {{mark: (el: Element, value: string) => void, hideable: (el: Element) => boolean}} how
 */
export function applyPicks(picks, { mark, hideable }) {
  for (const p of picks ?? []) {
    for (const el of matches(p.selector)) {
      if (isOwn(el) || el.closest(`#${OWN_IDS.reader}`)) continue;
      if (p.action === 'hide') {
        if (hideable(el)) mark(el, MARK.hidden);
        continue;
      }
      for (let n = el; n && n !== document.documentElement; n = n.parentElement) {
        if (n.matches(HIDDEN_SELECTOR)) mark(n, MARK.kept);
      }
      for (const d of el.querySelectorAll(HIDDEN_SELECTOR)) mark(d, MARK.kept);
    }
  }
}
