/**
 * Downloads and uploads: the verbs around {@link runTransfer}.
 */
import { WriteStream } from 'node:fs';
import net from 'node:net';
import type { Readable, Writable } from 'node:stream';
import type { ControlSession } from '../control/session.ts';
import { FtpError, FtpErrorCodes } from '../errors.ts';
import type { DownloadOptions, TransferResult, UploadOptions } from '../types.ts';
import { linkSignals, type ClientCore } from './core.ts';
import { hasRestStream } from './features.ts';
import { openDownloadFile, openUploadFile, type UploadFile } from '../transfer/local-file.ts';
import { dropPrefix } from '../transfer/skip.ts';
import type { TransferSpec } from '../transfer/transfer.ts';

/** SIZE in TYPE I, or undefined when the server will not say. */
export async function sizeOf(core: ClientCore, s: ControlSession, path: string): Promise<number | undefined> {
  // SIZE is only meaningful in binary mode (RFC 3659 §4); several servers refuse it in ASCII.
  await core.ensureType(s, 'I');
  const r = await s.request(`SIZE ${path}`);
  if (r.code !== 213) return undefined;
  const n = Number(r.text.slice(4).trim());
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/**
 * Destinations known to be done with a chunk when their write callback runs,
 * so the engine's read buffers can be lent to them (see
 * DownloadOptions.reuseBuffers). Only exact Node classes whose callback
 * means "written to the kernel" qualify; anything that may queue the chunk
 * elsewhere does not.
 */
function releasesOnCallback(dest: Writable): boolean {
  return dest instanceof WriteStream || dest instanceof net.Socket;
}

/** RETR (with REST when `offset` > 0) into `dest`, a stream or a local file path. */
export function download(core: ClientCore, path: string, dest: Writable | string, opts: DownloadOptions = {}): Promise<TransferResult> {
  const offset = opts.offset ?? 0;
  if (!Number.isSafeInteger(offset) || offset < 0) {
    return Promise.reject(new FtpError(FtpErrorCodes.INVALID_ARGUMENT, `Invalid offset ${offset}`));
  }
  if (typeof dest !== 'string' && !isStream(dest, 'write')) {
    return Promise.reject(new FtpError(FtpErrorCodes.INVALID_ARGUMENT, 'download needs a Writable stream or a local file path'));
  }
  if (opts.maxBytes !== undefined && (!Number.isSafeInteger(opts.maxBytes) || opts.maxBytes < 0)) {
    return Promise.reject(new FtpError(FtpErrorCodes.INVALID_ARGUMENT, `Invalid maxBytes ${opts.maxBytes}`));
  }
  if (opts.size !== undefined && (!Number.isSafeInteger(opts.size) || opts.size < 0)) {
    return Promise.reject(new FtpError(FtpErrorCodes.INVALID_ARGUMENT, `Invalid size ${opts.size}`));
  }
  return core.exec(async (s) => {
    const ascii = opts.type === 'ascii';
    // The local file opens while SIZE, TYPE and the data connection are
    // answered (none of them changes anything a bad local path would make
    // wrong), so its thread-pool round trips add nothing to the transfer's
    // time; it fails before RETR all the same (TransferSpec.localReady).
    const opening = typeof dest === 'string' ? settleLater(openDownloadFile(dest, offset)) : undefined;
    try {
      // The total only feeds progress events: without a listener, or with the size given, SIZE is a wasted round trip.
      const total = ascii || !opts.onProgress ? undefined : (opts.size ?? (await sizeOf(core, s, path)));
      await core.ensureType(s, ascii ? 'A' : 'I');
      const spec: TransferSpec = { command: `RETR ${path}`, direction: 'download', restOffset: offset, ascii, ...optional(opts) };
      if (opening) {
        spec.localReady = settleLater(
          opening.then((file) => ({
            localFile: file,
            beforeData: file.begin,
            // Closed while the server's final reply is on its way, not after it.
            dataDone: () => void file.finish(),
          })),
        );
      } else {
        const stream = dest as Writable;
        spec.stream = stream;
        spec.reuseBuffers = opts.reuseBuffers ?? releasesOnCallback(stream);
        if (opts.end === false) spec.endDestination = false;
      }
      if (opts.maxBytes !== undefined) {
        spec.maxBytes = opts.maxBytes;
      }
      if (opts.onData) spec.onData = opts.onData;
      if (total !== undefined) spec.total = total;
      const result = await core.transfer(s, spec);
      await (await opening)?.finish();
      return result;
    } catch (err) {
      // Opened (or created) meanwhile: left as a refused download leaves it.
      await (await opening?.catch(() => undefined))?.abandon();
      throw err;
    }
  }, opts.signal);
}

/** STOR / APPE / resume (REST+STOR, or APPE without REST STREAM) from `source`, a stream or a local file path. */
export function upload(core: ClientCore, source: Readable | string, path: string, opts: UploadOptions = {}): Promise<TransferResult> {
  const offset = opts.offset;
  if (offset !== undefined && (!Number.isSafeInteger(offset) || offset < 0)) {
    return Promise.reject(new FtpError(FtpErrorCodes.INVALID_ARGUMENT, `Invalid offset ${offset}`));
  }
  if (opts.mode !== undefined && !UPLOAD_MODES.has(opts.mode)) {
    return Promise.reject(new FtpError(FtpErrorCodes.INVALID_ARGUMENT, `Unknown upload mode ${String(opts.mode)}`));
  }
  if (typeof source !== 'string' && !isStream(source, 'read')) {
    return Promise.reject(new FtpError(FtpErrorCodes.INVALID_ARGUMENT, 'upload needs a Readable stream or a local file path'));
  }
  if (typeof source !== 'string') return core.exec((s) => uploadFrom(core, s, { stream: source }, path, opts), opts.signal);
  return core.exec(async (s) => {
    // Opened while SIZE, TYPE and the data connection are answered, as a download's file is.
    const opening = settleLater(openUploadFile(source));
    try {
      return await uploadFrom(core, s, { file: opening }, path, opts);
    } finally {
      await (await opening.catch(() => undefined))?.close();
    }
  }, opts.signal);
}

const UPLOAD_MODES: ReadonlySet<string> = new Set(['overwrite', 'append', 'resume']);

async function uploadFrom(core: ClientCore, s: ControlSession, source: { stream: Readable } | { file: Promise<UploadFile> }, path: string, opts: UploadOptions): Promise<TransferResult> {
  const mode = opts.mode ?? 'overwrite';
  const ascii = opts.type === 'ascii';
  let command = `${mode === 'append' ? 'APPE' : 'STOR'} ${path}`;
  let restOffset = 0;
  let skip = 0;
  if (mode === 'resume') {
    skip = opts.offset ?? (await sizeOf(core, s, path)) ?? 0;
    if (skip > 0) {
      if (hasRestStream(core.state.features.features)) restOffset = skip;
      else command = `APPE ${path}`;
    }
  }
  if ('stream' in source && skip > 0) {
    // Dropped before STOR/APPE goes out: a source shorter than the remote
    // file then fails with nothing sent (skip.ts), instead of "resuming" with
    // zero bytes and a 226. The server has these bytes anyway.
    const signal = linkSignals(opts.signal, core.closeSignal);
    try {
      await dropPrefix(source.stream, skip, signal.signal);
    } finally {
      signal.dispose();
    }
  }
  await core.ensureType(s, ascii ? 'A' : 'I');
  const spec: TransferSpec = { command, direction: 'upload', restOffset, offset: skip, skip, ascii, ...optional(opts) };
  if ('stream' in source) return core.transfer(s, { ...spec, skip: 0, stream: source.stream });
  const localReady = source.file.then((file): Partial<TransferSpec> => {
    if (skip > file.size) {
      throw new FtpError(FtpErrorCodes.INVALID_ARGUMENT, `Cannot resume: the remote file has ${skip} bytes, the local one only ${file.size}`);
    }
    // TYPE A needs the stream path's line-ending converter; binary goes straight from the file.
    if (ascii) return { stream: file.handle.createReadStream({ autoClose: false }) };
    // Closed once read to its end, while the server's final reply is on its way.
    return { file: file.handle, total: file.size, dataDone: () => void file.close() };
  });
  // A bad local path, or a local file shorter than the remote one, fails before STOR.
  return core.transfer(s, { ...spec, localReady: settleLater(localReady) });
}

/**
 * Whether a JavaScript caller passed a stream (the types say so, but a
 * Buffer passed anyway used to fail only after STOR went out, leaving the
 * session out of step).
 */
function isStream(value: unknown, side: 'read' | 'write'): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.on === 'function' && typeof v.once === 'function' && typeof v[side === 'read' ? 'pipe' : 'write'] === 'function';
}

/**
 * `promise`, marked as handled at once: it may reject while the caller still
 * waits on the server, and must not count as an unhandled rejection before
 * the caller gets to it.
 */
function settleLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

function optional(o: DownloadOptions | UploadOptions): { signal?: AbortSignal; onProgress?: DownloadOptions['onProgress'] } {
  const out: { signal?: AbortSignal; onProgress?: DownloadOptions['onProgress'] } = {};
  if (o.signal) out.signal = o.signal;
  if (o.onProgress) out.onProgress = o.onProgress;
  return out;
}
