/**
 * One browser session: the FTP connections it holds, its transcript, and the
 * WebSocket currently attached to it (if any). A session outlives its
 * socket for a grace period, so a page reload picks up where it was.
 *
 * When the FTP server drops the browsing connection, the session reconnects
 * with backoff (reconnect.ts), restores the working directory, and retries
 * the failed request once when it is idempotent (list, cd, pwd, size, stat).
 */
import { randomBytes } from 'node:crypto';
import { FtpClient, FtpError, type TranscriptEvent } from '@ftpdeck/ftp-engine';
import { ServerErrorCodes, type ResultMap, type ServerMessage, type SessionState, type TransferType, type WireError, type WireTranscriptDetail, type WireTranscriptLine } from '@ftpdeck/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { ServerConfig } from '../config.ts';
import type { TargetPolicy } from '../policy/targetPolicy.ts';
import { clientOptions, loginUser, targetPort, type ConnectParams } from './clientOptions.ts';
import { carryPath, checkedEncoding, enterNearest } from './encodingSwitch.ts';
import { resolveTarget } from './target.ts';
import { ConnectionPool } from './ConnectionPool.ts';
import type { DownloadTickets } from './DownloadTickets.ts';
import { DEFAULT_RECONNECT_DELAYS_MS, isConnectionLoss, reconnectBrowse } from './reconnect.ts';
import { ServerError, entryToWire, errorToWire, transcriptToWire } from './toWire.ts';
import { TranscriptBuffer } from './TranscriptBuffer.ts';
import { Transfers } from './Transfers.ts';

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

/** Reconnect runs one session may start within a minute before it gives up. */
const MAX_RECONNECTS_PER_MINUTE = 5;

/** One browser session (see the file comment). */
export class Session {
  readonly token: string;
  /** Names the session in logs; never the token, which would let a log reader attach. */
  readonly logId = randomBytes(4).toString('hex');
  /** Address of the browser that created the session (per-IP limits). */
  readonly clientIp: string;
  lastActivity = Date.now();
  readonly transfers: Transfers;
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
  readonly #transcript = new TranscriptBuffer((lines) => this.send({ type: 'transcript', lines }));
  #reconnecting: Promise<void> | null = null;
  /** When recent reconnect runs began, for the give-up rule in #reconnect. */
  #recentReconnects: number[] = [];

  constructor(token: string, clientIp: string, deps: SessionDeps) {
    this.token = token;
    this.clientIp = clientIp;
    this.#deps = deps;
    this.transfers = new Transfers(this, deps.config);
  }

