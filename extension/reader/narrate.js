// Read aloud: the reader view's article spoken by the browser's own speech synthesis
// (`speechSynthesis` with the system's voices; nothing is sent anywhere). The text goes one
// sentence per utterance, so that pausing, moving by paragraph and changing the speed or the
// voice take effect at once, and so that the sentence being spoken can be highlighted even
// where the voice reports no word positions (speech-dispatcher voices on Linux report none);
// where it does (boundary events), the word is highlighted too. The paragraph being read is
// kept in view.

/** The blocks read one after another: the innermost of these that hold text (code is skipped). */
const BLOCKS = 'h1, h2, h3, h4, h5, h6, p, li, dt, dd, blockquote, figcaption, caption, th, td, summary';
/** CSS highlight names (reader.css styles them). */
const MARKS = { sentence: 'declutter-sentence', word: 'declutter-word' };
/** Errors that only mean "stopped on purpose" (cancel(), a new utterance). */
const STOPPED = new Set(['interrupted', 'canceled']);
/** Space kept between the spoken line and the view's top and bottom edges, in px. */
const VIEW_MARGIN = 80;
/** The speech queue: the browser's (or, in the test build, the stand-in a test installed:
 * content/test-bridge.js). */
function engine() {
  if (__TEST__) {
    const stub = globalThis[Symbol.for('declutter.speechStub')];
    if (stub) return stub;
  }
  return globalThis.speechSynthesis ?? null;
}

/** Can this browser read aloud at all? */
export const canSpeak = () => Boolean(engine()) && typeof SpeechSynthesisUtterance === 'function';

/**
 * A voice that speaks on this machine. `localService` says so, except in Firefox, which marks
 * the system's voices (speech-dispatcher's, `urn:moz-tts:speechd:`) as remote although every
 * voice it has is the platform's own.
 * @param {SpeechSynthesisVoice} v
 */
export const isLocal = (v) => v.localService || v.voiceURI.startsWith('urn:moz-tts:');

/** The local voices for language `lang` (all local voices when none speaks it), best first. */
export function voicesFor(lang) {
  const all = (engine()?.getVoices() ?? []).filter(isLocal);
  const want = (lang ?? '').toLowerCase();
  const primary = want.split('-')[0];
  const score = (v) => {
    const l = v.lang.toLowerCase().replace('_', '-');
    return (l === want ? 4 : 0) + (l.split('-')[0] === primary ? 2 : 0) + (v.default ? 1 : 0);
  };
  const matching = primary ? all.filter((v) => score(v) >= 2) : all;
  return (matching.length ? matching : all).sort((a, b) => score(b) - score(a) || a.name.localeCompare(b.name));
}

/** When to look for the voices again while the browser has listed none (ms after asking). */
const VOICE_RETRIES_MS = [250, 1000, 3000, 8000];

/**
 * Calls `fn` whenever the browser's voices may have changed: on `voiceschanged`, and a few
 * times while it lists none yet (some browsers list them late, and not every one says so).
 * Returns a function that stops it.
 */
export function watchVoices(fn) {
  const synth = engine();
  if (!synth) return () => {};
  synth.addEventListener?.('voiceschanged', fn);
  const timers = VOICE_RETRIES_MS.map((ms) => setTimeout(() => synth.getVoices().length && fn(), ms));
  return () => {
    synth.removeEventListener?.('voiceschanged', fn);
    timers.forEach(clearTimeout);
  };
}

/**
 * The blocks of `roots` to read, in order: the innermost block elements with text.
 * @param {Element[]} roots
 */
function readableBlocks(roots) {
  const out = [];
  for (const root of roots) {
    const all = root.matches(BLOCKS) ? [root, ...root.querySelectorAll(BLOCKS)] : [...root.querySelectorAll(BLOCKS)];
    for (const el of all) {
      if (el.closest('pre') || !el.textContent.trim()) continue;
      // An outer block (a list item holding paragraphs) is read through its inner ones.
      if ([...el.querySelectorAll(BLOCKS)].some((inner) => inner.textContent.trim())) continue;
      out.push(el);
    }
  }
  return out;
}

/** A block's text and its text nodes, each with the offset where it starts in the text. */
function textMap(block) {
  const nodes = [];
  let text = '';
  const walker = block.ownerDocument.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push({ node: n, at: text.length });
    text += /** @type {Text} */ (n).data;
  }
  return { text, nodes };
}

