/**
 * Reply framing for the control channel, over bytes.
 *
 * Framing works on Buffers, not strings, so a multibyte character split
 * across TCP chunks is never decoded half-way, and so file names inside
 * replies (257, MLST) keep their raw bytes until the name codec decodes them.
 *
 * RFC 959 §4.2: a reply is `ddd text` on one line, or `ddd-text` … `ddd text`
 * over several lines. Lines in between may be anything, including lines that
 * start with digits or are blank; only the same code followed by a space (or
 * end of line) closes the group.
 *
 * Except that some servers close a group with another code (funet: a `426-`
 * group ended by `226 Closing data connection`), and a strict reader waits
 * for ever. So a group whose last line so far is `ddd text` with another
 * code is marked `looseEnd`; if nothing follows it for a while, the caller
 * closes the group there ({@link closeLooseEnd}), as curl and lftp's default
 * relaxed check would at once.
 */
import { FtpError, FtpErrorCodes } from '../errors.ts';

/** One complete reply, still as bytes (one Buffer per line, CRLF stripped). */
export interface RawReply {
  code: number;
  lines: Buffer[];
}

/** Caps applied while framing. */
export interface FramerLimits {
  maxReplyLineBytes: number;
  maxReplyBytes: number;
}

/** Something the framer produced: a reply, or a line that belongs to none. */
export type FramerItem = { kind: 'reply'; reply: RawReply } | { kind: 'junk'; line: Buffer };

/** Mutable state carried between chunks; create with {@link newFramerState}. */
export interface FramerState {
  /** Bytes of a line whose LF has not arrived yet. */
  partial: Buffer;
  /** The open multi-line group, if any. */
  open: { code: number; lines: Buffer[]; bytes: number; looseEnd?: number } | undefined;
}

/** A fresh state for {@link parseReplies}. */
export function newFramerState(): FramerState {
  return { partial: Buffer.alloc(0), open: undefined };
}

const LF = 0x0a;
const CR = 0x0d;

function isDigit(b: number | undefined): boolean {
  return b !== undefined && b >= 0x30 && b <= 0x39;
}

/** `ddd` code at the start of a line, or -1. */
function leadingCode(line: Buffer): number {
  if (line.length < 3 || !isDigit(line[0]) || !isDigit(line[1]) || !isDigit(line[2])) return -1;
  const sep = line[3];
  // A fourth character that is a digit means this is not a reply code (e.g. "2024 files").
  if (isDigit(sep)) return -1;
  return Number(line.subarray(0, 3).toString('latin1'));
}

function tooLarge(what: string, limit: number): FtpError {
  return new FtpError(FtpErrorCodes.REPLY_TOO_LARGE, `${what} exceeds ${limit} bytes; the server is misbehaving`);
}

/**
 * Feeds one chunk of control-channel bytes into the framer. Returns every
 * item completed by this chunk; incomplete input stays in `state`. Throws
 * FTP_ERR_REPLY_TOO_LARGE when a line or a multi-line reply passes its cap.
 */
export function parseReplies(state: FramerState, chunk: Buffer, limits: FramerLimits): FramerItem[] {
  const items: FramerItem[] = [];
  let data = state.partial.length > 0 ? Buffer.concat([state.partial, chunk]) : chunk;
  let start = 0;
  for (;;) {
    const lf = data.indexOf(LF, start);
    if (lf < 0) break;
    let end = lf;
    if (end > start && data[end - 1] === CR) end -= 1;
    // Copy so that retained lines do not pin the whole chunk in memory.
    const line = Buffer.from(data.subarray(start, end));
    start = lf + 1;
    if (line.length > limits.maxReplyLineBytes) throw tooLarge('A reply line', limits.maxReplyLineBytes);
    feedLine(state, line, limits, items);
  }
  data = data.subarray(start);
  if (data.length > limits.maxReplyLineBytes) throw tooLarge('A reply line', limits.maxReplyLineBytes);
  state.partial = Buffer.from(data);
  return items;
}

function feedLine(state: FramerState, line: Buffer, limits: FramerLimits, items: FramerItem[]): void {
  const group = state.open;
  if (group) {
    group.lines.push(line);
    group.bytes += line.length + 2;
    if (group.bytes > limits.maxReplyBytes) throw tooLarge('A multi-line reply', limits.maxReplyBytes);
    const code = leadingCode(line);
    if (code === group.code && line[3] !== 0x2d /* - */) {
      state.open = undefined;
      items.push({ kind: 'reply', reply: { code: group.code, lines: group.lines } });
      return;
    }
    // `ddd text` with another code: the end, if nothing else comes (see the file comment).
    if (code >= 0 && line[3] !== 0x2d) group.looseEnd = code;
    else delete group.looseEnd;
    return;
  }
  const code = leadingCode(line);
  if (code < 0) {
    // Blank lines between replies are noise; anything else is reported as junk.
    if (line.length > 0) items.push({ kind: 'junk', line });
    return;
  }
  if (line[3] === 0x2d /* - */) {
    state.open = { code, lines: [line], bytes: line.length + 2 };
    return;
  }
  items.push({ kind: 'reply', reply: { code, lines: [line] } });
}

/**
 * True when the open group's last line could end it under the relaxed rule
 * (another code followed by a space), so the caller should start its quiet
 * timer.
 */
export function hasLooseEnd(state: FramerState): boolean {
  return state.open?.looseEnd !== undefined && state.partial.length === 0;
}

/**
 * Closes the open group at its last line, with that line's code (as curl
 * does): the quiet time after a `ddd text` line with another code ran out.
 * Returns the reply, or undefined when there is nothing to close.
 */
export function closeLooseEnd(state: FramerState): RawReply | undefined {
  const group = state.open;
  if (!group || group.looseEnd === undefined || state.partial.length > 0) return undefined;
  state.open = undefined;
  return { code: group.looseEnd, lines: group.lines };
}
