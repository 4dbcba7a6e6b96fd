/**
 * The windowed upload sender. It streams one file as binary frames, never
 * more than `window` bytes beyond the server's last `upload-ack`, and pauses
 * while the browser's socket buffer is full. Pure logic over an
 * UploadChannel, so tests drive it with a fake.
 *
 *   file:  [======acked======|---in flight (≤ window)---|.....unsent.....]
 *          0            accepted                       sent             size
 */
import { encodeUploadFrame, ServerErrorCodes, type ServerMessage, type TransferType, type VerifiedBy, type WireError } from '@ftpdeck/protocol';
import { RequestError, WebErrorCodes, wireErrorOf } from '../lib/errorMessages.ts';
import type { TransferListener } from './transferEvents.ts';

/**
 * Bytes per binary frame: the protocol's 1 MiB maximum. Fewer, larger frames
 * cut the relay's per-frame work; the web-path bench measured 1 MiB frames
 * 25–40 % faster than 256 KiB ones.
 */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;
/** Pause sending while the socket buffers more than this. */
export const SOCKET_HIGH_WATER = 4 * 1024 * 1024;
/** How often to re-check the socket buffer while paused on it, ms. */
const BUFFER_POLL_MS = 16;
/** After a pause or cancel, how long to wait for the server to say what it kept. */
const CANCEL_REPORT_MS = 3000;

/** What the uploader needs from the socket. */
export interface UploadChannel {
  /** `modified`: the local file's time (ISO), for the server to set once the file is whole. */
  start(path: string, size: number, mode: UploadMode, transferType: TransferType, modified?: string): Promise<{ transferId: number; offset: number; window: number }>;
  sendFrame(frame: Uint8Array): boolean;
  bufferedAmount(): number;
  subscribe(transferId: number, listener: TransferListener): () => void;
  /** Aborts the server side; `byUser` when the user paused or cancelled (not a failure). */
  cancel(transferId: number, byUser?: boolean): Promise<unknown>;
}

/** The part of File/Blob we read. */
export interface BlobLike {
  readonly size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/** Progress callbacks; all optional. */
export interface UploadHooks {
  /** The server accepted the upload and assigned an id. */
  onStart?(transferId: number, offset: number): void;
  /** Bytes handed to the socket so far (absolute position in the file). */
  onSent?(sent: number): void;
  /** Server-side progress: relay received, FTP written, rate. */
  onProgress?(received: number, written: number, rate: number): void;
}

/** How the remote file is written: from scratch, or continuing what the server already holds. */
export type UploadMode = 'overwrite' | 'resume';

/** Options for one upload. */
export interface UploadOptions extends UploadHooks {
  signal?: AbortSignal;
  /** Default `overwrite`. With `resume` the server's reply decides the offset. */
  mode?: UploadMode;
  /** Default `binary`. An `ascii` resume starts over: the server replies with offset 0. */
  transferType?: TransferType;
  /** The local file's time (ISO): the server sets the uploaded file's to it, and says whether it could (`timeKept`). */
  modified?: string;
  chunkBytes?: number;
  highWater?: number;
}

/** A finished upload. */
export interface UploadResult {
  transferId: number;
  bytes: number;
  verified?: boolean | string;
  verifiedBy?: VerifiedBy;
  /** The hash in `verifiedBy` covered only the bytes from here to the end (a resumed or appended upload's tail). */
  verifiedFrom?: number;
  /** Answers `modified`: whether the server set the file's time. */
  timeKept?: boolean;
}

/** A failed upload; `resumeFrom` says how many bytes the server kept when it can be resumed. */
export class UploadError extends RequestError {
  readonly resumeFrom: number | undefined;

