/**
 * The FIFO task queue of a control connection. One task runs at a time;
 * later ones wait in order. Nothing is ever refused because another task is
 * running, and an abort while waiting removes the task without touching the
 * wire.
 *
 *     | running (0 or 1) | queued → → → |
 */
import { FtpError, FtpErrorCodes } from '../errors.ts';

interface Entry {
  start: () => void;
  fail: (e: Error) => void;
}

/** Callbacks the queue reports through. */
export interface QueueHooks {
  /** The terminal error, when the connection has failed; tasks then reject with it. */
  failure: () => FtpError | undefined;
  onIdle: () => void;
  onBusy: () => void;
}

/** See the file comment. */
export class TaskQueue<S> {
  private entries: Entry[] = [];
  private busy = false;

  constructor(
    private readonly session: S,
    private readonly hooks: QueueHooks,
  ) {}

  /** True when a task runs or waits. */
  get active(): boolean {
    return this.busy || this.entries.length > 0;
  }

  /** Runs `fn` after every earlier task; FTP_ERR_ABORTED if `signal` fires first. */
  run<T>(fn: (s: S) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const failure = this.hooks.failure();
      if (failure) return reject(queuedError(failure));
      if (signal?.aborted) return reject(abortedError());
      const onAbort = (): void => {
        const i = this.entries.indexOf(entry);
        if (i >= 0) {
          this.entries.splice(i, 1);
          reject(abortedError());
        }
      };
      const entry: Entry = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          const failed = this.hooks.failure();
          if (failed) {
            this.finish();
            reject(queuedError(failed));
            return;
          }
          fn(this.session).then(resolve, reject).finally(() => this.finish());
        },
        fail: (e) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.entries.push(entry);
      this.pump();
    });
  }

  /** Rejects every waiting task (the running one fails through its own read). */
  failAll(err: FtpError): void {
    const waiting = this.entries.splice(0);
    const e = queuedError(err);
    for (const w of waiting) w.fail(e);
  }

  private finish(): void {
    this.busy = false;
    this.pump();
  }

  private pump(): void {
    if (this.busy) return;
    const next = this.entries.shift();
    if (!next) {
      this.hooks.onIdle();
      return;
    }
    this.busy = true;
    this.hooks.onBusy();
    next.start();
  }
}

function abortedError(): FtpError {
  return new FtpError(FtpErrorCodes.ABORTED, 'The operation was aborted');
}

/** What a task that never ran sees when the connection has failed. */
function queuedError(err: FtpError): FtpError {
  if (err.code === FtpErrorCodes.CLOSED || err.code === FtpErrorCodes.NOT_CONNECTED) return err;
  return new FtpError(FtpErrorCodes.CLOSED, `The connection was closed: ${err.message}`, { cause: err });
}
