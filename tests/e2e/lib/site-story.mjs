// Site memory never costs the reader the article, end to end. Three pages of one invented
// aggregator (tests/fixtures/dedupe/html/nook_*.html) carry a fourth page's story in full in
// their "Related articles"; after visiting them, the fourth page's reader view and declutter
// mode show the whole article, the same words as on a fresh profile, while the site's
// furniture learned from the three (its app bar and footer, which no class word names) is
// hidden. Shared by the Chromium and Firefox tests; `open(path)` resolves to {page, toggle}.

import assert from 'node:assert/strict';
import { until } from './features.mjs';

const path = (name) => `dedupe-fixtures/nook_${name}.html`;
// The story page's last paragraph begins so: the reader view is whole once it shows it.
const LAST = 'The council leader said the vote was the hardest';

/** The reader view's article text and the toggle's word count on the story page. */
async function reader(open) {
  const { page, toggle } = await open(path('tide'));
  const r = await toggle('reader');
  assert.equal(r.active, true);
  const text = await until(
    page,
    (last) => {
      const t = document.getElementById('declutter-reader')?.shadowRoot?.querySelector('article')?.textContent ?? '';
      return t.includes(last) && t.replace(/\s+/g, ' ').trim();
    },
    'the whole article in the reader view',
    LAST,
  );
  await toggle('reader');
  await page.close();
  return { words: r.words, text };
}

export async function storyStaysWhole(open) {
  // A fresh profile: what the story page reads alone.
  const fresh = await reader(open);
  assert.ok(fresh.words > 200, `${fresh.words} words`);
  // Three pages of the site, each pasting the story whole in its related list.
  for (const name of ['bees', 'trains', 'divers']) {
    const { page, toggle } = await open(path(name));
    assert.equal((await toggle('declutter')).active, true, name);
    await page.close();
  }
  // The story page again: the reader view has every word it had on the fresh profile.
  const later = await reader(open);
  assert.equal(later.words, fresh.words);
  assert.equal(later.text, fresh.text);
  // Declutter: the article whole, the furniture learned from the other pages hidden.
  const { page, toggle } = await open(path('tide'));
  const on = await toggle('declutter');
  assert.ok(on.siteBoilerplate >= 2, `blocks hidden by site memory: ${on.siteBoilerplate}`);
  const seen = await page.evaluate(() => {
    const shown = (el) => el.getClientRects().length > 0;
    return {
      paragraphs: [...document.querySelectorAll('.nk-prose > p')].map(shown),
      appBar: shown(document.querySelector('.nk-appbar')),
      footer: shown(document.querySelector('.nk-base')),
    };
  });
  assert.ok(seen.paragraphs.length >= 7 && seen.paragraphs.every(Boolean), `paragraphs shown: ${seen.paragraphs}`);
  assert.deepEqual({ appBar: seen.appBar, footer: seen.footer }, { appBar: false, footer: false });
  assert.equal((await toggle('declutter')).active, false);
  await page.close();
}
