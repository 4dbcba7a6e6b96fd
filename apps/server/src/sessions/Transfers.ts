/**
 * The transfers of one session. Uploads borrow a transfer connection from
 * the pool, are fed by the browser's binary frames through an UploadRelay,
 * and end with a `transfer-done` event saying how the result was verified.
 * Downloads (routes/download.ts) register in {@link Transfers.downloads},
 * so shutdown and disconnect can wait for or abort them.
 *
 * An upload whose connection breaks mid-way ends with `ok:false`, a
 * retryable error and `resumeFrom` (the server's SIZE): the browser still
 * holds the file, so it resumes with `upload-start mode:'resume'`. The relay
 * holds only about one window of bytes, so the browser is the one place that
 * can always replay what the server lost.
 */
import type { FtpClient } from '@ftpdeck/ftp-engine';
import { ServerErrorCodes, type ParsedRequestOf, type ResultMap, type ServerMessage, type WireError } from '@ftpdeck/protocol';
import type { ServerConfig } from '../config.ts';
import type { Session } from './Session.ts';
import { Downloads } from './Downloads.ts';
import { PROGRESS_INTERVAL_MS } from './progressInterval.ts';
import { ServerError, errorToWire } from './toWire.ts';
import { UploadRelay } from './UploadRelay.ts';
import { StreamingHash, hashCarries, planHash, sizeBeforeAppend, verifyUpload, type SentHash } from './verify.ts';

interface ActiveUpload {
  id: number;
  /** The remote path, so a resume of the same file can wait for this one to end. */
  path: string;
  /** Settles when the upload has ended, however it ended, and its connection is back in the pool. */
  finished: Promise<void>;
  relay: UploadRelay;
  abort: AbortController;
  hash?: SentHash;
  /** The pool connection moving the bytes (`transfer-1`, …). */
  connection?: string;
  /** The remote SIZE the finished upload should have; undefined when it cannot be known (an append to a file of unknown size). */
  expectedSize: number | undefined;
  /** Ended because the page went away (abandonUploads). */
  abandoned?: boolean;
}

/** An upload lost with its page, told to the page that comes back (`upload-interrupted`). */
type InterruptedUpload = Omit<Extract<ServerMessage, { type: 'upload-interrupted' }>, 'type'>;

/** Interrupted uploads kept for a page to come back to; a session rarely has more than its upload limit. */
const MAX_INTERRUPTED = 100;

/** The running uploads and downloads of one session. */
export class Transfers {
  readonly #session: Session;
  readonly #config: ServerConfig;
  #interrupted: InterruptedUpload[] = [];
  readonly #uploads = new Map<number, ActiveUpload>();
  /** The running downloads (HTTP responses), and what the page is told of them. */
  readonly downloads: Downloads;
  /** Ids that ended recently: frames still in flight for them are dropped quietly. */
  readonly #ended = new Set<number>();
  #nextId = 1;
  #starting = 0;

  constructor(session: Session, config: ServerConfig) {
    this.#session = session;
    this.#config = config;
    this.downloads = new Downloads(session);
  }

  /** Uploads and downloads running now. */
  get running(): number {
    return this.#uploads.size + this.downloads.count + this.#starting;
  }

