// Site memory keeps the whole article in Firefox (see lib/site-story.mjs).

import { describe, test } from 'node:test';
import { storyStaysWhole } from './lib/site-story.mjs';
import { withFirefox } from './lib/suite.mjs';

describe('site memory and the article in Firefox', { timeout: 120_000 }, () => {
  const env = withFirefox();
  test('a story carried by three pages reads whole where it is the article', () => storyStaysWhole(env.open));
});
