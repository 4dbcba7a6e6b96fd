/**
 * Local files named by path, as an upload's source or a download's
 * destination.
 *
 * Both are opened before any transfer command goes out, so a missing or
 * unreadable local file is an error with nothing sent (a STOR that failed
 * to read its source would already have truncated the remote file). The
 * open runs while SIZE, TYPE and the data connection are answered
 * (client/files.ts, TransferSpec.localReady): none of those changes anything
 * a bad path would make wrong, and the open's thread-pool round trips then
 * add no time. A failed open closes the data connection unused.
 *
 * A download never destroys what is on disk before the server has agreed to
 * send: the file is opened without truncation, cut to the resume offset only
 * once the server's 1xx has arrived, and a file we created is removed again
 * when the server refuses (550 and friends) before sending a byte.
 *
 * A download's file is written one of two ways, whichever the data path
 * asks for: by descriptor (file-target.ts) on the ring path, or through an
 * fs.WriteStream where a stream is needed (TLS, active mode, TYPE A).
 */
import { open, unlink, type FileHandle } from 'node:fs/promises';
import type { WriteStream } from 'node:fs';
import { FtpError, FtpErrorCodes } from '../errors.ts';
import { FileTarget } from './file-target.ts';

function localError(what: string, path: string, err: unknown): FtpError {
  const e = err instanceof Error ? err : new Error(String(err));
  return new FtpError(FtpErrorCodes.LOCAL_STREAM, `${what} ${path}: ${e.message}`, { cause: e });
}

function hasCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

/** An open local file to upload. */
export interface UploadFile {
  handle: FileHandle;
  /** Its size when opened, bytes. */
  size: number;
  /** Closes the file. Safe to call again; later calls share the first one's promise. */
  close(): Promise<void>;
}

/** Opens `path` for reading; it must be a regular file. */
export async function openUploadFile(path: string): Promise<UploadFile> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw localError('Cannot open the local file', path, err);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new Error('not a regular file');
    let closing: Promise<void> | undefined;
    return { handle, size: st.size, close: () => (closing ??= handle.close().catch(() => undefined)) };
  } catch (err) {
    await handle.close().catch(() => undefined);
    throw localError('Cannot upload', path, err);
  }
}

/**
 * An open local file to download into. Ask for one way of writing it,
 * {@link stream} or {@link target}, never both; either starts at the offset.
 */
export interface DownloadFile {
  /** The file as a stream; it closes the file when it finishes. */
  stream(): WriteStream;
  /** The file as a ring download's target, written by descriptor. */
  target(): FileTarget;
  /** Cuts the file to the offset; call once the server has agreed to send. */
  begin(): Promise<void>;
  /**
   * Once everything is written: closes the file (the stream, if used, has
   * already). Safe to call again; later calls share the first one's promise.
   */
  finish(): Promise<void>;
  /** After a failed transfer: closes the file, and removes it if we created it and wrote nothing. */
  abandon(): Promise<void>;
}

/**
 * Opens `path` for a download starting at `offset`. With an offset the file
 * must exist and hold at least that many bytes (they are what is resumed).
 * A device or FIFO (`/dev/null`, a pipe) is written as it is, from offset 0.
 */
export async function openDownloadFile(path: string, offset: number): Promise<DownloadFile> {
  let handle: FileHandle;
  let created = false;
  try {
    handle = await open(path, 'r+');
  } catch (err) {
    if (!hasCode(err, 'ENOENT') || offset > 0) throw localError('Cannot open the local file', path, err);
    try {
      // 'wx': if something appeared in between, fail rather than clobber it.
      handle = await open(path, 'wx');
      created = true;
    } catch (err2) {
      throw localError('Cannot create the local file', path, err2);
    }
  }
  const st = await handle.stat();
  const regular = st.isFile();
  if (regular ? st.size < offset : offset > 0) {
    await handle.close().catch(() => undefined);
    const why = regular ? `it has ${st.size} bytes, fewer than the offset ${offset}` : 'only regular files can be resumed';
    throw new FtpError(FtpErrorCodes.INVALID_ARGUMENT, `Cannot download into ${path}: ${why}`);
  }
  let stream: WriteStream | undefined;
  let target: FileTarget | undefined;
  let finishing: Promise<void> | undefined;
  const closeHandle = async (): Promise<void> => {
    // Never under a write still on the thread pool (see FileTarget.idle).
    await target?.idle();
    await handle.close().catch(() => undefined);
  };
  return {
    stream: () => (stream ??= regular ? handle.createWriteStream({ start: offset }) : handle.createWriteStream()),
    target: () => (target ??= new FileTarget(handle.fd, regular ? offset : null, path)),
    begin: async () => {
      if (!regular) return;
      try {
        await handle.truncate(offset);
      } catch (err) {
        throw localError('Cannot truncate the local file', path, err);
      }
    },
    finish: () => (finishing ??= stream ? Promise.resolve() : closeHandle()),
    abandon: async () => {
      const wrote = (stream?.bytesWritten ?? 0) + (target?.bytesWritten ?? 0) > 0;
      if (stream) {
        const s = stream;
        if (!s.destroyed) s.destroy();
        await new Promise<void>((resolve) => (s.closed ? resolve() : s.once('close', () => resolve())));
      } else {
        await closeHandle();
      }
      if (created && !wrote) await unlink(path).catch(() => undefined);
    },
  };
}
