/**
 * The receiving half of a control connection: bytes from the socket become
 * replies (replies.ts frames them), each is decoded and written to the
 * transcript, then handed to the one task waiting in {@link ReplyReader.read}
 * or kept in the bounded inbox (inbox.ts) until someone reads it. Kept apart
 * from ControlConnection.ts, which owns the socket, the queue and sending.
 *
 * Anything that ends the connection (a framing error, an inbox flood, a
 * 421, a reply timeout) goes to the `fail` hook; the connection then calls
 * {@link ReplyReader.stop}, which rejects the read in progress.
 */
import { FtpError, FtpErrorCodes } from '../errors.ts';
import type { NameCodec } from '../external.ts';
import { toFtpError } from './connection-parts.ts';
import { ReplyInbox } from './inbox.ts';
import { closeLooseEnd, hasLooseEnd, newFramerState, parseReplies, type FramerLimits, type FramerState, type RawReply } from './replies.ts';
import type { Reply } from './session.ts';
import type { Transcript } from './transcript.ts';

/**
 * How long a multi-line reply may sit on a `ddd text` line with another code
 * before that line is taken as its end (replies.ts). A real end line comes in
 * the same burst; this only ends the wait for servers that never send one.
 */
const LOOSE_END_QUIET_MS = 500;

/**
 * Lines that are not part of any reply, in a row, before the connection is
 * given up. A real server sends none, or a few (a greeting whose extra lines
 * lack codes); a hostile one could send them forever while the client sits
 * idle, each a transcript line relayed to a browser, without ever filling
 * the reply inbox. A reply in between starts the count again.
 */
export const MAX_JUNK_LINES = 100;

/**
 * Preliminary (1xx) replies in a row before the connection is given up. A
 * real server sends one or two per command (150, a 120 before its 220); a
 * hostile one could send them until the reply timeout, each up to the reply
 * size cap, and every one a transcript line the relay keeps for its page:
 * gigabytes in seconds. A final reply in between starts the count again.
 * Their bytes together may not pass the single-reply cap either.
 */
export const MAX_PRELIMINARY_REPLIES = 32;

/** What the reader needs from its connection. */
export interface ReaderHooks {
  transcript: Transcript;
  /** Current name codec (it can change after FEAT). */
  codec: () => NameCodec;
  limits: FramerLimits;
  replyTimeoutMs: number;
  /** Ends the connection with `err` (the connection calls {@link ReplyReader.stop} in turn). */
  fail: (err: FtpError) => void;
}

interface Waiter {
  resolve: (r: Reply) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout | undefined;
}

/** See the file comment. */
export class ReplyReader {
  private readonly framer: FramerState = newFramerState();
  private readonly inbox: ReplyInbox;
  private waiter: Waiter | undefined;
  /** 1xx replies since the last final one, and their characters (see {@link MAX_PRELIMINARY_REPLIES}). */
  private preliminaryInARow = 0;
  private preliminaryChars = 0;
  private looseEndTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private junkInARow = 0;

  constructor(private readonly hooks: ReaderHooks) {
    this.inbox = new ReplyInbox(hooks.limits.maxReplyBytes);
  }

  /** Replies that arrived while nobody was reading and are not read yet. */
  get pending(): number {
    return this.inbox.length;
  }

  /** Bytes from the control socket, in order. */
  take(chunk: Buffer): void {
    clearTimeout(this.looseEndTimer);
    let items;
    try {
      items = parseReplies(this.framer, chunk, this.hooks.limits);
    } catch (err) {
      this.hooks.fail(toFtpError(err, FtpErrorCodes.PROTOCOL));
      return;
    }
    for (const item of items) {
      if (item.kind === 'junk') {
        if (++this.junkInARow > MAX_JUNK_LINES) {
          this.hooks.fail(new FtpError(FtpErrorCodes.PROTOCOL, `The server sent more than ${MAX_JUNK_LINES} lines in a row that are not FTP replies`));
          return;
        }
        this.hooks.transcript.status(`Ignored a line that is not part of a reply: ${this.hooks.codec().decode(item.line)}`);
        continue;
      }
      this.junkInARow = 0;
      if (!this.handleReply(item.reply)) return;
    }
    if (hasLooseEnd(this.framer)) this.looseEndTimer = setTimeout(this.onLooseEnd, LOOSE_END_QUIET_MS);
  }

