// How the extension marks a page, shared by the background (which injects the stylesheet) and
// the content scripts (which set the marks): in-place declutter only sets one attribute on the
// elements it touches and one stylesheet hides the marked ones, so switching off is removing
// the attributes and the sheet. Our own elements carry these ids and are never read or hidden.

/** The attribute in-place declutter sets; its values are MARK's. */
export const MARK_ATTR = 'data-declutter';
export const MARK = Object.freeze({
  /** The article's container. */
  main: 'main',
  /** Clutter the core found. */
  hidden: 'hidden',
  /** A copy of a block the page repeats. */
  duplicate: 'duplicate',
  /** A block the user chose to keep (a pick), shown although the core hid it. */
  kept: 'kept',
});
/** The blocks in-place declutter hides. */
export const HIDDEN_SELECTOR = `[${MARK_ATTR}="${MARK.hidden}"],[${MARK_ATTR}="${MARK.duplicate}"]`;

/** On `<html>` while the click picker runs, and while the debug overlay is shown. */
export const PICKING_FLAG = 'data-declutter-picking';
export const DEBUG_FLAG = 'data-declutter-debug';

/**
 * The one stylesheet in-place declutter injects (user origin). While the click picker runs or
 * the debug overlay is on, hidden blocks show dimmed and dashed instead, so they can be
 * picked ("keep") or outlined.
 */
export const DECLUTTER_CSS =
  `html:not([${PICKING_FLAG}],[${DEBUG_FLAG}]) :is(${HIDDEN_SELECTOR}){display:none !important}` +
  `html:is([${PICKING_FLAG}],[${DEBUG_FLAG}]) :is(${HIDDEN_SELECTOR}){opacity:.45 !important;outline:2px dashed #888 !important}`;

/** Our own elements' ids: the reader view, the no-article notice, the debug overlay, the picker. */
export const OWN_IDS = Object.freeze({
  reader: 'declutter-reader',
  notice: 'declutter-notice',
  overlay: 'declutter-overlay',
  picker: 'declutter-picker',
});
const OWN = new Set(Object.values(OWN_IDS));

/** Is `el` one of our own elements (never in the snapshot, never hidden or picked)? */
export const isOwn = (el) => OWN.has(el.id);

/**
 * The reader view prints alone: user-origin rules beat the host's inline !important styles.
 */
export const PRINT_CSS =
  `@media print{html:has(> #${OWN_IDS.reader}) > :not(#${OWN_IDS.reader},head){display:none !important}` +
  `html > #${OWN_IDS.reader}{position:static !important;overflow:visible !important;height:auto !important;background:#fff !important}}`;
