/**
 * The public FTP client: one control connection, its verbs, its transcript.
 * Calls may be made at any time after connect() is called, even while it
 * runs; they queue in order on the control connection and never fail
 * because another call is running. Paths and arguments are checked when a
 * method is called (guards.ts), so a bad one sends nothing.
 *
 * Events:
 * - `transcript` (TranscriptEvent): every command, reply and status line.
 * - `closed` (FtpError): the connection ended; the error says why.
 * - `charset` (string): under encoding `auto`, the best-guess charset of
 *   non-UTF-8 names seen in listings, when the guess changes.
 */
import { EventEmitter } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { FtpError, FtpErrorCodes } from '../errors.ts';
import type {
  DownloadOptions,
  FileEntry,
  FtpClientOptions,
  RmdirOptions,
  ServerFeatures,
  TransferResult,
  TranscriptEvent,
  UploadOptions,
} from '../types.ts';
import { ClientCore, resolveOptions } from './core.ts';
import { download, upload } from './files.ts';
import { hasLineBreak } from '../control/wire.ts';
import { firstProblem, type Argument } from './guards.ts';
import { decodeListing, fetchListing } from './listing.ts';
import { logon, logonOptionProblem } from './login.ts';
import { parsePwdReply } from './paths.ts';
import { KeepAlive } from './keepalive.ts';
import * as ops from './ops.ts';

/** The longest timer Node keeps: setTimeout fires at once past it. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** See the file comment. */
export class FtpClient extends EventEmitter {
  private readonly core: ClientCore;
  private connected = false;
  /** The running connect(), until it settles. */
  private connecting: Promise<void> | undefined;
  private readonly keepAlive: KeepAlive;

  constructor(options: FtpClientOptions) {
    super();
    this.core = new ClientCore(resolveOptions(options), (e: TranscriptEvent) => this.emit('transcript', e));
    this.core.control.on('closed', (err: FtpError) => {
      this.connected = false;
      this.keepAlive.stop();
      this.emit('closed', err);
    });
    this.keepAlive = new KeepAlive(this.core);
  }

  /**
   * Connects, logs in and learns the server's features. Calls made while it
   * runs wait for it and then run in order; if it fails they fail with
   * FTP_ERR_NOT_CONNECTED (its error as `cause`). A call made before any
   * connect() fails at once with FTP_ERR_NOT_CONNECTED.
   */
  async connect(): Promise<void> {
    const o = this.core.options;
    if (this.connecting || this.connected || this.core.control.isOpen) throw new FtpError(FtpErrorCodes.INVALID_ARGUMENT, 'Already connected or connecting');
    // One client is one connection: its queue and state end with it.
    if (this.core.control.error) throw new FtpError(FtpErrorCodes.NOT_CONNECTED, 'This client was closed; create a new FtpClient to reconnect');
    const bad = logonOptionProblem(o, this.core.codec);
    if (bad) throw bad;
    const target = { host: o.host, port: o.port, ...(o.address ? { address: o.address } : {}), ...(o.secure === 'implicit' ? { implicitTls: o.tls } : {}) };
    // Queued synchronously, before any call made after this one.
    const opening = this.core.open(target, async (s) => {
      await logon(this.core, s);
      // Set in the task itself, so a close() right after sees a finished connect.
      this.connected = true;
      this.keepAlive.start();
    });
    this.connecting = opening;
    try {
      await opening;
    } finally {
      this.connecting = undefined;
    }
  }

  /**
   * Ends the session promptly and never throws.
   *
   * - Nothing running: sends QUIT and waits for its 221.
   * - A call running: a transfer (download, upload, list) is aborted: ABOR
   *   goes out, the control channel is resynchronised (bounded by the reply
   *   timeout), and the call rejects with FTP_ERR_ABORTED. Any other call
   *   gets the answer to the command it has sent (within the reply
   *   timeout) and sends no further one: it rejects with FTP_ERR_ABORTED,
   *   so a recursive rmdir leaves what it had not reached yet. Then QUIT.
   * - Calls still waiting in the queue reject with FTP_ERR_NOT_CONNECTED and
   *   never reach the server; calls made after close() do the same.
   * - connect() still running: it is stopped and rejects with
   *   FTP_ERR_NOT_CONNECTED; the socket is destroyed without QUIT.
   *
   * A server that does not answer QUIT within the reply timeout (at most
   * 5 s) has its connection destroyed.
   */
  async close(): Promise<void> {
    this.keepAlive.stop();
    const control = this.core.control;
    const connecting = this.connecting;
    if (connecting && !this.connected) {
      this.core.transcript.status('Closing before the connection was established');
      control.destroy(new FtpError(FtpErrorCodes.NOT_CONNECTED, 'close() was called before connect() finished'), true);
      await connecting.catch(() => undefined);
    } else if (control.isOpen) {
      const closing = new FtpError(FtpErrorCodes.NOT_CONNECTED, 'The client was closed before this call ran');
      const quit = control.shutdown((s) => {
        s.send('QUIT');
        // A server that never answers QUIT must not hold close() for a full reply timeout.
        return s.read({ timeoutMs: Math.min(this.core.options.replyTimeoutMs, 5000) });
      }, closing);
      this.core.abortTransfers(new FtpError(FtpErrorCodes.ABORTED, 'The transfer was aborted because close() was called'));
      try {
        await quit;
      } catch {
        // The server may drop the line instead of answering 221; closing is what we wanted.
      }
      await control.end();
    }
    this.connected = false;
  }

