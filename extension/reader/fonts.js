// The legible font, Atkinson Hyperlegible (Braille Institute of America, SIL Open Font License
// 1.1), shipped with the extension and the playground in fonts/ (the build copies the faces
// and the licence from the @fontsource/atkinson-hyperlegible package). Loaded the first time a
// view uses it: the faces are read as bytes and registered with the document's fonts under
// a family name of our own. Bytes, not URLs: a font URL would be fetched under the page's
// Content-Security-Policy (font-src), which may forbid it, and the extension's files would
// have to be readable by every page (web_accessible_resources, which lets pages detect the
// extension); the content script gets the bytes from the background instead (`readFaces`).

import SUBSETS from '@fontsource/atkinson-hyperlegible/unicode.json';
import { LEGIBLE_FAMILY } from './theme.js';

/** Where the faces are, inside the extension and the playground. */
export const FONT_DIR = 'fonts';
const WEIGHTS = ['400', '700'];
const STYLES = ['normal', 'italic'];

/** Every face: its file (the package's name for it), weight, style and characters. */
export const LEGIBLE_FACES = Object.entries(SUBSETS).flatMap(([subset, range]) =>
  WEIGHTS.flatMap((weight) => STYLES.map((style) => ({ file: `atkinson-hyperlegible-${subset}-${weight}-${style}.woff2`, weight, style, range }))),
);

/** The face files' bytes, read where the files are (`urlOf(path)`: a file's URL), as base64. */
export async function readFaces(urlOf) {
  return Promise.all(
    LEGIBLE_FACES.map(async (f) => {
      const res = await fetch(urlOf(`${FONT_DIR}/${f.file}`));
      if (!res.ok) throw new Error(`${f.file}: ${res.status}`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      let bin = '';
      for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(bin);
    }),
  );
}

/** A base64 face (from readFaces) as bytes. */
export const faceBytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)).buffer;

// Per document: the faces loading or loaded (true: all there).
const loaded = new WeakMap();

/**
 * Loads the faces into `doc`'s fonts once; `faces()` resolves to their bytes, in the order of
 * LEGIBLE_FACES. Resolves to true when they are there (false: they could not be read; the view
 * falls back to system fonts).
 * @param {Document} doc
 * @param {() => Promise<ArrayBuffer[]>} faces
 * @returns {Promise<boolean>}
 */
export function loadLegibleFont(doc, faces) {
  let p = loaded.get(doc);
  if (!p) {
    p = faces()
      .then((all) =>
        Promise.all(
          LEGIBLE_FACES.map((f, i) =>
            new FontFace(LEGIBLE_FAMILY, all[i], { weight: f.weight, style: f.style, unicodeRange: f.range, display: 'swap' }).load(),
          ),
        ),
      )
      .then(
        (faces) => {
          for (const face of faces) doc.fonts.add(face);
          return true;
        },
        () => {
          loaded.delete(doc);
          return false;
        },
      );
    loaded.set(doc, p);
  }
  return p;
}
