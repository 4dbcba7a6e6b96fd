/**
 * Public value types of the engine. These are the shapes that cross the
 * engine's boundary; apps/server maps them to protocol DTOs in one place.
 * Nothing here may mention HTTP, WebSocket or JSON.
 */
import type { FtpErrorCode } from './errors.ts';

/** What kind of thing a listing entry is. */
export type FileType = 'file' | 'dir' | 'symlink' | 'unknown';

/**
 * How much of a modification time the listing gave: only a calendar date
 * (`day`), a time to the minute, or to the second (or finer).
 */
export type TimePrecision = 'day' | 'minute' | 'second';

/** One entry of a remote directory, from MLSD, LIST (any format) or MLST. */
export interface FileEntry {
  /** The decoded name. Undecodable bytes are kept reversibly (see encoding/). */
  name: string;
  type: FileType;
  size?: number;
  /** See {@link FileEntry.modifiedPrecision} for how exact it is. */
  modifiedAt?: Date;
  /**
   * Set whenever `modifiedAt` is. `'day'` means the listing gave a date
   * without a time of day (Unix and NetWare lines that show a year instead,
   * z/OS data sets): `modifiedAt` is then 00:00 UTC of that date, NOT
   * shifted by the server's time zone, because a calendar date is not an
   * instant. Read in UTC it gives back the date the server printed; read
   * in any other zone it would show another day (or a made-up hour).
   * Like FileZilla's date accuracy, it also says how closely two times
   * can be compared.
   */
  modifiedPrecision?: TimePrecision;
  /**
   * Permissions as the listing gave them: a Unix-style string (`rwxr-xr-x`,
   * also rendered from MLSD `UNIX.mode`), the MLSD `perm` fact, an OpenVMS
   * protection (`(RWED,RWED,RE,)`) or NetWare rights (`[RWCEAFMS]`).
   */
  permissions?: string;
  owner?: string;
  group?: string;
  /** Symlink target, when the listing says. */
  target?: string;
  /** The listing line this entry came from, untouched. */
  raw: string;
}

/** Kinds of transcript lines, after FileZilla's Status / Command / Response / Error. */
export type TranscriptKind = 'command' | 'reply' | 'status' | 'error';

/**
 * One line of the control-channel transcript. Emitted as the `transcript`
 * event of {@link FtpClient}. Secrets (PASS, ACCT) are masked before the event
 * exists, so no listener can ever see them.
 */
export interface TranscriptEvent {
  /** Monotonic per client, starting at 1. */
  seq: number;
  /** Milliseconds since the epoch. */
  time: number;
  /** The connection tag given in the options (`browse`, `transfer-1`, …). */
  connection: string;
  kind: TranscriptKind;
  /** A reply carries its full multi-line text, lines joined with `\n`. */
  text: string;
  /** The reply code, for `reply` (and `error` lines caused by a reply). */
  code?: number;
  /** Structured facts for status lines (data connection, TLS, fallbacks). */
  detail?: TranscriptDetail;
}

