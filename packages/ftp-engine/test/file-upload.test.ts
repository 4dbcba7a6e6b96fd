/**
 * The file upload path over real loopback TCP sockets (no FTP): every byte
 * arrives in order, memory stays at the fixed buffers while the peer is
 * slow, and an abort or a dying peer ends the upload with the right error.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rm, writeFile, type FileHandle } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FtpErrorCodes } from '../src/index.ts';
import { takeTransferBuffer, returnTransferBuffer } from '../src/data/bufferPool.ts';
import { sendFile } from '../src/transfer/file-upload.ts';

let dir: string;
const cleanup: (() => unknown)[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ftp-engine-sendfile-'));
});
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
  await rm(dir, { recursive: true, force: true });
});

async function fileWith(data: Buffer): Promise<FileHandle> {
  const path = join(dir, 'src.bin');
  await writeFile(path, data);
  const fh = await open(path, 'r');
  cleanup.push(() => fh.close());
  return fh;
}

/** A loopback pair: `client` is what sendFile writes to, `peer` the receiving end (paused until asked). */
async function pair(): Promise<{ client: net.Socket; peer: net.Socket }> {
  const accepted = new Promise<net.Socket>((resolve) => {
    const server = net.createServer((sock) => {
      sock.pause();
      resolve(sock);
    });
    server.listen(0, '127.0.0.1', () => {
      client.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
    });
    cleanup.push(() => server.close());
  });
  const client = new net.Socket();
  client.on('error', () => undefined);
  const peer = await accepted;
  peer.on('error', () => undefined);
  cleanup.push(() => {
    client.destroy();
    peer.destroy();
  });
  return { client, peer };
}

function collect(sock: net.Socket): Promise<Buffer> {
  const chunks: Buffer[] = [];
  sock.on('data', (c: Buffer) => chunks.push(c));
  sock.resume();
  return new Promise((resolve) => sock.once('end', () => resolve(Buffer.concat(chunks))));
}

/** The memory behind every chunk sendFile hands to `client`. */
function buffersWritten(client: net.Socket): Set<ArrayBufferLike> {
  const used = new Set<ArrayBufferLike>();
  const write = client.write.bind(client) as (chunk: Buffer, cb: () => void) => boolean;
  client.write = ((chunk: Buffer, cb: () => void) => {
    used.add(chunk.buffer);
    return write(chunk, cb);
  }) as typeof client.write;
  return used;
}

/** Empties the process pool (it keeps at most 8), so what it holds afterwards came back from the test. */
function drainPool(): Buffer[] {
  return Array.from({ length: 16 }, () => takeTransferBuffer());
}

describe('sendFile', () => {
  it('sends the file from the position to its end, reusing small buffers', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 777);
    const fh = await fileWith(data);
    const { client, peer } = await pair();
    const got = collect(peer);
    let counted = 0;
    // Tiny buffers force many reuses of each one.
    await sendFile(fh, client, { position: 1000, count: (n) => (counted += n), signal: new AbortController().signal, bufferBytes: 4096, buffers: 3 });
    client.end();
    expect((await got).equals(data.subarray(1000))).toBe(true);
    expect(counted).toBe(data.length - 1000);
  });

  it('holds at most its buffers in flight while the peer reads nothing', async () => {
    const fh = await fileWith(randomBytes(32 * 1024 * 1024));
    const { client } = await pair();
    let counted = 0;
    const abort = new AbortController();
    const run = sendFile(fh, client, { position: 0, count: (n) => (counted += n), signal: abort.signal, bufferBytes: 1024 * 1024, buffers: 2 });
    // Wait until the kernel buffers are full and sendFile has stopped reading.
    let last = -1;
    while (counted !== last) {
      last = counted;
      await new Promise((r) => setTimeout(r, 50));
    }
    // Kernel socket buffers plus the two 1 MiB buffers: far less than the file.
    expect(client.writableLength).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(counted).toBeLessThan(16 * 1024 * 1024);
    abort.abort(new Error('stop'));
    await expect(run).rejects.toThrow('stop');
  });

  it('fails when the peer goes away mid-upload', async () => {
    const fh = await fileWith(randomBytes(32 * 1024 * 1024));
    const { client, peer } = await pair();
    const run = sendFile(fh, client, { position: 0, count: () => peer.destroy(), signal: new AbortController().signal });
    await expect(run).rejects.toThrow();
  });

  it('turns a read error into FTP_ERR_LOCAL_STREAM', async () => {
    const fh = await fileWith(randomBytes(1024));
    const { client } = await pair();
    const closed = await open(join(dir, 'src.bin'), 'r');
    await closed.close();
    await expect(sendFile(closed, client, { position: 0, count: () => undefined, signal: new AbortController().signal })).rejects.toMatchObject({ code: FtpErrorCodes.LOCAL_STREAM });
    expect(fh.fd).toBeGreaterThan(0);
  });

  it('takes its buffers from the process pool and gives them back once the socket is done with them', async () => {
    const data = randomBytes(5 * 1024 * 1024 + 3);
    const fh = await fileWith(data);
    const { client, peer } = await pair();
    const got = collect(peer);
    // Whatever the pool holds now goes out; the upload gets fresh buffers, seen at the socket.
    const drained = drainPool();
    const used = buffersWritten(client);
    await sendFile(fh, client, { position: 0, count: () => undefined, signal: new AbortController().signal });
    client.end();
    expect((await got).equals(data)).toBe(true);
    expect(used.size).toBeGreaterThan(0);
    expect(used.size).toBeLessThanOrEqual(4);
    // Every one of them is back, once: the next takes get exactly those, then a fresh one.
    const next = Array.from({ length: used.size + 1 }, () => takeTransferBuffer());
    expect(new Set(next.map((b) => b.buffer)).size).toBe(used.size + 1);
    expect(next.filter((b) => used.has(b.buffer))).toHaveLength(used.size);
    for (const b of [...drained, ...next]) returnTransferBuffer(b);
  });

  it('gives back the buffers of an upload that failed, when their writes end', async () => {
    const fh = await fileWith(randomBytes(16 * 1024 * 1024));
    const { client, peer } = await pair();
    const drained = drainPool();
    const used = buffersWritten(client);
    let writes = 0;
    const run = sendFile(fh, client, { position: 0, count: () => (++writes === 3 ? peer.destroy() : undefined), signal: new AbortController().signal });
    await expect(run).rejects.toThrow();
    client.destroy();
    await new Promise((r) => setTimeout(r, 50));
    const back = Array.from({ length: used.size }, () => takeTransferBuffer());
    expect(back.filter((b) => used.has(b.buffer))).toHaveLength(used.size);
    for (const b of [...drained, ...back]) returnTransferBuffer(b);
  });
});
