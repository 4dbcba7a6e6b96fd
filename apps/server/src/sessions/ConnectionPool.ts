/**
 * The FTP connections of one browser session. An FTP control connection runs
 * one command at a time, so browsing gets a connection of its own and
 * transfers borrow from up to `maxTransfers` more, opened lazily with the
 * same credentials. When the server says it has too many connections (421,
 * or a 530 that says so) the pool shrinks instead of failing the transfer,
 * down to none: a server that allows one connection per user gets its
 * transfers on the browsing connection, one at a time, queued behind its
 * commands (the engine queues calls). A limit is retried after a minute:
 * per-user caps count the user's other sessions, which come and go. A
 * transfer connection that dies
 * while idle is dropped and re-opened on demand; the browsing connection is
 * replaced by the session's reconnect logic (see reconnect.ts).
 *
 *   browse ──► FtpClient('browse')            always present once connected
 *   transfers: [idle…] [busy…]  ≤ max          created on demand, reused
 *   waiters:   FIFO of acquire() calls          served as clients are released
 *   shared:    browse is the one transfer slot (the server allows one connection)
 */
import { FtpClient, FtpError, type FtpClientOptions } from '@ftpdeck/ftp-engine';
import type { WireTranscriptDetail } from '@ftpdeck/protocol';

/**
 * Words servers put in a 530 that means "too many connections", not "wrong
 * password": ProFTPD's MaxClientsPerUser ("the maximum number of clients
 * (2) for this user are already connected"), and the "too many users" and
 * "try again later" of others. A 421 needs no words.
 */
const TOO_MANY_530 = /too many|maximum number|max(imum)? (clients|connections|users)|try (again )?later/i;

/** True when a connect failed because the server has too many connections open. */
export function isTooManyConnections(err: unknown): boolean {
  if (!(err instanceof FtpError)) return false;
  if (err.ftpCode === 421) return true;
  return err.ftpCode === 530 && TOO_MANY_530.test(err.replyText ?? err.message);
}

/** How long a connection limit the server imposed is kept before a real open is tried again. */
export const LIMIT_RETRY_MS = 60_000;

/** Optional settings of a {@link ConnectionPool}. */
export interface PoolOptions {
  /** Tells the user when the pool shrinks (a transcript status line). */
  note?: (text: string, detail: WireTranscriptDetail) => void;
  /** How long a limit the server imposed holds (default {@link LIMIT_RETRY_MS}). */
  limitRetryMs?: number;
}

/**
 * A caller in line for a connection. Its `signal` travels with it through
 * every hand-off (an open started for it, a place taken again after a 421,
 * the shared slot), so a Cancel lets it go wherever it waits.
 */
interface Waiter {
  resolve: (c: FtpClient) => void;
  reject: (e: unknown) => void;
  signal: AbortSignal | undefined;
}

const stoppedWaiting = (): FtpError => new FtpError('FTP_ERR_ABORTED', 'Stopped while waiting for a free connection');

/** Builds the options for a new connection with the given transcript tag. */
export type ClientFactory = (label: string) => FtpClient;

export class ConnectionPool {
  #browse: FtpClient;
  readonly #factory: ClientFactory;
  #max: number;
  readonly #idle: FtpClient[] = [];
  readonly #busy = new Set<FtpClient>();
  readonly #waiters: Waiter[] = [];
  #opened = 0;
  /** The server refused even one transfer connection: transfers take turns on `browse`. */
  #shareBrowse = false;
  /** In shared mode, a transfer has `browse` right now. */
  #browseHeld = false;
  /** The cap asked for, and when the server last made us go below it. */
  readonly #configuredMax: number;
  #limitedAt: number | undefined;
  /** The transcript tag of each transfer connection, so events can name it. */
  readonly #labels = new WeakMap<FtpClient, string>();
  #closed = false;

  readonly #note: (text: string, detail: WireTranscriptDetail) => void;
  readonly #limitRetryMs: number;

  /**
   * `note` tells the user (the session's transcript) when the pool shrinks;
   * `limitRetryMs` (default {@link LIMIT_RETRY_MS}) is how long a limit holds.
   */
  constructor(factory: ClientFactory, maxTransfers: number, opts: PoolOptions = {}) {
    this.#factory = factory;
    this.#max = Math.max(1, maxTransfers);
    this.#configuredMax = this.#max;
    this.#note = opts.note ?? (() => undefined);
    this.#limitRetryMs = opts.limitRetryMs ?? LIMIT_RETRY_MS;
    this.#browse = factory('browse');
  }

  /** The browsing connection (replaced after a reconnect). */
  get browse(): FtpClient {
    return this.#browse;
  }