/** Machine-readable facts that some status lines carry, for the UI to decode. */
export type TranscriptDetail =
  /** The control connection is being opened to `host` (`address` when the caller pinned an IP). */
  | { type: 'connecting'; host: string; address?: string; port: number }
  | { type: 'connected'; host: string; address: string; port: number }
  | { type: 'tls'; version: string; cipher: string; resumed: boolean; fingerprint256?: string; channel: 'control' | 'data' }
  | {
      type: 'data-open';
      mode: 'passive' | 'active';
      /** Who opened the TCP connection: the client (passive) or the server (active). */
      initiator: 'client' | 'server';
      localAddress: string;
      localPort: number;
      remoteAddress: string;
      remotePort: number;
    }
  | { type: 'data-close'; mode: 'passive' | 'active'; bytes: number; ms: number }
  | { type: 'pasv-address-replaced'; announced: string; used: string }
  | { type: 'fallback'; from: string; to: string; reason: string }
  /** FEAT and SYST were not sent: `count` features (and `system`) came from an earlier connection (the `knownFeatures` option). */
  | { type: 'features-reused'; count: number; system?: string }
  | { type: 'blocked'; target: string; reason: string }
  /**
   * A recursive delete of `path` starts: every folder in it is sent DELE
   * first (a link listed as a folder goes; a real folder answers 550, which
   * is expected), then emptied and removed with RMD.
   */
  | { type: 'recursive-delete'; path: string }
  /**
   * Replies nobody waited for (a transfer's late 226 after ABOR, say) were
   * dropped before the next command went out, so none of them can be taken
   * for its answer; `codes` in the order they came.
   */
  | { type: 'late-replies-dropped'; codes: number[] }
  /** The server refused a keepalive NOOP during a transfer; none are sent in transfers on this connection any more. */
  | { type: 'keepalive-refused'; code: number }
  /** Listing lines no parser could read (not shown); `sample` is the first. */
  | { type: 'listing-unread'; count: number; sample: string }
  /** A multi-line reply opened with `opened` and ended, after a quiet spell, on a line with `closed`. */
  | { type: 'multiline-loose-end'; opened: number; closed: number }
  /**
   * The server's time zone for LIST times, when it is not UTC: `offsetMinutes`
   * east of UTC (UTC+08:00 is 480), either `detected` (a LIST time compared
   * with MDTM of the same file) or `configured` (the
   * `serverTimezoneOffsetMinutes` option). LIST-format times of the session
   * are shifted by it; MLSD/MLST/MDTM times are UTC and never are.
   */
  | { type: 'timezone'; offsetMinutes: number; source: 'detected' | 'configured' }
  /**
   * On `error` lines: the stable code of the error the line reports
   * (`FTP_ERR_ABORTED`, `FTP_ERR_TIMEOUT`, …), so a reader can react to the
   * kind of failure without matching the English text.
   */
  | { type: 'failure'; errorCode: FtpErrorCode };

/** TLS options for FTPS. */
export interface FtpTlsOptions {
  /** Verify the server certificate chain and host name (default true). */
  rejectUnauthorized?: boolean;
  /** Extra trusted CA certificates (PEM). */
  ca?: string | string[];
  /**
   * Pin the certificate by SHA-256 fingerprint (`AB:CD:…` or plain hex,
   * case-insensitive). When set, a matching certificate is accepted even when
   * self-signed, and any other certificate is refused.
   */
  fingerprint256?: string;
  /** Name to verify the certificate against; defaults to `host`. */
  servername?: string;
  minVersion?: 'TLSv1.2' | 'TLSv1.3';
  maxVersion?: 'TLSv1.2' | 'TLSv1.3';
}

/** {@link FtpTimeouts.reply} when none is given, in milliseconds. */
export const DEFAULT_REPLY_TIMEOUT_MS = 30_000;

/** Timeouts per phase, in milliseconds. */
export interface FtpTimeouts {
  /** TCP connect plus greeting (and TLS handshake for implicit FTPS). Default 15 000. */
  connect?: number;
  /** Waiting for any one reply on the control connection. Default 30 000. */
  reply?: number;
  /** A data connection with no bytes moving while we are not applying backpressure. Default 30 000. */
  dataIdle?: number;
}

/** Caps that keep a hostile server from exhausting memory. */
export interface FtpLimits {
  /** Longest reply line accepted (bytes). Default 8 KiB. */
  maxReplyLineBytes?: number;
  /** Largest multi-line reply accepted (bytes). Default 256 KiB. */
  maxReplyBytes?: number;
  /** Largest directory listing accepted (bytes). Default 64 MiB. */
  maxListingBytes?: number;
  /**
   * Most lines a directory listing may have (one entry each, bar a `total`
   * line or `.`/`..`). Counted while the listing arrives, so a listing of
   * millions of short lines is refused before any of it is parsed: parsed,
   * each line costs a few hundred bytes of heap, where the byte cap alone
   * would let 64 MiB of three-byte lines become 20 million entries.
   * Default 1 000 000.
   */
  maxListingLines?: number;
}

