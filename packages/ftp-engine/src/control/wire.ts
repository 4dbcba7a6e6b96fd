/**
 * Turning a command string into control-channel bytes, safely.
 */
import { FtpError, FtpErrorCodes } from '../errors.ts';

/** Characters that would let an argument smuggle a second command onto the wire. */
const FORBIDDEN = /[\r\n\0]/;

/** True when `text` holds CR, LF or NUL. */
export function hasLineBreak(text: string): boolean {
  return FORBIDDEN.test(text);
}

/** True when encoded command bytes hold CR, LF or NUL. */
export function bytesHaveLineBreak(bytes: Buffer): boolean {
  return bytes.includes(0x0d) || bytes.includes(0x0a) || bytes.includes(0x00);
}

/**
 * Throws FTP_ERR_INVALID_ARGUMENT when `text` contains CR, LF or NUL. Used on
 * every command before it is encoded, so nothing reaches the wire.
 */
export function assertSafeArgument(text: string, what = 'argument'): void {
  if (hasLineBreak(text)) {
    throw new FtpError(FtpErrorCodes.INVALID_ARGUMENT, `The ${what} contains CR, LF or NUL, which FTP cannot carry`);
  }
}

/**
 * Encodes one command line: the codec turns the text (names included) into
 * bytes, then every 0xFF is doubled because the control channel is Telnet NVT
 * and a lone 0xFF would start a Telnet command (RFC 959 §4.1, RFC 854).
 */
export function encodeCommand(line: string, encode: (text: string) => Buffer): Buffer {
  assertSafeArgument(line, 'command');
  const body = encode(line);
  // Checked again on the bytes: a name may carry a raw byte as an escape
  // (U+DC0A is byte 0x0A in a legacy charset's codec), and the text check
  // above cannot see what that becomes.
  if (bytesHaveLineBreak(body)) {
    throw new FtpError(FtpErrorCodes.INVALID_ARGUMENT, 'The command contains a byte escape for CR, LF or NUL, which FTP cannot carry');
  }
  let iacs = 0;
  for (const b of body) if (b === 0xff) iacs += 1;
  const out = Buffer.alloc(body.length + iacs + 2);
  let o = 0;
  for (const b of body) {
    out[o++] = b;
    if (b === 0xff) out[o++] = 0xff;
  }
  out[o++] = 0x0d;
  out[o] = 0x0a;
  return out;
}