  /** Closes the connection at once, failing every pending call with FTP_ERR_NOT_CONNECTED. */
  destroy(): void {
    this.keepAlive.stop();
    this.core.control.destroy();
    this.connected = false;
  }

  /** True after connect() and until the connection ends. */
  get isConnected(): boolean {
    return this.connected && this.core.control.isOpen;
  }

  /** What FEAT and SYST said. */
  features(): ServerFeatures {
    const f = this.core.state.features;
    const out: ServerFeatures = { features: new Map(f.features) };
    if (f.system !== undefined) out.system = f.system;
    return out;
  }

  /** Under encoding `auto`: the best-guess charset of non-UTF-8 names seen, if any. */
  get guessedCharset(): string | undefined {
    return this.core.state.guessedCharset;
  }

  /** The charset names are encoded with right now (`utf8`, `gbk`, …). */
  get charset(): string {
    return this.core.codec.charset;
  }

  /** The current directory (257 reply, doubled quotes undone). */
  pwd(): Promise<string> {
    return this.core.exec(async (s) => {
      const r = await this.core.expect(s, 'PWD', 'PWD failed', (c) => c === 257);
      return parsePwdReply(r);
    });
  }

  /** Changes directory (CWD). */
  cd(path: string): Promise<void> {
    return this.checked([['path', path]], async () => {
      await this.core.exec((s) => this.core.expect(s, `CWD ${path}`, `Cannot change to ${path}`));
    });
  }

  /**
   * Whether `path` is a folder we can enter (CWD there and back; the
   * working directory is unchanged afterwards). For entries of type
   * `unknown`, which is every entry on a server that lists names only.
   */
  isDirectory(path: string): Promise<boolean> {
    return this.checked([['path', path]], () => ops.isDirectory(this.core, path));
  }

  /** Goes to the parent directory (CDUP). */
  async cdup(): Promise<void> {
    await this.core.exec((s) => this.core.expect(s, 'CDUP', 'Cannot change to the parent directory'));
  }

  /** Lists a directory (the current one when `path` is omitted). */
  list(path?: string, opts: { signal?: AbortSignal } = {}): Promise<FileEntry[]> {
    return this.checked(path === undefined ? [] : [['path', path]], () => this.listNow(path, opts));
  }

  private listNow(path: string | undefined, opts: { signal?: AbortSignal }): Promise<FileEntry[]> {
    return this.core.exec(async (s) => {
      const raw = await fetchListing(this.core, s, path, opts.signal);
      const { entries, guessed } = await decodeListing(this.core, raw);
      if (guessed && guessed !== this.core.state.guessedCharset) {
        this.core.state.guessedCharset = guessed;
        this.emit('charset', guessed);
      }
      return entries;
    }, opts.signal);
  }

  /**
   * Downloads `path` into `dest`: a Writable (ended when done), or the path
   * of a local file. A local file is opened before RETR goes out, keeps its
   * contents until the server agrees to send, and is written from
   * `opts.offset` on (resume); a file we created is removed again when the
   * server refuses before sending anything.
   */
  download(path: string, dest: Writable | string, opts?: DownloadOptions): Promise<TransferResult> {
    const local: Argument[] = typeof dest === 'string' ? [['local path', dest]] : [];
    return this.checked([['path', path], ...local], () => download(this.core, path, dest, opts));
  }

