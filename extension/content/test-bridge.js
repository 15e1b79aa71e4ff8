// TEST BUILD ONLY (dist/test/*; never in dist/chrome or dist/firefox or the zips).
// Lets an end-to-end test drive the automation API from the page when the browser's
// automation cannot evaluate code in the background (Firefox over WebDriver BiDi):
//   window.postMessage({declutterTest: {id, mode}}, '*')
//   -> the background runs declutter.toggle(thisTab, mode) (with `options` if given)
//   ({declutterTest: {id, menu}} runs the context menu item `menu` on this tab instead, and
//   {declutterTest: {id, call, args}} one of the options page's storage calls)
//   -> window receives {declutterTestReply: {id, ok: result} | {id, error}}

import { sendToBackground } from '../shared/messages.js';

window.addEventListener('message', (e) => {
  const req = e.source === window ? e.data?.declutterTest : undefined;
  if (!req) return;
  sendToBackground({ cmd: 'test', mode: req.mode, options: req.options, menu: req.menu, call: req.call, args: req.args }).then(
    (r) => window.postMessage({ declutterTestReply: { id: req.id, ...r } }, '*'),
    (err) => window.postMessage({ declutterTestReply: { id: req.id, error: String(err?.message ?? err) } }, '*'),
  );
});
