/**
 * The download data path for plain (non-TLS) passive data sockets: bytes go
 * from the socket's {@link ReadRing} straight into a {@link DownloadTarget},
 * with no stream stage in between. A target is either the caller's Writable
 * ({@link writableTarget}) or a local file written by descriptor
 * (file-target.ts).
 *
 * Two ways to hand bytes over:
 * - owned (safe for any Writable): the target owns every chunk it gets. A
 *   read that filled at least half its buffer is handed over whole and the
 *   socket gets a new buffer; a shorter read is copied out. Measured on
 *   1 GiB from vsftpd, this cut the client's CPU by about half against the
 *   stream path (large reads: a quarter of the allocations, no copy); exact-
 *   size copies of every read, or copies packed into shared slabs, saved
 *   less.
 * - lent (targets that say `lends`): the target gets a view of the ring
 *   buffer itself, and that part of the buffer is filled again only after
 *   the target releases it (the ring packs consecutive reads into one
 *   buffer, see ReadRing.attach). Only correct for destinations that are
 *   done with a chunk when they call back (fs.WriteStream, net.Socket,
 *   http.ServerResponse, a file target); a PassThrough or Transform keeps
 *   the view around and would see it overwritten.
 *
 * Backpressure: when owned, reading pauses while the target wants a drain;
 * when lent, while the ring could not give the socket room for the read
 * after next (ReadRing.canReadOn).
 *
 * A lending download can start on hold (RingDownloadOptions.hold): reading
 * begins before the server has agreed to send, and the reads wait in the
 * ring until open() hands them over, or cancel() drops them.
 */
import type net from 'node:net';
import type { Writable } from 'node:stream';
import type { ReadRing } from '../data/ring.ts';
import { FtpError, FtpErrorCodes } from '../errors.ts';

/** What a target tells the download about itself; see {@link DownloadTarget.listen}. */
export interface TargetEvents {
  /** The target can take more after asking for a pause. */
  drain(): void;
  /** Everything handed over is written, after {@link DownloadTarget.end}. */
  finish(): void;
  /** The target failed, or went away before finishing. */
  error(err: Error): void;
}

/** Where a ring download puts its bytes. */
export interface DownloadTarget {
  /** True when chunks may be views of ring buffers, each released back (see the file comment). */
  readonly lends: boolean;
  /**
   * Takes a chunk. With `release`, the chunk is a lent view and the target
   * calls `release` once it is done with it; without, the chunk is the
   * target's. Returns false to ask for a pause until `drain`.
   */
  put(chunk: Buffer, release: (() => void) | undefined): boolean;
  /** No more chunks will come; `finish` follows once everything is written. */
  end(): void;
  /** After a failure: stop, and drop whatever is not written. */
  destroy(err: Error): void;
  /** Subscribes to the target's events; the returned function unsubscribes (errors keep being swallowed). */
  listen(events: TargetEvents): () => void;
}

