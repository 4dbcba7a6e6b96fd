/**
 * Which side a failed transfer is blamed on: the data connection (the
 * server's side: FTP_ERR_DATA_CONNECT) or the caller's stream or local file
 * (FTP_ERR_LOCAL_STREAM). A failing HTTP response, say, must not be
 * reported as the FTP server's fault, nor a full disk as a network error.
 */
import type net from 'node:net';
import type { Readable, Writable } from 'node:stream';
import { FtpError, FtpErrorCodes } from '../errors.ts';

/** True for a failure of the data connection itself (as opposed to our own reasons: abort, caps, timeouts). */
export function isNetworkFailure(err: Error): boolean {
  return err instanceof FtpError && err.code === FtpErrorCodes.DATA_CONNECT;
}

/** `err` as an FtpError that names the side that failed (see {@link watchCulprit}). */
export function toTransferError(err: unknown, side: 'local' | 'data' | undefined): Error {
  if (err instanceof FtpError) return err;
  const e = err instanceof Error ? err : new Error(String(err));
  if (side === 'local') return new FtpError(FtpErrorCodes.LOCAL_STREAM, `The local stream failed: ${e.message}`, { cause: e });
  return new FtpError(FtpErrorCodes.DATA_CONNECT, `The data connection failed: ${e.message}`, { cause: e });
}

/**
 * Remembers which side failed first, the caller's stream or the data
 * socket, so a failing HTTP response (say) is not blamed on the server.
 */
export function watchCulprit(stream: Readable | Writable | undefined, sock: net.Socket): { side: 'local' | 'data' | undefined } {
  const state: { side: 'local' | 'data' | undefined } = { side: undefined };
  // Either side may have failed before we started watching: a server that
  // resets the data connection right after its 150 does it while we are
  // still reading that reply, and the event is gone by now. Without this the
  // pipeline's teardown of the caller's stream came first and the reset was
  // blamed on the caller (FTP_ERR_LOCAL_STREAM; found by the hostile-server fuzz).
  //
  // A socket that closed after reading to its EOF did not fail: all its data
  // came (a read-ahead download can be there before we watch, and a small
  // file's close often comes before the destination's write fails).
  const dataFailed = (): boolean => sock.errored !== null || !sock.readableEnded;
  if (sock.destroyed && dataFailed()) state.side = 'data';
  else if (stream?.destroyed || stream?.errored) state.side = 'local';
  const local = (): void => {
    state.side ??= 'local';
  };
  stream?.once('error', local);
  stream?.once('close', local);
  sock.once('error', () => {
    state.side ??= 'data';
  });
  sock.once('close', () => {
    if (dataFailed()) state.side ??= 'data';
  });
  return state;
}