  get state(): SessionState {
    return this.#state;
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
    await this.disconnect();
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
    const user = loginUser(params);
    const factory = (label: string): FtpClient => {
      const client = new FtpClient(clientOptions(params, config, address, label));
      client.on('transcript', this.#relay);
      client.on('charset', this.#charsetGuessed);
      return client;
    };
    let pool: ConnectionPool;
    try {
      pool = new ConnectionPool(factory, config.transferConnections, { note: (text, detail) => this.status(text, 'status', detail) });
    } catch (err) {
      // The browsing client is built here; options it refuses must not leave the state at `connecting`.
      this.#setState({ status: 'disconnected' });
      throw err;
    }
    this.#pool = pool;
    try {
      await pool.browse.connect();
      const cwd = await pool.browse.pwd();
      const features = await pool.browse.features();
      const state: SessionState = {
        status: 'connected',
        host: params.host,
        port,
        user,
        secure: params.secure,
        cwd,
        features: [...features.features.keys()],
        encoding: params.encoding,
      };
      if (features.system !== undefined) state.system = features.system;
      this.#watch(pool, pool.browse);
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

  /** Reconnects as soon as the server drops the browsing connection, not only when the next request fails. */
  #watch(pool: ConnectionPool, client: FtpClient): void {
    client.on('closed', (err: FtpError) => {
      if (err.code === 'FTP_ERR_NOT_CONNECTED' || pool !== this.#pool || pool.browse !== client || pool.closed) return;
      this.#reconnect(pool).catch(() => undefined);
    });
  }

  /**
   * One reconnect at a time; every caller waits for the same run. A server
   * that drops every connection soon after login (one flooding replies, say)
   * would have each run succeed and the next begin: after
   * {@link MAX_RECONNECTS_PER_MINUTE} reconnects within a minute the session
   * gives up as if the attempts had failed.
   */
  #reconnect(pool: ConnectionPool): Promise<void> {
    if (this.#reconnecting) return this.#reconnecting;
    const run = (async () => {
      this.#setState({ ...this.#state, status: 'reconnecting' });
      this.status('The FTP server dropped the connection; reconnecting');
      try {
        const now = Date.now();
        this.#recentReconnects = this.#recentReconnects.filter((t) => now - t < 60_000);
        if (this.#recentReconnects.length >= MAX_RECONNECTS_PER_MINUTE) {
          throw new ServerError(
            ServerErrorCodes.NOT_CONNECTED,
            `the FTP server dropped the connection ${MAX_RECONNECTS_PER_MINUTE + 1} times within a minute; not reconnecting again`,
          );
        }
        this.#recentReconnects.push(now);
        const cwd = this.#state.cwd;
        const client = await reconnectBrowse(pool, {
          delaysMs: this.#deps.config.reconnectDelaysMs ?? DEFAULT_RECONNECT_DELAYS_MS,
          ...(cwd !== undefined ? { cwd } : {}),
          onAttempt: (n, of, ms) => this.status(`Reconnect attempt ${n} of ${of} (after ${ms} ms)`),
        });
        if (pool !== this.#pool) {
          client.destroy();
          throw new ServerError(ServerErrorCodes.NOT_CONNECTED, 'the session disconnected while reconnecting');
        }
        pool.replaceBrowse(client);
        this.#watch(pool, client);
        const restored = await client.pwd().catch(() => cwd);
        this.#setState({ ...this.#state, status: 'connected', ...(restored !== undefined ? { cwd: restored } : {}) });
        this.status('Reconnected');
        this.#deps.log.info({ session: this.logId }, 'FTP connection re-established');
      } catch (err) {
        const error = { ...errorToWire(err), code: ServerErrorCodes.RECONNECT_FAILED, message: `reconnecting failed: ${errorToWire(err).message}` };
        if (pool === this.#pool) {
          this.#pool = null;
          this.transfers.cancelAll();
          await pool.close().catch(() => undefined);
          const { host, port, user, secure } = this.#state;
          this.#setState({ status: 'disconnected', error, ...(host ? { host } : {}), ...(port ? { port } : {}), ...(user ? { user } : {}), ...(secure ? { secure } : {}) });
          this.send({ type: 'error', error });
          this.#deps.log.warn({ session: this.logId, code: error.code }, 'FTP reconnect gave up');
        }
        throw new ServerError(ServerErrorCodes.RECONNECT_FAILED, error.message);
      } finally {
        this.#reconnecting = null;
      }
    })();
    this.#reconnecting = run;
    return run;
  }

  /**
   * Runs `fn` on the browsing connection. A lost connection is re-opened;
   * an idempotent request then runs once more, any other request fails with
   * its (retryable) error so the user decides.
   */
  async #browse<T>(fn: (client: FtpClient) => Promise<T>, idempotent: boolean): Promise<T> {
    if (this.#reconnecting) await this.#reconnecting;
    const pool = this.pool;
    const client = pool.browse;
    try {
      return await fn(client);
    } catch (err) {
      if (!isConnectionLoss(err, client) || pool !== this.#pool || pool.closed) throw err;
      // The watcher may have started the reconnect already (pool.browse replaced, or in flight).
      if (pool.browse === client || this.#reconnecting) await this.#reconnect(pool);
      if (!idempotent) throw err;
      return fn(this.pool.browse);
    }
  }

  /** Closes every FTP connection with QUIT. */
  async disconnect(): Promise<void> {
    const pool = this.#pool;
    this.#pool = null;
    this.#connectedWith = null;
    this.transfers.cancelAll();
    if (pool) {
      await pool.close();
      this.#setState({ status: 'disconnected' });
    }
  }

  async list(path?: string): Promise<ResultMap['list']> {
    const { entries, listed } = await this.#browse(async (browse) => ({ entries: await browse.list(path), listed: path ?? (await browse.pwd()) }), true);
    const cap = this.#deps.config.maxListEntries;
    if (entries.length > cap) {
      throw new ServerError(ServerErrorCodes.LISTING_TOO_LARGE, `${listed} has ${entries.length} entries; this server shows at most ${cap}`);
    }
    return { path: listed, entries: entries.map(entryToWire) };
  }

  /** One path's entry, on the browsing connection; relative paths are taken from the working directory. */
  async stat(path: string): Promise<ResultMap['stat']> {
    const target = absolute(path, this.#state.cwd);
    const entry = await this.#browse((browse) => browse.stat(target), true);
    return { entry: entry ? entryToWire(entry) : null };
  }

  async cd(path: string): Promise<ResultMap['cd']> {
    const cwd = await this.#browse(async (browse) => {
      await browse.cd(path);
      return browse.pwd();
    }, true);
    this.#state = { ...this.#state, cwd };
    return { cwd };
  }

  async mkdir(path: string): Promise<void> {
    await this.#browse((b) => b.mkdir(path, { recursive: false }), false);
  }

  async remove(path: string, dir: boolean, recursive: boolean): Promise<void> {
    await this.#browse((b) => (dir ? b.rmdir(path, { recursive }) : b.remove(path)), false);
  }

  async rename(from: string, to: string): Promise<void> {
    await this.#browse((b) => b.rename(from, to), false);
  }

  async chmod(path: string, mode: string): Promise<void> {
    await this.#browse((b) => b.chmod(path, Number.parseInt(mode, 8)), false);
  }

  /** A console command on the browsing connection; the engine refuses what would break the session. */
  async raw(line: string): Promise<ResultMap['raw']> {
    const reply = await this.#browse((b) => b.raw(line), false);
    return { code: reply.code, text: reply.text };
  }

  /** Mints a download URL for these paths (relative ones are taken from the working directory). */
  downloadLink(paths: string[], zip: boolean, transferType: TransferType = 'binary'): ResultMap['download-link'] {
    void this.pool; // throws when not connected: a link would only fail later
    const cwd = this.#state.cwd;
    const ticket = this.#deps.tickets.mint(this, paths.map((p) => absolute(p, cwd)), zip, transferType === 'ascii');
    return { url: `/api/download/${ticket}` };
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
    this.transfers.cancelAll();
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
