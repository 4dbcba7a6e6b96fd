/**
 * The public FTP client: one control connection, its verbs, its transcript.
 * Calls may be made at any time; they queue in order on the control
 * connection and never fail because another call is running.
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
  ServerFeatures,
  TransferResult,
  TranscriptEvent,
  UploadOptions,
} from '../types.ts';
import { ClientCore, resolveOptions } from './core.ts';
import { download, upload } from './files.ts';
import { decodeListing, fetchListing } from './listing.ts';
import { logon } from './login.ts';
import { parsePwdReply } from './paths.ts';
import { KeepAlive } from './keepalive.ts';
import * as ops from './ops.ts';

/** See the file comment. */
export class FtpClient extends EventEmitter {
  private readonly core: ClientCore;
  private connected = false;
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

  /** Connects, logs in and learns the server's features. */
  async connect(): Promise<void> {
    const o = this.core.options;
    if (this.connected || this.core.control.isOpen) throw new FtpError(FtpErrorCodes.INVALID_ARGUMENT, 'Already connected');
    // One client is one connection: its queue and state end with it.
    if (this.core.control.error) throw new FtpError(FtpErrorCodes.NOT_CONNECTED, 'This client was closed; create a new FtpClient to reconnect');
    const target = { host: o.host, port: o.port, ...(o.address ? { address: o.address } : {}), ...(o.secure === 'implicit' ? { implicitTls: o.tls } : {}) };
    await this.core.control.connect(target);
    try {
      await this.core.exec((s) => logon(this.core, s));
    } catch (err) {
      // Quietly: exec() already wrote this error to the transcript once.
      this.core.control.destroy(err instanceof FtpError ? err : undefined, true);
      throw err;
    }
    this.connected = true;
    this.keepAlive.start();
  }

  /** Sends QUIT (after queued calls) and closes the connection. Never throws. */
  async close(): Promise<void> {
    this.keepAlive.stop();
    const control = this.core.control;
    if (control.isOpen) {
      try {
        await this.core.exec((s) => {
          control.expectClose();
          s.send('QUIT');
          // A server that never answers QUIT must not hold close() for a full reply timeout.
          return s.read({ timeoutMs: Math.min(this.core.options.replyTimeoutMs, 5000) });
        });
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
  async cd(path: string): Promise<void> {
    await this.core.exec((s) => this.core.expect(s, `CWD ${path}`, `Cannot change to ${path}`));
  }

  /**
   * Whether `path` is a folder we can enter (CWD there and back; the
   * working directory is unchanged afterwards). For entries of type
   * `unknown`, which is every entry on a server that lists names only.
   */
  isDirectory(path: string): Promise<boolean> {
    return ops.isDirectory(this.core, path);
  }

  /** Goes to the parent directory (CDUP). */
  async cdup(): Promise<void> {
    await this.core.exec((s) => this.core.expect(s, 'CDUP', 'Cannot change to the parent directory'));
  }

  /** Lists a directory (the current one when `path` is omitted). */
  list(path?: string, opts: { signal?: AbortSignal } = {}): Promise<FileEntry[]> {
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
    return download(this.core, path, dest, opts);
  }

  /**
   * Uploads `source` to `path`: a Readable, or the path of a local file.
   * A local file is opened before STOR goes out (so a missing one changes
   * nothing on the server), read by the engine into a few reused buffers
   * (constant memory, no per-read garbage), and reported with its size as
   * the progress total.
   */
  upload(source: Readable | string, path: string, opts?: UploadOptions): Promise<TransferResult> {
    return upload(this.core, source, path, opts);
  }

  /** One entry's facts: MLST when available, else a LIST of the parent. */
  stat(path: string): Promise<FileEntry | undefined> {
    return ops.stat(this.core, path);
  }

  /** Size in bytes (SIZE, TYPE I), or undefined when the server will not say. */
  size(path: string): Promise<number | undefined> {
    return ops.size(this.core, path);
  }

  /** Modification time (MDTM, UTC), or undefined. */
  lastModified(path: string): Promise<Date | undefined> {
    return ops.lastModified(this.core, path);
  }

  /** Sets the modification time (MFMT, else 2-argument MDTM). */
  setLastModified(path: string, date: Date): Promise<void> {
    return ops.setLastModified(this.core, path, date);
  }

  /** Creates a directory; `recursive` creates missing parents and accepts an existing one. */
  mkdir(path: string, opts: { recursive?: boolean } = {}): Promise<void> {
    return ops.mkdir(this.core, path, opts.recursive ?? false);
  }

  /** Removes a directory; `recursive` removes its contents first. */
  rmdir(path: string, opts: { recursive?: boolean } = {}): Promise<void> {
    return ops.rmdir(this.core, path, opts.recursive ?? false);
  }

  /** Deletes a file (DELE). */
  remove(path: string): Promise<void> {
    return ops.remove(this.core, path);
  }

  /** Renames (RNFR / RNTO). */
  rename(from: string, to: string): Promise<void> {
    return ops.rename(this.core, from, to);
  }

  /** Changes permissions (SITE CHMOD), `mode` as octal text or number. */
  chmod(path: string, mode: string | number): Promise<void> {
    return ops.chmod(this.core, path, mode);
  }

  /**
   * Sends one command line as typed and returns the reply. Data-channel and
   * session-breaking commands are refused with FTP_ERR_COMMAND_REFUSED.
   */
  raw(line: string): Promise<{ code: number; text: string }> {
    return ops.raw(this.core, line);
  }
}
