/**
 * The control connection: owns the socket, runs the FIFO task queue
 * (queue.ts), sends commands, enforces the connect timeout and ends the
 * connection on failure. It knows no FTP verbs; {@link FtpClient} speaks
 * them through tasks.
 *
 * A task sends commands and reads replies through {@link ControlSession}
 * (session.ts). Receiving is reader.ts: replies that arrive while nobody
 * reads wait in its bounded inbox, and anything still there when the next
 * command is sent is stale and dropped with a status line, so it cannot be
 * mistaken for the answer to that command.
 */
import { EventEmitter } from 'node:events';
import net from 'node:net';
import type tls from 'node:tls';
import { FtpError, FtpErrorCodes, type TimeoutPhase } from '../errors.ts';
import type { TranscriptDetail } from '../types.ts';
import { dialControl, plainAddress, toFtpError, type ControlOptions, type ControlTarget } from './connection-parts.ts';
import { ReplyReader } from './reader.ts';
import { startTls, tlsDetail, tlsStatusText, type TlsContext } from './tls.ts';
import { TaskQueue } from './queue.ts';
import { encodeCommand } from './wire.ts';
import type { ControlSession, Reply } from './session.ts';

export { plainAddress, toFtpError, type ControlOptions, type ControlTarget } from './connection-parts.ts';

/** Reply codes that belong to data transfers and ABOR only. */
const LATE_TRANSFER_CODES = new Set([225, 226, 426]);

/** See the file comment. Events: `idle`, `busy`, `closed` (error). */
export class ControlConnection extends EventEmitter implements ControlSession {
  private socket: net.Socket | undefined;
  private readonly reader: ReplyReader;
  private readonly queue: TaskQueue<ControlSession>;
  private failure: FtpError | undefined;
  private closing = false;
  /** open() was called: from now on tasks queue behind the opening instead of failing. */
  private started = false;
  /** The opening task (dial, greeting, login) succeeded. */
  private ready = false;
  /** Set by shutdown(): new tasks fail with it at once. */
  private refusing: FtpError | undefined;
  /**
   * Set by shutdown() until its last task starts: the running task may read
   * the answers it is owed and send ABOR, but its next request() fails, so
   * a call of many commands (a recursive rmdir) stops instead of running on.
   */
  private stopping = false;
  /** Latest TLS session (ticket) seen on control or data; offered by the next data connection. */
  tlsSession: Buffer | undefined;
  /** Set once the control channel runs TLS; data connections use the same policy. */
  tlsContext: TlsContext | undefined;

  constructor(private readonly opts: ControlOptions) {
    super();
    this.reader = new ReplyReader({
      transcript: opts.transcript,
      codec: opts.codec,
      limits: opts.limits,
      replyTimeoutMs: opts.replyTimeoutMs,
      fail: (err) => this.fail(err),
    });
    this.queue = new TaskQueue<ControlSession>(this, {
      failure: () => this.queuedFailure(),
      onIdle: () => this.emit('idle'),
      onBusy: () => this.emit('busy'),
    });
  }

  /** The server's IP as seen on the control socket. */
  get peerAddress(): string {
    return plainAddress(this.socket?.remoteAddress);
  }

  /** Our IP on the control socket (default for active mode). */
  get localAddress(): string {
    return plainAddress(this.socket?.localAddress);
  }

  /** True while connected and not failed. */
  get isOpen(): boolean {
    return this.socket !== undefined && this.failure === undefined && !this.closing;
  }

  /**
   * Queues the opening of the connection as a task: dial, greeting, then
   * `then` (the login) on the same task. Tasks queued while it runs wait for
   * it and run afterwards in order; if it fails they fail with
   * FTP_ERR_NOT_CONNECTED (the opening error as `cause`), as does every
   * later task. A failure of `then` closes the connection too.
   */
  open<T>(target: ControlTarget, then: (s: ControlSession, greeting: Reply) => Promise<T>): Promise<T> {
    this.started = true;
    return this.queue.run(async (s) => {
      try {
        const out = await then(s, await this.connect(target));
        this.ready = this.failure === undefined;
        return out;
      } catch (err) {
        // Nothing queued may run on a half-opened session (say, one whose login was refused).
        throw this.fail(toFtpError(err, FtpErrorCodes.CONNECT));
      }
    });
  }

