/**
 * Downloads and uploads: the verbs around {@link runTransfer}.
 */
import type { Readable, Writable } from 'node:stream';
import type { ControlSession } from '../control/ControlConnection.ts';
import { FtpError, FtpErrorCodes } from '../errors.ts';
import type { DownloadOptions, TransferResult, UploadOptions } from '../types.ts';
import type { ClientCore } from './core.ts';
import { hasRestStream } from './features.ts';

/** SIZE in TYPE I, or undefined when the server will not say. */
export async function sizeOf(core: ClientCore, s: ControlSession, path: string): Promise<number | undefined> {
  // SIZE is only meaningful in binary mode (RFC 3659 §4); several servers refuse it in ASCII.
  await core.ensureType(s, 'I');
  const r = await s.request(`SIZE ${path}`);
  if (r.code !== 213) return undefined;
  const n = Number(r.text.slice(4).trim());
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** RETR (with REST when `offset` > 0) into `dest`. */
export function download(core: ClientCore, path: string, dest: Writable, opts: DownloadOptions = {}): Promise<TransferResult> {
  const offset = opts.offset ?? 0;
  if (!Number.isSafeInteger(offset) || offset < 0) {
    return Promise.reject(new FtpError(FtpErrorCodes.INVALID_ARGUMENT, `Invalid offset ${offset}`));
  }
  return core.exec(async (s) => {
    const ascii = opts.type === 'ascii';
    // The total only feeds progress events: without a listener, SIZE is a wasted round trip.
    const total = ascii || !opts.onProgress ? undefined : await sizeOf(core, s, path);
    await core.ensureType(s, ascii ? 'A' : 'I');
    const spec = { command: `RETR ${path}`, direction: 'download' as const, stream: dest, restOffset: offset, ascii };
    const reuse = opts.reuseBuffers === true ? { reuseBuffers: true } : {};
    return core.transfer(s, { ...spec, ...optional(opts), ...reuse, ...(total === undefined ? {} : { total }) });
  }, opts.signal);
}

/** STOR / APPE / resume (REST+STOR, or APPE without REST STREAM) from `source`. */
export function upload(core: ClientCore, source: Readable, path: string, opts: UploadOptions = {}): Promise<TransferResult> {
  const mode = opts.mode ?? 'overwrite';
  return core.exec(async (s) => {
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
    await core.ensureType(s, ascii ? 'A' : 'I');
    return core.transfer(s, { command, direction: 'upload', stream: source, restOffset, offset: skip, skip, ascii, ...optional(opts) });
  }, opts.signal);
}

function optional(o: DownloadOptions | UploadOptions): { signal?: AbortSignal; onProgress?: DownloadOptions['onProgress'] } {
  const out: { signal?: AbortSignal; onProgress?: DownloadOptions['onProgress'] } = {};
  if (o.signal) out.signal = o.signal;
  if (o.onProgress) out.onProgress = o.onProgress;
  return out;
}