/** Options for {@link FtpClient}. */
export interface FtpClientOptions {
  host: string;
  /** Default 21, or 990 for implicit FTPS. */
  port?: number;
  /**
   * The IP address to connect to, when the caller has already resolved and
   * vetted `host` (the server pins it against DNS rebinding). `host` is then
   * used only for TLS verification and the transcript.
   */
  address?: string;
  /** Default `anonymous`. */
  user?: string;
  /** Default `anonymous@` for anonymous logins, otherwise empty. */
  password?: string;
  secure?: 'none' | 'explicit' | 'implicit';
  tls?: FtpTlsOptions;
  dataMode?: 'passive' | 'active';
  /** Local address to listen on, and to announce in PORT/EPRT, in active mode. */
  activeAddress?: string;
  /** Inclusive local port range for active-mode listeners. */
  portRange?: [number, number];
  /**
   * Which active-mode command to try first on IPv4 (the other is the
   * fallback). Default `PORT`, because NAT helpers rewrite PORT but not EPRT.
   * IPv6 always uses EPRT.
   */
  activeCommand?: 'PORT' | 'EPRT';
  /**
   * Use the host announced in a 227 reply instead of the control peer.
   * Off by default: the announced address is a classic SSRF vector and is
   * usually wrong behind NAT anyway.
   */
  trustPasvAddress?: boolean;
  /** `auto` (default), `utf8`, or any charset iconv-lite knows (`gbk`, `big5`, `shift_jis`, …). */
  encoding?: string;
  timeouts?: FtpTimeouts;
  /** Send NOOP after this much idle time; 0 disables. Default 0 (off). */
  keepAliveMs?: number;
  /**
   * Send NOOP every this many ms while a transfer runs, so a NAT box or
   * firewall does not drop the silent control connection before the final
   * reply. Servers answer these at once (pyftpdlib), after the transfer
   * (vsftpd, ProFTPD) or with a refusal (Pure-FTPd, after which none are
   * sent again on that connection); the engine tells their answers from the
   * transfer's. 0 disables. Default 0 (off).
   */
  transferKeepAliveMs?: number;
  limits?: FtpLimits;
  /** Tag for transcript events of this client. Default `control`. */
  connectionLabel?: string;
  /**
   * Select a virtual host with `HOST <name>` (RFC 7151), sent right after the
   * greeting: before AUTH TLS, so the server can pick that host's
   * certificate, and before USER. `true` sends the `host` option when it is
   * a DNS name (nothing is sent for an IP literal); a string sends that name.
   * Default off.
   *
   * 220 means accepted. 500/502 (not implemented), and the 530 that servers
   * without HOST (vsftpd, Pure-FTPd) give every command before login, only
   * add a transcript status line; the logon goes on. Any other 4xx/5xx (504
   * unknown host, 501) fails the connect with FTP_ERR_HOST_REFUSED. The TLS
   * name check still uses `tls.servername` or `host`: set `tls.servername`
   * when the virtual host's certificate carries another name.
   */
  virtualHost?: string | boolean;
  /**
   * Account for `ACCT`, sent when USER or PASS answers 332 (RFC 959 §4.1.1).
   * A secret like the password: the transcript shows `ACCT ****`. Without
   * it, a 332 fails the connect with FTP_ERR_LOGIN.
   */
  account?: string;
  /**
   * Name announced with `CLNT <name>` when FEAT lists CLNT, before
   * `OPTS UTF8 ON` (some servers switch to UTF-8 only after CLNT). Any reply
   * is accepted. Default `FTP Deck`; `false` or `''` sends nothing.
   */
  clientName?: string | false;
  /**
   * What FEAT and SYST told an earlier connection to the same server, as
   * the same user ({@link FtpClient.features}). connect() then sends
   * neither and takes these as the answers, which saves two round trips
   * per connection: FileZilla keeps a server's capabilities the same way.
   * The commands that set up this connection (CLNT, OPTS MLST,
   * OPTS UTF8 ON, SITE NAMEFMT 1) still go out. Pass only what a
   * connection with the same host, port, user and `secure` setting learnt:
   * servers answer FEAT differently before login, per user and per TLS
   * state. `features` must be a Map, else the constructor throws
   * FTP_ERR_INVALID_ARGUMENT; it is copied.
   */
  knownFeatures?: ServerFeatures;
  /**
   * The server's offset from UTC in minutes, east positive (UTC+08:00 is
   * `480`, UTC−03:30 is `-210`), for the times of LIST-format listings
   * (Unix `ls -l`, DOS/IIS, NetWare, OS/2, …), which servers print in their
   * local wall-clock time with no zone. MLSD, MLST, EPLF and MDTM times are
   * UTC by definition and never shifted. A number must be an integer within
   * ±900 (±15 h), else the constructor throws FTP_ERR_INVALID_ARGUMENT; it is
   * used as is for every LIST-format listing of the session.
   *
   * `auto` (default) detects it once per session, as FileZilla does: on the
   * first LIST-format listing that has a regular file with a minute-precision
   * time, and when the server offers MDTM, the engine sends `MDTM` for the
   * newest such file and takes LIST time − MDTM time, rounded to 15 minutes.
   * Inconclusive answers leave 0. A server whose MDTM is in local time too
   * (vsftpd `use_localtime=YES`, pyftpdlib `use_gmt_times=False`) looks like
   * UTC to this check; only a configured number corrects it. One offset is
   * applied to every date, so dates on the other side of a DST change are
   * one hour off.
   */
  serverTimezoneOffsetMinutes?: number | 'auto';
}

