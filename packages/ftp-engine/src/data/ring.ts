/**
 * A few large read buffers for a plain TCP data socket, handed to Node via
 * `net.connect({ onread })`.
 *
 * Why: a stream-mode socket allocates a fresh 64 KiB buffer for every read
 * (16 384 per GiB). Their page faults and garbage collection were most of
 * the engine's download CPU and all of its 30–50 MiB RSS growth. With
 * `onread`, the kernel copies straight into buffers we own and we decide
 * when one may be filled again.
 *
 * Ownership: every byte range of a buffer is in exactly one of three places:
 * held by the socket (the next read goes into it), out with the consumer (in
 * flight), or free. Without packing a buffer is one range; with packing
 * (ReadRing.attach) consecutive reads fill one buffer, so its front can be in
 * flight while its rest is held by the socket, and it is free again only
 * when every chunk cut from it has come back. The consumer must never let
 * the socket be handed memory that is still in flight; {@link ReadRing.spare}
 * and {@link ReadRing.canReadOn} tell it when to pause reading instead.
 */
import type net from 'node:net';
import { isTransferBuffer, POOLED_BUFFERS, returnTransferBuffer, takeTransferBuffer, TRANSFER_BUFFER_BYTES } from './bufferPool.ts';

/**
 * Size of one read buffer: large reads mean few callbacks and few writes to
 * the destination per GiB. Measured on 1 GiB from vsftpd into /dev/null,
 * five interleaved runs: 1 MiB buffers took the client's CPU from about
 * 645 to 480 ms and its rate from 0.78x to 0.90x curl's, against 256 KiB.
 * It is the process pool's size (bufferPool.ts), so buffers that outlive
 * their socket go back there.
 */
export const READ_BUFFER_BYTES = TRANSFER_BUFFER_BYTES;

/** Most buffers one socket may own (read buffer plus those in flight). */
export const RING_BUFFERS = 4;

export { POOLED_BUFFERS };

const toPool = returnTransferBuffer;

const READ_ALIGN_BYTES = 64;

function alignUp(n: number): number {
  return Math.ceil(n / READ_ALIGN_BYTES) * READ_ALIGN_BYTES;
}

/** Receives `n` bytes at the start of `buf`; returns false to pause reading. */
export type ChunkHandler = (n: number, buf: Buffer) => boolean;

/**
 * Smallest rest of a partly filled buffer that a packing ring offers for
 * the next read. Below it the read goes into the next free buffer, so no
 * read is cut down to a sliver.
 */
export const MIN_READ_BYTES = 256 * 1024;

/** See the file comment. One ring per data socket. */
export class ReadRing {
  private readonly free: Buffer[] = [];
  private made = 0;
  private handler: ChunkHandler | undefined;
  /** Bytes that came before a handler was attached (copied, so the ring stays intact). */
  private early: Buffer[] = [];
  /**
   * Packing (see {@link attach}): the buffer reads go into, where the next
   * read starts in it, and how many chunks of each buffer are still out
   * with the consumer (keyed by the buffer's ArrayBuffer, which every
   * chunk cut from it shares).
   */
  private pack = false;
  private current: Buffer | undefined;
  private offset = 0;
  /** Without packing: the buffer the socket holds for its next read, if any. */
  private held: Buffer | undefined;
  private readonly out = new Map<ArrayBufferLike, number>();

  constructor(
    private readonly size = READ_BUFFER_BYTES,
    private readonly max = RING_BUFFERS,
  ) {}

  /** The `onread` option for `net.connect`. */
  readonly onread: net.OnReadOpts = {
    buffer: () => this.take(),
    callback: (n: number, buf: Uint8Array): boolean => this.deliver(n, buf as Buffer),
  };

  /**
   * Buffers the socket can still be given without waiting for a release,
   * counting ones not yet allocated.
   */
  get spare(): number {
    return this.free.length + (this.max - this.made);
  }

  /**
   * For a packing consumer, called from its chunk handler: may it let the
   * socket read on? The socket takes its next read buffer right after the
   * handler returns, whatever the answer, and the read after that must
   * find one too without overdrawing the ring. The next read goes into the
   * rest of the current buffer when that is large enough; otherwise it
   * needs a spare buffer, and the following one another.
   */
  canReadOn(): boolean {
    const rest = this.current ? this.current.length - this.offset : 0;
    return this.spare >= (rest >= MIN_READ_BYTES ? 1 : 2);
  }

  private retired = false;

  /**
   * Returns a chunk, or a whole buffer, once its consumer is done with it.
   * A buffer goes back to the free list when none of its chunks is out and
   * reads have moved on from it.
   */
  release(buf: Buffer): void {
    const whole = buf.buffer;
    const left = (this.out.get(whole) ?? 1) - 1;
    if (left > 0) {
      this.out.set(whole, left);
      return;
    }
    this.out.delete(whole);
    if (this.current?.buffer === whole) return; // still being filled; freed when reads move on
    this.recycle(buf.byteOffset === 0 && buf.length === this.size ? buf : Buffer.from(whole, 0, this.size));
  }