  /** A fresh, unconnected browsing client from the factory (for a reconnect attempt). */
  newBrowse(): FtpClient {
    return this.#factory('browse');
  }

  /** Swaps in a reconnected browsing client; the old one is destroyed. */
  replaceBrowse(client: FtpClient): void {
    const old = this.#browse;
    this.#browse = client;
    if (old !== client) old.destroy();
  }

  /** Connections in use by transfers right now. */
  get busyCount(): number {
    return this.#busy.size;
  }

  /** True once close() ran. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Current cap on transfer connections (shrinks after a refusal; 0 while transfers share browsing). */
  get maxTransfers(): number {
    return this.#shareBrowse ? 0 : this.#max;
  }

  /**
   * Borrows a connected transfer connection, opening one if the cap allows.
   * `signal` gives up a place in line: waiting behind busy connections can
   * take as long as the transfers holding them, and a user who stopped
   * what waits should not wait for them.
   */
  async acquire(signal?: AbortSignal): Promise<FtpClient> {
    if (this.#closed) throw new FtpError('FTP_ERR_NOT_CONNECTED', 'the session is closed');
    this.#maybeLiftLimit();
    if (this.#shareBrowse) return this.#takeBrowseSlot(signal);
    // An idle connection the server dropped (idle timeout, restart) is
    // discarded here rather than handed out to fail the next transfer.
    for (let idle = this.#idle.pop(); idle; idle = this.#idle.pop()) {
      if (idle.isConnected) {
        this.#busy.add(idle);
        return idle;
      }
      idle.destroy();
    }
    if (this.#busy.size + this.#pendingOpens < this.#max) return this.#open(signal);
    return this.#queue(signal);
  }

  #pendingOpens = 0;

  /**
   * A new connection for a caller. A login takes a round trip or more, and a
   * refused one puts the caller back in line, so its `signal` lets it go at
   * once; the login still finishes, and the connection goes to whoever is
   * next (or idle) instead of being wasted.
   */
  #open(signal?: AbortSignal): Promise<FtpClient> {
    const opening = this.#login(signal);
    if (!signal) return opening;
    return new Promise((resolve, reject) => {
      const leave = (): void => reject(stoppedWaiting());
      if (signal.aborted) leave();
      else signal.addEventListener('abort', leave, { once: true });
      opening.then(
        (client) => {
          signal.removeEventListener('abort', leave);
          if (signal.aborted) this.release(client);
          else resolve(client);
        },
        (err: unknown) => {
          signal.removeEventListener('abort', leave);
          reject(err);
        },
      );
    });
  }

  async #login(signal: AbortSignal | undefined): Promise<FtpClient> {
    this.#opened += 1;
    const label = `transfer-${this.#opened}`;
    const client = this.#factory(label);
    this.#labels.set(client, label);
    this.#pendingOpens += 1;
    try {
      await client.connect();
    } catch (err) {
      this.#pendingOpens -= 1;
      if (!isTooManyConnections(err) || this.#closed) {
        this.#serveStranded();
        throw err;
      }
      // The server caps connections per user. While others of ours are open
      // or still opening, the cap is what they make up: wait for one of them.
      this.#limitedAt = Date.now();
      if (this.#busy.size + this.#pendingOpens > 0) {
        const cap = Math.max(1, this.#busy.size + this.#pendingOpens);
        if (cap < this.#max) this.#note(`The server refused another connection: transfers now use at most ${cap} at a time`, { type: 'pool-shrunk', max: cap });
        this.#max = cap;
        return this.#queue(signal);
      }
      // Not even one besides browsing: transfers take turns on it.
      if (!this.#shareBrowse) {
        this.#shareBrowse = true;
        this.#note('The server allows only one connection: transfers now run on the browsing connection, and browsing waits while one runs', { type: 'pool-shared' });
      }
      return this.#takeBrowseSlot(signal);
    }
    this.#pendingOpens -= 1;
    if (this.#closed) {
      // The session ended during the login: close() could not reach a connection still
      // opening, so it is closed here rather than lent out past the session's end.
      void client.close().catch(() => undefined);
      throw new FtpError('FTP_ERR_NOT_CONNECTED', 'the session closed');
    }
    this.#busy.add(client);
    return client;
  }

  /** A place in line for the next connection released; `signal` leaves the line with FTP_ERR_ABORTED. */
  #queue(signal?: AbortSignal): Promise<FtpClient> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(stoppedWaiting());
      const leave = (): void => {
        const at = this.#waiters.indexOf(waiter);
        if (at < 0) return;
        this.#waiters.splice(at, 1);
        reject(stoppedWaiting());
      };
      const waiter: Waiter = {
        signal,
        resolve: (client: FtpClient) => {
          signal?.removeEventListener('abort', leave);
          resolve(client);
        },
        reject: (err: unknown) => {
          signal?.removeEventListener('abort', leave);
          reject(err);
        },
      };
      signal?.addEventListener('abort', leave, { once: true });
      this.#waiters.push(waiter);
    });
  }

