/**
 * One browser session: the FTP connections it holds, its transcript, and the
 * WebSocket currently attached to it (if any). A session outlives its
 * socket for a grace period, so a page reload picks up where it was.
 *
 * When the FTP server drops the browsing connection, the session's
 * BrowseGuard reconnects with backoff, restores the working directory, and
 * retries the failed request once when it is idempotent (list, cd, pwd,
 * size, stat).
 */
import { randomBytes } from 'node:crypto';
import type { FileEntry, TranscriptEvent } from '@ftpdeck/ftp-engine';
import { ServerErrorCodes, type ResultMap, type ServerMessage, type SessionState, type TransferType, type WireError, type WireTranscriptDetail, type WireTranscriptLine } from '@ftpdeck/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { ServerConfig } from '../config.ts';
import type { TargetPolicy } from '../policy/targetPolicy.ts';
import { targetPort, type ConnectParams } from './clientOptions.ts';
import { logIn, newPool } from './login.ts';
import { carryPath, checkedEncoding, enterNearest } from './encodingSwitch.ts';
import { resolveTarget } from './target.ts';
import type { ConnectionPool } from './ConnectionPool.ts';
import type { DownloadTickets } from './DownloadTickets.ts';
import { BrowseGuard } from './BrowseGuard.ts';
import { DEFAULT_RECONNECT_DELAYS_MS } from './reconnect.ts';
import { ServerError, entryToWire, errorToWire, transcriptToWire } from './toWire.ts';
import { TranscriptBuffer } from './TranscriptBuffer.ts';
import { baseName } from '../zip/entryName.ts';
import { Transfers } from './Transfers.ts';
import { TreeDeletes } from './TreeDeletes.ts';
import { FolderLists } from './makeFolders.ts';

/**
 * How long a listing may take unless configured: a little under the page's
 * 180 s wait (apps/web/src/api/requestMap.ts), so the page hears why instead
 * of timing out itself, and the browsing connection is free again.
 */
export const LIST_DEADLINE_MS = 170_000;

/** What a session needs from the app. */
export interface SessionDeps {
  config: ServerConfig;
  policy: TargetPolicy;
  log: FastifyBaseLogger;
  tickets: DownloadTickets<Session>;
}

/** Joins a possibly relative path onto the working directory. */
function absolute(path: string, cwd: string | undefined): string {
  if (path.startsWith('/')) return path;
  const base = cwd ?? '/';
  return `${base.endsWith('/') ? base : `${base}/`}${path}`;
}

/** One browser session (see the file comment). */
export class Session {
  readonly token: string;
  /** Names the session in logs; never the token, which would let a log reader attach. */
  readonly logId = randomBytes(4).toString('hex');
  /** Address of the browser that created the session (per-IP limits). */
  readonly clientIp: string;
  lastActivity = Date.now();
  readonly transfers: Transfers;
  /** Recursive deletes, on transfer connections (TreeDeletes.ts). */
  readonly deletes: TreeDeletes;
  readonly #deps: SessionDeps;
  #sink: ((msg: ServerMessage) => void) | null = null;
  /** Told when the server ends the session while a socket is attached (see close()). */
  #onEnded: ((error: WireError) => void) | null = null;
  /** Set by close(): an ended session takes no new connection, so nothing can outlive the manager's bookkeeping. */
  #ended = false;
  #pool: ConnectionPool | null = null;
  /** The connect request of the current connection, for `set-encoding`; null when not connected. Never sent or logged. */
  #connectedWith: ConnectParams | null = null;
  #state: SessionState = { status: 'disconnected' };
  /** Requests from a tab that have not been answered yet (see beginRequest). */
  #requestsRunning = 0;
  readonly #transcript = new TranscriptBuffer((lines) => this.send({ type: 'transcript', lines }));
  readonly #guard: BrowseGuard;