  /** Starts an upload; the browser sends frames once it has the reply. */
  async startUpload(req: ParsedRequestOf<'upload-start'>): Promise<ResultMap['upload-start']> {
    const { maxUploadsPerSession, maxUploadBytes } = this.#config;
    if (this.#uploads.size + this.#starting >= maxUploadsPerSession) {
      throw new ServerError(ServerErrorCodes.LIMIT, `at most ${maxUploadsPerSession} uploads at once per session`, true);
    }
    if (maxUploadBytes !== null && req.size > maxUploadBytes) {
      throw new ServerError(ServerErrorCodes.LIMIT, `the file is ${req.size} bytes; this server accepts uploads up to ${maxUploadBytes} bytes`);
    }
    this.#session.deletes.assertNotBeingDeleted(req.path, `Cannot upload ${req.path}`);
    const pool = this.#session.pool;
    this.#starting += 1;
    let client: FtpClient;
    let offset = 0;
    let expectedSize: number | undefined = req.size;
    try {
      // An upload of the same file still ending (aborted when the browser
      // went away, see abandonUploads) would race this one's SIZE and STOR.
      await Promise.all([...this.#uploads.values()].filter((u) => u.path === req.path).map((u) => u.finished));
      client = await pool.acquire();
      try {
        // An ASCII upload cannot pick up at a byte offset: line ends differ on
        // the two sides. Its resume starts over; the browser sends from the reply's offset, 0.
        if (req.mode === 'resume' && req.transferType !== 'ascii') {
          const remote = (await client.size(req.path).catch(() => undefined)) ?? 0;
          offset = Math.min(remote, req.size);
        }
        // An append adds to what is there: the file should end up that much longer.
        if (req.mode === 'append' && req.transferType !== 'ascii') {
          const before = await sizeBeforeAppend(client, req.path);
          expectedSize = before === undefined ? undefined : before + req.size;
        }
      } catch (err) {
        pool.release(client, true);
        throw err;
      }
    } finally {
      this.#starting -= 1;
    }
    const id = this.#nextId++;
    const window = this.#config.uploadWindowBytes;
    // Hashes compare only in binary: in ASCII the server stores its own line
    // ends. A resume or an append sends the file's tail, from `from` to its
    // end, and is compared with the server's hash of that range.
    const from = expectedSize === undefined ? 0 : expectedSize - (req.size - offset);
    const xOnly = from > 0 || !hashCarries(req.path);
    const plan = req.transferType !== 'ascii' && expectedSize !== undefined ? planHash(client.features().features, { xOnly }) : undefined;
    const hash = plan ? { plan, local: new StreamingHash(plan.algo), from } : undefined;
    const relay = new UploadRelay(req.size - offset, window, {
      onAck: (accepted) => this.#session.send({ type: 'upload-ack', transferId: id, accepted }),
      ...(hash ? { onData: (chunk: Buffer) => hash.local.update(chunk) } : {}),
    });
    const label = pool.labelOf(client);
    let settle: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const upload: ActiveUpload = { id, path: req.path, finished, relay, abort: new AbortController(), expectedSize, ...(hash ? { hash } : {}), ...(label ? { connection: label } : {}) };
    this.#uploads.set(id, upload);
    void this.#run(upload, client, req, offset).finally(settle);
    return { transferId: id, offset, window };
  }

  async #run(upload: ActiveUpload, client: FtpClient, req: ParsedRequestOf<'upload-start'>, offset: number): Promise<void> {
    const session = this.#session;
    // Names the pool connection on every event, so the UI can group its transcript lines.
    const tag = upload.connection ? { connection: upload.connection } : {};
    // In ASCII the engine counts bytes on the wire, where every LF became CRLF:
    // file positions are what it has taken from the relay (the file's bytes).
    const ascii = req.transferType === 'ascii';
    const fileBytes = (wire: number): number => (ascii ? upload.relay.accepted : wire);
    // Both legs as whole-file positions: what reached the relay, what reached the FTP server.
    const progress = (written: number, rate: number): void =>
      session.send({
        type: 'transfer-progress',
        transferId: upload.id,
        ...tag,
        received: offset + upload.relay.received,
        written: offset + fileBytes(written),
        total: req.size,
        rate,
      });
    let lastProgress = 0;
    let broken = false;
    try {
      // Resuming appends the rest to what the server already has; the relay's
      // stream starts at `offset` because the browser sent from there.
      const mode = offset > 0 || req.mode === 'append' ? 'append' : 'overwrite';
      const result = await client.upload(upload.relay.stream, req.path, {
        mode,
        type: ascii ? 'ascii' : 'binary',
        signal: upload.abort.signal,
        onProgress: (p) => {
          const now = Date.now();
          if (now - lastProgress < PROGRESS_INTERVAL_MS) return;
          lastProgress = now;
          progress(p.bytes, p.rate);
        },
      });
      upload.relay.finish();
      // Every byte is on the server: a stop from here on (Cancel, Close session) only skips the
      // checks, which are not waited for (a hash takes the server a read of the whole file).
      const giveUp = (): void => this.#session.pool.abandon(client);
      if (upload.abort.signal.aborted) giveUp();
      else upload.abort.signal.addEventListener('abort', giveUp, { once: true });
      let check: Awaited<ReturnType<typeof verifyUpload>> = {};
      let kept: { timeKept?: boolean } = {};
      try {
        // The stored size of an ASCII upload depends on the server's line ends: nothing to compare;
        // nor without the size before an append.
        if (!ascii && upload.expectedSize !== undefined) check = await verifyUpload(client, req.path, upload.expectedSize, upload.hash);
        // The local file's time, once the whole of it is there and checked: an append's file is not
        // the local one, and a copy that failed its check must not pass for the local file by its
        // time (an "overwrite if newer" would skip it for good).
        if (req.modified !== undefined && req.mode !== 'append' && typeof check.verified !== 'string' && !upload.abort.signal.aborted) {
          // Written by this attempt (STOR, or an append of bytes): its time is about now, which tells
          // the engine the zone vsftpd's MDTM speaks. A resume that found every byte there wrote nothing.
          const fresh = offset === 0 || result.bytes > 0;
          const timeKept = await keepTime(client, req.path, req.modified, fresh);
          // Stopped meanwhile: the connection was dropped, which says nothing of the server's will.
          if (!upload.abort.signal.aborted) kept = { timeKept };
        }
      } finally {
        upload.abort.signal.removeEventListener('abort', giveUp);
      }
      progress(result.bytes, 0);
      session.send({ type: 'transfer-done', transferId: upload.id, ...tag, ok: true, bytes: offset + fileBytes(result.bytes), ...check, ...kept });
    } catch (err) {
      broken = true;
      upload.relay.fail(err instanceof Error ? err : new Error(String(err)));
      const reason: unknown = upload.abort.signal.reason;
      const error: WireError = !upload.abort.signal.aborted
        ? errorToWire(err)
        : reason instanceof ServerError
          ? errorToWire(reason)
          : { code: ServerErrorCodes.CANCELLED, message: 'upload cancelled' };
      // What the server holds: for a resume (retryable), and for a cancel, whose
      // page says how much was kept. An ASCII server's count is no offset into
      // the file: its resume starts over.
      const held = error.retryable === true || error.code === ServerErrorCodes.CANCELLED;
      const resumeFrom = !held ? undefined : ascii ? 0 : await this.#remoteSize(req.path);
      session.send({
        type: 'transfer-done',
        transferId: upload.id,
        ...tag,
        ok: false,
        bytes: offset + upload.relay.accepted,
        error,
        ...(resumeFrom !== undefined ? { resumeFrom } : {}),
      });
      if (upload.abandoned) this.#noteInterrupted({ path: req.path, size: req.size, kept: resumeFrom ?? offset + upload.relay.accepted });
    } finally {
      this.#uploads.delete(upload.id);
      // The idle timeout runs from a transfer's end, not from the request that began it.
      session.touch();
      this.#ended.add(upload.id);
      if (this.#ended.size > 1000) this.#ended.delete(this.#ended.values().next().value as number);
      this.#releaseSafely(client, broken);
    }
  }

  /** What the server holds of a failed upload, asked on another connection (the old one may be dead). */
  async #remoteSize(path: string): Promise<number | undefined> {
    try {
      return await this.#session.pool.with((c) => c.size(path));
    } catch {
      return undefined;
    }
  }

  #releaseSafely(client: FtpClient, broken: boolean): void {
    try {
      this.#session.pool.release(client, broken);
    } catch {
      // The session disconnected meanwhile; the pool already closed the client.
      client.destroy();
    }
  }

