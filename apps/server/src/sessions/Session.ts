/**
 * One browser session: the FTP connections it holds, its transcript, and the
 * WebSocket currently attached to it (if any). A session outlives its
 * socket for a grace period, so a page reload picks up where it was.
 */
import { FtpClient, type TranscriptEvent } from '@ftpdeck/ftp-engine';
import {
  ServerErrorCodes,
  type ParsedRequestOf,
  type ResultMap,
  type ServerMessage,
  type SessionState,
  type WireTranscriptLine,
} from '@ftpdeck/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { ServerConfig } from '../config.ts';
import type { TargetPolicy } from '../policy/targetPolicy.ts';
import { ConnectionPool } from './ConnectionPool.ts';
import { ServerError, entryToWire, transcriptToWire } from './toWire.ts';
import { Transfers } from './Transfers.ts';

/** Transcript lines kept for replay after a reconnect. */
const HISTORY_LINES = 5000;

/** What a session needs from the app. */
export interface SessionDeps {
  config: ServerConfig;
  policy: TargetPolicy;
  log: FastifyBaseLogger;
}

type ConnectParams = ParsedRequestOf<'connect'>['params'];

export class Session {
  readonly token: string;
  lastActivity = Date.now();
  readonly transfers: Transfers;
  readonly #deps: SessionDeps;
  #sink: ((msg: ServerMessage) => void) | null = null;
  #pool: ConnectionPool | null = null;
  #state: SessionState = { status: 'disconnected' };
  #seq = 0;
  #pending: WireTranscriptLine[] = [];
  #history: WireTranscriptLine[] = [];
  #flushScheduled = false;

  constructor(token: string, deps: SessionDeps) {
    this.token = token;
    this.#deps = deps;
    this.transfers = new Transfers(this, deps.config);
  }

  get state(): SessionState {
    return this.#state;
  }

  get attached(): boolean {
    return this.#sink !== null;
  }

  /** The connections, or a typed error when the session has none. */
  get pool(): ConnectionPool {
    if (!this.#pool || this.#state.status !== 'connected') {
      throw new ServerError(ServerErrorCodes.NOT_CONNECTED, 'not connected to an FTP server');
    }
    return this.#pool;
  }

  /** Attaches a socket's sender; replays the transcript so a reloaded tab sees history. */
  attach(sink: (msg: ServerMessage) => void): void {
    this.#sink = sink;
    this.touch();
    if (this.#history.length > 0) sink({ type: 'transcript', lines: [...this.#history] });
  }

  detach(): void {
    this.#sink = null;
  }

  touch(): void {
    this.lastActivity = Date.now();
  }

  /** Sends to the attached socket, if any. Events while detached are dropped (the history covers the transcript). */
  send(msg: ServerMessage): void {
    this.#sink?.(msg);
  }

  /** A status line from the relay itself (policy decisions and the like). */
  status(text: string, kind: 'status' | 'error' = 'status', detail?: Record<string, unknown>): void {
    const line: WireTranscriptLine = { seq: 0, time: Date.now(), connection: 'relay', kind, text };
    if (detail) line.detail = detail;
    this.#push(line);
  }

  #relay = (event: TranscriptEvent): void => this.#push(transcriptToWire(event));

  /** Batches transcript lines per tick: one WS frame for a burst of replies. */
  #push(line: WireTranscriptLine): void {
    this.#seq += 1;
    line.seq = this.#seq;
    this.#pending.push(line);
    this.#history.push(line);
    if (this.#history.length > HISTORY_LINES) this.#history.splice(0, this.#history.length - HISTORY_LINES);
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      setImmediate(() => {
        this.#flushScheduled = false;
        const lines = this.#pending;
        this.#pending = [];
        if (lines.length > 0) this.send({ type: 'transcript', lines });
      });
    }
  }

  #setState(state: SessionState): void {
    this.#state = state;
    this.send({ type: 'session-state', state });
  }

  /** Opens the browsing connection (transfer connections follow on demand). */
  async connect(params: ConnectParams): Promise<ResultMap['connect']> {
    await this.disconnect();
    const { config, policy } = this.#deps;
    const port = params.port ?? (params.secure === 'implicit' ? 990 : 21);
    this.#setState({ status: 'connecting', host: params.host, port });
    const decision = await policy.resolve(params.host, port);
    if (!decision.ok) {
      this.status(`Connection to ${params.host}:${port} blocked by the server's policy: ${decision.reason}`, 'error', {
        type: 'blocked',
        target: `${params.host}:${port}`,
        reason: decision.reason,
      });
      this.#setState({ status: 'disconnected' });
      throw new ServerError(ServerErrorCodes.TARGET_BLOCKED, `connection to ${params.host}:${port} is not allowed: ${decision.reason}`);
    }
    const user = params.user?.trim() ? params.user : 'anonymous';
    const factory = (label: string): FtpClient => {
      const client = new FtpClient({
        host: params.host,
        address: decision.address,
        port,
        user,
        password: params.password ?? (user === 'anonymous' ? 'anonymous@' : ''),
        secure: params.secure,
        dataMode: params.dataMode,
        encoding: params.encoding,
        connectionLabel: label,
        keepAliveMs: config.keepAliveMs,
        ...(params.trustFingerprint ? { tls: { fingerprint256: params.trustFingerprint } } : {}),
        ...(config.activeAddress ? { activeAddress: config.activeAddress } : {}),
      });
      client.on('transcript', this.#relay);
      return client;
    };
    const pool = new ConnectionPool(factory, config.transferConnections);
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
      };
      if (features.system !== undefined) state.system = features.system;
      this.#setState(state);
      return { cwd, state };
    } catch (err) {
      this.#pool = null;
      await pool.close().catch(() => undefined);
      this.#setState({ status: 'disconnected' });
      throw err;
    }
  }

  /** Closes every FTP connection with QUIT. */
  async disconnect(): Promise<void> {
    const pool = this.#pool;
    this.#pool = null;
    this.transfers.cancelAll();
    if (pool) {
      await pool.close();
      this.#setState({ status: 'disconnected' });
    }
  }

  async list(path?: string): Promise<ResultMap['list']> {
    const browse = this.pool.browse;
    const entries = await browse.list(path);
    const listed = path ?? (await browse.pwd());
    return { path: listed, entries: entries.map(entryToWire) };
  }

  async cd(path: string): Promise<ResultMap['cd']> {
    const browse = this.pool.browse;
    await browse.cd(path);
    const cwd = await browse.pwd();
    this.#state = { ...this.#state, cwd };
    return { cwd };
  }

  async mkdir(path: string): Promise<void> {
    await this.pool.browse.mkdir(path, { recursive: false });
  }

  async remove(path: string, dir: boolean, recursive: boolean): Promise<void> {
    if (dir) await this.pool.browse.rmdir(path, { recursive });
    else await this.pool.browse.remove(path);
  }

  async rename(from: string, to: string): Promise<void> {
    await this.pool.browse.rename(from, to);
  }

  async chmod(path: string, mode: string): Promise<void> {
    await this.pool.browse.chmod(path, Number.parseInt(mode, 8));
  }

  /** A console command on the browsing connection; the engine refuses what would break the session. */
  async raw(line: string): Promise<ResultMap['raw']> {
    const reply = await this.pool.browse.raw(line);
    return { code: reply.code, text: reply.text };
  }

  /** Ends the session for good. */
  async close(): Promise<void> {
    this.#sink = null;
    await this.disconnect();
  }
}
