/**
 * One transfer over a data connection, from the transfer command to the end.
 *
 * Completion rule: a transfer is done only when BOTH the final 2xx reply and
 * the end of the data stream (EOF for downloads, finish for uploads) have
 * happened, in whichever order they come (226 before EOF is common). A 200
 * before the 1xx is a known server bug and is skipped (ftplib does the same).
 *
 * Failure rule: when the data side fails or the caller aborts before the
 * final reply, we send ABOR, drain the replies (426/226/225 in any mix), and
 * sync with a NOOP, so no late reply can be taken as the answer to the next
 * command.
 */
import type { FileHandle } from 'node:fs/promises';
import type net from 'node:net';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable, type Writable } from 'node:stream';
import { abortError, FtpError, FtpErrorCodes, replyError } from '../errors.ts';
import type { Reply } from '../control/session.ts';
import type { TransferProgress, TransferResult } from '../types.ts';
import type { DataContext, PreparedData } from '../data/channel.ts';
import { openActive } from '../data/active.ts';
import { openPassive } from '../data/passive.ts';
import { crlfToLf } from './ascii.ts';
import { ProgressTracker } from './progress.ts';
import { sendFile } from './file-upload.ts';
import { TransferKeepAlive } from './keepalive.ts';
import { isNetworkFailure, toTransferError, watchCulprit } from './culprit.ts';
import { recover, unlessAborted, withTimeout } from './recover.ts';
import { closeStatus, closeUnused, endAndWaitClose, watchIdle } from './data-socket.ts';
import { ringDownload, type DownloadTarget } from './ring-download.ts';
import { downloadTarget, limitBytes, tapBytes, uploadStages } from './stages.ts';

/** What to transfer. */
export interface TransferSpec {
  /** The full command, e.g. `RETR name`, `LIST -a`, `STOR name`. */
  command: string;
  direction: 'download' | 'upload';
  /** Destination for downloads (unless `localFile` is set), source for uploads (unless `file` is set). */
  stream?: Writable | Readable;
  /**
   * Download only: a local file, written by descriptor on the ring path and
   * through its stream elsewhere; replaces `stream`. Exactly one of the two
   * is asked for.
   */
  localFile?: { stream(): Writable; target(): DownloadTarget };
  /** Upload only: a local file the engine reads itself (see file-upload.ts); replaces `stream`. */
  file?: FileHandle;
  /**
   * Runs once the server has agreed to the transfer (its 1xx, or a 2xx
   * without one) and before any data is read: the place to make a local
   * change that must not happen if the server refuses.
   */
  beforeData?: () => Promise<void>;
  /**
   * Called once the data side is through without error: a `file` read to
   * its end (upload), or every byte written to the target (ring download).
   * The final reply is still to be awaited, so a local file can be closed
   * meanwhile instead of after it.
   */
  dataDone?: () => void;
  /**
   * A local file still being opened (client/files.ts), and the fields it
   * fills in once open (`localFile`, `beforeData`, `file`, `total`,
   * `dataDone`, …). Awaited together with the data connection's
   * preparation and before REST and the command: so the open's time
   * overlaps EPSV's round trip, and a failed open still asks nothing of
   * the server (the prepared data connection is closed unused).
   */
  localReady?: Promise<Partial<TransferSpec>>;
  /** REST offset to send first (0 = none). */
  restOffset?: number;
  /** Reported as `offset` in progress and result. */
  offset?: number;
  /** Upload only: bytes of the source to drop first (the server has them). */
  skip?: number;
  /** Known total (SIZE), including the offset. */
  total?: number;
  ascii?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: TransferProgress) => void;
  /**
   * Download only: the destination is done with a chunk when its write
   * callback runs, so read buffers may be handed to it and reused
   * (DownloadOptions.reuseBuffers).
   */
  reuseBuffers?: boolean;
  /** Download only, to a stream: `false` leaves the destination open (DownloadOptions.end). */
  endDestination?: boolean;
  /** Download only: the most bytes the data connection may carry (DownloadOptions.maxBytes). */
  maxBytes?: number;
  /** Download only: sees each chunk off the data connection (DownloadOptions.onData). */
  onData?: (chunk: Buffer) => void;
}

/** Settings of the client that shape transfers. */
export interface TransferSettings {
  dataMode: 'passive' | 'active';
  replyTimeoutMs: number;
  dataIdleMs: number;
  /** NOOP every this many ms while the transfer runs; 0 = never (see keepalive.ts). */
  transferKeepAliveMs: number;
}