  private recycle(buf: Buffer): void {
    // Never pooled twice: a buffer coming back is not the one the socket holds.
    if (this.held?.buffer === buf.buffer) this.held = undefined;
    if (this.retired) {
      toPool(buf);
    } else if (this.owned() && isTransferBuffer(buf)) {
      // A pooled buffer that an owning consumer gave back (see giveAway):
      // back to the pool, and the socket gets plain ones from now on.
      this.made -= 1;
      toPool(buf);
    } else {
      this.free.push(buf);
    }
  }

  /** Attached to a consumer that keeps well-filled buffers for good (attach without `pack`). */
  private owned(): boolean {
    return this.handler !== undefined && !this.pack;
  }

  /**
   * The socket has closed and will read no more: free buffers, and those
   * still out with the consumer once it releases them, go to the process
   * pool, as does the buffer the socket held for a read that never came
   * (the pool keeps only buffers it made).
   */
  retire(): void {
    this.retired = true;
    for (const buf of this.free.splice(0)) toPool(buf);
    // Without packing, the buffer the socket held for a read that never came.
    const held = this.held;
    this.held = undefined;
    if (held) toPool(held);
    // A closed socket reads no more, so the buffer it was filling is done
    // too: pooled now with nothing of it out, or by its last release.
    const current = this.current;
    this.current = undefined;
    if (current && !this.out.has(current.buffer)) toPool(current);
  }

  /** Forgets `buf`: it now belongs to the consumer, and a new one will be allocated. */
  giveAway(_buf: Buffer): void {
    this.made -= 1;
  }

  /**
   * May `buf` be given away? Not a pooled buffer: those are memories of
   * their own, made to come back (bufferPool.ts). The socket takes its first
   * read buffer inside `net.connect`, before any consumer is attached, so
   * even an owning consumer's first read lands in one; it gets a copy.
   */
  mayGiveAway(buf: Buffer): boolean {
    return !isTransferBuffer(buf);
  }

  /**
   * Attaches the consumer and returns whatever arrived before it (normally
   * nothing: data sockets are created paused).
   *
   * With `pack`, the consumer hands every chunk back through
   * {@link release} and never calls {@link giveAway}; in return, reads go
   * one after another into the same buffer while at least
   * {@link MIN_READ_BYTES} of it is left. Reads of a fresh connection are
   * often 64–128 KiB: a whole 1 MiB buffer each left the ring empty after
   * four reads, and reading stalled on the destination (a file write on
   * the thread pool) until one came back.
   */
  attach(handler: ChunkHandler, { pack = false }: { pack?: boolean } = {}): Buffer[] {
    this.handler = handler;
    this.pack = pack;
    const early = this.early;
    this.early = [];
    return early;
  }

  private take(): Buffer {
    const current = this.current;
    if (current) {
      if (current.length - this.offset >= MIN_READ_BYTES) return current.subarray(this.offset);
      // Reads move on: the buffer is free now unless chunks of it are still out.
      this.current = undefined;
      if (!this.out.has(current.buffer)) this.recycle(current);
    }
    const buf = this.fresh();
    if (this.pack) {
      this.current = buf;
      this.offset = 0;
    } else {
      this.held = buf;
    }
    return buf;
  }

  private fresh(): Buffer {
    const reused = this.free.pop();
    if (reused) return reused;
    // Past `max` only if a consumer ignored `spare`; growing is safer than overwriting.
    this.made += 1;
    // An owning consumer keeps well-filled buffers for good, so they are
    // plain ones: a pooled buffer is a page-aligned memory of its own, and
    // a 1 GiB download into a Writable that kept a thousand of them went at
    // 619-696 MiB/s and 1650-1930 ms of CPU, against 993-1010 and 1100-1130
    // with plain buffers (bufferPool.ts).
    if (this.size !== READ_BUFFER_BYTES || this.owned()) return Buffer.allocUnsafeSlow(this.size);
    return takeTransferBuffer();
  }

  private deliver(n: number, buf: Buffer): boolean {
    if (this.held?.buffer === buf.buffer) this.held = undefined;
    if (!this.handler) {
      this.early.push(Buffer.from(buf.subarray(0, n)));
      this.release(buf);
      return false;
    }
    if (this.pack) {
      const whole = buf.buffer;
      this.out.set(whole, (this.out.get(whole) ?? 0) + 1);
      // The next read starts on a cache line (of memory, when the buffer is
      // page-aligned, as pooled ones are): see bufferPool.ts for why.
      if (this.current?.buffer === whole) this.offset = alignUp(this.offset + n);
    }
    return this.handler(n, buf);
  }
}
