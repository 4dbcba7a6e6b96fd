/**
 * Legacy charsets (GBK, Big5, Shift_JIS, cp1252, …) through iconv-lite,
 * with the same surrogate escapes as our UTF-8 (escape.ts).
 *
 * iconv-lite replaces bytes it cannot decode with U+FFFD and characters it
 * cannot encode with `?`, both silently, so we never trust one direction
 * alone:
 *
 * - decode: decode, re-encode and compare. Equal bytes prove the round
 *   trip, and that is the common case. Otherwise the name is rebuilt one
 *   character at a time: at each position we take the shortest run of 1–4
 *   bytes that decodes to exactly one code point which encodes back to
 *   exactly those bytes; when none does, the byte becomes an escape. Shortest
 *   first is sound for the charsets we target because no byte that is a
 *   character on its own is also a lead byte, and no proper prefix of a
 *   multi-byte character is itself a character (checked per charset in the
 *   tests).
 * - encode: encode each run of non-escapes, decode it back and compare; a
 *   character with no encoding in the charset is an error, not a `?`.
 *
 * Byte sequences that are valid but not canonical (Shift_JIS has a few
 * characters twice, NEC and IBM rows) do not re-encode to themselves, so
 * they come out as escapes: the name still round-trips, it just shows
 * those characters as escapes.
 */
import iconv from 'iconv-lite';
import { FtpError, FtpErrorCodes } from '../errors.ts';
import { escapeByte, unencodable, unitsToString } from './escape.ts';
import type { NameCodec } from './index.ts';

type IconvEncoding = Parameters<typeof iconv.decode>[1];

const DECODE_OPTIONS = { stripBOM: false };

/** A charset iconv-lite knows and that keeps ASCII as ASCII (FTP commands are ASCII). */
export class IconvNameCodec implements NameCodec {
  readonly charset: string;
  private readonly encoding: IconvEncoding;
  /** Per byte: the character it decodes to alone, or null if it is not one. Built on first slow-path use. */
  private singles: (string | null)[] | null = null;

  constructor(charset: string) {
    if (!iconv.encodingExists(charset)) {
      throw new FtpError(FtpErrorCodes.INVALID_ARGUMENT, `Unknown charset "${charset}"`);
    }
    this.encoding = charset;
    this.charset = charset;
    const ascii = Buffer.alloc(95, 0);
    for (let i = 0; i < 95; i++) ascii[i] = 0x20 + i;
    if (!iconv.encode(ascii.toString('latin1'), charset).equals(ascii)) {
      throw new FtpError(
        FtpErrorCodes.INVALID_ARGUMENT,
        `Charset "${charset}" does not keep ASCII as ASCII, so it cannot carry FTP file names`,
      );
    }
  }

  /** Decodes a name; undecodable bytes become escapes. */
  decode(bytes: Buffer): string {
    return this.decodeExact(bytes) ?? this.decodeByCharacter(bytes);
  }

  /** The decoded text when it provably re-encodes to `bytes` (no escapes needed), else null. */
  decodeExact(bytes: Buffer): string | null {
    let ascii = true;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i]! >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return bytes.toString('latin1');
    const text = iconv.decode(bytes, this.encoding, DECODE_OPTIONS);
    return iconv.encode(text, this.encoding).equals(bytes) ? text : null;
  }

  private decodeByCharacter(bytes: Buffer): string {
    const units: number[] = [];
    this.scan(bytes, (char, byte) => {
      if (char === null) units.push(escapeByte(byte));
      else for (let k = 0; k < char.length; k++) units.push(char.charCodeAt(k));
    });
    return unitsToString(units);
  }

  /**
   * Walks `bytes` one character at a time (the shortest-valid rule above),
   * calling `visit` with each character and the bytes it came from, or with
   * null and the one byte that starts no character.
   */
  scan(bytes: Buffer, visit: (char: string | null, byte: number, start: number, length: number) => void): void {
    const singles = this.singleTable();
    let i = 0;
    while (i < bytes.length) {
      const byte = bytes[i]!;
      const single = singles[byte];
      if (single !== null && single !== undefined) {
        visit(single, byte, i, 1);
        i++;
        continue;
      }
      let taken = 0;
      for (let length = 2; length <= 4 && i + length <= bytes.length && taken === 0; length++) {
        const char = this.oneCharacter(bytes.subarray(i, i + length));
        if (char !== null) {
          visit(char, byte, i, length);
          taken = length;
        }
      }
      if (taken === 0) {
        visit(null, byte, i, 1);
        taken = 1;
      }
      i += taken;
    }
  }

  /** The single code point `chunk` stands for, if it decodes to one that encodes back to `chunk`. */
  private oneCharacter(chunk: Buffer): string | null {
    const char = iconv.decode(chunk, this.encoding, DECODE_OPTIONS);
    const codePoint = char.codePointAt(0);
    if (codePoint === undefined || char.length !== (codePoint > 0xffff ? 2 : 1)) return null;
    return iconv.encode(char, this.encoding).equals(chunk) ? char : null;
  }

  private singleTable(): (string | null)[] {
    if (this.singles === null) {
      const table: (string | null)[] = [];
      for (let b = 0; b < 256; b++) {
        const char = this.oneCharacter(Buffer.from([b]));
        // A single byte must stay a single UTF-16 unit for the fast table lookup.
        table.push(char !== null && char.length === 1 ? char : null);
      }
      this.singles = table;
    }
    return this.singles;
  }

  /** Encodes a name; escapes become their bytes. Throws FTP_ERR_INVALID_ARGUMENT for a character the charset lacks. */
  encode(name: string): Buffer {
    const parts: Buffer[] = [];
    let runStart = 0;
    for (let i = 0; i <= name.length; i++) {
      const unit = i < name.length ? name.charCodeAt(i) : -1;
      const isEscape = unit >= 0xdc00 && unit <= 0xdcff && !(i > 0 && isHighSurrogate(name.charCodeAt(i - 1)));
      if (!isEscape && unit !== -1) continue;
      if (i > runStart) parts.push(this.encodeRun(name, runStart, i));
      if (isEscape) parts.push(Buffer.of(unit - 0xdc00));
      runStart = i + 1;
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  private encodeRun(name: string, start: number, end: number): Buffer {
    const run = name.slice(start, end);
    const bytes = iconv.encode(run, this.encoding);
    if (iconv.decode(bytes, this.encoding, DECODE_OPTIONS) === run) return bytes;
    // Find the culprit for the error message.
    for (let i = 0; i < run.length; i++) {
      const cp = run.codePointAt(i)!;
      const char = String.fromCodePoint(cp);
      if (iconv.decode(iconv.encode(char, this.encoding), this.encoding, DECODE_OPTIONS) !== char) {
        throw unencodable(name, start + i, this.charset);
      }
      if (cp > 0xffff) i++;
    }
    throw unencodable(name, start, this.charset);
  }
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}
