// The page's binary block: bytes as text that an HTML page can hold in a
// <script type="application/octet-stream"> element, 7 bits to a byte of
// UTF-8 instead of base64's 6 (the gzipped wasm takes 1.14 times its size in
// the page, not 1.33).
//
// The bits are read 7 at a time, most significant first, and each 7-bit
// value is written as that ASCII character, except three the HTML parser
// would change or stop at: NUL (becomes U+FFFD), CR (becomes LF) and "<"
// (could start "</script"). One of those, with the 7 bits after it, is
// written as one code point 128..511 (two bytes of UTF-8):
//   (1 + which) << 7 | next        which: 0 NUL, 1 CR, 2 "<"
//   4 << 7 | which                 the last 7 bits of the input
// The last 7-bit group is padded with zero bits; a decoder keeps
// floor(7 * groups / 8) bytes, which is exactly the input's length.
// shell.html decodes it (unpack there mirrors decode here).
//
//   node pack.mjs IN OUT      writes the text for the bytes of IN to OUT
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const kEscaped = [0x00, 0x0d, 0x3c];

export function encode(bytes) {
  const out = [];
  let acc = 0, bits = 0, i = 0;
  const groups = Math.ceil(bytes.length * 8 / 7);
  const next = () => {  // the next 7 bits
    while (bits < 7) {
      acc = (acc << 8 | (i < bytes.length ? bytes[i] : 0)) & 0x7fff;
      i++;
      bits += 8;
    }
    bits -= 7;
    return (acc >> bits) & 0x7f;
  };
  for (let g = 0; g < groups; g++) {
    const v = next();
    const which = kEscaped.indexOf(v);
    if (which < 0) { out.push(v); continue; }
    const cp = g + 1 < groups ? ((1 + which) << 7 | next()) : (4 << 7 | which);
    if (g + 1 < groups) g++;
    out.push(0xc0 | cp >> 6, 0x80 | (cp & 0x3f));  // UTF-8 of cp (128 <= cp < 2048)
  }
  return Buffer.from(out);
}

export function decode(text) {
  const out = new Uint8Array(Math.ceil(text.length * 14 / 8));
  let acc = 0, bits = 0, o = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 128) { acc = acc << 7 | c; bits += 7; }
    else if (c >> 7 === 4) { acc = acc << 7 | kEscaped[c & 0x7f]; bits += 7; }
    else { acc = (acc << 7 | kEscaped[(c >> 7) - 1]) << 7 | (c & 0x7f); bits += 14; }
    while (bits >= 8) { bits -= 8; out[o++] = acc >> bits; acc &= (1 << bits) - 1; }
  }
  return out.subarray(0, o);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error('usage: node pack.mjs IN OUT');
    process.exit(2);
  }
  writeFileSync(output, encode(readFileSync(input)));
}
