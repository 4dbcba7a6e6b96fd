/**
 * The upload data path for a local file given by path: the engine reads the
 * file itself into a few buffers it owns and writes them to the data socket,
 * refilling a buffer only after the socket's write callback for it.
 *
 * Why not `fs.createReadStream(file).pipe(socket)`: a file stream allocates
 * a fresh buffer for every read, and on a 1 GiB upload that garbage (plus
 * the collections it forces through V8's external-memory accounting) was
 * both most of the client's CPU and its 30–40 MiB of RSS growth. Here the
 * whole upload touches {@link UPLOAD_BUFFERS} × {@link UPLOAD_BUFFER_BYTES}
 * of memory, whatever the file's size.
 *
 * Reads run ahead of the socket by at most the free buffers, so a disk read
 * overlaps with the kernel draining the previous write.
 *
 * The buffers come from the process pool (data/bufferPool.ts) and go back
 * to it once the socket is done with them, so a warm process uploads
 * without touching fresh memory.
 */
import type { FileHandle } from 'node:fs/promises';
import type net from 'node:net';
import { returnTransferBuffer, takeTransferBuffer, TRANSFER_BUFFER_BYTES } from '../data/bufferPool.ts';
import { FtpError, FtpErrorCodes } from '../errors.ts';

/** Size of one read: large writes mean few syscalls per GiB. */
export const UPLOAD_BUFFER_BYTES = TRANSFER_BUFFER_BYTES;

/** Buffers per upload (one being read into, the rest in flight to the socket). */
export const UPLOAD_BUFFERS = 4;

/** How {@link sendFile} runs. */
export interface SendFileOptions {
  /** File offset to start at (the bytes before it are already on the server). */
  position: number;
  /** Called with the size of every write, as it is handed to the socket. */
  count: (n: number) => void;
  signal: AbortSignal;
  bufferBytes?: number;
  buffers?: number;
}

/**
 * Writes the file from `position` to its end into `sock`. Resolves when the
 * last chunk has been handed to the socket (the caller ends the socket);
 * rejects on a read error, a socket failure or an abort.
 */
export async function sendFile(file: FileHandle, sock: net.Socket, opts: SendFileOptions): Promise<void> {
  const size = opts.bufferBytes ?? UPLOAD_BUFFER_BYTES;
  const max = opts.buffers ?? UPLOAD_BUFFERS;
  const free: Buffer[] = [];
  let made = 0;
  let failure: Error | undefined;
  const pooled = size === TRANSFER_BUFFER_BYTES;
  // Once sendFile has returned, buffers still in flight go to the pool when their write ends.
  let finished = false;
  const home = (buf: Buffer): void => {
    if (!finished) {
      free.push(buf);
      poke();
    } else if (pooled) {
      returnTransferBuffer(buf);
    }
  };
  let wake: (() => void) | undefined;
  const poke = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const fail = (err: Error): void => {
    failure ??= err;
    poke();
  };
  const onClose = (): void => fail(Object.assign(new Error('The data connection closed before the upload ended'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
  const onAbort = (): void => fail(opts.signal.reason as Error);
  sock.on('error', fail);
  sock.on('close', onClose);
  opts.signal.addEventListener('abort', onAbort, { once: true });
  if (opts.signal.aborted) onAbort();
  try {
    let position = opts.position;
    for (;;) {
      if (failure) throw failure;
      let buf = free.pop();
      if (!buf && made < max) {
        made += 1;
        buf = pooled ? takeTransferBuffer() : Buffer.allocUnsafeSlow(size);
      }
      if (!buf) {
        // Every buffer is in flight: wait for a write callback (or a failure).
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      let bytesRead: number;
      try {
        ({ bytesRead } = await readAt(file, buf, position));
        if (failure) throw failure;
      } catch (err) {
        // Never handed to the socket: the cleanup below pools it with the other free ones.
        free.push(buf);
        throw err;
      }
      if (bytesRead === 0) {
        free.push(buf);
        return;
      }
      position += bytesRead;
      opts.count(bytesRead);
      const chunk = buf;
      // The callback also runs (with an error) when the socket is destroyed
      // first, so every buffer comes home either way.
      sock.write(bytesRead === size ? chunk : chunk.subarray(0, bytesRead), () => home(chunk));
    }
  } finally {
    finished = true;
    if (pooled) for (const buf of free.splice(0)) returnTransferBuffer(buf);
    // The 'error' listener stays: a late socket error must not go uncaught.
    sock.off('close', onClose);
    opts.signal.removeEventListener('abort', onAbort);
  }
}

async function readAt(file: FileHandle, buf: Buffer, position: number): Promise<{ bytesRead: number }> {
  try {
    return await file.read(buf, 0, buf.length, position);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    throw new FtpError(FtpErrorCodes.LOCAL_STREAM, `Reading the local file failed: ${e.message}`, { cause: e });
  }
}
