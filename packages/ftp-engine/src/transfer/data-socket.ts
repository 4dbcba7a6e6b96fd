/**
 * The data socket's life around a transfer: the idle watch that tells the
 * server's silence from our own back-pressure, the clean half-close at the
 * end of an upload, and the transcript's closing line, written once per
 * data connection whether it carried a transfer or closed unused.
 */
import type net from 'node:net';
import { FtpError, FtpErrorCodes } from '../errors.ts';
import type { DataContext, PreparedData } from '../data/channel.ts';

/**
 * Data-idle timeout that does not fire while WE hold the stream back
 * (a slow consumer on download, a slow source on upload), which is the
 * basic-ftp #256 false timeout.
 */
export function watchIdle(sock: net.Socket, ms: number, abort: AbortController, waitingOnUs: () => boolean): { sourceDone: boolean } {
  const state = { sourceDone: false };
  if (ms <= 0) return state;
  sock.setTimeout(ms);
  sock.on('timeout', () => {
    if (waitingOnUs()) return;
    abort.abort(new FtpError(FtpErrorCodes.TIMEOUT, `No data moved for ${ms} ms`, { phase: 'data-idle' }));
  });
  return state;
}

/** Half-closes `sock` and resolves when the peer has closed too. */
export function endAndWaitClose(sock: net.Socket, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (sock.destroyed) return resolve();
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    sock.once('close', () => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
    // The peer's FIN has to be read for 'close' to come.
    sock.resume();
    // Ending in the same turn as a just-finished resumed TLS 1.2 handshake
    // sometimes sends FIN without close_notify (seen on zero-byte uploads to
    // vsftpd: "DATA connection terminated without SSL shutdown", then 426).
    // One turn later it is always clean.
    setImmediate(() => sock.end());
  });
}

/**
 * Releases a prepared data connection. One that opened and then closed
 * unused (the server refused the command, the local file would not open)
 * gets its closing line too, so every "open" in the transcript has one: a
 * passive one always, an active one if the server connected (pyftpdlib
 * does at PORT), not a listener nobody connected to.
 */
export function closeUnused(ctx: DataContext, prepared: PreparedData): void {
  const opened = prepared.isOpen();
  prepared.close();
  if (opened && !closeReported.has(prepared)) closeStatus(ctx, prepared, 0, prepared.opened);
}

/** Data connections whose closing line has been written. */
const closeReported = new WeakSet<PreparedData>();

/** Writes a data connection's closing line to the transcript: mode, bytes and how long it was open. */
export function closeStatus(ctx: DataContext, prepared: PreparedData, bytes: number, started: number): void {
  closeReported.add(prepared);
  const ms = Date.now() - started;
  ctx.transcript.status(`Data connection closed (${prepared.mode}): ${bytes} bytes in ${ms} ms`, {
    type: 'data-close',
    mode: prepared.mode,
    bytes,
    ms,
  });
}
