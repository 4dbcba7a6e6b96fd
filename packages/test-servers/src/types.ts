/** The real FTP servers the tests can start. */
export type FtpServerKind = 'vsftpd' | 'proftpd' | 'pure-ftpd' | 'pyftpdlib' | 'demo';

/** Every kind, in a stable order. */
export const ALL_SERVER_KINDS: readonly FtpServerKind[] = ['vsftpd', 'proftpd', 'pure-ftpd', 'pyftpdlib', 'demo'];

/** How a test wants its server configured. Unset fields keep the server's own default. */
export interface StartFtpServerOptions {
  /** FTPS mode; default 'none'. */
  tls?: 'none' | 'explicit' | 'implicit';
  /** The server refuses a login on a plaintext control connection. */
  requireTls?: boolean;
  /**
   * The server refuses data connections that do not resume the control
   * connection's TLS session. Default: true where the server can require it
   * (vsftpd, ProFTPD) when tls is not 'none'; `true` on a server that cannot
   * enforce it is an error.
   */
  requireTlsReuse?: boolean;
  /** Pin the server to exactly this TLS version (see docs/testing.md for how, per server). */
  tlsVersion?: 'TLSv1.2' | 'TLSv1.3';
  /** Allow anonymous login; anonymous users may write into `/upload` where the server allows it. */
  anonymous?: boolean;
  /** Whether FEAT advertises UTF8; unset keeps the server default. An impossible value is an error. */
  utf8?: boolean;
  /**
   * Refuse EPSV, so a client has to fall back to PASV and gets a real 227
   * reply (its address and p1×256+p2 port). Only ProFTPD can do this
   * (`<Limit EPSV> DenyAll`); other kinds throw UnsupportedServerOptionError.
   */
  denyEpsv?: boolean;
  /** Folder the FTP user sees as '/'; default: a fresh temp dir per call, removed by stop(). */
  root?: string;
  /**
   * At most this many sessions at once (all tests connect from 127.0.0.1).
   * vsftpd (`max_per_ip`) refuses the next one with a 421 greeting, ProFTPD
   * (`MaxClientsPerUser`) with a 530 after PASS; other kinds throw
   * UnsupportedServerOptionError.
   */
  maxConnections?: number;
  /**
   * An IANA zone (`Asia/Shanghai`) the server runs in, so LIST prints times
   * in that zone's local wall clock (set through `TZ`; the zone must exist
   * under /usr/share/zoneinfo). What MDTM then says differs per kind, see
   * docs/testing.md: ProFTPD (`TimesGMT off`) and Pure-FTPd keep MDTM in UTC;
   * vsftpd (`use_localtime=YES`) and pyftpdlib (`use_gmt_times=False`) put
   * MDTM (and pyftpdlib's MLSD) in local time too. The demo throws
   * UnsupportedServerOptionError.
   */
  timezone?: string;
  /**
   * Whether FEAT lists MLST, so clients list with MLSD; unset keeps the
   * server default. `false` makes clients use LIST: ProFTPD
   * (`FactsAdvertise off`) and pyftpdlib (MLST/MLSD removed); vsftpd never
   * lists it, so only `true` is an error there; Pure-FTPd and the demo
   * throw UnsupportedServerOptionError for `false`.
   */
  mlst?: boolean;
  /**
   * ProFTPD only: load mod_digest, so FEAT lists `HASH` and the X
   * commands, and the server answers HASH, XMD5, XSHA1, XSHA256 and XCRC.
   * The X commands also take a byte range (`XMD5 "a b.bin" 6 33`: from 6
   * up to, not including, 33; an end past the file is refused with 501).
   * Its digest cache is off, so a file rewritten within a second is never
   * answered with the old digest.
   * The other kinds have no hash command and throw
   * UnsupportedServerOptionError.
   */
  digest?: boolean;
  /**
   * vsftpd only: at most this many bytes per second on each data
   * connection, both directions (`local_max_rate`, `anon_max_rate`). A test
   * that must act while a transfer is still running (pause, cancel) slows
   * it down this way instead of racing the machine's speed. The other kinds
   * throw UnsupportedServerOptionError.
   */
  maxRate?: number;
}

/** Owner that files must have so the server's user can read and write them. */
export interface FsOwner {
  uid: number;
  gid: number;
}

/** A started server. Call stop() in afterEach/afterAll. */
export interface RunningFtpServer {
  kind: FtpServerKind;
  host: '127.0.0.1';
  port: number;
  user: string;
  password: string;
  /** Absolute path on disk that the FTP user sees as '/'. */
  root: string;
  /** Inclusive passive port range, reserved for this server only. */
  passivePorts: [number, number];
  /** Present when tls is not 'none'. */
  certificate?: { pem: string; fingerprint256: string };
  /** Whether the server enforces TLS session reuse on data connections. */
  tlsReuseRequired: boolean;
  /** FTP path anonymous users can write into, when anonymous is on and the server allows writes. */
  anonymousUploadDir?: string;
  /** uid/gid the server maps the user to on disk (used by seedTree). */
  fsOwner: FsOwner;
  /** Milliseconds from spawn to the first 220 greeting (for reports, never for assertions). */
  startupMs: number;
  /** PID of the process group leader (the supervisor shell); the whole group is killed on stop. */
  pid: number;
  /** Kills the server's process group, waits for exit, removes temp files (and the root if we made it). */
  stop(): Promise<void>;
}

/** Thrown when a kind cannot honour an option (for example implicit TLS on Pure-FTPd). */
export class UnsupportedServerOptionError extends Error {
  /** Stable code for test reports. */
  readonly code = 'TEST_SERVER_UNSUPPORTED_OPTION';
  constructor(kind: FtpServerKind, detail: string) {
    super(`${kind}: ${detail}`);
    this.name = 'UnsupportedServerOptionError';
  }
}

/** Thrown when a server does not greet within the start-up timeout, or exits early. */
export class ServerStartError extends Error {
  /** Stable code for test reports. */
  readonly code = 'TEST_SERVER_START_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'ServerStartError';
  }
}