  constructor(wire: WireError, resumeFrom?: number) {
    super(wire);
    this.name = 'UploadError';
    this.resumeFrom = resumeFrom;
  }
}

/** What a `transfer-done` event says, as the protocol defines it. */
type DoneFacts = Omit<Extract<ServerMessage, { type: 'transfer-done' }>, 'type' | 'transferId' | 'connection'>;

const cancelled = (): WireError => ({ code: ServerErrorCodes.CANCELLED, message: 'Upload cancelled' });

/**
 * Uploads `file` to the absolute remote `path` and resolves when the server
 * reports `transfer-done` with ok. Rejects with a RequestError otherwise.
 */
export async function uploadBlob(
  file: BlobLike,
  path: string,
  channel: UploadChannel,
  options: UploadOptions = {},
): Promise<UploadResult> {
  const chunkBytes = options.chunkBytes ?? UPLOAD_CHUNK_BYTES;
  const highWater = options.highWater ?? SOCKET_HIGH_WATER;
  const { signal } = options;
  if (signal?.aborted) throw new RequestError(cancelled());

  const { transferId, offset, window } = await channel.start(path, file.size, options.mode ?? 'overwrite', options.transferType ?? 'binary', options.modified);
  options.onStart?.(transferId, offset);

  let accepted = offset;
  let done: DoneFacts | null = null;
  // Read through a function: `done` changes inside the event callback, which TS flow analysis cannot see.
  const finished = (): DoneFacts | null => done;
  let wake: (() => void) | null = null;
  const nudge = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  const unsubscribe = channel.subscribe(transferId, (ev) => {
    // `accepted` counts bytes of this upload's stream, which begins at `offset` (the relay's view).
    if (ev.type === 'upload-ack') accepted = Math.max(accepted, offset + ev.accepted);
    else if (ev.type === 'transfer-progress') options.onProgress?.(ev.received, ev.written, ev.rate);
    else {
      const { ok, bytes, verified, verifiedBy, verifiedFrom, timeKept, error, resumeFrom } = ev;
      done = { ok, bytes, verified, verifiedBy, verifiedFrom, timeKept, error, resumeFrom };
    }
    nudge();
  });
  const onAbort = () => nudge();
  signal?.addEventListener('abort', onAbort);

  /** Sleeps until an event arrives, the abort fires, or (when polling) a short timer. */
  const waitForChange = (poll: boolean) =>
    new Promise<void>((resolve) => {
      const timer = poll ? setTimeout(nudge, BUFFER_POLL_MS) : undefined;
      wake = () => {
        if (timer !== undefined) clearTimeout(timer);
        resolve();
      };
    });

  const abortServerSide = (byUser: boolean) => {
    void channel.cancel(transferId, byUser).catch(() => undefined);
  };
  /**
   * The user stopped it: ABOR on the server, then its `transfer-done`, which
   * says what the server kept (`resumeFrom`), for the queue's "paused at" and
   * "keeps N" (the last progress event can be far behind). Waited for a few
   * seconds at most: a lost socket brings none.
   */
  const stopped = async (): Promise<UploadResult> => {
    abortServerSide(true);
    const by = Date.now() + CANCEL_REPORT_MS;
    let final = finished();
    while (final === null && Date.now() < by) {
      await waitForChange(true);
      final = finished();
    }
    // Finished before the ABOR reached it: the file is whole, and that is the truth to report.
    if (final?.ok) return outcome(final);
    throw new UploadError(cancelled(), final?.resumeFrom);
  };
  const outcome = (final: DoneFacts): UploadResult => {
    if (!final.ok) throw new UploadError(final.error ?? { code: ServerErrorCodes.INTERNAL, message: 'Upload failed' }, final.resumeFrom);
    const result: UploadResult = { transferId, bytes: final.bytes };
    if (final.verified !== undefined) result.verified = final.verified;
    if (final.verifiedBy !== undefined) result.verifiedBy = final.verifiedBy;
    if (final.verifiedFrom !== undefined) result.verifiedFrom = final.verifiedFrom;
    if (final.timeKept !== undefined) result.timeKept = final.timeKept;
    return result;
  };

  try {
    let sent = offset;
    while (sent < file.size && finished() === null) {
      if (signal?.aborted) return await stopped();
      const room = accepted + window - sent;
      if (room <= 0 || channel.bufferedAmount() > highWater) {
        await waitForChange(room > 0);
        continue;
      }
      const end = Math.min(file.size, sent + Math.min(chunkBytes, room));
      let bytes: ArrayBuffer;
      try {
        bytes = await file.slice(sent, end).arrayBuffer();
      } catch (err) {
        abortServerSide(false);
        throw new RequestError({ code: WebErrorCodes.FILE_READ, message: wireErrorOf(err).message });
      }
      if (!channel.sendFrame(encodeUploadFrame(transferId, new Uint8Array(bytes)))) {
        throw new RequestError({ code: WebErrorCodes.DISCONNECTED, message: 'The connection to FTP Deck was lost during the upload' });
      }
      sent = end;
      options.onSent?.(sent);
    }

    let final = finished();
    while (final === null) {
      if (signal?.aborted) return await stopped();
      await waitForChange(false);
      final = finished();
    }
    return outcome(final);
  } finally {
    unsubscribe();
    signal?.removeEventListener('abort', onAbort);
  }
}
