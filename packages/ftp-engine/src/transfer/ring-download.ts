/**
 * The download data path for plain (non-TLS) passive data sockets: bytes go
 * from the socket's {@link ReadRing} straight into the caller's Writable,
 * with no stream stage in between.
 *
 * Two ways to hand bytes over:
 * - default (safe for any Writable): the destination owns every chunk it
 *   gets. A read that filled at least half its buffer is handed over whole
 *   and the socket gets a new buffer; a shorter read is copied out. Measured
 *   on 1 GiB from vsftpd, this cut the client's CPU by about half against
 *   the stream path (large reads: a quarter of the allocations, no copy);
 *   exact-size copies of every read, or copies packed into shared slabs,
 *   saved less.
 * - `reuse` (opt-in): the destination gets a view of the ring buffer itself,
 *   and that part of the buffer is filled again only after the destination's
 *   write callback for it (the ring packs consecutive reads into one buffer,
 *   see ReadRing.attach). Only correct for destinations that are done with a
 *   chunk when they call back (fs.WriteStream, net.Socket,
 *   http.ServerResponse); a PassThrough or Transform keeps the view around
 *   and would see it overwritten.
 *
 * Backpressure: by default reading pauses while the destination wants a
 * drain; in reuse mode, while the ring could not give the socket room for
 * the read after next (ReadRing.canReadOn).
 */
import type net from 'node:net';
import type { Writable } from 'node:stream';
import type { ReadRing } from '../data/ring.ts';

/** How {@link ringDownload} runs. */
export interface RingDownloadOptions {
  /** Hand out ring buffers themselves (see the file comment). */
  reuse: boolean;
  /** Called with the size of every read, before it is written. */
  count: (n: number) => void;
  signal: AbortSignal;
}

/** A running ring download. */
export interface RingDownload {
  /** Resolves after data EOF and the destination's `finish`. */
  done: Promise<void>;
  /** True while WE hold the data back (for the data-idle timeout). */
  holding(): boolean;
}

function prematureClose(what: string): Error {
  return Object.assign(new Error(`${what} closed before the transfer ended`), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}

/** Moves the socket's bytes into `dest` and ends `dest` at data EOF. */
export function ringDownload(sock: net.Socket, ring: ReadRing, dest: Writable, opts: RingDownloadOptions): RingDownload {
  let needDrain = false;
  let needBuffer = false;
  let paused = false;
  let settled = false;
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

  const write = (chunk: Buffer, release?: Buffer): void => {
    if (release) {
      // In reuse mode the ring is the backpressure: at most RING_BUFFERS
      // are ever out, each released by its write callback. Waiting for
      // 'drain' as well would allow one write at a time, because a 1 MiB
      // chunk is always over a file stream's 16 KiB highWaterMark: the
      // socket then sat idle during every file write (see the file comment).
      dest.write(chunk, () => onRelease(release));
      return;
    }
    if (!dest.write(chunk)) needDrain = true;
  };

  const onChunk = (n: number, buf: Buffer): boolean => {
    if (settled) return false;
    opts.count(n);
    if (opts.reuse) {
      write(buf.subarray(0, n), buf);
      // This chunk is now in flight, and the socket is about to be given its next buffer.
      if (!ring.canReadOn()) needBuffer = true;
    } else if (n >= buf.length / 2) {
      // A well-filled read: the destination keeps this buffer for good and
      // the socket gets a fresh one (one allocation per read, no copy).
      ring.giveAway(buf);
      write(buf.subarray(0, n));
    } else {
      // A short read gets an exact-size copy, so a destination that keeps
      // chunks (a collector) never holds more than twice what it was given.
      const copy = Buffer.allocUnsafeSlow(n);
      buf.copy(copy, 0, 0, n);
      ring.release(buf);
      write(copy);
    }
    if (needDrain || needBuffer) paused = true;
    return !paused;
  };

  const onDrain = (): void => {
    needDrain = false;
    maybeResume();
  };
  const onEnd = (): void => {
    if (!settled) dest.end();
  };
  const onFinish = (): void => settle();
  const onSockError = (err: Error): void => settle(err);
  const onDestError = (err: Error): void => settle(err);
  const onSockClose = (): void => {
    if (!sock.readableEnded) settle(prematureClose('The data connection'));
  };
  const onDestClose = (): void => {
    if (!dest.writableFinished) settle(prematureClose('The destination stream'));
  };
  const onAbort = (): void => settle(opts.signal.reason as Error);

  function settle(err?: Error): void {
    if (settled) return;
    settled = true;
    // The 'error' listeners stay (as stream.pipeline leaves its own): the
    // destroy below, or a late failure, must not become an uncaught error.
    sock.off('end', onEnd);
    sock.off('close', onSockClose);
    dest.off('drain', onDrain);
    dest.off('finish', onFinish);
    dest.off('close', onDestClose);
    opts.signal.removeEventListener('abort', onAbort);
    if (!err) {
      resolve();
      return;
    }
    // Like stream.pipeline: a failed transfer takes both ends down.
    sock.destroy();
    if (!dest.destroyed && !dest.writableFinished) dest.destroy(err);
    reject(err);
  }

  sock.on('end', onEnd);
  sock.on('error', onSockError);
  sock.on('close', onSockClose);
  dest.on('drain', onDrain);
  dest.on('finish', onFinish);
  dest.on('error', onDestError);
  dest.on('close', onDestClose);
  opts.signal.addEventListener('abort', onAbort, { once: true });
  if (opts.signal.aborted) onAbort();

  for (const early of ring.attach(onChunk, { pack: opts.reuse })) {
    opts.count(early.length);
    write(early);
  }
  if (!settled) {
    paused = true;
    maybeResume();
  }
  return { done, holding: () => paused || needDrain };
}
