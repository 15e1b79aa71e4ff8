// Injected last when a toggle starts (after reader/*.js and content/*.js, see
// background/main.js `start`): its value, a promise of the page's state and, when nothing is
// on, its snapshot (content.js, the 'state' message with snapshot: true), is the injection's
// result, so the toggle needs no message of its own for them.
globalThis.__declutterStart();
