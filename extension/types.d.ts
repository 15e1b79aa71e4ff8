// Ambient declarations for the type check (tsconfig.json): what the bundler provides.

/** The build flag: true in the test build (dist/test/*), false in the release build. */
declare const __TEST__: boolean;

/** The WebExtension API (Chromium's `chrome`, Firefox's `browser`); untyped here. */
declare var chrome: any;
declare var browser: any;

/** A stylesheet imported as text (esbuild's text loader). */
declare module '*.css' {
  const css: string;
  export default css;
}
