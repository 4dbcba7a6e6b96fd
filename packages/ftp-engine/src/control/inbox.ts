/**
 * Replies that arrived while nobody was reading, with a bound.
 *
 * Some replies come unasked and wait here legitimately: the greeting, a
 * 1xx before its 2xx, a late 226 after an ABOR, the answers to keepalive
 * NOOPs that vsftpd and ProFTPD hold until a transfer ends. But a server
 * can also write replies without end while the session sits idle, and each
 * one would stay here until the next command. So replies are told apart as
 * they arrive: a final reply (2xx–5xx) while commands are still unanswered
 * is an answer; anything else (a 1xx, a second final reply to one command,
 * a reply when nothing was asked) is unsolicited. More than
 * {@link MAX_UNSOLICITED_REPLIES} unsolicited replies waiting at once, or
 * more than the byte cap of replies of any kind, means the server is not
 * speaking FTP with us: the connection fails with FTP_ERR_PROTOCOL.
 *
 * The count of unanswered commands errs on the generous side (a server that
 * answers six NOOPs with one 500 leaves five owed), which only ever makes
 * room for more answers, never refuses a legitimate one; the byte cap
 * bounds memory whatever the count says.
 */
import type { Reply } from './session.ts';

/** Unsolicited replies that may wait at once. Legitimate ones are a handful (a greeting, a 1xx, a late 226). */
export const MAX_UNSOLICITED_REPLIES = 64;

/** Bytes of waiting replies of any kind, unless 4 replies of the largest allowed size need more. */
export const MAX_INBOX_BYTES = 1024 * 1024;

/** What a reply costs beyond its text: the object, the lines array. */
const REPLY_OVERHEAD_BYTES = 64;

interface Waiting {
  reply: Reply;
  unsolicited: boolean;
  bytes: number;
}

/** See the file comment. */
export class ReplyInbox {
  #items: Waiting[] = [];
  #unsolicited = 0;
  #bytes = 0;
  /** Commands sent whose final reply has not arrived yet. */
  #owed = 0;
  readonly #maxBytes: number;

  /** `maxReplyBytes`: the framer's cap on one reply, so a few of the largest always fit. */
  constructor(maxReplyBytes: number) {
    this.#maxBytes = Math.max(MAX_INBOX_BYTES, 4 * maxReplyBytes);
  }

  /** A command went out: one more final reply is owed. */
  sent(): void {
    this.#owed += 1;
  }

  /**
   * Accounts for a reply as it arrives, whether a reader takes it at once or
   * it waits here: true when it answers a command, false when unsolicited.
   */
  arrived(reply: Reply): boolean {
    if (reply.code >= 200 && this.#owed > 0) {
      this.#owed -= 1;
      return true;
    }
    return false;
  }

  /**
   * Keeps a reply nobody is reading yet. Returns why the connection must
   * fail when this passes a cap, else undefined.
   */
  push(reply: Reply, answer: boolean): string | undefined {
    const bytes = reply.text.length + REPLY_OVERHEAD_BYTES;
    this.#items.push({ reply, unsolicited: !answer, bytes });
    this.#bytes += bytes;
    if (!answer) this.#unsolicited += 1;
    if (this.#unsolicited > MAX_UNSOLICITED_REPLIES) {
      return `The server sent more than ${MAX_UNSOLICITED_REPLIES} replies nobody asked for (the last: ${reply.code}); it is not speaking FTP with us`;
    }
    if (this.#bytes > this.#maxBytes) {
      return `The server sent more than ${this.#maxBytes} bytes of replies nobody is reading yet (the last: ${reply.code}); it is not speaking FTP with us`;
    }
    return undefined;
  }

  /** The oldest waiting reply, taken out. */
  shift(): Reply | undefined {
    const item = this.#items.shift();
    if (!item) return undefined;
    this.#bytes -= item.bytes;
    if (item.unsolicited) this.#unsolicited -= 1;
    return item.reply;
  }

  /** Takes out every waiting reply (stale once the next command goes out). */
  clear(): Reply[] {
    const all = this.#items.map((i) => i.reply);
    this.#items = [];
    this.#bytes = 0;
    this.#unsolicited = 0;
    return all;
  }

  /** Replies waiting. */
  get length(): number {
    return this.#items.length;
  }
}
