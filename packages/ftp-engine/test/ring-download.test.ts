/**
 * The ring download path over real loopback TCP sockets (no FTP): data
 * integrity with retaining and non-retaining destinations, buffer reuse only
 * after write callbacks, backpressure, abort and failure handling.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { READ_BUFFER_BYTES, RING_BUFFERS } from '../src/data/ring.ts';
import { ringDownload, writableTarget } from '../src/transfer/ring-download.ts';
import { closePayloadServers, connectWithRing, servePayload } from './helpers/ringSocket.ts';

const servers: net.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
  closePayloadServers();
});

const serve = servePayload;

describe('ringDownload', () => {
  it('gives a retaining destination chunks of its own (default mode)', async () => {
    const payload = randomBytes(6 * 1024 * 1024 + 123);
    const { sock, ring } = await connectWithRing(await serve(payload, 1000));
    const kept: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        kept.push(chunk);
        done();
      },
    });
    let counted = 0;
    const run = ringDownload(sock, ring, writableTarget(sink, { lends: false }), { count: (n) => (counted += n), signal: new AbortController().signal });
    await run.done;
    expect(Buffer.concat(kept).equals(payload)).toBe(true);
    expect(counted).toBe(payload.length);
    // Short reads are copied out, so what the sink keeps is about what it was sent, not whole read buffers.
    const held = new Set(kept.map((c) => c.buffer));
    let heldBytes = 0;
    for (const ab of held) heldBytes += ab.byteLength;
    expect(heldBytes).toBeLessThanOrEqual(2 * payload.length + READ_BUFFER_BYTES);
  });

  it('reuses a buffer only after the write callback, within the ring, under slow callbacks (reuse mode)', async () => {
    const payload = randomBytes(8 * 1024 * 1024);
    const { sock, ring } = await connectWithRing(await serve(payload));
    const copies: Buffer[] = [];
    let overdrawn = false;
    let i = 0;
    const sink = new Writable({
      highWaterMark: 1024 * 1024,
      write(chunk: Buffer, _enc, done) {
        if (ring.spare < 0) overdrawn = true;
        const copy = Buffer.from(chunk);
        // Checked again when calling back: the bytes must not have changed while in flight.
        const later = (): void => {
          copies.push(chunk.equals(copy) ? copy : Buffer.from('overwritten'));
          done();
        };
        i += 1;
        if (i % 3 === 0) setTimeout(later, 2);
        else setImmediate(later);
      },
    });
    let counted = 0;
    await ringDownload(sock, ring, writableTarget(sink, { lends: true }), { count: (n) => (counted += n), signal: new AbortController().signal }).done;
    expect(overdrawn).toBe(false);
    expect(Buffer.concat(copies).equals(payload)).toBe(true);
    expect(counted).toBe(payload.length);
    expect(ring.spare).toBeLessThanOrEqual(RING_BUFFERS);
  });

  it('packs small reads into shared buffers without ever overwriting a chunk in flight (reuse mode)', async () => {
    // 40 KiB writes, one per timer turn, so the socket sees many small reads.
    const payload = randomBytes(6 * 1024 * 1024);
    const step = 40 * 1024;
    const server = net.createServer((sock) => {
      sock.on('error', () => undefined);
      let at = 0;
      const next = (): void => {
        if (at >= payload.length) return void sock.end();
        sock.write(payload.subarray(at, (at += step)));
        setTimeout(next, 0);
      };
      next();
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { sock, ring } = await connectWithRing((server.address() as net.AddressInfo).port);
    const copies: Buffer[] = [];
    const backing = new Set<ArrayBufferLike>();
    let chunks = 0;
    let packed = 0;
    let overdrawn = false;
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        if (ring.spare < 0) overdrawn = true;
        chunks += 1;
        backing.add(chunk.buffer);
        if (chunk.byteOffset > 0) packed += 1; // a read that went in after an earlier one
        const copy = Buffer.from(chunk);
        // Every other chunk is held for a while, so later reads land beside chunks still in flight.
        setTimeout(() => {
          copies.push(chunk.equals(copy) ? copy : Buffer.from('overwritten'));
          done();
        }, chunks % 2);
      },
    });
    await ringDownload(sock, ring, writableTarget(sink, { lends: true }), { count: () => undefined, signal: new AbortController().signal }).done;
    expect(overdrawn).toBe(false);
    expect(Buffer.concat(copies).equals(payload)).toBe(true);
    // Many reads, few buffers: reads shared them instead of taking one each.
    expect(chunks).toBeGreaterThan(2 * RING_BUFFERS);
    expect(packed).toBeGreaterThan(0);
    expect(backing.size).toBeLessThanOrEqual(RING_BUFFERS + 1);
  });

  it('pauses while the destination needs a drain and reports that it is holding', async () => {
    const payload = randomBytes(4 * 1024 * 1024);
    const { sock, ring } = await connectWithRing(await serve(payload));
    const kept: Buffer[] = [];
    let sawHolding = false;
    let run: ReturnType<typeof ringDownload> | undefined;
    const sink = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _enc, done) {
        kept.push(Buffer.from(chunk));
        setTimeout(() => {
          if (run?.holding()) sawHolding = true;
          done();
        }, 1);
      },
    });
    // Default mode: only 'drain' holds reading back (in reuse mode the ring does).
    run = ringDownload(sock, ring, writableTarget(sink, { lends: false }), { count: () => undefined, signal: new AbortController().signal });
    await run.done;
    expect(sawHolding).toBe(true);
    expect(Buffer.concat(kept).equals(payload)).toBe(true);
  });

  it('finishes an empty transfer at once', async () => {
    const { sock, ring } = await connectWithRing(await serve(Buffer.alloc(0)));
    const kept: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        kept.push(chunk);
        done();
      },
    });
    await ringDownload(sock, ring, writableTarget(sink, { lends: true }), { count: () => undefined, signal: new AbortController().signal }).done;
    expect(kept).toEqual([]);
    expect(sink.writableFinished).toBe(true);
  });

  it('rejects with the abort reason and destroys both ends', async () => {
    const payload = randomBytes(32 * 1024 * 1024);
    const { sock, ring } = await connectWithRing(await serve(payload));
    const ac = new AbortController();
    const sink = new Writable({
      write(_chunk: Buffer, _enc, done) {
        ac.abort(new Error('stop here'));
        done();
      },
    });
    await expect(ringDownload(sock, ring, writableTarget(sink, { lends: false }), { count: () => undefined, signal: ac.signal }).done).rejects.toThrow('stop here');
    expect(sock.destroyed).toBe(true);
    expect(sink.destroyed).toBe(true);
  });

  it('rejects with the destination error', async () => {
    const payload = randomBytes(2 * 1024 * 1024);
    const { sock, ring } = await connectWithRing(await serve(payload));
    const sink = new Writable({
      write(_chunk: Buffer, _enc, done) {
        done(new Error('disk full'));
      },
    });
    await expect(ringDownload(sock, ring, writableTarget(sink, { lends: true }), { count: () => undefined, signal: new AbortController().signal }).done).rejects.toThrow('disk full');
    expect(sock.destroyed).toBe(true);
  });

  it('rejects when the data socket closes before EOF', async () => {
    const payload = randomBytes(16 * 1024 * 1024);
    const { sock, ring } = await connectWithRing(await serve(payload));
    // Something else closes the socket mid-transfer, without an error: not an end of data.
    const sink = new Writable({
      write: (_c, _e, done) => {
        sock.destroy();
        done();
      },
    });
    await expect(ringDownload(sock, ring, writableTarget(sink, { lends: false }), { count: () => undefined, signal: new AbortController().signal }).done).rejects.toMatchObject({
      code: 'ERR_STREAM_PREMATURE_CLOSE',
    });
    expect(sink.writableFinished).toBe(false);
  });
});
