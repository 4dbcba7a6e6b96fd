import { describe, expect, it } from 'vitest';
import { decodeUploadFrame } from '@ftpdeck/protocol';
import { TransferEvents } from './transferEvents.ts';
import { UploadError, uploadBlob, type BlobLike, type UploadChannel } from './uploader.ts';

/** Plays the relay: records frames, and the test decides when to ack. */
class FakeRelay implements UploadChannel {
  readonly events = new TransferEvents();
  readonly frames: Uint8Array[] = [];
  readonly cancels: number[] = [];
  buffered = 0;
  linkUp = true;
  /** Largest (sent - accepted) seen when a frame went out. */
  maxInFlight = 0;
  accepted = 0;
  received = 0;

  constructor(
    readonly window: number,
    readonly offset = 0,
  ) {
    this.accepted = offset;
    this.received = offset;
  }

  async start(path: string, size: number, mode: string) {
    this.startedWith = { path, size, mode };
    return { transferId: 42, offset: this.offset, window: this.window };
  }
  startedWith: { path: string; size: number; mode: string } | null = null;

  sendFrame(frame: Uint8Array): boolean {
    if (!this.linkUp) return false;
    const decoded = decodeUploadFrame(frame);
    if (!decoded || decoded.transferId !== 42) throw new Error('bad frame');
    this.frames.push(decoded.payload.slice());
    this.received += decoded.payload.byteLength;
    this.maxInFlight = Math.max(this.maxInFlight, this.received - this.accepted);
    return true;
  }

  bufferedAmount(): number {
    return this.buffered;
  }

  subscribe(transferId: number, listener: Parameters<UploadChannel['subscribe']>[1]) {
    return this.events.subscribe(transferId, listener);
  }

  async cancel(transferId: number) {
    this.cancels.push(transferId);
    return {};
  }

  ack(): void {
    this.accepted = this.received;
    // Like the real relay: counted from the start offset, not from byte 0 of the file.
    this.events.dispatch({ type: 'upload-ack', transferId: 42, accepted: this.accepted - this.offset });
  }

  done(ok = true): void {
    this.events.dispatch(
      ok
        ? { type: 'transfer-done', transferId: 42, ok: true, bytes: this.received, verified: true }
        : { type: 'transfer-done', transferId: 42, ok: false, bytes: 0, error: { code: 'FTP_ERR_REPLY', message: '552 Quota', ftpCode: 552 } },
    );
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.frames.reduce((n, f) => n + f.byteLength, 0));
    let at = 0;
    for (const f of this.frames) {
      out.set(f, at);
      at += f.byteLength;
    }
    return out;
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0));
async function settle(times = 5) {
  for (let i = 0; i < times; i += 1) await tick();
}

/** jsdom's Blob has no arrayBuffer(); this BlobLike behaves like the browser's File. */
class MemoryFile implements BlobLike {
  constructor(readonly data: Uint8Array) {}
  get size(): number {
    return this.data.byteLength;
  }
  slice(start = 0, end = this.size) {
    const part = this.data.slice(start, end);
    return { arrayBuffer: async () => part.buffer, bytes: part };
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    return this.data.slice().buffer;
  }
}

function makeFile(size: number): MemoryFile {
  const data = new Uint8Array(size);
  for (let i = 0; i < size; i += 1) data[i] = (i * 7 + 3) & 0xff;
  return new MemoryFile(data);
}

