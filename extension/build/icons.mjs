// Draws the toolbar icon (a page with text lines, the lower ones struck away) as PNGs at the
// sizes the manifest names, so the repository holds no binary images.

import { writeFileSync } from 'node:fs';
import zlib from 'node:zlib';

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}

function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x / size, y / size);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Coordinates are fractions of the icon's side.
function pixel(x, y) {
  const inPage = x > 0.12 && x < 0.88 && y > 0.06 && y < 0.94;
  if (!inPage) return [0, 0, 0, 0];
  const border = x < 0.18 || x > 0.82 || y < 0.12 || y > 0.88;
  if (border) return [32, 74, 135, 255];
  // Three text lines kept, then faded ones: the clutter that goes away.
  for (const [top, kept] of [
    [0.22, true],
    [0.36, true],
    [0.5, true],
    [0.64, false],
    [0.76, false],
  ]) {
    if (y >= top && y < top + 0.07 && x > 0.26 && x < 0.74) return kept ? [32, 74, 135, 255] : [190, 200, 215, 255];
  }
  return [255, 255, 255, 255];
}

export function writeIcons(dir, sizes = [16, 32, 48, 128]) {
  for (const s of sizes) writeFileSync(`${dir}/${s}.png`, png(s, pixel));
}