  /** In shared mode: the browsing connection if no transfer has it, else a place in the queue. */
  #takeBrowseSlot(signal?: AbortSignal): Promise<FtpClient> | FtpClient {
    if (this.#browseHeld) return this.#queue(signal);
    this.#browseHeld = true;
    return this.#browse;
  }

  /** The shared slot is free again: to the next waiter, as browse or (limit lifted) as an open of its own. */
  #passBrowseSlot(): void {
    this.#browseHeld = false;
    const waiter = this.#waiters.shift();
    if (!waiter) return;
    if (this.#closed) return waiter.reject(new FtpError('FTP_ERR_NOT_CONNECTED', 'the session closed'));
    this.acquire(waiter.signal).then(waiter.resolve, waiter.reject);
  }

  /**
   * After a failed open: callers waiting for a connection that was still
   * opening would wait forever if nothing of ours is open or opening now,
   * so the first of them gets an open of its own.
   */
  #serveStranded(): void {
    if (this.#closed || this.#busy.size + this.#pendingOpens > 0) return;
    const waiter = this.#waiters.shift();
    if (waiter) this.#open(waiter.signal).then(waiter.resolve, waiter.reject);
  }

  /**
   * A minute after the server last refused a connection, go back to the
   * cap asked for: the next acquire tries a real open again, and a refusal
   * brings the limit back.
   */
  #maybeLiftLimit(): void {
    if (this.#limitedAt === undefined || Date.now() - this.#limitedAt < this.#limitRetryMs) return;
    this.#limitedAt = undefined;
    this.#max = this.#configuredMax;
    this.#shareBrowse = false;
  }

  /** Returns a transfer connection; a broken one is closed and not reused. */
  release(client: FtpClient, broken = false): void {
    if (!this.#labels.has(client)) {
      // The browsing connection (or one a reconnect has replaced) lent as the
      // shared slot: it stays the session's, whose reconnect logic replaces
      // it when broken. The slot goes to the next transfer waiting.
      this.#passBrowseSlot();
      return;
    }
    this.#busy.delete(client);
    // A connection that died under its borrower (a reply timeout while the
    // server hashed a large file kills it) must not go to the next one.
    if (broken || this.#closed || !client.isConnected) {
      void client.close().catch(() => undefined);
      const waiter = this.#waiters.shift();
      if (waiter && !this.#closed) this.#open(waiter.signal).then(waiter.resolve, waiter.reject);
      return;
    }
    const waiter = this.#waiters.shift();
    if (waiter) {
      this.#busy.add(client);
      waiter.resolve(client);
    } else this.#idle.push(client);
  }

  /** Runs `fn` with a borrowed transfer connection; `signal` gives up waiting for one (see acquire). */
  async with<T>(fn: (client: FtpClient) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const client = await this.acquire(signal);
    let broken = false;
    try {
      return await fn(client);
    } catch (err) {
      // A refusal, or a call stopped by its signal (a stopped delete waits for its last reply; a
      // stopped transfer sends ABOR and resynchronises), leaves the connection in step and reusable.
      broken = !(err instanceof FtpError) || (err.code !== 'FTP_ERR_REPLY' && !(err.code === 'FTP_ERR_ABORTED' && client.isConnected));
      throw err;
    } finally {
      this.release(client, broken);
    }
  }

  /** The transcript tag (`transfer-1`, …) of a transfer connection from this pool. */
  labelOf(client: FtpClient): string | undefined {
    return this.#labels.get(client);
  }

  /**
   * Its borrower no longer waits for what `client` is doing: a check the
   * server answers only after reading a whole file (HASH), stopped by Cancel
   * or Close session. A transfer connection is dropped at once (its pending
   * call fails; `release` then replaces it); the session's browsing
   * connection, lent on a server that allows one, is left to finish, as
   * dropping it would show the page a reconnect.
   */
  abandon(client: FtpClient): void {
    if (this.#labels.has(client)) client.destroy();
  }

  /** Sends QUIT on every connection. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const w of this.#waiters.splice(0)) w.reject(new FtpError('FTP_ERR_NOT_CONNECTED', 'the session closed'));
    const all = [this.#browse, ...this.#idle.splice(0), ...this.#busy];
    this.#busy.clear();
    await Promise.allSettled(all.map((c) => c.close()));
  }
}

export type { FtpClientOptions };
