/**
 * A session's recursive deletes, one at a time. Each runs on a transfer
 * connection of the pool, so the browsing connection stays free: a delete
 * of 20 000 files takes minutes over a slow link, and the user can still
 * look around. A delete the page named with a `job` reports progress
 * (`remove-progress`, throttled like transfer progress) and can be stopped
 * by that name. While one runs or waits, nothing may be written or deleted
 * inside its folder (assertNotBeingDeleted).
 */
import { FtpError, type FtpClient } from '@ftpdeck/ftp-engine';
import { ServerErrorCodes, type ServerMessage } from '@ftpdeck/protocol';
import type { ConnectionPool } from './ConnectionPool.ts';
import { ServerError } from './toWire.ts';
import { PROGRESS_INTERVAL_MS } from './progressInterval.ts';

/** What the deletes need from their session. */
export interface TreeDeletesHost {
  /** The pool to run on, or a typed error when not connected. */
  readonly pool: ConnectionPool;
  send(msg: ServerMessage): void;
  /** Progress is activity: a session no tab holds lingers while its delete removes things (SessionManager.release). */
  touch(): void;
}

/** See the file comment. One per session. */
export class TreeDeletes {
  readonly #host: TreeDeletesHost;
  /** Running deletes by the page's job number. */
  readonly #running = new Map<number, AbortController>();
  /** Every running delete, named or not, with the folder it deletes. */
  readonly #all = new Map<AbortController, string>();
  /** Settles when the deletes begun so far have ended: one runs at a time (see run). */
  #tail: Promise<void> = Promise.resolve();

  constructor(host: TreeDeletesHost) {
    this.#host = host;
  }

  /** Deletes the folder at the absolute `path` and everything in it; resolves with how many items went. */
  async run(path: string, job: number | undefined): Promise<number> {
    if (job !== undefined && this.#running.has(job)) {
      // Not DUPLICATE_ID: a page takes that as "your first request is still running" and waits for its reply.
      throw new ServerError(ServerErrorCodes.BAD_MESSAGE, `a delete with job ${job} is still running; use a new job number`);
    }
    const stop = new AbortController();
    if (job !== undefined) this.#running.set(job, stop);
    this.#all.set(stop, path);
    let removed = 0;
    let lastSent = 0;
    let lastPath = path;
    let report: (count: number, last: string, final?: true) => void = () => undefined;
    // One delete at a time per session: each holds a transfer connection for as long as it runs
    // (minutes, over a slow link), and several at once would leave uploads and downloads none.
    const before = this.#tail;
    let done: () => void = () => undefined;
    const mine = new Promise<void>((resolve) => (done = resolve));
    // The next waits for this one and for every one before it: this one may leave the line
    // early (stopped while waiting), and the one it waited for may still be running.
    this.#tail = Promise.all([before, mine]).then(() => undefined);
    try {
      await waitUnlessStopped(before, stop.signal);
      const pool = this.#host.pool;
      await pool.with((client: FtpClient) => {
        // The connection is known from the first event on, so the page files this delete's transcript lines under it.
        const connection = pool.labelOf(client) ?? 'browse';
        report = (count, last, final) => {
          if (job !== undefined) this.#host.send({ type: 'remove-progress', job, connection, removed: count, path: last, root: path, ...(final ? { final } : {}) });
        };
        report(0, path);
        return client.rmdir(path, {
          recursive: true,
          signal: stop.signal,
          onProgress: (p) => {
            removed = p.removed;
            lastPath = p.path;
            const now = Date.now();
            if (now - lastSent < PROGRESS_INTERVAL_MS) return;
            lastSent = now;
            this.#host.touch();
            report(p.removed, p.path);
          },
        });
      }, stop.signal);
      return removed;
    } finally {
      // The last event before the reply carries the final count, which throttling may have held back:
      // the page needs it when a stopped or failed delete's reply says only that it ended, and a page
      // reloaded since (which hears no reply) needs to hear that it ended at all.
      report(removed, lastPath, true);
      if (job !== undefined) this.#running.delete(job);
      this.#all.delete(stop);
      done();
    }
  }

  /** How many deletes run now: work in progress, which keeps an idle session open. */
  get running(): number {
    return this.#all.size;
  }

  /** Stops the delete named `job` before its next command; false when none runs. */
  cancel(job: number): boolean {
    const stop = this.#running.get(job);
    if (!stop) return false;
    stop.abort();
    return true;
  }

  /** Stops every running delete (the session disconnects or ends, the server shuts down). */
  cancelAll(): void {
    for (const stop of this.#all.keys()) stop.abort();
  }

  /**
   * Refuses a write at the absolute `path` when a running or waiting delete
   * covers it (its folder, or anything below). Browsing goes on during a
   * delete, so the page can upload, save or move into the folder; the
   * delete, reaching that spot later, would remove what the user was just
   * told was uploaded. A delete there is refused too: the two would each
   * fail on what the other removed.
   */
  assertNotBeingDeleted(path: string, what: string): void {
    const target = trimSlashes(path);
    for (const root of this.#all.values()) {
      const folder = trimSlashes(root);
      if (folder === '' || target === folder || target.startsWith(`${folder}/`)) {
        throw new ServerError(ServerErrorCodes.DELETING, `${what}: ${root} is being deleted; wait until the delete ends or stop it, then try again`);
      }
    }
  }
}

/** `path` without trailing slashes (`/` becomes the empty string, which covers everything). */
function trimSlashes(path: string): string {
  return path.replace(/\/+$/, '');
}

/** Resolves when `turn` does, or rejects with FTP_ERR_ABORTED as soon as `signal` fires: a stopped delete leaves the line at once. */
function waitUnlessStopped(turn: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new FtpError('FTP_ERR_ABORTED', 'Stopped while waiting for another delete to end'));
  return new Promise((resolve, reject) => {
    const leave = (): void => reject(new FtpError('FTP_ERR_ABORTED', 'Stopped while waiting for another delete to end'));
    signal.addEventListener('abort', leave, { once: true });
    void turn.then(() => {
      signal.removeEventListener('abort', leave);
      resolve();
    });
  });
}
