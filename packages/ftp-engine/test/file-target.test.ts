/**
 * The ring download into a local file by descriptor (FileTarget), over real
 * loopback sockets and real files: the bytes on disk, writes at an offset,
 * a FIFO written in order, a full disk, and that the descriptor is never
 * closed under a write.
 */
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { closeSync, createReadStream, openSync } from 'node:fs';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FtpErrorCodes } from '../src/errors.ts';
import { FileTarget } from '../src/transfer/file-target.ts';
import { ringDownload } from '../src/transfer/ring-download.ts';
import { connectWithRing } from './helpers/ringSocket.ts';

const servers: net.Server[] = [];
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ftp-engine-target-'));
});
afterEach(async () => {
  for (const s of servers.splice(0)) s.close();
  await rm(dir, { recursive: true, force: true });
});

/** A loopback server that sends `payload` in `step`-sized writes, one per timer turn, then closes. */
async function serve(payload: Buffer, step: number): Promise<number> {
  const server = net.createServer((sock) => {
    sock.on('error', () => undefined);
    let at = 0;
    const next = (): void => {
      if (at >= payload.length) return void sock.end();
      sock.write(payload.subarray(at, (at += step)));
      setImmediate(next);
    };
    next();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

/** Downloads from `port` into `target` the way transfer.ts does on the ring path. */
async function download(port: number, target: FileTarget, signal = new AbortController().signal): Promise<{ sock: net.Socket; counted: number }> {
  const { sock, ring } = await connectWithRing(port);
  let counted = 0;
  await ringDownload(sock, ring, target, { count: (n) => (counted += n), signal }).done;
  return { sock, counted };
}

describe('FileTarget', () => {
  it('writes every byte, in order, from the given offset, and leaves what was before it', async () => {
    const payload = randomBytes(9 * 1024 * 1024 + 77);
    const file = join(dir, 'out.bin');
    const head = Buffer.from('kept before the offset');
    await writeFile(file, head);
    const fd = openSync(file, 'r+');
    try {
      const target = new FileTarget(fd, head.length, file);
      const { counted } = await download(await serve(payload, 300 * 1024), target);
      await target.idle();
      expect(counted).toBe(payload.length);
      expect(target.bytesWritten).toBe(payload.length);
    } finally {
      closeSync(fd);
    }
    expect((await readFile(file)).equals(Buffer.concat([head, payload]))).toBe(true);
  });

  it('writes a FIFO at its own position, in order, with many small reads', async () => {
    const payload = randomBytes(4 * 1024 * 1024 + 5);
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const got: Buffer[] = [];
    const reader = createReadStream(fifo);
    reader.on('data', (c) => got.push(c as Buffer));
    const readAll = new Promise<void>((resolve, reject) => reader.on('end', resolve).on('error', reject));
    // Opened on the thread pool, as the reader is: a FIFO's two opens wait for each other.
    const handle = await open(fifo, 'w');
    try {
      const target = new FileTarget(handle.fd, null, fifo);
      await download(await serve(payload, 7 * 1024), target);
      await target.idle();
    } finally {
      await handle.close();
    }
    await readAll;
    expect(Buffer.concat(got).equals(payload)).toBe(true);
  });

  it('fails with FTP_ERR_LOCAL_STREAM on a full disk', async () => {
    const payload = randomBytes(3 * 1024 * 1024);
    const fd = openSync('/dev/full', 'w');
    try {
      const target = new FileTarget(fd, null, '/dev/full');
      let sock: net.Socket | undefined;
      const port = await serve(payload, 64 * 1024);
      const err = await download(port, target).then(
        (r) => {
          sock = r.sock;
          return undefined;
        },
        (e: unknown) => e,
      );
      expect(sock).toBeUndefined();
      expect(err).toMatchObject({ code: FtpErrorCodes.LOCAL_STREAM, message: expect.stringContaining('/dev/full') });
      // Nothing is left on the thread pool once the failure is reported and settled.
      await target.idle();
    } finally {
      closeSync(fd);
    }
  });

  it('takes nothing more once destroyed, and reports no write in flight after idle()', async () => {
    const file = join(dir, 'destroyed.bin');
    const fd = openSync(file, 'w');
    try {
      const target = new FileTarget(fd, 0, file);
      const finished: string[] = [];
      target.listen({ drain: () => undefined, finish: () => finished.push('finish'), error: (e) => finished.push(e.message) });
      let released = 0;
      target.put(Buffer.from('first'), () => released++);
      target.put(Buffer.from('queued'), () => released++);
      target.destroy(new Error('stopped'));
      target.put(Buffer.from('late'), () => released++);
      await target.idle();
      target.end();
      // The write in flight completed and was released; the queued and the late chunk were dropped but released.
      expect(released).toBe(3);
      expect(finished).toEqual([]);
    } finally {
      closeSync(fd);
    }
    expect((await readFile(file)).toString()).toBe('first');
  });
});
