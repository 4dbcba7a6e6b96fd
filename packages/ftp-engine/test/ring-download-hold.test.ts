/**
 * A ring download started on hold (`hold: true`), as transfer.ts starts a
 * plain passive download into a lending target while the server answers the
 * transfer command: over real loopback TCP sockets (no FTP). What is asserted
 * is where the bytes went: nothing to the target before open(), every byte in
 * order after it, and an untouched target after cancel().
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { READ_BUFFER_BYTES, RING_BUFFERS } from '../src/data/ring.ts';
import { ringDownload, writableTarget } from '../src/transfer/ring-download.ts';
import { closePayloadServers, connectWithRing, servePayload } from './helpers/ringSocket.ts';

afterEach(closePayloadServers);

/** A sink that keeps copies of what it is given (it lends: each chunk is done with at the callback). */
function keepingSink(): { sink: Writable; bytes: () => Buffer } {
  const kept: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      kept.push(Buffer.from(chunk));
      done();
    },
  });
  return { sink, bytes: () => Buffer.concat(kept) };
}

/** Waits until `sock` has read `n` bytes or has stopped getting more for a while. */
async function settleReads(sock: net.Socket, n: number): Promise<void> {
  let last = -1;
  while (sock.bytesRead < n && sock.bytesRead !== last) {
    last = sock.bytesRead;
    await sleep(50);
  }
}

describe('ringDownload on hold', () => {
  it('reads ahead but gives the target nothing until open(), then everything in order', async () => {
    const payload = randomBytes(512 * 1024 + 7);
    const { sock, ring } = await connectWithRing(await servePayload(payload, 64 * 1024));
    const { sink, bytes } = keepingSink();
    let counted = 0;
    const run = ringDownload(sock, ring, writableTarget(sink, { lends: true }), { count: (n) => (counted += n), signal: new AbortController().signal, hold: true });
    await settleReads(sock, payload.length);
    // The whole payload and its EOF have come in, and are still held.
    expect(sock.bytesRead).toBe(payload.length);
    expect(bytes().length).toBe(0);
    expect(counted).toBe(0);
    expect(run.holding()).toBe(true);
    run.open();
    await run.done;
    expect(bytes().equals(payload)).toBe(true);
    expect(counted).toBe(payload.length);
    expect(sink.writableFinished).toBe(true);
  });

  it('stops reading when the ring is full while held, and resumes after open()', async () => {
    const payload = randomBytes((RING_BUFFERS + 4) * READ_BUFFER_BYTES);
    const { sock, ring } = await connectWithRing(await servePayload(payload, 256 * 1024));
    const { sink, bytes } = keepingSink();
    const run = ringDownload(sock, ring, writableTarget(sink, { lends: true }), { count: () => undefined, signal: new AbortController().signal, hold: true });
    await settleReads(sock, payload.length);
    // At most the ring's buffers are ever held.
    expect(sock.bytesRead).toBeLessThanOrEqual(RING_BUFFERS * READ_BUFFER_BYTES);
    expect(ring.spare).toBeGreaterThanOrEqual(0);
    run.open();
    await run.done;
    expect(bytes().equals(payload)).toBe(true);
  });

  it('cancel() leaves the target untouched and stops reading', async () => {
    const payload = randomBytes(2 * 1024 * 1024);
    const { sock, ring } = await connectWithRing(await servePayload(payload, 64 * 1024));
    const { sink, bytes } = keepingSink();
    const run = ringDownload(sock, ring, writableTarget(sink, { lends: true }), { count: () => undefined, signal: new AbortController().signal, hold: true });
    await settleReads(sock, 128 * 1024);
    run.cancel();
    const readAtCancel = sock.bytesRead;
    await sleep(50);
    // The owner may still use the target (an HTTP response that now carries an error, say).
    expect(sink.destroyed).toBe(false);
    expect(sink.writable).toBe(true);
    expect(bytes().length).toBe(0);
    expect(sock.bytesRead).toBe(readAtCancel);
    // Every held read went back to the ring.
    expect(ring.spare).toBeGreaterThanOrEqual(RING_BUFFERS - 1);
    await expect(run.done).rejects.toThrow('given up');
    sock.destroy();
  });

  it('an abort that came during the hold gives every held read back to the ring at open()', async () => {
    const payload = randomBytes((RING_BUFFERS + 4) * READ_BUFFER_BYTES);
    const { sock, ring } = await connectWithRing(await servePayload(payload, 256 * 1024));
    const { sink, bytes } = keepingSink();
    const ac = new AbortController();
    const run = ringDownload(sock, ring, writableTarget(sink, { lends: true }), { count: () => undefined, signal: ac.signal, hold: true });
    await settleReads(sock, payload.length);
    // Several buffers' worth is held.
    expect(ring.spare).toBeLessThan(RING_BUFFERS - 1);
    ac.abort(new Error('stop'));
    run.open();
    await expect(run.done).rejects.toThrow('stop');
    expect(bytes().length).toBe(0);
    // All but the buffer the socket was reading into are free again.
    expect(ring.spare).toBeGreaterThanOrEqual(RING_BUFFERS - 1);
  });

  it('a data connection closed early while held fails the download at open(), taking the target down', async () => {
    const payload = randomBytes(8 * 1024 * 1024);
    const { sock, ring } = await connectWithRing(await servePayload(payload, 64 * 1024));
    const { sink } = keepingSink();
    const run = ringDownload(sock, ring, writableTarget(sink, { lends: true }), { count: () => undefined, signal: new AbortController().signal, hold: true });
    await settleReads(sock, 128 * 1024);
    sock.destroy();
    await sleep(10);
    run.open();
    await expect(run.done).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
    expect(sink.destroyed).toBe(true);
  });

  it('refuses to hold for a target that does not lend', async () => {
    const { sock, ring } = await connectWithRing(await servePayload(Buffer.from('x')));
    const { sink } = keepingSink();
    expect(() => ringDownload(sock, ring, writableTarget(sink, { lends: false }), { count: () => undefined, signal: new AbortController().signal, hold: true })).toThrow(/lending/);
    sock.destroy();
  });
});

describe('ringDownload attaching late', () => {
  it('fails at once on a data socket that closed before it attached', async () => {
    const { sock, ring } = await connectWithRing(await servePayload(randomBytes(4 * 1024 * 1024)));
    sock.destroy();
    await sleep(10);
    const { sink } = keepingSink();
    const run = ringDownload(sock, ring, writableTarget(sink, { lends: false }), { count: () => undefined, signal: new AbortController().signal });
    await expect(run.done).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
  });
});
