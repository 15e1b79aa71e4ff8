// Site memory keeps the whole article in Chromium (see lib/site-story.mjs).

import { describe, test } from 'node:test';
import { storyStaysWhole } from './lib/site-story.mjs';
import { withChromium } from './lib/suite.mjs';

describe('site memory and the article in Chromium', { timeout: 120_000 }, () => {
  const env = withChromium();
  test('a story carried by three pages reads whole where it is the article', () => storyStaysWhole(env.open));
});
