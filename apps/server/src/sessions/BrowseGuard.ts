/**
 * Keeps a session's browsing connection usable: when the FTP server drops
 * it, one reconnect run at a time (reconnect.ts: backoff, then the working
 * directory restored), and requests made meanwhile wait for that run. A
 * request that failed because the connection went away runs once more when
 * it is idempotent (list, cd, pwd, size, stat); any other fails with its
 * retryable error, so the user decides.
 *
 * The session owns the state the page sees; the guard tells it what
 * happened through {@link BrowseGuardHost}.
 */
import type { FtpClient, FtpError } from '@ftpdeck/ftp-engine';
import { ServerErrorCodes, type WireError } from '@ftpdeck/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { ConnectionPool } from './ConnectionPool.ts';
import { isConnectionLoss, reconnectBrowse } from './reconnect.ts';
import { ServerError, errorToWire } from './toWire.ts';

/** Reconnect runs one session may start within a minute before it gives up. */
export const MAX_RECONNECTS_PER_MINUTE = 5;

/** What the guard needs from its session. */
export interface BrowseGuardHost {
  /** Names the session in logs. */
  readonly logId: string;
  readonly log: FastifyBaseLogger;
  /** Pause before each reconnect attempt (reconnect.ts). */
  readonly delaysMs: number[];
  /** The session's pool now, or null; a run for any other pool changes nothing. */
  current(): ConnectionPool | null;
  /** The pool to run a request on, or a typed error when the session is not connected. */
  usable(): ConnectionPool;
  /** The working directory to restore after reconnecting. */
  cwd(): string | undefined;
  /** A relay line for the transcript. */
  status(text: string): void;
  /** A reconnect run has begun. */
  reconnecting(): void;
  /** The new browsing connection is in place, in `cwd` when known. */
  reconnected(cwd: string | undefined): void;
  /** Reconnecting `pool`, still the session's, failed for good: drop it and tell the page. */
  gaveUp(pool: ConnectionPool, error: WireError): Promise<void>;
}

/** See the file comment. One per session. */
export class BrowseGuard {
  readonly #host: BrowseGuardHost;
  #reconnecting: Promise<void> | null = null;
  /** When recent reconnect runs began, for the give-up rule in #reconnect. */
  #recent: number[] = [];

  constructor(host: BrowseGuardHost) {
    this.#host = host;
  }

  /** Reconnects as soon as the server drops `client`, not only when the next request fails. */
  watch(pool: ConnectionPool, client: FtpClient): void {
    client.on('closed', (err: FtpError) => {
      if (err.code === 'FTP_ERR_NOT_CONNECTED' || pool !== this.#host.current() || pool.browse !== client || pool.closed) return;
      this.#reconnect(pool).catch(() => undefined);
    });
  }

  /**
   * Runs `fn` on the browsing connection. A lost connection is re-opened;
   * an idempotent request then runs once more, any other request fails with
   * its (retryable) error.
   */
  async run<T>(fn: (client: FtpClient) => Promise<T>, idempotent: boolean): Promise<T> {
    if (this.#reconnecting) await this.#reconnecting;
    const pool = this.#host.usable();
    const client = pool.browse;
    try {
      return await fn(client);
    } catch (err) {
      if (!isConnectionLoss(err, client) || pool !== this.#host.current() || pool.closed) throw err;
      // The watcher may have started the reconnect already (pool.browse replaced, or in flight).
      if (pool.browse === client || this.#reconnecting) await this.#reconnect(pool);
      if (!idempotent) throw err;
      return fn(this.#host.usable().browse);
    }
  }

  /**
   * One reconnect at a time; every caller waits for the same run. A server
   * that drops every connection soon after login (one flooding replies, say)
   * would have each run succeed and the next begin: after
   * {@link MAX_RECONNECTS_PER_MINUTE} reconnects within a minute the session
   * gives up as if the attempts had failed.
   */
  #reconnect(pool: ConnectionPool): Promise<void> {
    if (this.#reconnecting) return this.#reconnecting;
    const host = this.#host;
    const run = (async () => {
      host.reconnecting();
      host.status('The FTP server dropped the connection; reconnecting');
      try {
        const now = Date.now();
        this.#recent = this.#recent.filter((t) => now - t < 60_000);
        if (this.#recent.length >= MAX_RECONNECTS_PER_MINUTE) {
          throw new ServerError(
            ServerErrorCodes.NOT_CONNECTED,
            `the FTP server dropped the connection ${MAX_RECONNECTS_PER_MINUTE + 1} times within a minute; not reconnecting again`,
          );
        }
        this.#recent.push(now);
        const cwd = host.cwd();
        const client = await reconnectBrowse(pool, {
          delaysMs: host.delaysMs,
          ...(cwd !== undefined ? { cwd } : {}),
          onAttempt: (n, of, ms) => host.status(`Reconnect attempt ${n} of ${of} (after ${ms} ms)`),
        });
        if (pool !== host.current()) {
          client.destroy();
          throw new ServerError(ServerErrorCodes.NOT_CONNECTED, 'the session disconnected while reconnecting');
        }
        pool.replaceBrowse(client);
        this.watch(pool, client);
        host.reconnected(await client.pwd().catch(() => cwd));
        host.status('Reconnected');
        host.log.info({ session: host.logId }, 'FTP connection re-established');
      } catch (err) {
        const wire = errorToWire(err);
        const error = { ...wire, code: ServerErrorCodes.RECONNECT_FAILED, message: `reconnecting failed: ${wire.message}` };
        if (pool === host.current()) {
          await host.gaveUp(pool, error);
          host.log.warn({ session: host.logId, code: error.code }, 'FTP reconnect gave up');
        }
        throw new ServerError(ServerErrorCodes.RECONNECT_FAILED, error.message);
      } finally {
        this.#reconnecting = null;
      }
    })();
    this.#reconnecting = run;
    return run;
  }
}