  /**
   * Called as a command goes out: replies still waiting are stale (a late
   * 451 after ABOR, a 1xx after an early 2xx) and are dropped with a status
   * line, so none can be taken for this command's answer.
   */
  beforeCommand(): void {
    if (this.inbox.length > 0) {
      const stale = this.inbox.clear();
      const codes = stale.map((r) => r.code);
      this.hooks.transcript.status(`Discarded ${stale.length} late repl${stale.length === 1 ? 'y' : 'ies'} (${codes.join(', ')}) before sending the next command`, {
        type: 'late-replies-dropped',
        codes,
      });
    }
    this.inbox.sent();
  }

  /**
   * The next reply: one already waiting, or the next to arrive. `timeoutMs`
   * overrides the reply timeout (`null`: none); `deadline` (epoch ms) ends
   * the wait at that moment instead (`waitMs`: how long it was set for, for
   * the message). A timeout fails the connection.
   */
  read(opts: { timeoutMs?: number | null; deadline?: number; waitMs?: number } = {}): Promise<Reply> {
    const ready = this.inbox.shift();
    if (ready) return Promise.resolve(ready);
    if (this.waiter) return Promise.reject(new FtpError(FtpErrorCodes.PROTOCOL, 'Internal: two reads at once'));
    const replyTimeoutMs = this.hooks.replyTimeoutMs;
    const ms = opts.deadline !== undefined ? Math.max(1, opts.deadline - Date.now()) : opts.timeoutMs === undefined ? replyTimeoutMs : opts.timeoutMs;
    return new Promise((resolve, reject) => {
      const timer =
        ms === null
          ? undefined
          : setTimeout(() => {
              const why =
                opts.deadline !== undefined
                  ? `No final reply within ${opts.waitMs ?? replyTimeoutMs} ms (preliminary replies do not extend the wait)`
                  : `No reply within ${ms} ms`;
              this.hooks.fail(new FtpError(FtpErrorCodes.TIMEOUT, why, { phase: 'reply' }));
            }, ms);
      this.waiter = { resolve, reject, timer };
    });
  }

  /** The connection has failed: the read in progress rejects with `err`, and nothing more is delivered. */
  stop(err: FtpError): void {
    this.stopped = true;
    clearTimeout(this.looseEndTimer);
    const w = this.waiter;
    this.waiter = undefined;
    if (w) {
      if (w.timer) clearTimeout(w.timer);
      w.reject(err);
    }
  }

  /** The quiet time after a mismatched end line ran out: take it as the end. */
  private readonly onLooseEnd = (): void => {
    const opened = this.framer.open?.code ?? 0;
    const raw = closeLooseEnd(this.framer);
    if (!raw || this.stopped) return;
    this.hooks.transcript.status(`The server ended a multi-line ${opened} reply with ${raw.code}; taking that line as its end`, {
      type: 'multiline-loose-end',
      opened,
      closed: raw.code,
    });
    this.handleReply(raw);
  };

  /** Decodes, records and delivers one reply; false once the connection has failed. */
  private handleReply(raw: RawReply): boolean {
    const lines = raw.lines.map((l) => this.hooks.codec().decode(l));
    const reply: Reply = { code: raw.code, lines, text: lines.join('\n') };
    if (reply.code < 200) {
      const count = ++this.preliminaryInARow;
      const chars = (this.preliminaryChars += reply.text.length);
      if (count > MAX_PRELIMINARY_REPLIES || chars > this.hooks.limits.maxReplyBytes) {
        this.hooks.fail(new FtpError(FtpErrorCodes.PROTOCOL, `The server sent ${count} preliminary (1xx) replies in a row (${chars} characters) without a final one`));
        return false;
      }
    } else {
      this.preliminaryInARow = 0;
      this.preliminaryChars = 0;
    }
    this.hooks.transcript.reply(reply.code, reply.text);
    if (reply.code === 421) {
      this.hooks.fail(new FtpError(FtpErrorCodes.CLOSED, `The server is closing the session: ${reply.text}`, { ftpCode: 421, replyText: reply.text }));
      return false;
    }
    return this.deliver(reply);
  }

  /** Hands a reply to the waiting reader, or keeps it in the inbox; false once that failed the connection. */
  private deliver(reply: Reply): boolean {
    const answer = this.inbox.arrived(reply);
    const w = this.waiter;
    if (!w) {
      const overflow = this.inbox.push(reply, answer);
      if (overflow === undefined) return true;
      this.hooks.fail(new FtpError(FtpErrorCodes.PROTOCOL, overflow));
      return false;
    }
    this.waiter = undefined;
    if (w.timer) clearTimeout(w.timer);
    w.resolve(reply);
    return true;
  }
}
