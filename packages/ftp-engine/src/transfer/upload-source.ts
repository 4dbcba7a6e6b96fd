/**
 * Upload sources: asking a file stream for larger reads.
 *
 * A default `fs.createReadStream` reads 64 KiB at a time; for a 1 GiB upload
 * that is 16 384 fresh buffers, thread-pool round trips and socket writes,
 * which cost more CPU than everything else in an upload (measured: 1 MiB
 * reads took the client from about 1.8 s to 0.6 s of CPU per GiB and
 * doubled the throughput against vsftpd). A Readable grows its high-water
 * mark when a consumer asks for more than it (`readable.read(n)`), and a
 * file stream reads that much per call from then on, so asking once, before
 * the first byte is read, is enough.
 */
import { ReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

/** Read size asked of file streams that would read less. */
export const UPLOAD_READ_BYTES = 1024 * 1024;

/**
 * Makes an untouched `fs.ReadStream` read {@link UPLOAD_READ_BYTES} at a time.
 * Other sources keep their own chunking: their size is the caller's choice
 * (the server's upload relay, say, pushes the frames it receives).
 */
export function widenFileReads(source: Readable): void {
  if (!(source instanceof ReadStream)) return;
  const untouched = source.readableFlowing === null && source.readableLength === 0 && !source.readableEnded && !source.destroyed;
  if (!untouched || source.readableHighWaterMark >= UPLOAD_READ_BYTES) return;
  // Returns null (nothing is buffered yet) and raises the high-water mark;
  // the bytes it starts reading are delivered in order once piping starts.
  source.read(UPLOAD_READ_BYTES);
}
