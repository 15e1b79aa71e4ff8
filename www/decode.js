// The playground's input decoding: page bytes to the text its frame shows, by the core's
// charset rules (src/dom/html.rs), so the frame and the core read the same characters.

/** Mirrors the core's charset rules (src/dom/html.rs) to show the same text in the frame. */
export function decodeBytes(bytes) {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return {
      text: new TextDecoder('utf-8').decode(bytes.subarray(3)),
      charset: 'UTF-8',
    };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return {
      text: new TextDecoder('utf-16be').decode(bytes.subarray(2)),
      charset: 'UTF-16BE',
    };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return {
      text: new TextDecoder('utf-16le').decode(bytes.subarray(2)),
      charset: 'UTF-16LE',
    };
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 1024)).toLowerCase();
  const re = /<meta[^>]*?charset\s*=\s*["']?([^"'\s;/>]+)/g;
  for (let m; (m = re.exec(head));) {
    let dec;
    try {
      dec = new TextDecoder(m[1]);
    } catch {
      continue;
    }
    if (dec.encoding.startsWith('utf-16')) dec = new TextDecoder('utf-8');
    // As in the core: non-ASCII bytes that are valid UTF-8 throughout are UTF-8, whatever a
    // (stale) declaration says.
    if (dec.encoding !== 'utf-8' && !isAscii(bytes)) {
      const utf8 = strictUtf8(bytes);
      if (utf8 !== null) return { text: utf8, charset: 'UTF-8' };
    }
    return { text: dec.decode(bytes), charset: dec.encoding };
  }
  const utf8 = strictUtf8(bytes);
  return utf8 !== null
    ? { text: utf8, charset: 'UTF-8' }
    : {
        text: new TextDecoder('windows-1252').decode(bytes),
        charset: 'windows-1252',
      };
}

/** The bytes as UTF-8, or null when they are not valid UTF-8. */
function strictUtf8(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function isAscii(bytes) {
  for (const b of bytes) if (b > 0x7f) return false;
  return true;
}
