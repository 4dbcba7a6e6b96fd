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
 *
 * The buffers made here start on a page boundary wherever the process can
 * have that ({@link alignedBuffer}), and only they are pooled.
 */

/** Size of every pooled buffer. */
export const TRANSFER_BUFFER_BYTES = 1024 * 1024;

/** Most buffers kept between transfers. */
export const POOLED_BUFFERS = 8;

const pool: Buffer[] = [];

/**
 * The memory of every buffer {@link takeTransferBuffer} made. Only these go
 * back into the pool, so what the pool hands out is always page-aligned
 * (when the process could have it so), whatever a caller tries to return.
 */
const made = new WeakSet<ArrayBufferLike>();

/** A pooled buffer of {@link TRANSFER_BUFFER_BYTES}, or a fresh one. Its contents are undefined. */
export function takeTransferBuffer(): Buffer {
  const pooled = pool.pop();
  if (pooled) return pooled;
  const buf = alignedBuffer(TRANSFER_BUFFER_BYTES);
  made.add(buf.buffer);
  return buf;
}

const WASM_PAGE_BYTES = 64 * 1024;

/**
 * The part of the WebAssembly namespace used here. TypeScript declares the
 * namespace in its DOM library, which the engine does not load; Node has
 * it as a global all the same.
 */
interface WasmMemories {
  Memory: new (desc: { initial: number; maximum: number }) => { readonly buffer: ArrayBuffer };
}

/** How long plain buffers are made after a memory was refused; see {@link alignedBuffer}. */
const REFUSAL_PAUSE_MS = 60_000;
let refusedUntil = 0;

/** Absent under `node --jitless`. */
const wasm = (globalThis as unknown as { WebAssembly?: WasmMemories }).WebAssembly;

/**
 * A buffer of `bytes` (a multiple of 64 KiB) that starts on a page
 * boundary, in memory of its own.
 *
 * Why: the kernel's copy of a socket's bytes into user memory
 * (`_copy_to_iter`) ran at about half speed, on this project's AMD EPYC VM,
 * into a destination 16 or 24 bytes past a 32-byte boundary, and a large
 * `Buffer.allocUnsafeSlow` is a glibc mmap chunk whose data starts 16 bytes
 * into a page: every read of every download went at that half speed.
 * Measured with a bare Node socket reading 1 GiB from vsftpd into the first
 * 128 KiB of one 1 MiB buffer: 575-1055 ms of system CPU from offset 0 or 8
 * of the buffer, 180-315 ms from offset 16, 48 or 4080, and 230-285 ms
 * into page-aligned buffers (bench/README.md, "1 GiB download vs curl").
 *
 * JavaScript cannot see an address, but a WebAssembly.Memory is always
 * page-aligned. Its ArrayBuffer works wherever Node takes bytes (fs, sockets,
 * TLS), but it can never be detached, so it cannot be transferred either
 * (a byte ReadableStream refuses it); nothing here grows the memory. Each
 * buffer gets its own so that a buffer's ArrayBuffer is the buffer (ring.ts
 * keys its chunks by it). Creating one costs about 0.07 ms and reserves
 * about 10 GiB of address space, not memory (pages are only committed when
 * touched), which is why they are pooled and never given away for good:
 * a consumer that keeps chunks gets copies or plain buffers (ReadRing's
 * owned mode). Where a memory is refused (a tight `ulimit -v`, address
 * space used up), V8 first runs full garbage collections, so after a
 * refusal plain buffers are made for a minute without asking again.
 * Without WebAssembly (`node --jitless`), always.
 */
export function alignedBuffer(bytes: number): Buffer {
  const pages = bytes / WASM_PAGE_BYTES;
  if (wasm && Number.isInteger(pages) && pages > 0 && Date.now() >= refusedUntil) {
    try {
      return Buffer.from(new wasm.Memory({ initial: pages, maximum: pages }).buffer);
    } catch {
      // RangeError: the address space reservation was refused.
      refusedUntil = Date.now() + REFUSAL_PAUSE_MS;
    }
  }
  return Buffer.allocUnsafeSlow(bytes);
}

/** True for a buffer that {@link takeTransferBuffer} made (or a view of one): it belongs back in the pool. */
export function isTransferBuffer(buf: Buffer): boolean {
  return made.has(buf.buffer);
}

/**
 * Keeps `buf` for a later transfer if there is room and it is a whole
 * buffer that {@link takeTransferBuffer} made.
 */
export function returnTransferBuffer(buf: Buffer): void {
  if (pool.length >= POOLED_BUFFERS || !made.has(buf.buffer) || buf.length !== TRANSFER_BUFFER_BYTES || buf.byteOffset !== 0) return;
  pool.push(buf);
}