  /**
   * Uploads `source` to `path`: a Readable, or the path of a local file.
   * A local file is opened before STOR goes out (so a missing one changes
   * nothing on the server), read by the engine into a few reused buffers
   * (constant memory, no per-read garbage), and reported with its size as
   * the progress total.
   */
  upload(source: Readable | string, path: string, opts?: UploadOptions): Promise<TransferResult> {
    return this.checked([['path', path]], () => upload(this.core, source, path, opts));
  }

  /** One entry's facts: MLST when available, else a LIST of the parent. */
  stat(path: string): Promise<FileEntry | undefined> {
    return this.checked([['path', path]], () => ops.stat(this.core, path));
  }

  /** Size in bytes (SIZE, TYPE I), or undefined when the server will not say. */
  size(path: string): Promise<number | undefined> {
    return this.checked([['path', path]], () => ops.size(this.core, path));
  }

  /** Modification time (MDTM, UTC), or undefined. */
  lastModified(path: string): Promise<Date | undefined> {
    return this.checked([['path', path]], () => ops.lastModified(this.core, path));
  }

  /**
   * Sets the modification time (MFMT, else 2-argument MDTM). MDTM is meant to
   * be UTC, but some servers (vsftpd with use_localtime) read it in their own
   * zone. With `fresh`, say the file was written just now (an upload that has
   * just ended): its current time then tells that zone, once per connection,
   * and the time sent is shifted to match; a zone learnt so is used for later
   * calls too.
   */
  setLastModified(path: string, date: Date, opts: { fresh?: boolean } = {}): Promise<void> {
    if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
      return Promise.reject(new FtpError(FtpErrorCodes.INVALID_ARGUMENT, 'setLastModified needs a valid Date'));
    }
    return this.checked([['path', path]], () => ops.setLastModified(this.core, path, date, opts.fresh === true));
  }

  /** Creates a directory; `recursive` creates missing parents and accepts an existing one. */
  mkdir(path: string, opts: { recursive?: boolean } = {}): Promise<void> {
    return this.checked([['path', path]], () => ops.mkdir(this.core, path, opts.recursive ?? false));
  }

  /**
   * Removes a directory; `recursive` removes its contents first, reporting
   * each removal to `onProgress`, and `signal` stops it between commands.
   */
  rmdir(path: string, opts: RmdirOptions = {}): Promise<void> {
    return this.checked([['path', path]], () => ops.rmdir(this.core, path, opts));
  }

  /** Deletes a file (DELE). */
  remove(path: string): Promise<void> {
    return this.checked([['path', path]], () => ops.remove(this.core, path));
  }

  /** Renames (RNFR / RNTO). */
  rename(from: string, to: string): Promise<void> {
    return this.checked([['source path', from], ['target path', to]], () => ops.rename(this.core, from, to));
  }

  /** Changes permissions (SITE CHMOD), `mode` as octal text or number. */
  chmod(path: string, mode: string | number): Promise<void> {
    return this.checked([['path', path]], () => ops.chmod(this.core, path, mode));
  }

  /**
   * Sends one command line as typed and returns the reply. Data-channel and
   * session-breaking commands are refused with FTP_ERR_COMMAND_REFUSED.
   * `timeoutMs` gives this command its own reply timeout: a server hashing
   * a large file for XMD5 may take longer than the usual one.
   */
  raw(line: string, opts: { timeoutMs?: number } = {}): Promise<{ code: number; text: string }> {
    if (typeof line !== 'string') return Promise.reject(new FtpError(FtpErrorCodes.INVALID_ARGUMENT, 'The command must be a string'));
    // Plain CR, LF and NUL are refused by ops.raw (FTP_ERR_COMMAND_REFUSED); an
    // escape that encodes to one, or a character the charset lacks, here (FTP_ERR_INVALID_ARGUMENT).
    const problem = hasLineBreak(line) ? undefined : firstProblem(this.core.codec, [['command', line]]);
    if (problem) return Promise.reject(problem);
    const { timeoutMs } = opts;
    // setTimeout fires at once past 2^31 - 1 ms (about 24.8 days).
    if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS)) {
      return Promise.reject(new FtpError(FtpErrorCodes.INVALID_ARGUMENT, `timeoutMs must be a number of milliseconds from 1 to ${MAX_TIMER_MS}`));
    }
    return ops.raw(this.core, line, timeoutMs);
  }

  /**
   * Runs `call` only when every argument can go on the wire as it is;
   * otherwise rejects with the problem before anything is queued or sent
   * (guards.ts).
   */
  private checked<T>(args: readonly Argument[], call: () => Promise<T>): Promise<T> {
    const problem = firstProblem(this.core.codec, args);
    return problem ? Promise.reject(problem) : call();
  }
}
