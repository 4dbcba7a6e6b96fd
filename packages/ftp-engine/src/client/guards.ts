/**
 * Argument checks made when a public method is called, before anything is
 * queued or sent. A path or argument that would put CR, LF or NUL on the
 * control connection could smuggle a second command (`y\rDELE x`), so it is
 * refused whole: checking only when each command is encoded (wire.ts, which
 * still does, as a second line) let the commands before the bad one go out
 * (RNFR before a bad RNTO, EPSV and a data connection before a bad RETR).
 *
 * The check runs on the text and on the bytes the session's codec makes of
 * it: under a legacy charset the escape U+DC0A stands for byte 0x0A
 * (encoding/escape.ts), which the text check cannot see. A name the charset
 * cannot write at all is refused here too, with the codec's own error.
 */
import { bytesHaveLineBreak, hasLineBreak } from '../control/wire.ts';
import { FtpError, FtpErrorCodes } from '../errors.ts';
import type { NameCodec } from '../external.ts';

/** One argument to check: what to call it in the message, its value, and whether it is a secret (password, account). */
export type Argument = readonly [what: string, value: unknown, secret?: boolean];

/**
 * The problem with `value` as a command argument, or undefined when it is
 * fine. Messages name the argument; for a `secret` they say nothing of its
 * value (a non-secret name may be quoted by the codec, character and position).
 */
export function argumentProblem(codec: NameCodec, what: string, value: unknown, secret = false): FtpError | undefined {
  if (typeof value !== 'string') return new FtpError(FtpErrorCodes.INVALID_ARGUMENT, `The ${what} must be a string, not ${value === null ? 'null' : typeof value}`);
  if (hasLineBreak(value)) {
    return new FtpError(FtpErrorCodes.INVALID_ARGUMENT, `The ${what} contains CR, LF or NUL, which FTP cannot carry; nothing was sent`);
  }
  let bytes: Buffer;
  try {
    bytes = codec.encode(value);
  } catch (err) {
    // The codec's message names the character and its position: not for a secret.
    if (err instanceof FtpError && !secret) return err;
    return new FtpError(FtpErrorCodes.INVALID_ARGUMENT, `The ${what} cannot be written in ${codec.charset}`, secret ? {} : { cause: err });
  }
  if (bytesHaveLineBreak(bytes)) {
    return new FtpError(
      FtpErrorCodes.INVALID_ARGUMENT,
      `The ${what} contains a byte escape that ${codec.charset} turns into CR, LF or NUL, which FTP cannot carry; nothing was sent`,
    );
  }
  return undefined;
}

/** The first problem among `args`, or undefined. */
export function firstProblem(codec: NameCodec, args: readonly Argument[]): FtpError | undefined {
  for (const [what, value, secret] of args) {
    const problem = argumentProblem(codec, what, value, secret);
    if (problem) return problem;
  }
  return undefined;
}
