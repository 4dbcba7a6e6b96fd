/**
 * Transfer buffers that outlived their transfer, kept for the next one in
 * this process. Download read rings (ring.ts) and file uploads
 * (transfer/file-upload.ts) take their 1 MiB buffers from here and give
 * them back when done.
 *
 * Why: a fresh buffer costs a page fault per 4 KiB on first use. On a 10 MiB
 * download that was a good part of the data phase; an upload's four fresh
 * buffers were 1 024 faults before the first byte left. Reused buffers are
 * already mapped. At most {@link POOLED_BUFFERS} are kept, so an idle
 * process holds at most that many MiB.
 *
 * The one rule for callers: give a buffer back only when nothing can touch
 * it any more (its socket read is over, its write callback has run), and
 * only once; a buffer returned twice would be handed to two transfers.
 */

/** Size of every pooled buffer. */
export const TRANSFER_BUFFER_BYTES = 1024 * 1024;

/** Most buffers kept between transfers. */
export const POOLED_BUFFERS = 8;

const pool: Buffer[] = [];

/** A pooled buffer of {@link TRANSFER_BUFFER_BYTES}, or a fresh one. Its contents are undefined. */
export function takeTransferBuffer(): Buffer {
  return pool.pop() ?? Buffer.allocUnsafeSlow(TRANSFER_BUFFER_BYTES);
}

/** Keeps `buf` for a later transfer if there is room and it is a whole buffer of the pooled size. */
export function returnTransferBuffer(buf: Buffer): void {
  if (pool.length >= POOLED_BUFFERS || buf.length !== TRANSFER_BUFFER_BYTES || buf.byteOffset !== 0) return;
  pool.push(buf);
}
