// The reader view's controls, read aloud, contents and the blocks it must render right, as a
// reader uses them, in either browser: reader-chromium.test.mjs and reader-firefox.test.mjs pass
// in what differs (`env`):
//   open(path) -> {page, toggle(mode)}   a fixture page in a new tab
//   save(page, settings)                  stores settings as the options page does
//   options() -> page                     the options page in a new tab (or null, and then
//   load() -> settings                    the stored settings, read as the options page does)
//   shot(page, name)                      a screenshot kept in target/artifacts
//   name                                  'chromium' | 'firefox'
// `page` is a Playwright or a Puppeteer page: only evaluate, keyboard, reload and screenshot.

import assert from 'node:assert/strict';
import { sleep, until } from './features.mjs';

export const ARTICLE = 'fixtures/reader-article.html';
export const THEME_BG = { light: 'rgb(253, 253, 252)', dark: 'rgb(24, 25, 27)', sepia: 'rgb(245, 236, 217)' };

// ---- In the page (each function runs in the page and reads only its arguments) ----------

/** Does the view look as `want` says ({key: value} exact, or {key: {re}})? Returns {ok, got}. */
function viewIs(want) {
  const got = look();
  if (!got) return { ok: false, got };
  const ok = Object.entries(want).every(([k, v]) => (v && typeof v === 'object' ? new RegExp(v.re).test(String(got[k])) : got[k] === v));
  return { ok, got };

  // The reader view's look: computed styles of its parts.
  function look() {
    const host = document.getElementById('declutter-reader');
    if (!host?.shadowRoot) return null;
    const root = host.shadowRoot;
    const article = root.querySelector('article');
    const p = article.querySelector('p');
    const a = article.querySelector('a');
    const img = article.querySelector('img');
    if (!p) return null;
    const cs = (e) => e && getComputedStyle(e);
    const legible = [...document.fonts].some((f) => f.family.replace(/"/g, '') === 'Declutter Atkinson Hyperlegible' && f.status === 'loaded');
    return {
      bg: cs(host).backgroundColor,
      color: cs(p).color,
      font: cs(root.querySelector('.page')).fontFamily,
      size: cs(p).fontSize,
      line: cs(p).lineHeight,
      letter: cs(p).letterSpacing,
      word: cs(p).wordSpacing,
      width: cs(article).maxWidth,
      align: cs(p).textAlign,
      link: a ? cs(a).color : null,
      linkEvents: a ? cs(a).pointerEvents : null,
      img: img ? cs(img).display : null,
      legible,
    };
  }
}

/** Sets a control of the view's "Aa" panel as the user would (value, then input and change). */
function setControl([key, value]) {
  const root = document.getElementById('declutter-reader').shadowRoot;
  const c = root.querySelector(`.aa [name="${key}"]`);
  if (!c) throw new Error(`no control ${key}`);
  c.focus();
  if (c.type === 'checkbox') c.checked = value;
  else c.value = String(value);
  c.dispatchEvent(new Event('input', { bubbles: true }));
  c.dispatchEvent(new Event('change', { bubbles: true }));
  c.blur();
}

/** Clicks a button of the view (by data-action). */
function clickAction(action) {
  const b = document.getElementById('declutter-reader').shadowRoot.querySelector(`[data-action="${action}"]`);
  if (!b) throw new Error(`no button ${action}`);
  b.click();
}

/** Sends one request to the test build's speech queue (content/test-bridge.js); resolves to its answer. */
function speechOp(req) {
  return new Promise((ok) => {
    const id = `${Date.now()}-${Math.random()}`;
    const onReply = (e) => {
      const r = e.data?.declutterSpeechReply;
      if (!r || r.id !== id) return;
      window.removeEventListener('message', onReply);
      ok(JSON.stringify(r.ok));
    };
    window.addEventListener('message', onReply);
    window.postMessage({ declutterSpeech: { id, ...req } }, '*');
  });
}

/** The read-aloud state: the bar's data, the highlighted sentence and word, the spoken block. */
function narration() {
  const root = document.getElementById('declutter-reader').shadowRoot;
  const bar = root.querySelector('.narrator');
  const text = (name) => {
    const h = globalThis.CSS?.highlights?.get(name);
    return h ? [...h].map((r) => r.toString()).join('|') : null;
  };
  const block = root.querySelector('.speaking');
  const r = block?.getBoundingClientRect();
  return {
    state: bar?.dataset.state ?? null,
    block: Number(bar?.dataset.block ?? -1),
    spoken: Number(bar?.dataset.spoken ?? 0),
    voices: Number(bar?.dataset.voices ?? 0),
    hidden: bar?.hidden ?? true,
    sentence: text('declutter-sentence'),
    word: text('declutter-word'),
    speaking: block?.textContent.trim().slice(0, 60) ?? null,
    inView: r ? r.top >= 0 && r.bottom <= innerHeight : null,
  };
}

// ---- In Node ------------------------------------------------------------------------------

/** Waits until the view in `page` looks as `is` says; returns what it looks like. */
async function expectView(page, is, what) {
  const deadline = Date.now() + 10_000;
  let last;
  for (;;) {
    last = await page.evaluate(viewIs, is).catch((e) => ({ ok: false, got: String(e) }));
    if (last.ok) return last.got;
    if (Date.now() > deadline) assert.fail(`${what}: expected ${JSON.stringify(is)}, got ${JSON.stringify(last.got)}`);
    await sleep(100);
  }
}

const speech = async (page, op, extra = {}) => JSON.parse(await page.evaluate(speechOp, { op, ...extra }));
const state = (page) => page.evaluate(narration);

async function openReader(env, path) {
  const { page, toggle } = await env.open(path);
  assert.equal((await toggle('reader')).active, true, `${path}: reader on`);
  await until(page, () => Boolean(document.getElementById('declutter-reader')?.shadowRoot?.querySelector('article p')), 'the reader view');
  return { page, toggle };
}

/**
 * Every control of the "Aa" panel, one after another in one tab: the view changes at once;
 * another tab's view follows (storage change events), and so does the options page; after a
 * reload the view comes back as it was left. A screenshot per control state.
 */
export async function controls(env) {
  await env.save(null, {});
  const a = await openReader(env, ARTICLE);
  const b = await openReader(env, `${ARTICLE}?other-tab`);
  await a.page.evaluate(clickAction, 'settings');
  await until(a.page, () => Boolean(document.getElementById('declutter-reader').shadowRoot.querySelector('.aa:not([hidden])')), 'the Aa panel');
  // [control, value, how the view looks then]; the size first, as the spacing is measured in it.
  const steps = [
    ['font', 'sans', { font: { re: 'system-ui' } }],
    ['font', 'mono', { font: { re: 'monospace' } }],
    ['font', 'legible', { font: { re: '^"?Declutter Atkinson Hyperlegible' }, legible: true }],
    ['size', 24, { size: '24px' }],
    ['lineHeight', 2, { line: '48px' }],
    ['letterSpacing', 0.05, { letter: '1.2px' }],
    ['wordSpacing', 0.25, { word: '6px' }],
    ['width', 30, { width: '720px' }],
    ['align', 'justify', { align: 'justify' }],
    ['theme', 'dark', { bg: THEME_BG.dark }],
    ['theme', 'sepia', { bg: THEME_BG.sepia }],
    ['theme', 'custom', { bg: 'rgb(253, 253, 252)', color: 'rgb(29, 29, 31)' }],
    ['bgColor', '#203040', { bg: 'rgb(32, 48, 64)' }],
    ['textColor', '#f0e0a0', { color: 'rgb(240, 224, 160)' }],
    ['linkColor', '#ff8800', { link: 'rgb(255, 136, 0)' }],
    ['images', false, { img: 'none' }],
    ['links', false, { link: 'rgb(240, 224, 160)', linkEvents: 'none' }],
  ];
  for (const [key, value, is] of steps) {
    await a.page.evaluate(setControl, [key, value]);
    await expectView(a.page, is, `${key}=${value} in the tab`);
    await expectView(b.page, is, `${key}=${value} in another tab`);
    await env.shot(a.page, `control-${key}-${String(value).replace('#', '')}`);
  }
  const final = {
    font: { re: 'Declutter Atkinson' },
    size: '24px',
    line: '48px',
    width: '720px',
    align: 'justify',
    bg: 'rgb(32, 48, 64)',
    img: 'none',
    linkEvents: 'none',
  };
  // The options page shows what the view chose, and a change there reaches the open views.
  // (Firefox: WebDriver BiDi cannot open extension pages; the same storage, read and written.)
  if (env.options) {
    const options = await env.options();
    await until(options, () => document.body.dataset.ready === 'true', 'the options page');
    const shown = await options.evaluate(() => {
      const f = (n) => document.querySelector(`[name="${n}"]`);
      return {
        font: f('font').value,
        size: f('size').value,
        theme: f('theme').value,
        bg: f('bgColor').value,
        images: f('images').checked,
        links: f('links').checked,
      };
    });
    assert.deepEqual(shown, { font: 'legible', size: '24', theme: 'custom', bg: '#203040', images: false, links: false });
    await options.evaluate(() => {
      const t = document.querySelector('[name="theme"]');
      t.value = 'sepia';
      t.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await options.close();
  } else {
    const stored = await env.load();
    assert.deepEqual([stored.font, stored.size, stored.theme, stored.bgColor, stored.images, stored.links], ['legible', 24, 'custom', '#203040', false, false]);
    await env.save(null, { ...stored, theme: 'sepia' });
  }
  await expectView(a.page, { bg: THEME_BG.sepia }, 'the options changed the theme');
  // Across a reload.
  await a.page.reload();
  await a.toggle('reader');
  await expectView(a.page, { ...final, bg: THEME_BG.sepia }, 'after a reload');
  await env.save(null, {});
  await expectView(b.page, { bg: { re: '.' }, size: '19px', img: 'inline' }, 'defaults again');
  await a.page.close();
  await b.page.close();
}

/**
 * Read aloud with the test build's speech queue (the browser's utterances and events, on the
 * test's clock): starts at the title, highlights the sentence and the word the voice reports,
 * pauses and plays again, moves by paragraph, follows speed and voice, keeps the paragraph in
 * view, answers N, stops.
 */
export async function readAloud(env) {
  const { page } = await openReader(env, ARTICLE);
  await speech(page, 'install');
  await page.evaluate(clickAction, 'read-aloud');
  const title = 'How the tide library will keep its books dry';
  const first =
    "Lanternport's floating library has a simple problem to solve: paper hates salt, damp and movement, and a reading hall on pontoons offers all three.";
  let log = (await speech(page, 'state')).log;
  assert.equal(log[0].text, title, 'the title is read first');
  let s = await state(page);
  assert.equal(s.state, 'playing');
  assert.equal(s.sentence, title, 'the sentence being read is highlighted');
  // A word boundary highlights its word (with the length the voice gives, or to the next space).
  await speech(page, 'boundary', { charIndex: title.indexOf('tide'), charLength: 4 });
  assert.equal((await state(page)).word, 'tide');
  await speech(page, 'boundary', { charIndex: title.indexOf('books'), charLength: 0 });
  assert.equal((await state(page)).word, 'books');
  // The end of the utterance: the next sentence, in the next paragraph.
  await speech(page, 'end');
  s = await state(page);
  assert.equal(s.block, 1);
  assert.equal(s.sentence, first);
  assert.equal(s.word, null, 'a new sentence starts without a word highlighted');
  log = (await speech(page, 'state')).log;
  assert.equal(log.at(-1).text, first);
  // Pause: the voice stops (the sentence stays marked); play again: the sentence again.
  await page.evaluate(clickAction, 'narrate-play');
  s = await state(page);
  assert.equal(s.state, 'paused');
  assert.equal((await speech(page, 'state')).current, null, 'nothing is being spoken');
  assert.equal(s.sentence, first, 'the place is kept');
  await page.evaluate(clickAction, 'narrate-play');
  assert.equal((await speech(page, 'state')).current, first, 'play goes on from the same sentence');
  // Next and previous paragraph.
  await page.evaluate(clickAction, 'narrate-next');
  s = await state(page);
  assert.equal(s.block, 2);
  assert.match(s.sentence, /^The pier at dusk/, 'the caption, the next block');
  await page.evaluate(clickAction, 'narrate-next');
  assert.equal((await state(page)).sentence, 'The pier and the pontoons');
  await page.evaluate(clickAction, 'narrate-prev');
  assert.match((await state(page)).sentence, /^The pier at dusk/);
  assert.match((await speech(page, 'state')).current, /^The pier at dusk/);
  // Speed: the sentence again at the new rate.
  await page.evaluate(() => {
    const r = document.getElementById('declutter-reader').shadowRoot.querySelector('.narrator [name="rate"]');
    r.value = '1.5';
    r.dispatchEvent(new Event('change', { bubbles: true }));
  });
  log = (await speech(page, 'state')).log;
  assert.equal(log.at(-1).rate, 1.5);
  assert.match(log.at(-1).text, /^The pier at dusk/);
  // Voice: one of the system's (espeak-ng's, listed once the browser has read them).
  await until(
    page,
    () => document.getElementById('declutter-reader').shadowRoot.querySelector('.narrator').dataset.voices > 0,
    "the system's voices",
    null,
    15_000,
  );
  const voices = await page.evaluate(() =>
    [...document.getElementById('declutter-reader').shadowRoot.querySelectorAll('.narrator select option')].map((o) => o.value),
  );
  await page.evaluate((uri) => {
    const v = document.getElementById('declutter-reader').shadowRoot.querySelector('.narrator select');
    v.value = uri;
    v.dispatchEvent(new Event('change', { bubbles: true }));
  }, voices[1]);
  log = (await speech(page, 'state')).log;
  assert.equal(log.at(-1).voice, voices[1], 'the sentence again in the chosen voice');
  assert.match(log.at(-1).text, /^The pier at dusk/);
  // Far down the article, the paragraph being read is scrolled into view.
  for (let i = 0; i < 12; i++) await page.evaluate(clickAction, 'narrate-next');
  await until(
    page,
    () => {
      const b = document.getElementById('declutter-reader').shadowRoot.querySelector('.speaking')?.getBoundingClientRect();
      return b && b.top >= 0 && b.bottom <= innerHeight;
    },
    'the paragraph in view',
  );
  s = await state(page);
  assert.ok(s.block >= 14, `moved on (${s.block})`);
  await env.shot(page, 'read-aloud');
  // N pauses and plays; the bar's close button stops and clears the marks.
  await page.keyboard.press('n');
  assert.equal((await state(page)).state, 'paused');
  await page.keyboard.press('n');
  assert.equal((await state(page)).state, 'playing');
  await page.evaluate(clickAction, 'narrate-close');
  s = await state(page);
  assert.deepEqual([s.hidden, s.sentence, s.word, s.speaking], [true, null, null, null]);
  assert.equal((await speech(page, 'state')).current, null);
  await page.close();
}

/**
 * Read aloud with the system's voices (espeak-ng through speech-dispatcher, lib/speech.mjs):
 * every sentence is spoken to its end, in order, to the end of the article. (Here the sound
 * goes nowhere and the voices report no words; readAloud covers the highlight.)
 */
export async function readAloudReal(env, path = 'core-fixtures/title-suffix.html') {
  const { page } = await openReader(env, path);
  await page.evaluate(clickAction, 'read-aloud');
  const done = await until(
    page,
    () => {
      const bar = document.getElementById('declutter-reader').shadowRoot.querySelector('.narrator');
      return ['ended', 'error'].includes(bar?.dataset.state) ? { ...bar.dataset } : null;
    },
    'read aloud to the end',
    null,
    60_000,
  );
  assert.equal(done.state, 'ended', JSON.stringify(done));
  // The title and the four paragraphs' sentences, each spoken to its end.
  assert.ok(Number(done.spoken) >= 5, `sentences spoken: ${done.spoken}`);
  await page.close();
  return { spoken: Number(done.spoken), voices: Number(done.voices) };
}

/**
 * Long reads: the contents (T) lists the headings and jumps to one; Esc closes the panel, then
 * the view; space and shift-space page; the progress bar and the minutes left follow.
 */
export async function navigation(env) {
  const { page } = await openReader(env, ARTICLE);
  const view = (fn) => page.evaluate(fn);
  await until(page, () => !document.getElementById('declutter-reader').shadowRoot.querySelector('[data-action="contents"]').hidden, 'the Contents button');
  // Progress at the top: nothing read, the whole reading time left.
  const top = await view(() => {
    const root = document.getElementById('declutter-reader').shadowRoot;
    return { now: root.querySelector('.progress').getAttribute('aria-valuenow'), left: root.querySelector('.left').textContent };
  });
  assert.deepEqual(top, { now: '0', left: '3 min left' });
  // Space pages down by a screen (less an overlap), shift-space back.
  const scroll = () => view(() => document.getElementById('declutter-reader').scrollTop);
  const height = await view(() => document.getElementById('declutter-reader').clientHeight);
  await page.keyboard.press(' ');
  await until(page, () => document.getElementById('declutter-reader').scrollTop > 0, 'paged down');
  const down = await scroll();
  assert.ok(Math.abs(down - (height - 48)) <= 2, `a page is ${height - 48}px (${down})`);
  await page.keyboard.down('Shift');
  await page.keyboard.press(' ');
  await page.keyboard.up('Shift');
  await until(page, () => document.getElementById('declutter-reader').scrollTop === 0, 'paged up');
  // T: the contents, the focus on its first entry.
  await page.keyboard.press('t');
  const toc = await view(() => {
    const root = document.getElementById('declutter-reader').shadowRoot;
    const panel = root.querySelector('.toc');
    return { open: !panel.hidden, entries: [...panel.querySelectorAll('a')].map((a) => a.textContent), focus: root.activeElement?.textContent };
  });
  assert.deepEqual(toc.entries, ['The pier and the pontoons', 'Keeping the books dry', 'What readers can take out', 'Who pays', 'What happens next']);
  assert.equal(toc.open, true);
  assert.equal(toc.focus, 'The pier and the pontoons');
  // Following an entry: the heading at the top of the view, with the focus.
  await view(() => [...document.getElementById('declutter-reader').shadowRoot.querySelectorAll('.toc a')].find((a) => a.textContent === 'Who pays').click());
  const jumped = await until(
    page,
    () => {
      const root = document.getElementById('declutter-reader').shadowRoot;
      const h = [...root.querySelectorAll('article h2')].find((x) => x.textContent === 'Who pays');
      const t = h.getBoundingClientRect().top;
      return t >= 0 && t < 120 ? { top: t, focus: root.activeElement === h, panel: root.querySelector('.toc').hidden } : null;
    },
    'the heading at the top',
  );
  assert.deepEqual([jumped.focus, jumped.panel], [true, true], 'focus on the heading, the panel closed');
  await env.shot(page, 'contents-jump');
  // The section being read is marked in the contents.
  await page.keyboard.press('t');
  assert.equal(await view(() => document.getElementById('declutter-reader').shadowRoot.querySelector('.toc a[aria-current="true"]')?.textContent), 'Who pays');
  await env.shot(page, 'contents');
  // Esc: the panel first, the view after.
  await page.keyboard.press('Escape');
  assert.deepEqual(
    await view(() => [
      Boolean(document.getElementById('declutter-reader')),
      document.getElementById('declutter-reader')?.shadowRoot.querySelector('.toc').hidden,
    ]),
    [true, true],
  );
  // Progress at the end.
  await view(() => {
    const host = document.getElementById('declutter-reader');
    host.scrollTop = host.scrollHeight;
  });
  await until(page, () => document.getElementById('declutter-reader').shadowRoot.querySelector('.left').textContent === 'Finished', 'the end of the article');
  assert.equal(await view(() => document.getElementById('declutter-reader').shadowRoot.querySelector('.progress').getAttribute('aria-valuenow')), '100');
  await page.keyboard.press('Escape');
  await until(page, () => !document.getElementById('declutter-reader'), 'the view closed by Esc');
  await page.close();
  // A short article (fewer than three headings) has no contents.
  const short = await openReader(env, 'fixtures/news.html');
  await sleep(600);
  assert.equal(await short.page.evaluate(() => document.getElementById('declutter-reader').shadowRoot.querySelector('[data-action="contents"]').hidden), true);
  await short.page.close();
}

/** In the page: what the reader view shows of each block the fixtures test. */
function blocks() {
  const root = document.getElementById('declutter-reader').shadowRoot;
  const article = root.querySelector('article');
  const cs = (e) => getComputedStyle(e);
  const pageBg = cs(root.querySelector('.page')).backgroundColor;
  const pre = article.querySelector('pre');
  const aside = article.querySelector('aside');
  const p = article.querySelector('p');
  const math = article.querySelector('math');
  return {
    title: root.querySelector('h1.title').textContent,
    items: [...article.querySelectorAll('li')].map((li) => li.textContent.trim()),
    pre: pre && {
      setOff: cs(pre).backgroundColor !== pageBg,
      scroll: cs(pre).overflowX,
      wrap: cs(pre).whiteSpace,
      overflows: pre.scrollWidth > pre.clientWidth,
      font: cs(pre).fontFamily,
    },
    notes: [...article.querySelectorAll('aside')].length,
    note: aside && { setOff: cs(aside).backgroundColor !== pageBg, rule: cs(aside).borderInlineStartWidth },
    cells: [...article.querySelectorAll('td')].length,
    cellRule: article.querySelector('td') ? cs(article.querySelector('td')).borderTopWidth : null,
    bodySize: p ? parseFloat(cs(p).fontSize) : 0,
    headings: [...article.querySelectorAll('h2, h3, h4, h5, h6')].map((h) => ({
      tag: h.localName,
      size: parseFloat(cs(h).fontSize),
      weight: Number(cs(h).fontWeight),
      top: parseFloat(cs(h).marginTop),
      text: h.textContent,
    })),
    math: math && { count: article.querySelectorAll('math').length, paragraphsInside: math.querySelectorAll('p').length },
    paragraphs: [...article.querySelectorAll('p')]
      .filter((x) => !x.closest('math'))
      .map((x) => ({ top: Math.round(x.getBoundingClientRect().top), text: x.textContent.slice(0, 40) })),
    images: [...article.querySelectorAll('img')].map((i) => ({ src: i.getAttribute('src'), loaded: i.complete && i.naturalWidth > 0, width: i.naturalWidth })),
    posts: [...article.querySelectorAll('article')].map((a) => ({
      text: a.textContent.replace(/\s+/g, ' ').trim().slice(0, 50),
      time: a.querySelector('time')?.textContent ?? null,
      author: a.firstElementChild?.firstElementChild?.textContent ?? null,
      authorWeight: a.firstElementChild?.firstElementChild ? Number(cs(a.firstElementChild.firstElementChild).fontWeight) : 0,
      timeColour: a.querySelector('time') ? cs(a.querySelector('time')).color : null,
      rule: cs(a).borderTopWidth,
    })),
    textColour: p ? cs(p).color : null,
  };
}

/**
 * Blocks the view rendered wrongly, each a fixture page (tests/fixtures/extract/, shared with
 * the core's tests/core/reader_blocks.rs), rendered right: a screenshot of each.
 */
export async function renderedBlocks(env) {
  const see = async (fixture) => {
    const { page } = await openReader(env, `core-fixtures/${fixture}.html`);
    await sleep(300);
    const got = await page.evaluate(blocks);
    await env.shot(page, `block-${fixture}`);
    await page.close();
    return got;
  };
  // Pros and cons: eight bullets, none of them empty.
  const review = await see('review-pros-cons');
  assert.equal(review.items.length, 8, JSON.stringify(review.items));
  assert.ok(
    review.items.every((t) => t.length > 10),
    JSON.stringify(review.items),
  );
  // Docs: the code block set off, long lines scrolling; notes and a ruled table.
  const docs = await see('docs-page');
  assert.deepEqual({ ...docs.pre, font: undefined }, { setOff: true, scroll: 'auto', wrap: 'pre', overflows: true, font: undefined }, JSON.stringify(docs.pre));
  assert.match(docs.pre.font, /mono/i);
  assert.equal(docs.notes, 2);
  assert.deepEqual(docs.note, { setOff: true, rule: '4px' });
  assert.equal(docs.cells, 9);
  assert.equal(docs.cellRule, '1px');
  // A scientific article: every section heading bold, at least the text's size, with space above.
  const science = await see('science-sections');
  assert.deepEqual(
    science.headings.map((h) => h.tag),
    ['h2', 'h2', 'h2', 'h3', 'h3', 'h4', 'h5', 'h2', 'h6', 'h2'],
  );
  for (const h of science.headings) {
    assert.ok(
      h.weight >= 700 && h.size >= science.bodySize && h.top >= science.bodySize,
      `${h.tag} "${h.text}": ${JSON.stringify(h)} (text ${science.bodySize}px)`,
    );
  }
  // An open formula: the fourteen paragraphs after it are paragraphs, one below the other.
  const math = await see('math-open');
  assert.deepEqual(math.math, { count: 1, paragraphsInside: 0 });
  assert.ok(math.paragraphs.length >= 15, JSON.stringify(math.paragraphs));
  const tops = math.paragraphs.map((x) => x.top);
  assert.ok(
    tops.every((t, i) => i === 0 || t > tops[i - 1]),
    `each paragraph its own block: ${tops}`,
  );
  // The title without the site's name.
  assert.equal((await see('title-suffix')).title, 'Il porto di Vellano riapre dopo sei mesi di lavori');
  // Lazy images: the real pictures, loaded.
  const lazy = await see('lazy-placeholder');
  assert.deepEqual(
    lazy.images.map((i) => [i.src.replace(/^.*\//, ''), i.loaded]),
    [
      ['mill-race.png', true],
      ['mill-wheel.png', true],
    ],
  );
  // A forum thread: the posts one after another, each with its author and time, set apart.
  const forum = await see('forum-posts');
  assert.equal(forum.posts.length, 4, JSON.stringify(forum.posts));
  assert.match(forum.posts[0].text, /^wrenna_hale 3 Feb 2026, 19:12 I want to carve/);
  assert.deepEqual(
    forum.posts.map((p) => p.time),
    ['3 Feb 2026, 19:12', '3 Feb 2026, 20:40', '4 Feb 2026, 08:05', '5 Feb 2026, 17:30'],
  );
  assert.ok(
    forum.posts.slice(1).every((p) => p.rule === '1px'),
    JSON.stringify(forum.posts),
  );
  assert.notEqual(forum.posts[0].timeColour, forum.textColour, 'the time is secondary text');
  assert.deepEqual(
    forum.posts.map((p) => [p.author, p.authorWeight >= 700]),
    [
      ['wrenna_hale', true],
      ['old_fenner', true],
      ['marsh_mallow', true],
      ['wrenna_hale', true],
    ],
    'each post led by its author, in bold',
  );
}

/**
 * The two pictures the README shows (extension/demo/reader-*.png are copies of these artifacts):
 * the "Aa" panel open on the sepia theme in the legible face, and read aloud in the dark theme
 * with the word being read marked and the contents open.
 */
export async function readmePictures(env) {
  await env.save(null, { theme: 'sepia', font: 'legible' });
  const a = await openReader(env, ARTICLE);
  await expectView(a.page, { bg: THEME_BG.sepia, legible: true }, 'sepia in the legible face');
  await a.page.evaluate(clickAction, 'settings');
  await until(a.page, () => Boolean(document.getElementById('declutter-reader').shadowRoot.querySelector('.aa:not([hidden])')), 'the Aa panel');
  await env.shot(a.page, 'readme-aa');
  await a.page.close();

  await env.save(null, { theme: 'dark' });
  const { page } = await openReader(env, ARTICLE);
  await expectView(page, { bg: THEME_BG.dark }, 'dark');
  await speech(page, 'install');
  await page.evaluate(clickAction, 'read-aloud');
  await until(page, () => document.getElementById('declutter-reader').shadowRoot.querySelector('.narrator').dataset.voices > 0, 'the voices', null, 15_000);
  for (let i = 0; i < 5; i++) await page.evaluate(clickAction, 'narrate-next');
  const { current } = await speech(page, 'state');
  const word = current.split(' ')[3];
  await speech(page, 'boundary', { charIndex: current.indexOf(word), charLength: word.length });
  assert.equal((await state(page)).word, word);
  await page.keyboard.press('t');
  await until(page, () => !document.getElementById('declutter-reader').shadowRoot.querySelector('.toc').hidden, 'the contents');
  assert.equal((await state(page)).state, 'playing', 'reading goes on with the contents open');
  await until(
    page,
    () => {
      const b = document.getElementById('declutter-reader').shadowRoot.querySelector('.speaking')?.getBoundingClientRect();
      return b && b.top >= 0 && b.bottom <= innerHeight - 80;
    },
    'the paragraph being read in view',
  );
  await env.shot(page, 'readme-read-aloud');
  await page.evaluate(clickAction, 'narrate-close');
  await page.close();
  await env.save(null, {});
}
