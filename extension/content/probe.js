// A cheap "does this look like an article?" look at the page, without the wasm core, for the
// toolbar badge. Registered by the background on the sites the user granted access to (none by
// default: see the options page); it reads paragraph lengths once and sends one message.

import { sendToBackground } from '../shared/messages.js';

// Thresholds: a few real paragraphs (a caption or teaser is shorter than 80 characters) that
// together make a short article's worth of text.
const MIN_PARAGRAPH_CHARS = 80;
const MIN_PARAGRAPHS = 4;
const MIN_TOTAL_CHARS = 1200;

function looksLikeArticle() {
  let count = 0;
  let total = 0;
  for (const p of document.getElementsByTagName('p')) {
    const n = p.textContent.trim().length;
    if (n < MIN_PARAGRAPH_CHARS) continue;
    count++;
    total += n;
    if (count >= MIN_PARAGRAPHS && total >= MIN_TOTAL_CHARS) return true;
  }
  return false;
}

sendToBackground({ cmd: 'probe', article: looksLikeArticle() }).catch(() => {});