/**
 * The longest a stopped transfer (the caller's signal, or close()) waits
 * for the server's first answer to ABOR before it gives the connection up
 * (capped by the reply timeout); the whole resynchronisation after it, the
 * NOOP's answer included, gets twice this (recover.ts). Servers answer
 * within a round trip or two; ftp-srv stops reading commands while it sends
 * a file and, once our end of the data connection is gone, may never end
 * the transfer, so its ABOR is never read. A caller who asked to stop is not kept waiting for a full
 * reply timeout by that; the connection it loses costs one login.
 */
export const STOP_REPLY_TIMEOUT_MS = 5_000;

/** The reply wait for bringing a stopped transfer's connection back in step. */
function stopWaitMs(settings: TransferSettings): number {
  return Math.min(settings.replyTimeoutMs, STOP_REPLY_TIMEOUT_MS);
}

/** Reads "(12345 bytes)" out of a 150 reply. */
export function sizeFrom150(text: string): number | undefined {
  const m = /\((\d+) bytes\)/i.exec(text);
  return m ? Number(m[1]) : undefined;
}

/**
 * The caller's chunk tap (DownloadOptions.onData), keeping what it threw:
 * that error, not a wrapped one, is what the download fails with, on the
 * ring path (which stops at the throw) and the stream path alike.
 */
function tapOf(spec: TransferSpec): { onData?: (chunk: Buffer) => void; thrown(): Error | undefined } {
  const inner = spec.onData;
  let thrown: Error | undefined;
  if (!inner) return { thrown: () => undefined };
  return {
    thrown: () => thrown,
    onData: (chunk) => {
      if (thrown) return;
      try {
        inner(chunk);
      } catch (err) {
        thrown = err instanceof Error ? err : new Error(String(err));
        throw thrown;
      }
    },
  };
}

/** Runs `spec` inside the current control task. */
export async function runTransfer(ctx: DataContext, settings: TransferSettings, spec: TransferSpec): Promise<TransferResult> {
  if (spec.signal?.aborted) throw abortError(spec.signal);
  // Plain passive downloads read into a ring of reused buffers (see ring.ts).
  // TLS, TYPE A and active mode keep the stream path: TLS and the TYPE A
  // converter need a stream, and an accepted socket cannot be given `onread`.
  const ring = spec.direction === 'download' && !spec.ascii && !ctx.protectData;
  const preparing = settings.dataMode === 'active' ? openActive(ctx) : openPassive(ctx, { ring, pret: spec.command });
  const prepared = spec.localReady ? await withLocalFile(ctx, preparing, spec, spec.localReady) : await preparing;
  try {
    return await transferOn(ctx, settings, spec, prepared);
  } finally {
    closeUnused(ctx, prepared);
  }
}

/** Waits for both the data connection and the local file; fills `spec` in from the file. */
async function withLocalFile(ctx: DataContext, preparing: Promise<PreparedData>, spec: TransferSpec, localReady: Promise<Partial<TransferSpec>>): Promise<PreparedData> {
  const [data, local] = await Promise.allSettled([preparing, localReady]);
  if (local.status === 'rejected') {
    if (data.status === 'fulfilled') closeUnused(ctx, data.value);
    throw local.reason;
  }
  if (data.status === 'rejected') throw data.reason;
  Object.assign(spec, local.value);
  return data.value;
}

/**
 * A transfer that ended after the server accepted its REST but before the
 * offset was used (stopped before its command went out, or the command
 * refused): the server may keep that offset for the next RETR or STOR on
 * this connection, which would be another caller's (a download starting
 * mid-file, an upload written at the offset). Every server tested keeps it
 * after a stop; ftp-srv also keeps it through a refused RETR. `REST 0`
 * takes it back. A server that refuses it cannot be trusted with the next
 * transfer, so the connection is failed instead. Never throws: its caller
 * reports why the transfer ended, and a connection this fails shows as such.
 */
async function takeBackRestart(ctx: DataContext): Promise<void> {
  const r = await ctx.session.request('REST 0').catch(() => undefined);
  if (r && r.code !== 350) ctx.control.fail(new FtpError(FtpErrorCodes.PROTOCOL, `The server refused REST 0 (${r.code}) after a stopped resume: its restart offset would apply to the next transfer`));
}

