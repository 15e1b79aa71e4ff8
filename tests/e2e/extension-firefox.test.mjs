// The extension in headless Firefox ESR: the same toggle in the background script runs the
// wasm core on live 127.0.0.1 pages, with and without `Content-Security-Policy: script-src 'none'`.
// WebDriver BiDi cannot evaluate in an extension's background, so the tests reach
// declutter.toggle through the test build's page bridge (see lib/browsers.mjs).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withFirefox } from './lib/suite.mjs';
import { declutterRoundTrip, lateClutter, readerRoundTrip, switchModes } from './lib/scenarios.mjs';

const TITLE = /floating library/;
const PARAGRAPH = 'The plan keeps the pier';

describe('extension in Firefox', { timeout: 180_000 }, () => {
  const { open } = withFirefox();

  for (const csp of [false, true]) {
    const path = `fixtures/news.html${csp ? '?csp=none' : ''}`;
    const label = csp ? "with CSP script-src 'none'" : 'without CSP';

    test(`declutter in place ${label}`, async () => {
      const { page, res, toggle } = await open(path);
      assert.equal(res.headers()['content-security-policy'], csp ? "script-src 'none'" : undefined);
      const ran = await page.evaluate(() => document.documentElement.getAttribute('data-page-script'));
      assert.equal(ran, csp ? null : 'ran');
      await declutterRoundTrip(page, toggle, { expectTitle: TITLE });
      await lateClutter(page, toggle);
      await page.close();
    });

    test(`reader view ${label}`, async () => {
      const { page, toggle } = await open(path);
      await readerRoundTrip(page, toggle, { expectTitle: TITLE, expectParagraph: PARAGRAPH });
      await readerRoundTrip(page, toggle, { expectTitle: TITLE, expectParagraph: PARAGRAPH, close: 'escape' });
      await switchModes(page, toggle);
      await page.close();
    });
  }
});