/** Progress of a running transfer. */
export interface TransferProgress {
  /** Bytes moved over the data connection so far (after any resume offset). */
  bytes: number;
  /** Total bytes expected, when known (the `size` option, SIZE, or the 150 reply). Includes the offset. */
  total?: number;
  /** Offset the transfer started at (REST). */
  offset: number;
  /** Bytes per second, smoothed. */
  rate: number;
}

/** Options shared by transfers. */
export interface TransferOptions {
  /**
   * Aborts the transfer (FTP_ERR_ABORTED) whenever it fires: before the
   * command goes out nothing is sent; after it, ABOR goes out at once, even
   * while the server has not answered yet or the data is through and only
   * the final reply is awaited, and the session is brought back in step.
   * An abort that comes before the server has agreed to the transfer
   * leaves the caller's stream untouched.
   */
  signal?: AbortSignal;
  onProgress?: (progress: TransferProgress) => void;
  /** `binary` (TYPE I, default) or `ascii` (TYPE A with CRLF ⇄ LF conversion). */
  type?: 'binary' | 'ascii';
}

/** Options for {@link FtpClient.download}. */
export interface DownloadOptions extends TransferOptions {
  /** Start at this byte (REST). */
  offset?: number;
  /**
   * Let the destination write straight from the engine's read buffers, which
   * are filled again once the destination's write callback for a chunk has
   * run. Saves one copy per read on plain (non-TLS, passive, binary) data
   * connections; elsewhere it changes nothing.
   *
   * Contract: set it only when the destination is done with a chunk when it
   * calls back, i.e. keeps no reference to the Buffer afterwards. Node's
   * `fs.WriteStream`, `net.Socket` and `http.ServerResponse` qualify; a
   * `PassThrough`, a `Transform`, or a Writable that collects chunks does
   * not, and would see earlier chunks overwritten.
   *
   * Default: on for destinations that are exactly such Node classes
   * (`fs.WriteStream` and `net.Socket`, TLS sockets included); off for every other Writable, which then owns
   * each chunk it gets. Set it to say so for other destinations, or `false`
   * to opt out. A local file path ignores it: the engine writes the file
   * from its buffers itself.
   */
  reuseBuffers?: boolean;
  /**
   * End the destination stream when the data is in (default `true`). With
   * `false` the download still resolves only once every byte is written
   * and the server's final reply has come, but ending the stream, or
   * destroying it on failure, is left to the caller: the engine neither
   * ends nor destroys it. For destinations
   * where ending means "complete": an HTTP response without a
   * Content-Length ends its body with the end, and must not do so before
   * a 226 (a 426 after a cut data connection would otherwise leave the
   * browser holding a truncated file it takes for whole). Streams only; a
   * local file path ignores it.
   */
  end?: boolean;
  /**
   * The most bytes the data connection may carry. One more fails the
   * download with FTP_ERR_PROTOCOL, and no byte past the limit reaches the
   * destination: for a caller that has promised a length (SIZE as an HTTP
   * Content-Length), a file longer than SIZE said, or a server that
   * accepted REST and sent from the start anyway, must not overrun it.
   */
  maxBytes?: number;
  /**
   * The whole file's size, when the caller knows it already (its own SIZE, a
   * listing): progress events report it as `total`, and the download sends
   * no SIZE of its own for them, a round trip before the first byte. Used
   * only with `onProgress`, and ignored in ASCII mode (whose byte count is
   * not the file's). Taken as given: it is not checked against the server,
   * it stands in for the 150 reply's "(N bytes)" as the total, and it limits
   * nothing (`maxBytes` does).
   */
  size?: number;
  /**
   * Sees every chunk the data connection delivers, in order, as it
   * arrives: for a digest of the file computed on the way (a relay that
   * checks what it passed on against the server's HASH). Bytes as they come
   * off the wire, before TYPE A's line-end conversion. Called synchronously
   * before the chunk is written; it must not keep the chunk, which may be a
   * view of a buffer the engine fills again. A throw fails the download.
   */
  onData?: (chunk: Buffer) => void;
}

