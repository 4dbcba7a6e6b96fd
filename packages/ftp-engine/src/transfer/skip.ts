/**
 * Resume support for uploads: the server already has the first bytes, so
 * the source's first bytes are dropped. A source shorter than what the
 * server has cannot be resumed from: it is not the file the server holds
 * the start of, and sending "the rest" of it would send nothing and report
 * success. Both helpers fail with FTP_ERR_INVALID_ARGUMENT then, naming
 * both sizes.
 */
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { abortError, FtpError, FtpErrorCodes } from '../errors.ts';

/** The error for a resume source that ended after `got` of the `wanted` bytes the server has. */
export function shortSource(wanted: number, got: number): FtpError {
  return new FtpError(
    FtpErrorCodes.INVALID_ARGUMENT,
    `Cannot resume: the remote file has ${wanted} bytes, but the source ended after ${got}; nothing was uploaded`,
  );
}

/** Drops the first `n` bytes of a stream; fails at the end if there were fewer. */
export function skipBytes(n: number): Transform {
  let left = n;
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      if (left === 0) return done(null, chunk);
      if (chunk.length <= left) {
        left -= chunk.length;
        return done();
      }
      const rest = chunk.subarray(left);
      left = 0;
      done(null, rest);
    },
    flush(done: TransformCallback) {
      done(left > 0 ? shortSource(n, n - left) : null);
    },
  });
}

/**
 * Reads and drops the first `n` bytes of `source` before the upload starts,
 * leaving the rest unread in it (the part of a chunk past `n` is put back
 * with unshift). Resolves when `n` bytes were dropped; rejects with
 * {@link shortSource} when the source ends first, with
 * FTP_ERR_LOCAL_STREAM when it fails, and with the signal's reason (or
 * FTP_ERR_ABORTED) when `signal` fires. Done before the transfer command,
 * so a short source changes nothing on the server.
 */
export function dropPrefix(source: Readable, n: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let got = 0;
    const finish = (err?: Error): void => {
      source.off('readable', onReadable);
      source.off('end', onEnd);
      source.off('error', onError);
      source.off('close', onClose);
      signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve();
    };
    const onReadable = (): void => {
      let chunk: unknown;
      while (got < n && (chunk = source.read()) !== null) {
        // Object-mode sources (Readable.from) may yield strings; they go out as UTF-8.
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
        const left = n - got;
        if (bytes.length > left) {
          source.unshift(bytes.subarray(left));
          got = n;
        } else {
          got += bytes.length;
        }
      }
      if (got >= n) finish();
    };
    const onEnd = (): void => finish(shortSource(n, got));
    const onError = (err: Error): void => finish(new FtpError(FtpErrorCodes.LOCAL_STREAM, `The upload source failed: ${err.message}`, { cause: err }));
    const onClose = (): void => finish(shortSource(n, got));
    const onAbort = (): void => finish(abortError(signal));
    if (signal?.aborted) return onAbort();
    if (source.readableEnded) return onEnd();
    if (source.destroyed) return finish(new FtpError(FtpErrorCodes.LOCAL_STREAM, 'The upload source was already closed'));
    source.on('readable', onReadable);
    source.once('end', onEnd);
    source.once('error', onError);
    source.once('close', onClose);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
