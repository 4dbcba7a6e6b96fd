/**
 * NOOPs on the control connection while a transfer runs
 * (FtpClientOptions.transferKeepAliveMs).
 *
 * Why: during a long transfer the control connection carries nothing, and
 * NAT boxes and firewalls that time out idle connections may drop it; the
 * data then arrives but the final reply never does. TCP keepalive covers
 * most NATs, not boxes that look at payload.
 *
 * The hard part is telling the NOOPs' answers from the transfer's, because
 * servers differ. Seen on our four test servers (RETR of 40 MiB read
 * slowly, NOOPs sent during it):
 * - vsftpd and ProFTPD read no command until the transfer ends: `226`, then
 *   one `200` per NOOP. (ProFTPD under TLS answers at once instead, with
 *   `200 NOOP: data transfer in progress`.)
 * - pyftpdlib answers each at once: `150`, `200`, `200`, then `226`.
 * - Pure-FTPd reads the control connection now and then during a transfer
 *   and answers each read with one `500 Unknown command`, however many
 *   NOOPs it held (six NOOPs, one 500), then `226`.
 *
 * So between the 1xx and the final reply, a reply that cannot end a
 * transfer (200, 202, 500, 501, 502: after a 1xx, RFC 959 ends RETR, STOR
 * and LIST with 226/250 or 4xx/5xx transfer errors, never these) is a NOOP's
 * answer while any are owed. While every NOOP gets exactly one answer, the
 * rest are read by count after the final reply. Once the server has refused
 * one, counts mean nothing, so the keepalive stops and the channel is put
 * back in step with a command whose answer no NOOP can give (`PWD`, 257):
 * everything before its answer is skipped.
 */
import type { ControlSession, Reply } from '../control/session.ts';
import type { DataMemory } from '../data/channel.ts';
import type { Transcript } from '../control/transcript.ts';

/** What a server that has no NOOP (or will not take one now) answers it with. */
export const NOOP_REFUSALS: ReadonlySet<number> = new Set([500, 501, 502]);

/** Codes a NOOP can get that no transfer ends with after its 1xx. */
const NOOP_ANSWERS = new Set([200, 202, ...NOOP_REFUSALS]);

/** A command to bring the channel back in step, and the code of its answer. */
export interface SyncCommand {
  line: string;
  code: number;
}

/** One transfer's keepalive; see the file comment. */
export class TransferKeepAlive {
  /** NOOPs sent and not answered yet (meaningful while {@link countable}). */
  private owed = 0;
  /** False once the server refused a NOOP: answers no longer match NOOPs one to one. */
  private countable = true;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly session: ControlSession,
    private readonly transcript: Transcript,
    private readonly memory: DataMemory,
    private readonly everyMs: number,
  ) {}

  /** Starts sending (nothing when off, or when this server refused one before). */
  start(): void {
    if (this.everyMs <= 0 || this.memory.noopInTransfer === false || this.timer) return;
    this.timer = setInterval(() => this.tick(), this.everyMs);
  }

  /** Stops sending; answers still owed stay owed. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** True when answers to our NOOPs may still come. */
  get unsettled(): boolean {
    return this.owed > 0 || !this.countable;
  }

  private tick(): void {
    try {
      this.session.send('NOOP');
      this.owed += 1;
    } catch {
      // The connection failed; the transfer learns that from its own reads.
      this.stop();
    }
  }

  /**
   * True when `reply` is the answer to one of our NOOPs (and is accounted
   * for); false when it belongs to the transfer or to a later command.
   */
  absorb(reply: Reply): boolean {
    if (!this.unsettled || !NOOP_ANSWERS.has(reply.code)) return false;
    if (this.countable) this.owed -= 1;
    if (reply.code >= 500 && this.countable) {
      this.countable = false;
      this.memory.noopInTransfer = false;
      this.stop();
      this.transcript.status(`The server refused NOOP during a transfer (${reply.code}): no more keepalives in transfers on this connection`, {
        type: 'keepalive-refused',
        code: reply.code,
      });
    }
    return true;
  }

  /**
   * How to get back in step after an abort: NOOP (its 200 comes after every
   * owed answer) while counts hold, else PWD.
   */
  syncCommand(): SyncCommand {
    return this.countable ? { line: 'NOOP', code: 200 } : { line: 'PWD', code: 257 };
  }

  /**
   * After the final reply: reads what is still owed, so no NOOP answer is
   * taken for the next command's. `read` waits for the next reply (with a
   * timeout).
   */
  async settle(read: () => Promise<Reply>): Promise<void> {
    this.stop();
    if (this.countable) {
      while (this.owed > 0) {
        const reply = await read();
        if (this.absorb(reply)) continue;
        // Only NOOPs are outstanding now, so this answers one of them, whatever its code.
        this.owed -= 1;
        this.transcript.status(`A keepalive NOOP got an unexpected answer (${reply.code})`);
      }
      if (this.countable) return;
    }
    // Replies already here would be dropped as late by the send below: skip them knowingly.
    while (this.session.pending > 0) await read();
    const sync = this.syncCommand();
    this.session.send(sync.line);
    // The first answer no NOOP could have given is the sync command's.
    for (let reply = await read(); NOOP_ANSWERS.has(reply.code); reply = await read());
    this.owed = 0;
    this.countable = true;
  }
}
