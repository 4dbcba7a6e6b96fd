/**
 * Read buffers outlive their data connection in a small process-wide pool:
 * a retired ring hands its free buffers (and, later, those its consumer
 * still holds) to the next ring, and never a buffer that may still be read
 * into or read from.
 */
import { describe, expect, it } from 'vitest';
import { isTransferBuffer, returnTransferBuffer, takeTransferBuffer, TRANSFER_BUFFER_BYTES } from '../src/data/bufferPool.ts';
import { POOLED_BUFFERS, READ_BUFFER_BYTES, ReadRing } from '../src/data/ring.ts';

/** What Node does with `onread.buffer`: asks the ring for the next read buffer. */
function nextReadBuffer(ring: ReadRing): Buffer {
  const gen = ring.onread.buffer as () => Buffer;
  return gen();
}

/** A ring attached to a consumer that lends its chunks back (reads pack into pooled buffers). */
function lendingRing(): ReadRing {
  const ring = new ReadRing();
  ring.attach(() => true, { pack: true });
  return ring;
}

/** One read that fills the rest of the ring's current buffer; returns that buffer, now out with the consumer. */
function readWhole(ring: ReadRing): Buffer {
  const buf = nextReadBuffer(ring);
  (ring.onread.callback as (n: number, buf: Buffer) => boolean)(buf.length, buf);
  return buf;
}

/**
 * Whether two buffers are the same object. Not `expect(a).not.toBe(b)`:
 * when it passes, Vitest still compares the two byte by byte for its
 * message, seconds for two zero-filled 1 MiB buffers.
 */
function same(a: Buffer, b: Buffer): boolean {
  return a === b;
}

describe('ReadRing pool', () => {
  it('gives a retired ring’s free buffers to the next ring', () => {
    const first = lendingRing();
    const a = readWhole(first);
    const b = readWhole(first);
    first.release(a);
    first.retire();
    const second = new ReadRing();
    expect(same(nextReadBuffer(second), a)).toBe(true);
    // `b` is still out with the consumer: it must not be handed out again.
    const c = nextReadBuffer(second);
    expect(same(c, b)).toBe(false);
    expect(c.length).toBe(READ_BUFFER_BYTES);
  });

  it('pools a buffer the consumer releases after the socket closed, only then', () => {
    const ring = lendingRing();
    const inFlight = readWhole(ring);
    ring.retire();
    const before = new ReadRing();
    expect(same(nextReadBuffer(before), inFlight)).toBe(false);
    ring.release(inFlight);
    expect(same(nextReadBuffer(new ReadRing()), inFlight)).toBe(true);
  });

  it('keeps at most POOLED_BUFFERS, and no odd-sized ones', () => {
    const ring = new ReadRing(READ_BUFFER_BYTES, 64);
    const many = Array.from({ length: POOLED_BUFFERS + 4 }, () => nextReadBuffer(ring));
    for (const buf of many) ring.release(buf);
    ring.retire();
    const taker = new ReadRing(READ_BUFFER_BYTES, 64);
    const got = new Set(Array.from({ length: POOLED_BUFFERS + 4 }, () => nextReadBuffer(taker)));
    expect([...got].filter((buf) => many.includes(buf))).toHaveLength(POOLED_BUFFERS);
    const small = new ReadRing(4096);
    const s = nextReadBuffer(small);
    small.release(s);
    small.retire();
    expect(same(nextReadBuffer(new ReadRing(4096)), s)).toBe(false);
  });
});

describe('ReadRing packing', () => {
  it('starts every packed read on a 64-byte boundary, so the kernel copies into aligned memory', () => {
    const ring = new ReadRing();
    const seen: Buffer[] = [];
    ring.attach((n, buf) => (seen.push(buf.subarray(0, n)), true), { pack: true });
    const deliver = ring.onread.callback as (n: number, buf: Buffer) => boolean;
    const first = nextReadBuffer(ring);
    deliver(1000, first);
    const second = nextReadBuffer(ring);
    expect(second.buffer).toBe(first.buffer);
    expect(second.byteOffset).toBe(1024);
    deliver(64, second);
    expect(nextReadBuffer(ring).byteOffset).toBe(1088);
    expect(seen.map((c) => [c.byteOffset, c.length])).toEqual([
      [0, 1000],
      [1024, 64],
    ]);
  });
});

describe('ReadRing buffers by consumer', () => {
  it('reads into pooled buffers for a lending consumer, and into plain ones for a consumer that keeps them', () => {
    const pooled = takeTransferBuffer();
    returnTransferBuffer(pooled);
    const owning = new ReadRing();
    owning.attach(() => true);
    expect(same(nextReadBuffer(owning), pooled)).toBe(false);
    const lending = new ReadRing();
    lending.attach(() => true, { pack: true });
    expect(same(nextReadBuffer(lending), pooled)).toBe(true);
  });

  it('keeps the pooled buffer that the socket takes before an owning consumer attaches: a copy goes out, the buffer back to the pool', () => {
    // net.connect asks for its first read buffer at once, before attach().
    const ring = new ReadRing();
    const first = nextReadBuffer(ring);
    expect(isTransferBuffer(first)).toBe(true);
    ring.attach(() => true);
    expect(ring.mayGiveAway(first)).toBe(false);
    // ring-download copies such a read out and releases the buffer.
    ring.release(first);
    const next = nextReadBuffer(ring);
    expect(isTransferBuffer(next)).toBe(false);
    expect(ring.mayGiveAway(next)).toBe(true);
    expect(same(takeTransferBuffer(), first)).toBe(true);
  });

  it('pools the buffer the socket held for a read that never came (an empty download)', () => {
    const ring = new ReadRing();
    const held = nextReadBuffer(ring);
    ring.attach(() => true);
    ring.retire();
    expect(same(takeTransferBuffer(), held)).toBe(true);
  });

  it('never pools a buffer the pool did not make', () => {
    const stranger = Buffer.allocUnsafeSlow(TRANSFER_BUFFER_BYTES);
    returnTransferBuffer(stranger);
    const taken = Array.from({ length: POOLED_BUFFERS + 1 }, () => takeTransferBuffer());
    expect(taken.some((buf) => same(buf, stranger))).toBe(false);
    for (const buf of taken) returnTransferBuffer(buf);
  });
});
