/**
 * UTF-8 with surrogate escapes (see escape.ts): valid UTF-8 decodes as
 * usual, each byte of an invalid sequence becomes U+DC80–U+DCFF, and
 * encoding turns those back into the original bytes. Valid input takes
 * Node's native decoder; only names with bad bytes go through the scalar
 * loop below.
 */
import { isUtf8 } from 'node:buffer';
import { escapeByte, isLoneSurrogate, unencodable, unitsToString } from './escape.ts';

/**
 * Length of the well-formed UTF-8 sequence starting at `i`, or 0 if the
 * bytes there are not one (Unicode table 3-7: no overlongs, no encoded
 * surrogates, nothing above U+10FFFF).
 */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  const n = bytes.length;
  const trail = (k: number, lo = 0x80, hi = 0xbf): boolean => i + k < n && bytes[i + k]! >= lo && bytes[i + k]! <= hi;
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return trail(1) ? 2 : 0;
  if (b === 0xe0) return trail(1, 0xa0) && trail(2) ? 3 : 0;
  if (b === 0xed) return trail(1, 0x80, 0x9f) && trail(2) ? 3 : 0;
  if (b >= 0xe1 && b <= 0xef) return trail(1) && trail(2) ? 3 : 0;
  if (b === 0xf0) return trail(1, 0x90) && trail(2) && trail(3) ? 4 : 0;
  if (b >= 0xf1 && b <= 0xf3) return trail(1) && trail(2) && trail(3) ? 4 : 0;
  if (b === 0xf4) return trail(1, 0x80, 0x8f) && trail(2) && trail(3) ? 4 : 0;
  return 0;
}

/** Decodes UTF-8, escaping each byte of an invalid sequence (the maximal-subpart result Python gives). */
export function decodeUtf8Escaped(bytes: Uint8Array): string {
  if (isUtf8(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const units: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      units.push(escapeByte(b));
      i++;
    } else if (length === 1) {
      units.push(b);
      i++;
    } else {
      let cp = length === 2 ? b & 0x1f : length === 3 ? b & 0x0f : b & 0x07;
      for (let k = 1; k < length; k++) cp = (cp << 6) | (bytes[i + k]! & 0x3f);
      if (cp >= 0x10000) units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
      else units.push(cp);
      i += length;
    }
  }
  return unitsToString(units);
}

/** Any surrogate code unit; without the `u` flag the class matches single UTF-16 units. */
const SURROGATE = /[\ud800-\udfff]/;

/**
 * Encodes to UTF-8, turning escapes U+DC80–U+DCFF back into their bytes.
 * Throws FTP_ERR_INVALID_ARGUMENT for any other lone surrogate: it stands
 * for no byte sequence, and sending U+FFFD instead would name another file.
 */
export function encodeUtf8Escaped(name: string): Buffer {
  if (!SURROGATE.test(name)) return Buffer.from(name, 'utf8');
  const out: number[] = [];
  for (let i = 0; i < name.length; i++) {
    const unit = name.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdfff && isLoneSurrogate(name, i)) {
      if (unit < 0xdc80 || unit > 0xdcff) throw unencodable(name, i, 'UTF-8');
      out.push(unit - 0xdc00);
      continue;
    }
    let cp = unit;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      cp = 0x10000 + ((unit - 0xd800) << 10) + (name.charCodeAt(i + 1) - 0xdc00);
      i++;
    }
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return Buffer.from(out);
}