/** Options for {@link FtpClient.upload}. */
export interface UploadOptions extends TransferOptions {
  /**
   * `overwrite` (STOR), `append` (APPE), or `resume`: ask SIZE, skip that
   * many bytes of the source, continue with REST+STOR (or APPE when REST
   * STREAM is not advertised).
   */
  mode?: 'overwrite' | 'append' | 'resume';
  /** For `resume`, a known remote size, saving the SIZE round trip. */
  offset?: number;
}

/** The result of a finished transfer. */
export interface TransferResult {
  /** Bytes moved over the data connection. */
  bytes: number;
  /** Where the transfer started (REST offset or skipped bytes). */
  offset: number;
  /** The final 2xx reply text. */
  reply: string;
  ms: number;
}

/** How far a recursive {@link RmdirOptions | rmdir} has got. */
export interface DeleteProgress {
  /** Files, links and folders removed so far, the folder being deleted included once it goes. */
  removed: number;
  /** The path removed last. */
  path: string;
}

/** Options of `FtpClient.rmdir`. */
export interface RmdirOptions {
  /** Remove everything inside first, depth first (default false: RMD of an empty folder). */
  recursive?: boolean;
  /**
   * Stops a recursive delete before its next command. The command on the
   * wire is answered first, so the control connection stays in step; what
   * was not reached stays on the server. It then rejects with
   * FTP_ERR_ABORTED, whose message says how much went.
   */
  signal?: AbortSignal;
  /** Called after each file, link or folder a recursive delete removes. */
  onProgress?: (progress: DeleteProgress) => void;
}

/** What the server said it supports, from SYST and FEAT. */
export interface ServerFeatures {
  /** SYST reply text, if the server answered. */
  system?: string;
  /** FEAT keys in upper case, mapped to their parameter text (may be empty). */
  features: Map<string, string>;
}