/** The DOM range of characters [start, end) of a block's text (`map` from textMap). */
function rangeOf(map, start, end) {
  /** @returns {[Text, number]} */
  const find = (pos, after) => {
    let k = 0;
    // The last node starting at or before pos (for an end, strictly before: ranges end inside).
    while (k + 1 < map.nodes.length && (after ? map.nodes[k + 1].at < pos : map.nodes[k + 1].at <= pos)) k++;
    const { node, at } = map.nodes[k];
    return [node, Math.min(Math.max(pos - at, 0), node.data.length)];
  };
  const range = new Range();
  if (!map.nodes.length) return range;
  range.setStart(...find(start, false));
  range.setEnd(...find(end, true));
  return range;
}

/** The sentences of `text` as [start, end) character ranges, blank ones left out. */
function sentencesOf(text, lang) {
  const out = [];
  const add = (start, end) => {
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end > start) out.push([start, end]);
  };
  if (typeof Intl.Segmenter === 'function') {
    let seg;
    try {
      seg = new Intl.Segmenter(lang || undefined, { granularity: 'sentence' });
    } catch {
      seg = new Intl.Segmenter(undefined, { granularity: 'sentence' });
    }
    for (const s of seg.segment(text)) add(s.index, s.index + s.segment.length);
  } else {
    for (const m of text.matchAll(/[^.!?\u3002]+(?:[.!?\u3002]+|$)/g)) add(m.index, m.index + m[0].length);
  }
  return out;
}

/** The word at `pos` of `text`, as its end (for voices that report no word length). */
function wordEnd(text, pos) {
  const m = /^[^\s]*/.exec(text.slice(pos));
  return pos + (m ? m[0].length : 0);
}

/** Sets or clears CSS highlight `name` (no Highlight API: nothing, the block is still marked). */
function mark(name, range) {
  const registry = globalThis.CSS?.highlights;
  if (!registry || typeof Highlight !== 'function') return;
  if (range) registry.set(name, new Highlight(range));
  else registry.delete(name);
}

/** The element whose scrolling moves `el` (the view's host, or the page). */
function scrollerOf(el) {
  for (let n = el.parentElement ?? /** @type {ShadowRoot} */ (el.getRootNode()).host; n; n = n.parentElement ?? /** @type {any} */ (n.getRootNode()).host) {
    const o = getComputedStyle(n).overflowY;
    if ((o === 'auto' || o === 'scroll') && n.scrollHeight > n.clientHeight) return n;
  }
  return el.ownerDocument.scrollingElement;
}

/** Scrolls so that `rect` (of something in `el`) sits in the view, if it does not already. */
function keepInView(el, rect) {
  const top = VIEW_MARGIN;
  const bottom = innerHeight - VIEW_MARGIN;
  if (rect.top >= top && rect.bottom <= bottom) return;
  scrollerOf(el).scrollBy({ top: rect.top - innerHeight / 3, behavior: 'smooth' });
}

/**
 * @typedef {'idle' | 'playing' | 'paused' | 'ended' | 'error'} NarrationState
 * @typedef {{state: NarrationState, block: number, blocks: number, sentence: number, spoken: number, error: string | null}} NarrationStatus
 */

/** Reads the blocks of `roots` aloud; `onStatus` hears of every change. */
export class Narrator {
  /**
   * @param {Element[]} roots the view's title and article
   * @param {{lang?: string | null, rate?: number, voice?: string, onStatus?: (s: NarrationStatus) => void}} options
   */
  constructor(roots, { lang = null, rate = 1, voice = '', onStatus = () => {} } = {}) {
    this.blocks = readableBlocks(roots);
    this.lang = lang;
    this.rate = rate;
    this.voiceUri = voice;
    this.onStatus = onStatus;
    /** @type {NarrationState} */
    this.state = 'idle';
    this.block = 0;
    this.sentence = 0;
    // Sentences spoken to their end (the test of a real voice counts them).
    this.spoken = 0;
    this.error = null;
    /** @type {SpeechSynthesisUtterance | null} the utterance whose events count */
    this.utterance = null;
    this.cache = new Map();
  }

  /** The block `i`'s text map and sentences (computed once). */
  parts(i) {
    let p = this.cache.get(i);
    if (!p) {
      const map = textMap(this.blocks[i]);
      p = { map, sentences: sentencesOf(map.text, this.lang) };
      this.cache.set(i, p);
    }
    return p;
  }

  status() {
    return { state: this.state, block: this.block, blocks: this.blocks.length, sentence: this.sentence, spoken: this.spoken, error: this.error };
  }

  emit() {
    this.onStatus(this.status());
  }

