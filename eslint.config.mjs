// ESLint for the project's JavaScript (`npm test` runs it): the recommended rules, with the
// globals of where each file runs.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['dist/', 'target/', 'node_modules/', 'extension/pkg/', 'www/pkg/', 'tests/artifacts/', 'tests/fuzz/'] },
  js.configs.recommended,
  {
    files: ['extension/**/*.js', 'www/*.js'],
    languageOptions: {
      globals: { ...globals.browser, ...globals.webextensions, __TEST__: 'readonly' },
    },
  },
  {
    // Build scripts, the test runner, tests and benchmarks run in Node (tests also hand
    // functions to the browsers, where browser globals exist).
    files: ['**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.webextensions } },
  },
  {
    rules: {
      // `_name`: deliberately unused (a destructured field left out).
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
];