function prematureClose(what: string): Error {
  return Object.assign(new Error(`${what} closed before the transfer ended`), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}

/** A download past DownloadOptions.maxBytes, on either data path (this one, and the stream path's limit). */
export function overrunError(maxBytes: number): FtpError {
  return new FtpError(FtpErrorCodes.PROTOCOL, `The server sent more than the ${maxBytes} bytes expected (a file longer than its SIZE, or a REST it did not honour)`);
}

/** How {@link writableTarget} treats the caller's Writable. */
export interface WritableTargetOptions {
  /** It may be given views of ring buffers (see the file comment). */
  lends: boolean;
  /**
   * End it at data EOF (the default). When false, `finish` is reported once
   * every write has called back, and the stream is left to its owner, open,
   * after success and failure alike (DownloadOptions.end).
   */
  end?: boolean;
  /** Fail with FTP_ERR_PROTOCOL, writing none of the chunk, once more than this many bytes would be written. */
  maxBytes?: number;
}

/** The caller's Writable as a target. */
export function writableTarget(dest: Writable, opts: WritableTargetOptions): DownloadTarget {
  const { lends } = opts;
  const endDest = opts.end !== false;
  const maxBytes = opts.maxBytes ?? Infinity;
  let written = 0;
  // Without ending the stream there is no 'finish' to wait for: count the
  // writes still in flight instead, and report finish when the last calls back.
  let inFlight = 0;
  let ending = false;
  let events: TargetEvents | undefined;
  let failure: Error | undefined;
  const fail = (err: Error): void => {
    failure ??= err;
    events?.error(err);
  };
  const afterWrite = (release: (() => void) | undefined) => (): void => {
    release?.();
    if (--inFlight === 0 && ending) events?.finish();
  };
  return {
    lends,
    put(chunk, release) {
      written += chunk.length;
      if (written > maxBytes) {
        release?.();
        fail(overrunError(maxBytes));
        return true;
      }
      if (!endDest) {
        inFlight += 1;
        const ok = dest.write(chunk, afterWrite(release));
        return release ? true : ok;
      }
      if (release) {
        // When lending, the ring is the backpressure: at most RING_BUFFERS
        // are ever out, each released by its write callback. Waiting for
        // 'drain' as well would allow one write at a time, because a 1 MiB
        // chunk is always over a file stream's 16 KiB highWaterMark: the
        // socket then sat idle during every file write.
        dest.write(chunk, release);
        return true;
      }
      return dest.write(chunk);
    },
    end() {
      if (endDest) {
        dest.end();
        return;
      }
      ending = true;
      if (inFlight === 0) queueMicrotask(() => events?.finish());
    },
    destroy(err) {
      // Not ending it means not ending it on failure either: the owner decides
      // (an HTTP response not yet begun can still answer with an error status).
      if (endDest && !dest.destroyed && !dest.writableFinished) dest.destroy(err);
    },
    listen(listener) {
      events = listener;
      const onClose = (): void => {
        if (!dest.writableFinished) listener.error(prematureClose('The destination stream'));
      };
      dest.on('drain', listener.drain);
      dest.on('finish', listener.finish);
      dest.on('error', listener.error);
      dest.on('close', onClose);
      // A destination destroyed before the download began has had its
      // 'close' already: without this the download waited on it for ever
      // (the data-idle timeout does not count time the destination holds us up).
      if (dest.destroyed && !dest.writableFinished) queueMicrotask(() => listener.error(dest.errored ?? prematureClose('The destination stream')));
      else if (failure) queueMicrotask(() => listener.error(failure as Error));
      return () => {
        // The 'error' listener stays (as stream.pipeline leaves its own): a
        // destroy, or a late failure, must not become an uncaught error.
        events = undefined;
        dest.off('drain', listener.drain);
        dest.off('finish', listener.finish);
        dest.off('close', onClose);
      };
    },
  };
}

/** How {@link ringDownload} runs. */
export interface RingDownloadOptions {
  /** Called with the size of every read, before it is written. */
  count: (n: number) => void;
  /** Called with every chunk, in order, just before the target gets it (DownloadOptions.onData). */
  onData?: (chunk: Buffer) => void;
  signal: AbortSignal;
  /**
   * Start reading at once but give the target nothing, and watch neither it
   * nor the signal, until {@link RingDownload.open}. Reads wait in the ring
   * as they are (it stops reading when it has no room for the read after
   * next); EOF and socket failures wait too. For a target that lends only.
   *
   * Why: a transfer is set up while the server answers the transfer
   * command, and the first bytes follow its 150 at once. A socket that
   * starts reading only once the bookkeeping after the 150 is done lets its
   * receive window fill and the sender stall; on this project's 2-core VM,
   * holding a 10 MiB loopback download's first read back by 0.3 ms made its
   * data phase about 0.8 ms longer, and by 1 ms about 2.2 ms longer.
   */
  hold?: boolean;
}

/** A running ring download. */
export interface RingDownload {
  /** Resolves after data EOF and the target's `finish`. */
  done: Promise<void>;
  /** True while WE hold the data back (for the data-idle timeout). */
  holding(): boolean;
  /** Ends a {@link RingDownloadOptions.hold}: the reads so far go to the target, and the download runs. */
  open(): void;
  /**
   * Gives up a download still on hold (the server refused the transfer):
   * reading stops, the held reads go back to the ring, `done` settles
   * unobserved, and the target is left untouched (its owner may still use it).
   */
  cancel(): void;
}

/** Moves the socket's bytes into `target` and ends it at data EOF. */
export function ringDownload(sock: net.Socket, ring: ReadRing, target: DownloadTarget, opts: RingDownloadOptions): RingDownload {
  if (opts.hold && !target.lends) throw new Error('Only a download into a lending target can start on hold');
  let needDrain = false;
  let needBuffer = false;
  let paused = false;
  let settled = false;
  // While on hold: the reads so far, and EOF or a failure of the socket.
  let held: [n: number, buf: Buffer][] | undefined = opts.hold ? [] : undefined;
  let heldEnd = false;
  let heldFailure: Error | undefined;
  let resolve: () => void = () => undefined;
  let reject: (err: Error) => void = () => undefined;
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });

  const maybeResume = (): void => {
    if (!paused || needDrain || needBuffer || settled) return;
    paused = false;
    sock.resume();
  };
  const onRelease = (buf: Buffer): void => {
    ring.release(buf);
    if (needBuffer && ring.spare >= 1) {
      needBuffer = false;
      maybeResume();
    }
  };

  const { onData } = opts;
  const write = (chunk: Buffer, release?: Buffer): void => {
    if (onData) {
      try {
        onData(chunk);
      } catch (err) {
        // The caller's tap failed the download: this chunk goes nowhere.
        if (release) ring.release(release);
        settle(err instanceof Error ? err : new Error(String(err)));
        return;
      }
    }
    if (!target.put(chunk, release && (() => onRelease(release)))) needDrain = true;
  };

  const onChunk = (n: number, buf: Buffer): boolean => {
    if (settled) return false;
    if (held) {
      held.push([n, buf]);
      return ring.canReadOn();
    }
    opts.count(n);
    if (target.lends) {
      write(buf.subarray(0, n), buf);
      // This chunk is now in flight, and the socket is about to be given its next buffer.
      if (!ring.canReadOn()) needBuffer = true;
    } else if (n >= buf.length / 2 && ring.mayGiveAway(buf)) {
      // A well-filled read: the destination keeps this buffer for good and
      // the socket gets a fresh one (one allocation per read, no copy).
      ring.giveAway(buf);
      write(buf.subarray(0, n));
    } else {
      // A short read gets an exact-size copy, so a target that keeps
      // chunks (a collector) never holds more than twice what it was given;
      // so does a read into a pooled buffer, which must go back.
      const copy = Buffer.allocUnsafeSlow(n);
      buf.copy(copy, 0, 0, n);
      ring.release(buf);
      write(copy);
    }
    if (needDrain || needBuffer) paused = true;
    return !paused;
  };

  const onEnd = (): void => {
    if (held) heldEnd = true;
    else if (!settled) target.end();
  };
  const onSockError = (err: Error): void => {
    if (held) heldFailure ??= err;
    else settle(err);
  };
  const onSockClose = (): void => {
    if (sock.readableEnded) return;
    if (held) heldFailure ??= prematureClose('The data connection');
    else settle(prematureClose('The data connection'));
  };
  const onAbort = (): void => settle(opts.signal.reason as Error);
  let unlisten: () => void = () => undefined;

  function settle(err?: Error): void {
    if (settled) return;
    settled = true;
    // The socket's 'error' listener stays (as stream.pipeline leaves its
    // own): the destroy below, or a late failure, must not become an
    // uncaught error.
    sock.off('end', onEnd);
    sock.off('close', onSockClose);
    unlisten();
    opts.signal.removeEventListener('abort', onAbort);
    if (!err) {
      resolve();
      return;
    }
    // Like stream.pipeline: a failed transfer takes both ends down.
    sock.destroy();
    target.destroy(err);
    reject(err);
  }

  /** Starts watching the target and the signal. */
  function watch(): void {
    unlisten = target.listen({
      drain: () => {
        needDrain = false;
        maybeResume();
      },
      finish: () => settle(),
      error: (err) => settle(err),
    });
    opts.signal.addEventListener('abort', onAbort, { once: true });
    if (opts.signal.aborted) onAbort();
  }

  /** Lets the socket read, unless the ring or the target is full. */
  function flow(): void {
    if (settled) return;
    paused = true;
    // A socket that read on hold is reading still: stop it if the reads
    // handed over just now filled the ring or the target.
    if (needDrain || needBuffer) sock.pause();
    else maybeResume();
  }

  sock.on('end', onEnd);
  sock.on('error', onSockError);
  sock.on('close', onSockClose);
  if (!held) watch();
  for (const early of ring.attach(onChunk, { pack: target.lends })) {
    opts.count(early.length);
    write(early);
  }
  // A socket can be gone before we were listening (a server that resets
  // the data connection right after its 150 does it while we read the 150).
  if (!sock.readableEnded && sock.destroyed) onSockError(sock.errored ?? prematureClose('The data connection'));
  if (held) sock.resume();
  else flow();

  return {
    done,
    holding: () => held !== undefined || paused || needDrain,
    open() {
      const reads = held;
      if (!reads || settled) return;
      held = undefined;
      // Watching first: a target may finish as soon as it is ended.
      watch();
      // Once settled (an abort that came during the hold), the rest go back to the ring.
      for (const [n, buf] of reads) {
        if (settled) ring.release(buf);
        else onChunk(n, buf);
      }
      if (heldFailure) settle(heldFailure);
      else if (heldEnd) onEnd();
      flow();
    },
    cancel() {
      // Nobody awaits `done` once the download is given up, however it had ended.
      done.catch(() => undefined);
      const reads = held;
      if (!reads || settled) return;
      held = undefined;
      settled = true;
      sock.off('end', onEnd);
      sock.off('close', onSockClose);
      sock.pause();
      for (const [, buf] of reads) ring.release(buf);
      reject(new Error('The download was given up before it started'));
    },
  };
}