async function transferOn(ctx: DataContext, settings: TransferSettings, spec: TransferSpec, prepared: PreparedData): Promise<TransferResult> {
  const s = ctx.session;
  const offset = spec.offset ?? spec.restOffset ?? 0;
  // An abort (or close()) that came while the data connection was being
  // prepared stops here, before the server is asked for anything it would
  // then have to be talked out of with ABOR.
  if (spec.signal?.aborted) throw abortError(spec.signal);
  if (spec.restOffset) {
    const r = await s.request(`REST ${spec.restOffset}`);
    // Checked again: the abort may have come while REST was answered.
    if (spec.signal?.aborted) {
      if (r.code === 350) await takeBackRestart(ctx);
      throw abortError(spec.signal);
    }
    if (r.code !== 350) throw replyError(r, 'The server cannot resume (REST refused)');
  }
  s.send(spec.command);
  const socketPromise = prepared.connect();
  // Keep a rejected connect from becoming an unhandled rejection while we read the reply.
  socketPromise.catch(() => undefined);
  const abort = new AbortController();
  const counter = new ProgressTracker(offset, spec.onProgress);
  const ringTarget = spec.direction === 'download' && prepared.ring ? downloadTarget(spec) : undefined;
  const tap = tapOf(spec);
  const ringTap = tap.onData ? { onData: tap.onData } : {};
  // A plain passive download into a target that lends starts reading now,
  // while the server answers, and hands the reads over once it has agreed
  // (ring-download.ts, `hold`). Set up here, not after the 150, so that
  // little stands between the 150 and the next read.
  const early =
    ringTarget?.lends && prepared.ring && prepared.socket
      ? ringDownload(prepared.socket, prepared.ring, ringTarget, { count: counter.add, signal: abort.signal, hold: true, ...ringTap })
      : undefined;

  let first: Reply;
  let sock: net.Socket;
  try {
    const firstBy = Date.now() + settings.replyTimeoutMs;
    const readFirst = async (): Promise<Reply> => {
      let r = await s.read({ deadline: firstBy });
      while (r.code === 200) r = await s.read({ deadline: firstBy });
      return r;
    };
    const reading = readFirst();
    const got = await unlessAborted(reading, spec.signal);
    if (!got) {
      // Aborted (or close()) while the server had not answered yet: it may
      // still start the transfer, so talk it out of it and get back in step.
      // Our end of the data connection goes first: a server busy with the
      // transfer reads ABOR only once its data connection has ended (vsftpd
      // in a STOR waits for data, not for commands).
      reading.catch(() => undefined);
      early?.cancel();
      prepared.close();
      await recover(ctx, reading, stopWaitMs(settings)).catch(() => undefined);
      // The command may have been refused, leaving the offset set (see below).
      if (spec.restOffset && ctx.control.isOpen) await takeBackRestart(ctx);
      throw abortError(spec.signal);
    }
    first = got;
    if (first.code >= 400) {
      // Some servers (ftp-srv) keep an accepted REST through a refused RETR or STOR.
      if (spec.restOffset) await takeBackRestart(ctx);
      throw replyError(first, `${spec.command.split(' ')[0]} failed`);
    }
    await spec.beforeData?.();
    sock = await socketPromise.catch(async (err: unknown) => {
      // The server is mid-command (waiting for us, or about to say 425): bring
      // the control channel back in step before reporting the data failure.
      if (first.code < 200) await recover(ctx, s.read({ timeoutMs: null }), settings.replyTimeoutMs).catch(() => undefined);
      throw err;
    });
  } catch (err) {
    early?.cancel();
    throw err;
  }
  let final: Reply | undefined = first.code >= 200 ? first : undefined;
  counter.total = spec.total ?? (first.code < 200 ? addOffset(sizeFrom150(first.text), offset) : undefined);

  const onCallerAbort = (): void => abort.abort(abortError(spec.signal));
  spec.signal?.addEventListener('abort', onCallerAbort, { once: true });
  // An abort that came while we waited for the 1xx takes effect now.
  if (spec.signal?.aborted) onCallerAbort();
  // What the data-idle timeout asks: are WE holding the data back right now?
  let holding: () => boolean = () => false;
  const idle = watchIdle(sock, settings.dataIdleMs, abort, () => holding());

  // NOOPs while the data moves, if asked for; their answers are told apart from the final reply.
  const keepAlive = new TransferKeepAlive(s, ctx.transcript, ctx.memory, final ? 0 : settings.transferKeepAliveMs);
  const readFinal = async (): Promise<Reply> => {
    for (;;) {
      const r = await s.read({ timeoutMs: null });
      if (keepAlive.absorb(r)) continue;
      keepAlive.stop();
      return r;
    }
  };
  // The final reply may already be here or still to come; either way only one read is outstanding.
  let finalRead: Promise<Reply> | undefined = final ? undefined : readFinal();
  keepAlive.start();
  // If the control connection dies mid-transfer (421, FIN), stop the data side at once.
  // So too when the server fails the transfer while its data connection stays
  // open (Twisted: 125, then 550, then silence): waiting for data EOF would
  // only end in the data-idle timeout, with the server's reason lost.
  finalRead?.then(
    (r) => {
      if (r.code < 400) return;
      final = r;
      abort.abort(replyError(r, 'The transfer failed'));
    },
    (err: unknown) => abort.abort(err),
  );

  // A file target reports its own failures as local ones (FTP_ERR_LOCAL_STREAM).
  const stream = spec.localFile && !ringTarget ? spec.localFile.stream() : spec.stream;
  const culprit = watchCulprit(stream, sock);
  const started = Date.now();
  try {
    if (ringTarget && prepared.ring) {
      const run = early ?? ringDownload(sock, prepared.ring, ringTarget, { count: counter.add, signal: abort.signal, ...ringTap });
      run.open();
      holding = run.holding;
      await run.done;
      spec.dataDone?.();
    } else if (spec.direction === 'upload' && spec.file) {
      holding = () => !idle.sourceDone && !sock.writableNeedDrain;
      await sendFile(spec.file, sock, { position: spec.skip ?? 0, count: counter.add, signal: abort.signal });
      idle.sourceDone = true;
      spec.dataDone?.();
      await endAndWaitClose(sock, abort.signal);
    } else if (spec.direction === 'download') {
      const dest = stream as Writable;
      holding = () => dest.writableNeedDrain || sock.isPaused();
      sock.on('data', (chunk: Buffer) => counter.add(chunk.length));
      // A stage, not a 'data' listener: a chunk the tap refuses must go no further.
      const stages: Transform[] = tap.onData ? [tapBytes(tap.onData)] : [];
      if (spec.ascii) stages.push(crlfToLf());
      if (spec.maxBytes !== undefined) stages.push(limitBytes(spec.maxBytes));
      await pipeline([sock, ...stages, dest], { signal: abort.signal, end: spec.endDestination !== false });
    } else {
      holding = () => !idle.sourceDone && !sock.writableNeedDrain;
      // We end the socket ourselves and wait for the server's close: it must
      // read our TLS close_notify and answer with its own before the socket
      // goes away, or it sees a reset and fails the upload (vsftpd: 426).
      const stages = uploadStages(spec);
      const sent = pipeline([...stages, sock], { signal: abort.signal, end: false });
      // Counted where the bytes leave for the socket, after skip and TYPE A.
      stages.at(-1)?.on('data', (chunk: Buffer) => counter.add(chunk.length));
      await sent;
      idle.sourceDone = true;
      await endAndWaitClose(sock, abort.signal);
    }
  } catch (err) {
    keepAlive.stop();
    const reason = tap.thrown() ?? (abort.signal.aborted ? (abort.signal.reason as Error) : toTransferError(err, culprit.side));
    sock.destroy();
    // With the control connection gone there is nothing to resynchronise.
    if (ctx.control.error) throw ctx.control.error;
    if (!final && finalRead) {
      // A stop's resynchronisation that fails has failed the connection; the caller still hears it stopped.
      const stopped = spec.signal?.aborted === true;
      const failure = await recover(ctx, finalRead, stopped ? stopWaitMs(settings) : settings.replyTimeoutMs, keepAlive).catch((err: unknown) => {
        if (stopped) return undefined;
        throw err;
      });
      // A broken data connection is best explained by the server's reply (426, 451…);
      // our own reasons (abort, caps, timeouts) stay as they are.
      if (failure && isNetworkFailure(reason)) throw replyError(failure, 'The transfer failed');
    } else if (final) {
      // The server has ended the transfer itself, so there is nothing to ABOR;
      // answers still owed to keepalive NOOPs must not answer the next command.
      await keepAlive.settle(() => withTimeout(ctx, s.read({ timeoutMs: null }), settings.replyTimeoutMs));
      if (final.code >= 400 && isNetworkFailure(reason)) throw replyError(final, 'The transfer failed');
    }
    throw reason;
  } finally {
    spec.signal?.removeEventListener('abort', onCallerAbort);
    closeStatus(ctx, prepared, counter.bytes, started);
  }
  if (!final && finalRead) {
    // The data is through; an abort while the final reply is awaited is still an abort.
    final = await withTimeout(ctx, unlessAborted(finalRead, spec.signal), settings.replyTimeoutMs);
    if (!final) {
      await recover(ctx, finalRead, stopWaitMs(settings), keepAlive).catch(() => undefined);
      throw abortError(spec.signal);
    }
  }
  if (!final) throw new FtpError(FtpErrorCodes.PROTOCOL, 'No final reply');
  // vsftpd and ProFTPD answer the NOOPs only now, after the final reply.
  await keepAlive.settle(() => withTimeout(ctx, s.read({ timeoutMs: null }), settings.replyTimeoutMs));
  if (final.code >= 400) throw replyError(final, 'The transfer failed');
  counter.report();
  return { bytes: counter.bytes, offset, reply: final.text, ms: Date.now() - started };
}

function addOffset(n: number | undefined, offset: number): number | undefined {
  return n === undefined ? undefined : n + offset;
}
