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
 * Ownership: a buffer is in exactly one of three places: held by the socket
 * (the next read goes into it), out with the consumer (in flight), or free.
 * The consumer must never let the socket be handed a buffer that is still in
 * flight; {@link ReadRing.spare} tells it when to pause reading instead.
 */
import type net from 'node:net';

/**
 * Size of one read buffer: large reads mean few callbacks and few writes to
 * the destination per GiB. Measured on 1 GiB from vsftpd into /dev/null,
 * five interleaved runs: 1 MiB buffers took the client's CPU from about
 * 645 to 480 ms and its rate from 0.78x to 0.90x curl's, against 256 KiB.
 */
export const READ_BUFFER_BYTES = 1024 * 1024;

/** Most buffers one socket may own (read buffer plus those in flight). */
export const RING_BUFFERS = 4;

/**
 * Read buffers that outlived their socket, kept for the next data
 * connection in this process. A fresh buffer costs a page fault per 4 KiB
 * on first use, which on a 10 MiB download was a good part of the data
 * phase; reused ones are already mapped. At most {@link POOLED_BUFFERS}
 * are kept, so an idle process holds at most that many MiB.
 */
const pool: Buffer[] = [];

/** Most buffers kept in {@link pool} between data connections. */
export const POOLED_BUFFERS = 8;

function toPool(buf: Buffer): void {
  if (pool.length < POOLED_BUFFERS && buf.length === READ_BUFFER_BYTES) pool.push(buf);
}

/** Receives `n` bytes at the start of `buf`; returns false to pause reading. */
export type ChunkHandler = (n: number, buf: Buffer) => boolean;

/** See the file comment. One ring per data socket. */
export class ReadRing {
  private readonly free: Buffer[] = [];
  private made = 0;
  private handler: ChunkHandler | undefined;
  /** Bytes that came before a handler was attached (copied, so the ring stays intact). */
  private early: Buffer[] = [];

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

  private retired = false;

  /** Returns a buffer to the free list once its consumer is done with it. */
  release(buf: Buffer): void {
    if (this.retired) toPool(buf);
    else this.free.push(buf);
  }

  /**
   * The socket has closed and will read no more: free buffers, and those
   * still out with the consumer once it releases them, go to the process
   * pool. The buffer the socket held for its next read is left to the GC.
   */
  retire(): void {
    this.retired = true;
    for (const buf of this.free.splice(0)) toPool(buf);
  }

  /** Forgets `buf`: it now belongs to the consumer, and a new one will be allocated. */
  giveAway(_buf: Buffer): void {
    this.made -= 1;
  }

  /**
   * Attaches the consumer and returns whatever arrived before it (normally
   * nothing: data sockets are created paused).
   */
  attach(handler: ChunkHandler): Buffer[] {
    this.handler = handler;
    const early = this.early;
    this.early = [];
    return early;
  }

  private take(): Buffer {
    const reused = this.free.pop();
    if (reused) return reused;
    // Past `max` only if a consumer ignored `spare`; growing is safer than overwriting.
    this.made += 1;
    return (this.size === READ_BUFFER_BYTES ? pool.pop() : undefined) ?? Buffer.allocUnsafeSlow(this.size);
  }

  private deliver(n: number, buf: Buffer): boolean {
    if (this.handler) return this.handler(n, buf);
    this.early.push(Buffer.from(buf.subarray(0, n)));
    this.release(buf);
    return false;
  }
}