describe('uploadBlob', () => {
  it('never exceeds the window and sends every byte in order', async () => {
    const file = makeFile(1000);
    const relay = new FakeRelay(300);
    const sentLog: number[] = [];
    const result = uploadBlob(file, '/up/a.bin', relay, { chunkBytes: 128, onSent: (n) => sentLog.push(n) });
    await settle();
    // 128 + 128 + 44 = 300: the window is full, the sender waits.
    expect(relay.received).toBe(300);
    expect(relay.frames.map((f) => f.byteLength)).toEqual([128, 128, 44]);
    relay.ack();
    await settle();
    expect(relay.received).toBe(600);
    relay.ack();
    await settle();
    relay.ack();
    await settle();
    relay.ack();
    await settle();
    expect(relay.received).toBe(1000);
    relay.done();
    await expect(result).resolves.toEqual({ transferId: 42, bytes: 1000, verified: true });
    expect(relay.maxInFlight).toBeLessThanOrEqual(300);
    expect(relay.startedWith).toEqual({ path: '/up/a.bin', size: 1000, mode: 'overwrite' });
    expect(relay.bytes()).toEqual(file.data);
    expect(sentLog[sentLog.length - 1]).toBe(1000);
  });

  it('sends no frames for a zero-byte file and waits for done', async () => {
    const relay = new FakeRelay(1024);
    relay.done();
    await expect(uploadBlob(makeFile(0), '/empty', relay)).resolves.toMatchObject({ bytes: 0 });
    expect(relay.frames).toHaveLength(0);
  });

  it('starts at the offset the server asks for', async () => {
    const file = makeFile(500);
    const relay = new FakeRelay(10_000, 200);
    const result = uploadBlob(file, '/resume.bin', relay, { chunkBytes: 1000 });
    await settle();
    expect(relay.frames).toHaveLength(1);
    expect(relay.frames[0]).toEqual(file.data.slice(200));
    relay.done();
    await result;
  });

  it('reads acks relative to the offset when resuming', async () => {
    const file = makeFile(1000);
    const relay = new FakeRelay(200, 400);
    const result = uploadBlob(file, '/resume.bin', relay, { chunkBytes: 100 });
    await settle();
    expect(relay.received - 400).toBe(200);
    relay.ack();
    await settle();
    expect(relay.received - 400).toBe(400);
    relay.ack();
    await settle();
    relay.ack();
    await settle();
    expect(relay.received).toBe(1000);
    expect(relay.maxInFlight).toBeLessThanOrEqual(200);
    relay.done();
    await result;
    expect(relay.bytes()).toEqual(file.data.slice(400));
  });

  it('pauses while the socket buffer is over the high-water mark', async () => {
    const relay = new FakeRelay(10_000);
    relay.buffered = 10_000;
    const result = uploadBlob(makeFile(300), '/b', relay, { chunkBytes: 100, highWater: 5_000 });
    await settle();
    expect(relay.frames).toHaveLength(0);
    relay.buffered = 0;
    await new Promise((r) => setTimeout(r, 40));
    await settle();
    expect(relay.received).toBe(300);
    relay.done();
    await result;
  });

  it('reports server failure with its wire error and resume point', async () => {
    const relay = new FakeRelay(10_000);
    const result = uploadBlob(makeFile(100), '/c', relay, { mode: 'resume' });
    await settle();
    expect(relay.startedWith?.mode).toBe('resume');
    relay.events.dispatch({
      type: 'transfer-done',
      transferId: 42,
      ok: false,
      bytes: 60,
      resumeFrom: 60,
      error: { code: 'FTP_ERR_CLOSED', message: '421', retryable: true },
    });
    const err = (await result.catch((e: unknown) => e)) as UploadError;
    expect(err).toBeInstanceOf(UploadError);
    expect(err.code).toBe('FTP_ERR_CLOSED');
    expect(err.resumeFrom).toBe(60);
  });

  it('passes the verification method, and where a tail hash began, through', async () => {
    const relay = new FakeRelay(10_000);
    const result = uploadBlob(makeFile(10), '/v', relay);
    await settle();
    relay.events.dispatch({ type: 'transfer-done', transferId: 42, ok: true, bytes: 10, verified: true, verifiedBy: 'sha256', verifiedFrom: 4 });
    await expect(result).resolves.toEqual({ transferId: 42, bytes: 10, verified: true, verifiedBy: 'sha256', verifiedFrom: 4 });
  });

  it('stops early when the server fails mid-stream', async () => {
    const relay = new FakeRelay(100);
    const result = uploadBlob(makeFile(1000), '/d', relay, { chunkBytes: 100 });
    await settle();
    relay.done(false);
    await expect(result).rejects.toMatchObject({ code: 'FTP_ERR_REPLY' });
    expect(relay.received).toBe(100);
  });

  it('cancels on abort and tells the server', async () => {
    const relay = new FakeRelay(100);
    const ctl = new AbortController();
    const result = uploadBlob(makeFile(1000), '/e', relay, { chunkBytes: 100, signal: ctl.signal });
    await settle();
    ctl.abort();
    await expect(result).rejects.toMatchObject({ code: 'SRV_ERR_CANCELLED' });
    expect(relay.cancels).toEqual([42]);
  });

  it('fails when the link drops', async () => {
    const relay = new FakeRelay(10_000);
    relay.linkUp = false;
    await expect(uploadBlob(makeFile(10), '/f', relay)).rejects.toMatchObject({ code: 'WEB_ERR_DISCONNECTED' });
  });

  it('forwards server progress', async () => {
    const relay = new FakeRelay(10_000);
    const seen: Array<[number, number]> = [];
    const result = uploadBlob(makeFile(10), '/g', relay, { onProgress: (r, w) => seen.push([r, w]) });
    await settle();
    relay.events.dispatch({ type: 'transfer-progress', transferId: 42, received: 10, written: 4, total: 10, rate: 1 });
    relay.done();
    await result;
    expect(seen).toEqual([[10, 4]]);
  });
});
