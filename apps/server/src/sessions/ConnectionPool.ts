/**
 * The FTP connections of one browser session. An FTP control connection runs
 * one command at a time, so browsing gets a connection of its own and
 * transfers borrow from up to `maxTransfers` more, opened lazily with the
 * same credentials. When the server says 421 (too many connections) the pool
 * shrinks instead of failing the transfer. A transfer connection that dies
 * while idle is dropped and re-opened on demand; the browsing connection is
 * replaced by the session's reconnect logic (see reconnect.ts).
 *
 *   browse ──► FtpClient('browse')            always present once connected
 *   transfers: [idle…] [busy…]  ≤ max          created on demand, reused
 *   waiters:   FIFO of acquire() calls          served as clients are released
 */
import { FtpClient, FtpError, type FtpClientOptions } from '@ftpdeck/ftp-engine';

/** Builds the options for a new connection with the given transcript tag. */
export type ClientFactory = (label: string) => FtpClient;

export class ConnectionPool {
  #browse: FtpClient;
  readonly #factory: ClientFactory;
  #max: number;
  readonly #idle: FtpClient[] = [];
  readonly #busy = new Set<FtpClient>();
  readonly #waiters: Array<{ resolve: (c: FtpClient) => void; reject: (e: unknown) => void }> = [];
  #opened = 0;
  /** The transcript tag of each transfer connection, so events can name it. */
  readonly #labels = new WeakMap<FtpClient, string>();
  #closed = false;

  constructor(factory: ClientFactory, maxTransfers: number) {
    this.#factory = factory;
    this.#max = Math.max(1, maxTransfers);
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

  /** Current cap on transfer connections (shrinks after 421). */
  get maxTransfers(): number {
    return this.#max;
  }

  /** Borrows a connected transfer connection, opening one if the cap allows. */
  async acquire(): Promise<FtpClient> {
    if (this.#closed) throw new FtpError('FTP_ERR_NOT_CONNECTED', 'the session is closed');
    // An idle connection the server dropped (idle timeout, restart) is
    // discarded here rather than handed out to fail the next transfer.
    for (let idle = this.#idle.pop(); idle; idle = this.#idle.pop()) {
      if (idle.isConnected) {
        this.#busy.add(idle);
        return idle;
      }
      idle.destroy();
    }
    if (this.#busy.size + this.#pendingOpens < this.#max) return this.#open();
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  #pendingOpens = 0;

  async #open(): Promise<FtpClient> {
    this.#opened += 1;
    const label = `transfer-${this.#opened}`;
    const client = this.#factory(label);
    this.#labels.set(client, label);
    this.#pendingOpens += 1;
    try {
      await client.connect();
      this.#busy.add(client);
      return client;
    } catch (err) {
      // 421 on connect means the server caps connections per user: remember a
      // lower cap and fall back to waiting for a connection we already have.
      if (err instanceof FtpError && err.ftpCode === 421 && this.#busy.size > 0) {
        this.#max = Math.max(1, this.#busy.size);
        return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
      }
      throw err;
    } finally {
      this.#pendingOpens -= 1;
    }
  }

  /** Returns a transfer connection; a broken one is closed and not reused. */
  release(client: FtpClient, broken = false): void {
    this.#busy.delete(client);
    if (broken || this.#closed) {
      void client.close().catch(() => undefined);
      const waiter = this.#waiters.shift();
      if (waiter && !this.#closed) this.#open().then(waiter.resolve, waiter.reject);
      return;
    }
    const waiter = this.#waiters.shift();
    if (waiter) {
      this.#busy.add(client);
      waiter.resolve(client);
    } else this.#idle.push(client);
  }

  /** Runs `fn` with a borrowed transfer connection. */
  async with<T>(fn: (client: FtpClient) => Promise<T>): Promise<T> {
    const client = await this.acquire();
    let broken = false;
    try {
      return await fn(client);
    } catch (err) {
      broken = !(err instanceof FtpError) || err.code !== 'FTP_ERR_REPLY';
      throw err;
    } finally {
      this.release(client, broken);
    }
  }

  /** The transcript tag (`transfer-1`, …) of a transfer connection from this pool. */
  labelOf(client: FtpClient): string | undefined {
    return this.#labels.get(client);
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