  /** True while upload `transferId` is running (its frames are expected). */
  hasUpload(transferId: number): boolean {
    return this.#uploads.has(transferId);
  }

  /** Feeds a binary frame's payload to its upload. */
  onFrame(transferId: number, payload: Uint8Array): void {
    const upload = this.#uploads.get(transferId);
    if (!upload) {
      if (!this.#ended.has(transferId)) {
        this.#session.send({
          type: 'error',
          error: { code: ServerErrorCodes.TRANSFER_UNKNOWN, message: `no upload with id ${transferId}` },
        });
        this.#ended.add(transferId);
        if (this.#ended.size > 1000) this.#ended.delete(this.#ended.values().next().value as number);
      }
      return;
    }
    const problem = upload.relay.push(payload);
    if (problem) {
      upload.relay.fail(new ServerError(ServerErrorCodes.LIMIT, problem));
      upload.abort.abort(new ServerError(ServerErrorCodes.LIMIT, problem));
    }
  }

  /** Cancels one transfer (ABOR on its connection). */
  cancel(transferId: number, reason?: ServerError): void {
    const upload = this.#uploads.get(transferId);
    if (!upload) throw new ServerError(ServerErrorCodes.TRANSFER_UNKNOWN, `no transfer with id ${transferId}`);
    upload.abort.abort(reason);
    upload.relay.fail(reason ?? new ServerError(ServerErrorCodes.CANCELLED, 'upload cancelled'));
  }

  /**
   * The browser's socket closed: its uploads can get no more bytes. A
   * reload has lost them; after a network blip the page starts each again
   * with `mode:'resume'` from what the server holds. Either way the STOR
   * left open would hold a transfer connection and an upload slot until the
   * FTP server timed it out, so it is aborted now (ABOR; the partial file
   * stays for the resume). Downloads are HTTP and not tied to the socket.
   */
  abandonUploads(): void {
    const reason = new ServerError(ServerErrorCodes.CANCELLED, 'the browser went away during the upload; it can be resumed', true);
    for (const [id, upload] of [...this.#uploads]) {
      upload.abandoned = true;
      this.cancel(id, reason);
    }
  }

  /** Tells the attached page about an upload lost with the previous one, or keeps it until a page attaches. */
  #noteInterrupted(upload: InterruptedUpload): void {
    if (this.#session.attached) {
      this.#session.send({ type: 'upload-interrupted', ...upload });
      return;
    }
    this.#interrupted.push(upload);
    if (this.#interrupted.length > MAX_INTERRUPTED) this.#interrupted.shift();
  }

  /** A page attached: it hears about the uploads lost while none was there. */
  flushInterrupted(): void {
    for (const upload of this.#interrupted.splice(0)) this.#session.send({ type: 'upload-interrupted', ...upload });
  }

  /** Aborts every upload and download (disconnect, shutdown). */
  cancelAll(reason?: ServerError): void {
    for (const id of [...this.#uploads.keys()]) this.cancel(id, reason);
    this.downloads.abortAll(reason);
  }
}

/**
 * Sets the uploaded file's time to the local file's (MFMT, else MDTM with a
 * time: the engine's setLastModified, told whether the file was just written
 * so it can tell the zone vsftpd's MDTM speaks); false when the server
 * refuses or cannot. A refusal is no failure of the upload, whose bytes are
 * all there.
 */
function keepTime(client: FtpClient, path: string, modified: string, fresh: boolean): Promise<boolean> {
  return client.setLastModified(path, new Date(modified), { fresh }).then(
    () => true,
    () => false,
  );
}
