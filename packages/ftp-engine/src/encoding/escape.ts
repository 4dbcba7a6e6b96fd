/**
 * Surrogate escapes: how bytes that a charset cannot decode still travel
 * as a JavaScript string and come back unchanged.
 *
 * Like Python's `surrogateescape` error handler, an undecodable byte B
 * (0x80–0xFF) becomes the lone low surrogate U+DC00+B (U+DC80–U+DCFF).
 * Decoding valid text never yields a lone surrogate, so on the way back
 * every lone U+DC80–U+DCFF is known to stand for one raw byte. Our
 * non-UTF-8 codecs also escape an undecodable byte below 0x80 the same way
 * (U+DC00–U+DC7F); no supported charset has one, but the rule keeps the
 * round trip total.
 *
 * Such names cross the WebSocket as JSON: `JSON.stringify` writes a lone
 * surrogate as the escape `\udcXX` (well-formed JSON.stringify, ES2019) and
 * `JSON.parse` restores it, so the name arrives intact in the browser and
 * back. Only a trip through a UTF-8 byte encoder (TextEncoder, a
 * `Buffer.from(s, 'utf8')`) would replace it with U+FFFD, which is why
 * names must be re-encoded with their codec, never with Buffer.from.
 */
import { FtpError, FtpErrorCodes } from '../errors.ts';

/** The escape for byte 0x00; byte B is U+DC00+B. */
const ESCAPE_BASE = 0xdc00;

/** The escape for raw byte `byte`. */
export function escapeByte(byte: number): number {
  return ESCAPE_BASE + byte;
}

/** True when code unit `unit` at `index` of `text` is a lone surrogate (no pair partner). */
export function isLoneSurrogate(text: string, index: number): boolean {
  const unit = text.charCodeAt(index);
  if (unit >= 0xd800 && unit <= 0xdbff) {
    const next = text.charCodeAt(index + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  if (unit >= 0xdc00 && unit <= 0xdfff) {
    const previous = index > 0 ? text.charCodeAt(index - 1) : 0;
    return !(previous >= 0xd800 && previous <= 0xdbff);
  }
  return false;
}

/** The error for a name that no byte sequence can represent in `charset`. */
export function unencodable(name: string, index: number, charset: string): FtpError {
  const unit = name.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0');
  return new FtpError(
    FtpErrorCodes.INVALID_ARGUMENT,
    `The name cannot be written in ${charset}: U+${unit} at position ${index} has no encoding in it`,
  );
}

/** Builds a string from UTF-16 code units without hitting the argument-count limit of fromCharCode. */
export function unitsToString(units: number[]): string {
  let out = '';
  for (let i = 0; i < units.length; i += 8192) out += String.fromCharCode(...units.slice(i, i + 8192));
  return out;
}