  play() {
    if (!this.blocks.length) return;
    if (this.state === 'ended') this.block = this.sentence = 0;
    this.state = 'playing';
    this.error = null;
    this.speak();
  }

  pause() {
    if (this.state !== 'playing') return;
    // Stopped, not paused: the sentence starts again on play (the browsers' pause() does not
    // hold on every platform), and the highlight stays where the reader left off.
    this.state = 'paused';
    this.silence();
    this.emit();
  }

  toggle() {
    if (this.state === 'playing') this.pause();
    else this.play();
  }

  /** Moves by `step` paragraphs (and reads on from there when playing). */
  move(step) {
    if (!this.blocks.length) return;
    // Back from inside a paragraph goes to its start first, as a player's "previous" does.
    const to = step < 0 && this.sentence > 0 ? this.block : this.block + step;
    this.block = Math.min(this.blocks.length - 1, Math.max(0, to));
    this.sentence = 0;
    if (this.state === 'ended') this.state = 'paused';
    if (this.state === 'playing') this.speak();
    else {
      this.show(null);
      this.emit();
    }
  }

  next() {
    this.move(1);
  }

  prev() {
    this.move(-1);
  }

  setRate(rate) {
    this.rate = rate;
    if (this.state === 'playing') this.speak();
  }

  setVoice(uri) {
    this.voiceUri = uri;
    if (this.state === 'playing') this.speak();
  }

  /** Stops and clears every mark (the view closes or read aloud is turned off). */
  stop() {
    this.silence();
    this.state = 'idle';
    this.clearMarks();
    this.emit();
  }

  silence() {
    this.utterance = null;
    engine()?.cancel();
  }

  clearMarks() {
    mark(MARKS.sentence, null);
    mark(MARKS.word, null);
    for (const b of this.blocks) b.classList.remove('speaking');
  }

  /** Highlights the current sentence (and keeps it in view); `word`: [start, end) in the block. */
  show(word) {
    const { map, sentences } = this.parts(this.block);
    const [start, end] = sentences[this.sentence] ?? [0, map.text.length];
    for (const b of this.blocks) if (b !== this.blocks[this.block]) b.classList.remove('speaking');
    this.blocks[this.block].classList.add('speaking');
    const range = rangeOf(map, start, end);
    mark(MARKS.sentence, range);
    const w = word ? rangeOf(map, word[0], word[1]) : null;
    mark(MARKS.word, w);
    const rect = (w ?? range).getBoundingClientRect();
    if (rect.height) keepInView(this.blocks[this.block], rect);
    else keepInView(this.blocks[this.block], this.blocks[this.block].getBoundingClientRect());
  }

  /** Speaks the current sentence; on its end, the next one. */
  speak() {
    const synth = engine();
    if (!synth) return this.fail('This browser cannot read aloud.');
    const { map, sentences } = this.parts(this.block);
    if (!sentences.length) return this.advance();
    const [start, end] = sentences[this.sentence];
    this.silence();
    if (synth.paused) synth.resume();
    const u = new SpeechSynthesisUtterance(map.text.slice(start, end));
    if (this.lang) u.lang = this.lang;
    u.rate = this.rate;
    const voice = this.voiceUri ? synth.getVoices().find((v) => v.voiceURI === this.voiceUri && isLocal(v)) : null;
    if (voice) u.voice = voice;
    const current = () => this.utterance === u;
    u.addEventListener('boundary', (e) => {
      if (!current() || (e.name && e.name !== 'word')) return;
      const at = start + e.charIndex;
      this.show([at, e.charLength ? at + e.charLength : wordEnd(map.text, at)]);
    });
    u.addEventListener('end', () => {
      if (!current()) return;
      this.spoken++;
      this.advance();
    });
    u.addEventListener('error', (e) => {
      if (!current() || STOPPED.has(e.error)) return;
      this.fail(`Reading aloud stopped: ${e.error}.`);
    });
    this.utterance = u;
    this.show(null);
    this.emit();
    synth.speak(u);
  }

  /** The next sentence (or paragraph), or the end of the article. */
  advance() {
    if (this.sentence + 1 < this.parts(this.block).sentences.length) this.sentence++;
    else if (this.block + 1 < this.blocks.length) {
      this.block++;
      this.sentence = 0;
    } else {
      this.utterance = null;
      this.state = 'ended';
      this.clearMarks();
      this.emit();
      return;
    }
    this.speak();
  }

  fail(message) {
    this.silence();
    this.state = 'error';
    this.error = message;
    this.emit();
  }
}