  /**
   * Opens the socket (TLS first when implicit) and returns the 220 greeting.
   * Reads the greeting, so it must run as a task: use {@link open}.
   */
  private async connect(target: ControlTarget): Promise<Reply> {
    const t = this.opts.transcript;
    const dial = target.address ?? target.host;
    const connecting: TranscriptDetail = { type: 'connecting', host: target.host, port: target.port };
    if (target.address) connecting.address = target.address;
    t.status(`Connecting to ${target.host}${target.address ? ` (${target.address})` : ''}:${target.port}`, connecting);
    let phase: TimeoutPhase = 'connect';
    const deadline = setTimeout(() => {
      this.fail(new FtpError(FtpErrorCodes.TIMEOUT, `No ${phase === 'greeting' ? 'greeting' : 'connection'} within ${this.opts.connectTimeoutMs} ms`, { phase }));
    }, this.opts.connectTimeoutMs);
    try {
      // A connect timeout destroys the socket without an 'error' event, so race the failure too.
      const failed = new Promise<never>((_, reject) => this.once('closed', reject));
      failed.catch(() => undefined);
      const dialing = dialControl(dial, target, this.opts.connectTimeoutMs, this.onSession, (sock) => {
        // Recorded at once so a connect timeout can destroy it.
        this.socket = sock;
      });
      // A socket that connects after we gave up (timeout, close()) must not stay open.
      dialing.then((late) => this.failure && late.destroy(), () => undefined);
      const sock = await Promise.race([dialing, failed]);
      this.attach(sock);
      t.status(`Connected to ${this.peerAddress}:${target.port}`, {
        type: 'connected',
        host: target.host,
        address: this.peerAddress,
        port: target.port,
      });
      if (target.implicitTls) this.afterTls(sock as tls.TLSSocket, target.implicitTls, 'control');
      phase = 'greeting';
      let greeting = await this.read({ timeoutMs: null });
      // 120 means "ready in nnn minutes": keep waiting for the 220 (within the connect timeout).
      while (greeting.code === 120) greeting = await this.read({ timeoutMs: null });
      if (greeting.code !== 220) {
        throw this.fail(new FtpError(FtpErrorCodes.CONNECT, `The server refused the session: ${greeting.text}`, { ftpCode: greeting.code, replyText: greeting.text }));
      }
      return greeting;
    } catch (err) {
      throw this.fail(toFtpError(err, FtpErrorCodes.CONNECT));
    } finally {
      clearTimeout(deadline);
    }
  }

  private attach(sock: net.Socket): void {
    this.socket = sock;
    sock.setNoDelay(true);
    sock.setKeepAlive(true, 60_000);
    sock.on('data', this.onData);
    sock.on('error', this.onError);
    sock.on('close', this.onClose);
  }

  private detach(sock: net.Socket): void {
    sock.off('data', this.onData);
    sock.off('error', this.onError);
    sock.off('close', this.onClose);
  }

  private readonly onSession = (s: Buffer): void => {
    this.tlsSession = s;
  };

  private afterTls(sock: tls.TLSSocket, ctx: TlsContext, channel: 'control'): void {
    this.tlsContext = ctx;
    const d = tlsDetail(sock, channel);
    this.opts.transcript.status(tlsStatusText(d), d);
  }

  private readonly onData = (chunk: Buffer): void => {
    this.reader.take(chunk);
  };

  private readonly onError = (err: Error): void => {
    this.fail(new FtpError(FtpErrorCodes.CLOSED, `Control connection error: ${err.message}`, { cause: err }));
  };

  private readonly onClose = (): void => {
    if (this.closing) {
      this.fail(new FtpError(FtpErrorCodes.NOT_CONNECTED, 'The client is closed'), true);
      return;
    }
    this.fail(new FtpError(FtpErrorCodes.CLOSED, 'The server closed the control connection'));
  };

  /**
   * Puts the connection in its final failed state: the pending read and every
   * queued task reject, the socket is destroyed. Returns the error so callers
   * can `throw this.fail(…)`. The first failure wins.
   */
  fail(err: FtpError, quiet = false): FtpError {
    if (this.failure) return this.failure;
    this.failure = err;
    if (!quiet) this.opts.transcript.failure(err);
    this.reader.stop(err);
    this.queue.failAll(this.queuedFailure() ?? err);
    this.socket?.destroy();
    this.emit('closed', err);
    return err;
  }

  /**
   * What a task that has not run yet sees once the connection has failed:
   * before the opening succeeded, FTP_ERR_NOT_CONNECTED (it never was
   * connected); afterwards the failure itself (queue.ts wraps it).
   */
  private queuedFailure(): FtpError | undefined {
    const f = this.failure;
    if (!f || this.ready || f.code === FtpErrorCodes.NOT_CONNECTED) return f;
    return new FtpError(FtpErrorCodes.NOT_CONNECTED, `Not connected: ${f.message}`, { cause: f });
  }

  /** The terminal error, if the connection has failed or been closed. */
  get error(): FtpError | undefined {
    return this.failure;
  }

  // --- ControlSession ---------------------------------------------------