  constructor(token: string, clientIp: string, deps: SessionDeps) {
    this.token = token;
    this.clientIp = clientIp;
    this.#deps = deps;
    this.transfers = new Transfers(this, deps.config);
    this.deletes = new TreeDeletes(this);
    this.#guard = new BrowseGuard({
      logId: this.logId,
      log: deps.log,
      delaysMs: deps.config.reconnectDelaysMs ?? DEFAULT_RECONNECT_DELAYS_MS,
      current: () => this.#pool,
      usable: () => this.pool,
      cwd: () => this.#state.cwd,
      status: (text) => this.status(text),
      reconnecting: () => this.#setState({ ...this.#state, status: 'reconnecting' }),
      reconnected: (cwd) => this.#setState({ ...this.#state, status: 'connected', ...(cwd !== undefined ? { cwd } : {}) }),
      gaveUp: async (pool, error) => {
        this.#pool = null;
        this.#stopWork(new ServerError(error.code, error.message, error.retryable === true));
        await pool.close().catch(() => undefined);
        const { host, port, user, secure } = this.#state;
        this.#setState({ status: 'disconnected', error, ...(host ? { host } : {}), ...(port ? { port } : {}), ...(user ? { user } : {}), ...(secure ? { secure } : {}) });
        this.send({ type: 'error', error });
      },
    });
  }

  get state(): SessionState {
    return this.#state;
  }

  /**
   * Work is running: a request not yet answered, a transfer or a recursive
   * delete. Such a session is not idle, whatever its last request.
   */
  get busy(): boolean {
    return this.#requestsRunning > 0 || this.transfers.running > 0 || this.deletes.running > 0;
  }

  get attached(): boolean {
    return this.#sink !== null;
  }

  /** The connections, or a typed error when the session has none (a reconnect in progress counts as having them). */
  get pool(): ConnectionPool {
    const status = this.#state.status;
    if (!this.#pool || (status !== 'connected' && status !== 'reconnecting')) {
      throw new ServerError(ServerErrorCodes.NOT_CONNECTED, 'not connected to an FTP server');
    }
    return this.#pool;
  }

  /** True once close() ran: the session is gone for good. */
  get ended(): boolean {
    return this.#ended;
  }

  /**
   * Attaches a socket's sender; replays the transcript so a reloaded tab sees
   * history. `onEnded` runs when the server ends the session with a reason
   * while this socket is attached, so the socket can tell the page and close.
   */
  attach(sink: (msg: ServerMessage) => void, onEnded?: (error: WireError) => void): void {
    this.#sink = sink;
    this.#onEnded = onEnded ?? null;
    this.touch();
    const history = this.#transcript.history;
    if (history.length > 0) sink({ type: 'transcript', lines: history });
    this.transfers.flushInterrupted();
    // A download that moves no bytes now (a ZIP listing folders, a stalled server) still shows on a reloaded page.
    this.transfers.downloads.replay();
  }

  detach(): void {
    this.#sink = null;
    this.#onEnded = null;
    // Idle time of a detached session counts from the moment its tab left.
    this.touch();
    this.transfers.abandonUploads();
  }

  touch(): void {
    this.lastActivity = Date.now();
  }

  /**
   * A tab's request starts. Until {@link endRequest}, the idle sweep leaves
   * the session alone: a connect to a slow server or a long listing can
   * outlast a short idle timeout, and sweeping the session then left the
   * request without a reply (its tab waited forever). Graceful shutdown
   * waits for running requests too, within its grace period.
   */
  beginRequest(): void {
    this.#requestsRunning += 1;
    this.touch();
  }

  /** The request's reply went out: idle time counts from here, not from when it was asked. */
  endRequest(): void {
    this.#requestsRunning -= 1;
    this.touch();
  }

  /** Sends to the attached socket, if any. Events while detached are dropped (the history covers the transcript). */
  send(msg: ServerMessage): void {
    // Transcript lines queued before this message go first (TranscriptBuffer.flushNow).
    if (msg.type !== 'transcript') this.#transcript.flushNow();
    this.#sink?.(msg);
  }

  /** Sends the transcript lines queued so far at once (before a request's reply). */
  flushTranscript(): void {
    this.#transcript.flushNow();
  }

  /** A status line from the relay itself (policy decisions, reconnects and the like). */
  status(text: string, kind: 'status' | 'error' = 'status', detail?: WireTranscriptDetail): void {
    const line: WireTranscriptLine = { seq: 0, time: Date.now(), connection: 'relay', kind, text };
    if (detail) line.detail = detail;
    this.#transcript.push(line);
  }

  #relay = (event: TranscriptEvent): void => this.#transcript.push(transcriptToWire(event));

  /**
   * The engine's guess for names that are not UTF-8 (encoding `auto`),
   * passed on in the session state so the page can offer to switch. A later
   * listing of UTF-8 names only does not withdraw it: the legacy names are
   * still there.
   */
  #charsetGuessed = (charset: string): void => {
    if (/^utf-?8$/i.test(charset) || this.#state.status !== 'connected' || this.#state.guessedCharset === charset) return;
    this.#setState({ ...this.#state, guessedCharset: charset });
  };

  #setState(state: SessionState): void {
    this.#state = state;
    this.send({ type: 'session-state', state });
  }

  /**
   * Connects again to the same site, file names read with `encoding`
   * (the `set-encoding` request). The current connection's parameters,
   * credentials included, are reused: they are in this process's memory
   * anyway, for transfer connections and reconnects.
   */
  async setEncoding(encoding: string, path?: string): Promise<ResultMap['set-encoding']> {
    const current = this.#connectedWith;
    if (!current || !this.#pool) throw new ServerError(ServerErrorCodes.NOT_CONNECTED, 'not connected to an FTP server; connect first');
    const next = checkedEncoding(encoding);
    const back = path === undefined ? undefined : carryPath(path, current.encoding, next);
    const result = await this.connect({ ...current, encoding: next });
    if (back === undefined || back === result.cwd) return result;
    // The folder the page showed, or the nearest one above it that the server still enters.
    const cwd = await enterNearest(back, result.cwd, async (folder) => (await this.cd(folder)).cwd);
    return cwd === undefined ? result : { cwd, state: this.#state };
  }

  /** Opens the browsing connection (transfer connections follow on demand). */
  async connect(params: ConnectParams): Promise<ResultMap['connect']> {
    if (this.#ended) throw new ServerError(ServerErrorCodes.SESSION_ENDED, 'this session has ended; reload the page to start a new one');
    // A charset the engine cannot use is refused before the working connection is closed.
    params = { ...params, encoding: checkedEncoding(params.encoding) };
    await this.disconnect('the session connected again (a new connect, or another charset for names) while it ran');
    // close() may have run while the old connections were closing.
    if (this.#ended) throw new ServerError(ServerErrorCodes.SESSION_ENDED, 'this session has ended; reload the page to start a new one');
    const { config, policy } = this.#deps;
    const port = targetPort(params);
    this.#setState({ status: 'connecting', host: params.host, port });
    let address: string;
    try {
      address = await resolveTarget(policy, params.host, port, { status: (text, kind, detail) => this.status(text, kind, detail), log: this.#deps.log, logId: this.logId });
    } catch (err) {
      this.#setState({ status: 'disconnected' });
      throw err;
    }
    let pool: ConnectionPool;
    try {
      pool = newPool(params, config, address, { transcript: this.#relay, charset: this.#charsetGuessed, note: (text, detail) => this.status(text, 'status', detail) });
    } catch (err) {
      // The browsing client is built here; options it refuses must not leave the state at `connecting`.
      this.#setState({ status: 'disconnected' });
      throw err;
    }
    // Set before the login: a close() meanwhile must reach this pool.
    this.#pool = pool;
    try {
      const { cwd, state } = await logIn(pool, params);
      this.#guard.watch(pool, pool.browse);
      this.#connectedWith = params;
      this.#setState(state);
      this.#deps.log.info({ session: this.logId, host: params.host, port, secure: params.secure }, 'FTP session connected');
      return { cwd, state };
    } catch (err) {
      this.#pool = null;
      await pool.close().catch(() => undefined);
      this.#setState({ status: 'disconnected' });
      this.#deps.log.info({ session: this.logId, host: params.host, port, code: errorToWire(err).code }, 'FTP connect failed');
      throw err;
    }
  }

  /**
   * Stops the session's transfers and recursive deletes: its connections
   * are going. Downloads end with `reason`, so their rows say why rather
   * than read as the user's stop; uploads and deletes report as they did.
   */
  #stopWork(reason: ServerError): void {
    this.transfers.downloads.abortAll(reason);
    this.transfers.cancelAll();
    this.deletes.cancelAll();
  }

  /**
   * Closes every FTP connection with QUIT; `why` is what the downloads it
   * ends say. Their links go too (see DownloadTickets.revoke): a browser's
   * retry must not fetch them again, perhaps from another server.
   */
  async disconnect(why = 'the session was closed while it ran'): Promise<void> {
    const pool = this.#pool;
    this.#pool = null;
    this.#connectedWith = null;
    this.#stopWork(new ServerError(ServerErrorCodes.CANCELLED, why));
    this.#deps.tickets.revoke(this);
    if (pool) {
      await pool.close();
      this.#setState({ status: 'disconnected' });
    }
  }

  async list(path?: string): Promise<ResultMap['list']> {
    const deadlineMs = this.#deps.config.listDeadlineMs ?? LIST_DEADLINE_MS;
    const deadline = AbortSignal.timeout(deadlineMs);
    let found: { entries: FileEntry[]; listed: string };
    try {
      found = await this.#guard.run(async (browse) => ({ entries: await browse.list(path, { signal: deadline }), listed: path ?? (await browse.pwd()) }), true);
    } catch (err) {
      if (!deadline.aborted) throw err;
      const what = `listing ${path ?? 'this folder'} took more than ${Math.round(deadlineMs / 1000)} s`;
      // On a server that allows one connection, a delete runs on the browsing connection, and the listing waited for it.
      if (this.#pool?.maxTransfers === 0 && this.deletes.running > 0) {
        throw new ServerError(ServerErrorCodes.LIMIT, `${what}: this FTP server allows one connection, and a delete is using it; try again when the delete ends, or stop it`, true);
      }
      throw new ServerError(ServerErrorCodes.LIMIT, `${what}: the FTP server sends it too slowly; try again`, true);
    }
    const { entries, listed } = found;
    const cap = this.#deps.config.maxListEntries;
    if (entries.length > cap) {
      throw new ServerError(ServerErrorCodes.LISTING_TOO_LARGE, `${listed} has ${entries.length} entries; this server shows at most ${cap}`);
    }
    return { path: listed, entries: entries.map(entryToWire) };
  }

  /** One path's entry, on the browsing connection; relative paths are taken from the working directory. */
  async stat(path: string): Promise<ResultMap['stat']> {
    const target = absolute(path, this.#state.cwd);
    const entry = await this.#guard.run((browse) => browse.stat(target), true);
    return { entry: entry ? entryToWire(entry) : null };
  }

  async cd(path: string): Promise<ResultMap['cd']> {
    const cwd = await this.#guard.run(async (browse) => {
      await browse.cd(path);
      return browse.pwd();
    }, true);
    this.#state = { ...this.#state, cwd };
    return { cwd };
  }

  async mkdir(path: string): Promise<void> {
    this.deletes.assertNotBeingDeleted(absolute(path, this.#state.cwd), `Cannot create ${path}`);
    await this.#guard.run((b) => b.mkdir(path, { recursive: false }), false);
  }

  readonly #folderLists = new FolderLists((path) => this.mkdir(path));

  /** {@link mkdir} for each path in order, as one request, one at a time (see FolderLists). */
  mkdirs(paths: readonly string[]): Promise<ResultMap['mkdirs']> {
    return this.#folderLists.make(paths);
  }

  /** Deletes a file or folder; resolves with how many items went. A recursive delete runs on a transfer connection (TreeDeletes). */
  async remove(path: string, dir: boolean, recursive: boolean, job?: number): Promise<number> {
    const target = absolute(path, this.#state.cwd);
    // A second walker in a tree being deleted makes one of them fail on what the other removed.
    this.deletes.assertNotBeingDeleted(target, `Cannot delete ${path}`);
    if (dir && recursive) return this.deletes.run(target, job);
    await this.#guard.run((b) => (dir ? b.rmdir(path) : b.remove(path)), false);
    return 1;
  }

  async rename(from: string, to: string): Promise<void> {
    // Moving out of a folder being deleted keeps what moves (the delete then fails on the missing
    // entry, after removing the rest, and says so); moving in would lose it.
    this.deletes.assertNotBeingDeleted(absolute(to, this.#state.cwd), `Cannot move ${from} to ${to}`);
    await this.#guard.run((b) => b.rename(from, to), false);
  }

  async chmod(path: string, mode: string): Promise<void> {
    await this.#guard.run((b) => b.chmod(path, Number.parseInt(mode, 8)), false);
  }

  /** A console command on the browsing connection; the engine refuses what would break the session. */
  async raw(line: string): Promise<ResultMap['raw']> {
    const reply = await this.#guard.run((b) => b.raw(line), false);
    return { code: reply.code, text: reply.text };
  }

  /** Mints a download URL for these paths (relative ones are taken from the working directory). */
  downloadLink(paths: string[], kind: { zip?: boolean; transferType?: TransferType; view?: boolean; fetched?: boolean } = {}): ResultMap['download-link'] {
    void this.pool; // throws when not connected: a link would only fail later
    const cwd = this.#state.cwd;
    const view = kind.view ?? false;
    const ticket = this.#deps.tickets.mint(
      this,
      paths.map((p) => absolute(p, cwd)),
      { zip: kind.zip ?? false, ascii: kind.transferType === 'ascii', view, fetched: kind.fetched ?? false },
    );
    // A View link ends in the file's name, for the tab's title (routes/download.ts).
    // Lone surrogates (bytes no charset read) would make encodeURIComponent throw: the UTF-8 round trip makes them U+FFFD.
    const name = view ? Buffer.from(baseName(paths[0] ?? ''), 'utf8').toString('utf8') : '';
    const link = this.#deps.tickets.resolve(ticket)?.link ?? 0;
    return { url: name ? `/api/download/${ticket}/${encodeURIComponent(name)}` : `/api/download/${ticket}`, link };
  }

  /**
   * Ends the session for good: QUIT on every FTP connection. With a
   * `reason`, an attached socket hears about it first (session-state
   * `disconnected` with the reason, then its onEnded callback), so the page
   * never keeps showing a connection the server dropped.
   */
  async close(reason?: WireError): Promise<void> {
    this.#ended = true;
    this.#deps.tickets.revoke(this);
    const pool = this.#pool;
    this.#pool = null;
    this.#stopWork(new ServerError(reason?.code ?? ServerErrorCodes.SESSION_ENDED, reason?.message ?? 'the session ended while it ran'));
    if (reason && this.#sink) this.#setState({ status: 'disconnected', error: reason });
    try {
      await pool?.close();
    } finally {
      // The QUIT lines go out before the socket is told to close.
      this.#transcript.flushNow();
      const ended = reason ? this.#onEnded : null;
      this.#sink = null;
      this.#onEnded = null;
      if (reason) this.#state = { status: 'disconnected', error: reason };
      else if (pool) this.#state = { status: 'disconnected' };
      ended?.(reason as WireError);
    }
  }
}
