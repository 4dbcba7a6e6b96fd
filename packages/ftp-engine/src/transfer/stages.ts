/**
 * The stream stages of a transfer, around the data socket: where a ring
 * download's bytes go, the chunk tap and byte cap of a streamed download, and what an
 * upload's source passes through (a skipped head, LF to CRLF) before the
 * socket. transfer.ts assembles them.
 */
import { Transform, type Readable, type Writable } from 'node:stream';
import { lfToCrlf } from './ascii.ts';
import { overrunError, writableTarget, type DownloadTarget } from './ring-download.ts';
import { skipBytes } from './skip.ts';
import type { TransferSpec } from './transfer.ts';
import { widenFileReads } from './upload-source.ts';

/** Passes at most `max` bytes; one more fails the pipeline (DownloadOptions.maxBytes, on the stream path). */
export function limitBytes(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > max) done(overrunError(max));
      else done(null, chunk);
    },
  });
}

/**
 * Shows each chunk to `onData` before passing it on (DownloadOptions.onData,
 * on the stream path); a throw fails the pipeline with that error, and the
 * chunk goes no further.
 */
export function tapBytes(onData: (chunk: Buffer) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      try {
        onData(chunk);
      } catch (err) {
        done(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      done(null, chunk);
    },
  });
}

/** Where a ring download goes: the local file by descriptor, or the caller's stream. */
export function downloadTarget(spec: TransferSpec): DownloadTarget {
  if (spec.localFile) return spec.localFile.target();
  return writableTarget(spec.stream as Writable, {
    lends: spec.reuseBuffers === true,
    end: spec.endDestination !== false,
    ...(spec.maxBytes !== undefined ? { maxBytes: spec.maxBytes } : {}),
  });
}

/** The source and the transforms an upload needs before the socket. */
export function uploadStages(spec: TransferSpec): Readable[] {
  const source = spec.stream as Readable;
  widenFileReads(source);
  const upload: Readable[] = [source];
  if (spec.skip) upload.push(skipBytes(spec.skip));
  if (spec.ascii) upload.push(lfToCrlf());
  return upload;
}
