/**
 * The uploads of one session: each borrows a transfer connection from the
 * pool, is fed by the browser's binary frames through an UploadRelay, and
 * ends with a `transfer-done` event that says whether the remote size was
 * verified.
 */
import type { FtpClient } from '@ftpdeck/ftp-engine';
import { ServerErrorCodes, type ParsedRequestOf, type ResultMap } from '@ftpdeck/protocol';
import type { ServerConfig } from '../config.ts';
import type { Session } from './Session.ts';
import { ServerError, errorToWire } from './toWire.ts';
import { UploadRelay } from './UploadRelay.ts';

/** At most this many progress events per second per transfer. */
const PROGRESS_INTERVAL_MS = 100;

interface ActiveUpload {
  id: number;
  relay: UploadRelay;
  abort: AbortController;
}

export class Transfers {
  readonly #session: Session;
  readonly #config: ServerConfig;
  readonly #uploads = new Map<number, ActiveUpload>();
  /** Ids that ended recently: frames still in flight for them are dropped quietly. */
  readonly #ended = new Set<number>();
  #nextId = 1;

  constructor(session: Session, config: ServerConfig) {
    this.#session = session;
    this.#config = config;
  }

  /** Starts an upload; the browser sends frames once it has the reply. */
  async startUpload(req: ParsedRequestOf<'upload-start'>): Promise<ResultMap['upload-start']> {
    const pool = this.#session.pool;
    const client = await pool.acquire();
    let offset = 0;
    try {
      if (req.mode === 'resume') {
        const remote = (await client.size(req.path).catch(() => undefined)) ?? 0;
        offset = Math.min(remote, req.size);
      }
    } catch (err) {
      pool.release(client);
      throw err;
    }
    const id = this.#nextId++;
    const window = this.#config.uploadWindowBytes;
    const relay = new UploadRelay(req.size - offset, window, {
      onAck: (accepted) => this.#session.send({ type: 'upload-ack', transferId: id, accepted }),
    });
    const upload: ActiveUpload = { id, relay, abort: new AbortController() };
    this.#uploads.set(id, upload);
    void this.#run(upload, client, req, offset);
    return { transferId: id, offset, window };
  }

  async #run(upload: ActiveUpload, client: FtpClient, req: ParsedRequestOf<'upload-start'>, offset: number): Promise<void> {
    const session = this.#session;
    let lastProgress = 0;
    let broken = false;
    try {
      // Resuming appends the rest to what the server already has; the relay's
      // stream starts at `offset` because the browser sent from there.
      const mode = offset > 0 || req.mode === 'append' ? 'append' : 'overwrite';
      const result = await client.upload(upload.relay.stream, req.path, {
        mode,
        signal: upload.abort.signal,
        onProgress: (p) => {
          const now = Date.now();
          if (now - lastProgress < PROGRESS_INTERVAL_MS) return;
          lastProgress = now;
          session.send({
            type: 'transfer-progress',
            transferId: upload.id,
            received: offset + upload.relay.received,
            written: offset + p.bytes,
            total: req.size,
            rate: p.rate,
          });
        },
      });
      upload.relay.finish();
      const verified = await this.#verify(client, req.path, req.size);
      session.send({
        type: 'transfer-progress',
        transferId: upload.id,
        received: offset + upload.relay.received,
        written: offset + result.bytes,
        total: req.size,
        rate: 0,
      });
      session.send({ type: 'transfer-done', transferId: upload.id, ok: true, bytes: offset + result.bytes, verified });
    } catch (err) {
      broken = true;
      upload.relay.fail(err instanceof Error ? err : new Error(String(err)));
      const reason: unknown = upload.abort.signal.reason;
      const error = !upload.abort.signal.aborted
        ? errorToWire(err)
        : reason instanceof ServerError
          ? errorToWire(reason)
          : { code: ServerErrorCodes.CANCELLED, message: 'upload cancelled' };
      session.send({ type: 'transfer-done', transferId: upload.id, ok: false, bytes: offset + upload.relay.accepted, error });
    } finally {
      this.#uploads.delete(upload.id);
      this.#ended.add(upload.id);
      if (this.#ended.size > 1000) this.#ended.delete(this.#ended.values().next().value as number);
      this.#releaseSafely(client, broken);
    }
  }

  #releaseSafely(client: FtpClient, broken: boolean): void {
    try {
      this.#session.pool.release(client, broken);
    } catch {
      // The session disconnected meanwhile; the pool already closed the client.
    }
  }

  /** Compares the remote SIZE with what the browser declared. */
  async #verify(client: FtpClient, path: string, expected: number): Promise<boolean | string> {
    try {
      const size = await client.size(path);
      if (size === undefined) return 'the server did not report the size';
      return size === expected ? true : `remote size ${size} bytes, expected ${expected}`;
    } catch {
      return 'the server did not report the size';
    }
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
  cancel(transferId: number): void {
    const upload = this.#uploads.get(transferId);
    if (!upload) throw new ServerError(ServerErrorCodes.TRANSFER_UNKNOWN, `no transfer with id ${transferId}`);
    upload.abort.abort();
    upload.relay.fail(new ServerError(ServerErrorCodes.CANCELLED, 'upload cancelled'));
  }

  cancelAll(): void {
    for (const id of [...this.#uploads.keys()]) this.cancel(id);
  }
}
