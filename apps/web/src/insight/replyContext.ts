/**
 * What a reply answers, read from the lines around it on the same
 * connection: the command it belongs to and, after an ABOR, why the
 * transfer was stopped. Replies read differently in context: a 426 after
 * the user's own cancel is the expected answer, not a failure to fix.
 */
import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { splitCommand } from './decode.ts';

/**
 * Why FTP Deck sent an ABOR, from the failure line that ends the stopped
 * task: `cancel` when it failed with FTP_ERR_ABORTED (the user's cancel or
 * pause, or a closing session), `failure` for any other error (a timeout, a
 * broken data connection…).
 */
export type AbortCause = 'cancel' | 'failure';

/** The context of one reply line. */
export interface ReplyContext {
  /** The command line the reply answers. */
  command: string;
  /** When `command` is ABOR and the stopped task's failure line has arrived: why it was sent. */
  abortCause?: AbortCause;
}

/** Commands that open a data transfer. */
const DATA_VERBS = new Set(['LIST', 'NLST', 'MLSD', 'RETR', 'STOR', 'STOU', 'APPE']);

/**
 * Codes that only ever answer a data command or ABOR (RFC 959 §5.4). They
 * often come after a NOOP that FTP Deck sent meanwhile (a keepalive during
 * the transfer, or the resynchronisation after ABOR), and still answer the
 * transfer or the ABOR, not the NOOP.
 */
const TRANSFER_CODES = new Set([125, 150, 225, 226, 425, 426]);

function verbOf(line: WireTranscriptLine): string {
  return splitCommand(line.text).verb;
}

/**
 * For each ABOR command, why it was sent: the first failure line after it
 * on its connection, before the next data command. One backward pass.
 */
function abortCauses(lines: readonly WireTranscriptLine[]): Map<number, AbortCause> {
  const next = new Map<string, AbortCause>();
  const out = new Map<number, AbortCause>();
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const line = lines[i];
    if (!line) continue;
    if (line.detail?.type === 'failure') {
      next.set(line.connection, line.detail.errorCode === 'FTP_ERR_ABORTED' ? 'cancel' : 'failure');
    } else if (line.kind === 'command') {
      const verb = verbOf(line);
      const cause = next.get(line.connection);
      if (verb === 'ABOR' && cause !== undefined) out.set(line.seq, cause);
      // A failure line after a new transfer began belongs to that transfer.
      else if (DATA_VERBS.has(verb)) next.delete(line.connection);
    }
  }
  return out;
}

/**
 * The context of every reply line among `lines` (in `seq` order), keyed by
 * the reply's `seq`. A reply answers the latest command on its connection,
 * except that 1xx/225/226/425/426 answer the latest data command or ABOR.
 */
export function replyContexts(lines: readonly WireTranscriptLine[]): Map<number, ReplyContext> {
  const causes = abortCauses(lines);
  const last = new Map<string, WireTranscriptLine>();
  const lastTransfer = new Map<string, WireTranscriptLine>();
  const out = new Map<number, ReplyContext>();
  for (const line of lines) {
    if (line.kind === 'command') {
      last.set(line.connection, line);
      const verb = verbOf(line);
      if (verb === 'ABOR' || DATA_VERBS.has(verb)) lastTransfer.set(line.connection, line);
      continue;
    }
    if (line.kind !== 'reply') continue;
    const transfer = line.code !== undefined && TRANSFER_CODES.has(line.code) ? lastTransfer.get(line.connection) : undefined;
    const cmd = transfer ?? last.get(line.connection);
    if (cmd === undefined) continue;
    const cause = causes.get(cmd.seq);
    out.set(line.seq, cause === undefined ? { command: cmd.text } : { command: cmd.text, abortCause: cause });
  }
  return out;
}

/** True when two contexts would explain a reply the same way (for memoised rows). */
export function sameReplyContext(a: ReplyContext | undefined, b: ReplyContext | undefined): boolean {
  return a?.command === b?.command && a?.abortCause === b?.abortCause;
}
