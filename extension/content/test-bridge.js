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

// A speech queue tests control (reader/narrate.js uses it in place of the browser's when it
// is installed): utterances are the browser's own, and so are the events dispatched on them
// (SpeechSynthesisEvent), but they start, report words and end when the test says so, since a
// headless browser's voices (speech-dispatcher with no sound card) report no words and end at
// once. The page asks through window.postMessage({declutterSpeech: {id, op, ...}}):
//   install | boundary {charIndex, charLength} | end | state -> {declutterSpeechReply: {id, ok}}
const SPEECH_STUB = Symbol.for('declutter.speechStub');

function speechStub() {
  const real = globalThis.speechSynthesis;
  const fire = (u, type, init = {}) =>
    u.dispatchEvent(
      type === 'error'
        ? new SpeechSynthesisErrorEvent('error', { utterance: u, error: init.error })
        : new SpeechSynthesisEvent(type, { utterance: u, charIndex: 0, elapsedTime: 0, name: '', ...init }),
    );
  const stub = {
    current: null,
    queue: [],
    // Every utterance started: its text, rate, voice and language.
    log: [],
    paused: false,
    get speaking() {
      return Boolean(stub.current);
    },
    get pending() {
      return stub.queue.length > 0;
    },
    getVoices: () => real?.getVoices() ?? [],
    addEventListener: (type, fn) => real?.addEventListener(type, fn),
    removeEventListener: (type, fn) => real?.removeEventListener(type, fn),
    speak(u) {
      stub.queue.push(u);
      if (!stub.current) stub.next();
    },
    next() {
      stub.current = stub.queue.shift() ?? null;
      if (!stub.current) return;
      const u = stub.current;
      stub.log.push({ text: u.text, rate: u.rate, voice: u.voice?.voiceURI ?? null, lang: u.lang });
      fire(u, 'start');
    },
    cancel() {
      const u = stub.current;
      stub.current = null;
      stub.queue = [];
      if (u) fire(u, 'error', { error: 'interrupted' });
    },
    pause() {
      stub.paused = true;
    },
    resume() {
      stub.paused = false;
    },
  };
  return stub;
}

window.addEventListener('message', (e) => {
  const req = e.source === window ? e.data?.declutterSpeech : undefined;
  if (!req) return;
  let ok = null;
  if (req.op === 'install') globalThis[SPEECH_STUB] ??= speechStub();
  const stub = globalThis[SPEECH_STUB];
  if (req.op === 'boundary' && stub?.current) {
    const u = stub.current;
    u.dispatchEvent(new SpeechSynthesisEvent('boundary', { utterance: u, charIndex: req.charIndex, charLength: req.charLength, name: 'word' }));
  } else if (req.op === 'end' && stub?.current) {
    const u = stub.current;
    stub.current = null;
    u.dispatchEvent(new SpeechSynthesisEvent('end', { utterance: u, charIndex: u.text.length }));
    if (!stub.current) stub.next();
  }
  if (stub) ok = { log: stub.log, current: stub.current?.text ?? null };
  window.postMessage({ declutterSpeechReply: { id: req.id, ok } }, '*');
});
