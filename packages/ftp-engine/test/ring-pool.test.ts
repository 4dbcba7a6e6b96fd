/**
 * Read buffers outlive their data connection in a small process-wide pool:
 * a retired ring hands its free buffers (and, later, those its consumer
 * still holds) to the next ring, and never a buffer that may still be read
 * into or read from.
 */
import { describe, expect, it } from 'vitest';
import { POOLED_BUFFERS, READ_BUFFER_BYTES, ReadRing } from '../src/data/ring.ts';

/** What Node does with `onread.buffer`: asks the ring for the next read buffer. */
function nextReadBuffer(ring: ReadRing): Buffer {
  const gen = ring.onread.buffer as () => Buffer;
  return gen();
}

describe('ReadRing pool', () => {
  it('gives a retired ring’s free buffers to the next ring', () => {
    const first = new ReadRing();
    const a = nextReadBuffer(first);
    const b = nextReadBuffer(first);
    first.release(a);
    first.retire();
    const second = new ReadRing();
    expect(nextReadBuffer(second)).toBe(a);
    // `b` is still out (with the socket or a consumer): it must not be handed out again.
    const c = nextReadBuffer(second);
    expect(c).not.toBe(b);
    expect(c.length).toBe(READ_BUFFER_BYTES);
  });

  it('pools a buffer the consumer releases after the socket closed, only then', () => {
    const ring = new ReadRing();
    const inFlight = nextReadBuffer(ring);
    ring.retire();
    const before = new ReadRing();
    expect(nextReadBuffer(before)).not.toBe(inFlight);
    ring.release(inFlight);
    expect(nextReadBuffer(new ReadRing())).toBe(inFlight);
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
    expect(nextReadBuffer(new ReadRing(4096))).not.toBe(s);
  });
});
