import { describe, expect, it } from 'vitest';
import { UploadRelay, ackInterval } from './UploadRelay.ts';

const frame = (n: number, fill = 1) => new Uint8Array(n).fill(fill);

describe('UploadRelay', () => {
  it('acknowledges bytes only as the consumer pulls them', async () => {
    const acks: number[] = [];
    const relay = new UploadRelay(1024 * 1024, 512 * 1024, { onAck: (a) => acks.push(a) });
    for (let i = 0; i < 4; i++) expect(relay.push(frame(128 * 1024, i))).toBeNull();
    expect(acks).toEqual([]);
    const chunks: Buffer[] = [];
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setImmediate(r));
      const c = relay.stream.read() as Buffer | null;
      if (c) chunks.push(c);
    }
    expect(acks.at(-1)).toBeGreaterThanOrEqual(256 * 1024);
    expect(relay.accepted).toBeLessThanOrEqual(relay.received);
  });

  it('delivers every byte in order and ends when the declared size has arrived', async () => {
    const relay = new UploadRelay(300, 1000, { onAck: () => undefined });
    relay.push(frame(100, 1));
    relay.push(frame(200, 2));
    const out: Buffer[] = [];
    for await (const c of relay.stream) out.push(c as Buffer);
    const all = Buffer.concat(out);
    expect(all.length).toBe(300);
    expect(all[0]).toBe(1);
    expect(all[299]).toBe(2);
  });

  it('refuses frames that overrun the declared size or ignore the window', () => {
    const small = new UploadRelay(10, 1000, { onAck: () => undefined });
    expect(small.push(frame(11))).toMatch(/overran/);
    const windowed = new UploadRelay(10_000, 100, { onAck: () => undefined });
    expect(windowed.push(frame(150))).toBeNull();
    expect(windowed.push(frame(100))).toMatch(/window/);
  });

  it('ends a zero-byte upload at once', async () => {
    const relay = new UploadRelay(0, 1000, { onAck: () => undefined });
    const out: Buffer[] = [];
    for await (const c of relay.stream) out.push(c as Buffer);
    expect(out).toEqual([]);
  });

  it('acks every eighth of the window, within 64 KiB and 1 MiB, and always the last byte', async () => {
    const MiB = 1024 * 1024;
    expect([ackInterval(8 * MiB), ackInterval(32 * MiB), ackInterval(512 * 1024), ackInterval(100 * 1024)]).toEqual([MiB, MiB, 64 * 1024, 64 * 1024]);
    const acks: number[] = [];
    const size = 3 * MiB + 5;
    const relay = new UploadRelay(size, 8 * MiB, { onAck: (a) => acks.push(a) });
    for (let at = 0; at < size; at += 256 * 1024) relay.push(frame(Math.min(256 * 1024, size - at)));
    let got = 0;
    for await (const c of relay.stream) got += (c as Buffer).length;
    expect(got).toBe(size);
    expect(acks).toEqual([MiB, 2 * MiB, 3 * MiB, size]);
  });
});