  send(line: string): void {
    if (this.failure) throw this.failure;
    const sock = this.socket;
    if (!sock) throw new FtpError(FtpErrorCodes.NOT_CONNECTED, 'Not connected');
    const bytes = encodeCommand(line, (s) => this.opts.codec().encode(s));
    this.reader.beforeCommand();
    this.opts.transcript.command(line);
    sock.write(bytes);
  }

  get pending(): number {
    return this.reader.pending;
  }

  read(opts: { timeoutMs?: number | null; deadline?: number; waitMs?: number } = {}): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    return this.reader.read(opts);
  }

  async request(line: string, opts: { timeoutMs?: number } = {}): Promise<Reply> {
    if (this.stopping) {
      throw new FtpError(FtpErrorCodes.ABORTED, `Stopped before ${line.split(' ')[0] ?? line}: the client is closing`);
    }
    this.send(line);
    // One wait for the answer, however many preliminary or late replies come
    // first: a server sending `150` every second must not keep us forever.
    const waitMs = opts.timeoutMs ?? this.opts.replyTimeoutMs;
    const deadline = Date.now() + waitMs;
    let reply = await this.read({ deadline, waitMs });
    // 225, 226 and 426 only ever answer data commands and ABOR (RFC 959
    // §5.4), none of which go through request(); one arriving here is a
    // transfer's final reply that came late, after an abort.
    //
    // A 1xx is preliminary (RFC 959 §4.2: "expect another reply before
    // proceeding with a new command"), so it is not the answer either.
    // Taking it as one left the real answer queued, and from then on every
    // command got the reply of the one before it (found by the hostile-server
    // fuzz: a `150` before the 215 to SYST made a later MKD "succeed" on
    // TYPE's 200).
    while (LATE_TRANSFER_CODES.has(reply.code) || reply.code < 200) {
      if (reply.code >= 200) {
        this.opts.transcript.status(`Skipped a late transfer reply (${reply.code}) while waiting for the answer to ${line.split(' ')[0] ?? line}`);
      }
      reply = await this.read({ deadline, waitMs });
    }
    return reply;
  }

  async upgradeTls(ctx: TlsContext): Promise<tls.TLSSocket> {
    const plain = this.socket;
    if (!plain || this.failure) throw this.failure ?? new FtpError(FtpErrorCodes.NOT_CONNECTED, 'Not connected');
    this.detach(plain);
    let sock: tls.TLSSocket;
    try {
      sock = await startTls(ctx, { socket: plain }, this.opts.connectTimeoutMs, this.onSession);
    } catch (err) {
      throw this.fail(toFtpError(err, FtpErrorCodes.TLS));
    }
    this.attach(sock);
    this.afterTls(sock, ctx, 'control');
    return sock;
  }

  // --- queue ------------------------------------------------------------

  /**
   * Runs `fn` when every earlier task has finished. An abort while queued
   * rejects with FTP_ERR_ABORTED without touching the wire.
   */
  run<T>(fn: (s: ControlSession) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.refusing) return Promise.reject(this.refusing);
    // A call before any connect(): nothing to wait for.
    if (!this.started && !this.failure) return Promise.reject(new FtpError(FtpErrorCodes.NOT_CONNECTED, 'Not connected: call connect() first'));
    return this.queue.run(fn, signal);
  }

  /**
   * Begins an orderly close: the coming server close is expected, tasks
   * still waiting fail with `err`, new ones are refused with it, the
   * running task's next request() fails with FTP_ERR_ABORTED, and `last`
   * (QUIT) runs as soon as the running task, if any, has ended.
   */
  shutdown<T>(last: (s: ControlSession) => Promise<T>, err: FtpError): Promise<T> {
    this.closing = true;
    this.refusing = err;
    this.stopping = true;
    this.queue.failAll(err);
    return this.queue.run((s) => {
      this.stopping = false;
      return last(s);
    });
  }

  /** True when a task runs or waits. */
  get active(): boolean {
    return this.queue.active;
  }

  /** Ends the socket after QUIT (or at once) and waits briefly for the close. */
  async end(): Promise<void> {
    const sock = this.socket;
    this.closing = true;
    if (!sock || sock.destroyed) {
      this.fail(new FtpError(FtpErrorCodes.NOT_CONNECTED, 'The client is closed'), true);
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => sock.destroy(), 2000);
      sock.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      sock.end();
    });
  }

  /**
   * Tears everything down at once. `quiet` skips the transcript's error line,
   * for callers that have already reported `err` there.
   */
  destroy(err?: FtpError, quiet = err === undefined): void {
    this.closing = err === undefined;
    this.fail(err ?? new FtpError(FtpErrorCodes.NOT_CONNECTED, 'The client is closed'), quiet);
  }
}

