/**
 * File-name charsets. Names travel as bytes on the wire and as strings
 * everywhere else; a {@link NameCodec} converts between the two so that
 * every name read from a server can be sent back byte for byte, whatever
 * it contains (see escape.ts for how undecodable bytes are kept).
 */
import { isUtf8 } from 'node:buffer';
import { FtpError, FtpErrorCodes } from '../errors.ts';
import { IconvNameCodec } from './iconv.ts';
import { decodeUtf8Escaped, encodeUtf8Escaped } from './utf8.ts';

export { guessCharset, type CharsetGuess } from './guess.ts';

/** Converts file names between wire bytes and strings, reversibly. */
export interface NameCodec {
  /** Bytes to a name. Never fails: undecodable bytes become U+DC80–U+DCFF escapes. */
  decode(bytes: Buffer): string;
  /**
   * A name to bytes. Escapes become their original bytes, so
   * `encode(decode(b))` equals `b` for any `b`. Throws FTP_ERR_INVALID_ARGUMENT
   * when the name holds a character the charset cannot write.
   */
  encode(name: string): Buffer;
  /** The charset in use: `utf-8`, or the iconv-lite name given. */
  readonly charset: string;
}

const UTF8_CODEC: NameCodec = Object.freeze({
  charset: 'utf-8',
  decode: (bytes: Buffer) => decodeUtf8Escaped(bytes),
  encode: (name: string) => encodeUtf8Escaped(name),
});

/**
 * A codec for the engine's `encoding` option.
 *
 * - `auto` (the default) and `utf8`/`utf-8`: UTF-8, with undecodable bytes
 *   escaped, so servers that send legacy names still round-trip with no
 *   setting changed. The two are the same codec; `auto` tells the engine
 *   (not the codec) that it may also send `OPTS UTF8 ON` and offer
 *   {@link guessCharset} results.
 * - any other name iconv-lite knows (`gbk`, `gb18030`, `big5`,
 *   `shift_jis`, `euc-kr`, `cp1252`, …), as long as it keeps ASCII as ASCII.
 *
 * Throws FTP_ERR_INVALID_ARGUMENT for an unknown or unusable charset.
 */
export function createNameCodec(encoding: string): NameCodec {
  const key = encoding.trim().toLowerCase();
  if (key === 'auto' || key === 'utf8' || key === 'utf-8') return UTF8_CODEC;
  if (key === '') throw new FtpError(FtpErrorCodes.INVALID_ARGUMENT, 'Empty charset name');
  // Codecs hold no per-connection state, so every session can share one.
  let codec = iconvCodecs.get(key);
  if (codec === undefined) {
    codec = new IconvNameCodec(key);
    iconvCodecs.set(key, codec);
  }
  return codec;
}

const iconvCodecs = new Map<string, IconvNameCodec>();

/**
 * Decodes a whole directory listing. The common case (the listing is valid
 * in the charset) is one native decode. Otherwise each line is decoded on
 * its own, so a bad name costs only its own line the slow path and cannot
 * disturb its neighbours. Line ends (LF or CRLF) are kept as they were:
 * CR and LF are single bytes in every ASCII-compatible charset and never
 * part of a multi-byte character.
 */
export function decodeListing(bytes: Buffer, codec: NameCodec): string {
  if (codec === UTF8_CODEC) {
    if (isUtf8(bytes)) return bytes.toString('utf8');
  } else if (codec instanceof IconvNameCodec) {
    const whole = codec.decodeExact(bytes);
    if (whole !== null) return whole;
  }
  let out = '';
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    end = end < 0 ? bytes.length : end + 1;
    out += codec.decode(bytes.subarray(start, end));
    start = end;
  }
  return out;
}
