/**
 * Data shapes shared by several messages. Each is a zod schema plus the type
 * inferred from it, so the validator and the type can never disagree.
 */
import { z } from 'zod';

/** Largest path or name we accept from the browser, in characters. */
export const MAX_PATH_LENGTH = 4096;

/**
 * A remote path. Control characters are refused here already, so a CR/LF
 * injection attempt dies at the server boundary with a clear validation
 * error (the engine refuses them again before the wire).
 */
export const RemotePath = z
  .string()
  .min(1)
  .max(MAX_PATH_LENGTH)
  .refine((s) => !/[\r\n\0]/.test(s), { message: 'path must not contain CR, LF or NUL' });

/** How to secure the connection. */
export const SecureMode = z.enum(['none', 'explicit', 'implicit']);
export type SecureMode = z.infer<typeof SecureMode>;

/** Who opens the data connection. */
export const DataMode = z.enum(['passive', 'active']);
export type DataMode = z.infer<typeof DataMode>;

/**
 * How a file's bytes travel: `binary` (TYPE I, byte for byte) or `ascii`
 * (TYPE A: lines end in CRLF on the wire and the server stores its own line
 * ends, so sizes on the two sides may differ). ASCII transfers neither
 * resume nor have a size known in advance.
 */
export const TransferType = z.enum(['binary', 'ascii']);
export type TransferType = z.infer<typeof TransferType>;

/** What the browser asks the server to connect to. */
export const ConnectParams = z.object({
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535).optional(),
  user: z.string().max(256).optional(),
  password: z.string().max(1024).optional(),
  secure: SecureMode.default('none'),
  dataMode: DataMode.default('passive'),
  /** `auto`, `utf8`, or a charset name such as `gbk`. */
  encoding: z.string().min(1).max(32).default('auto'),
  /** A SHA-256 certificate fingerprint the user chose to trust. */
  trustFingerprint: z.string().max(128).optional(),
  /** Sent with ACCT when the server asks for an account (332). A secret, like the password. */
  account: z.string().max(1024).optional(),
  /** Select the virtual host named by `host` with HOST (RFC 7151) before logging in. */
  virtualHost: z.boolean().optional(),
  /**
   * The FTP server's time zone, for LIST times (which servers give in their
   * local time): `auto` (the default) detects it by comparing one LIST time
   * with MDTM; a number is a fixed offset in minutes east of UTC, for servers
   * that answer MDTM in local time too, which detection cannot see through.
   */
  serverTimezone: z.union([z.literal('auto'), z.number().int().min(-900).max(900)]).optional(),
});
export type ConnectParams = z.input<typeof ConnectParams>;

/** One directory entry as sent to the browser. */
export const WireEntry = z.object({
  name: z.string(),
  type: z.enum(['file', 'dir', 'symlink', 'unknown']),
  size: z.number().optional(),
  /** ISO 8601. */
  modifiedAt: z.string().optional(),
  /**
   * How much of the time the listing gave; present with `modifiedAt`. With
   * `day` the server printed only a date, and `modifiedAt` is 00:00 UTC of
   * it: show its UTC date, never a local date and time.
   */
  modifiedPrecision: z.enum(['day', 'minute', 'second']).optional(),
  permissions: z.string().optional(),
  owner: z.string().optional(),
  group: z.string().optional(),
  target: z.string().optional(),
});
export type WireEntry = z.infer<typeof WireEntry>;


/**
 * Structured facts attached to a transcript status line: the data
 * connection, TLS, fallbacks, policy blocks. The UI decodes and draws these
 * (explanations, the sequence view), so their shape is part of the contract.
 */
export const WireTranscriptDetail = z.discriminatedUnion('type', [
  /** The control connection is being opened; `address` when the server pinned a vetted IP. */
  z.object({ type: z.literal('connecting'), host: z.string(), address: z.string().optional(), port: z.number() }),
  z.object({ type: z.literal('connected'), host: z.string(), address: z.string(), port: z.number() }),
  z.object({
    type: z.literal('tls'),
    version: z.string(),
    cipher: z.string(),
    resumed: z.boolean(),
    fingerprint256: z.string().optional(),
    channel: z.enum(['control', 'data']),
  }),
  z.object({
    type: z.literal('data-open'),
    mode: DataMode,
    /** Who opened the TCP connection: the client (passive) or the server (active). */
    initiator: z.enum(['client', 'server']),
    localAddress: z.string(),
    localPort: z.number(),
    remoteAddress: z.string(),
    remotePort: z.number(),
  }),
  z.object({ type: z.literal('data-close'), mode: DataMode, bytes: z.number(), ms: z.number() }),
  z.object({ type: z.literal('pasv-address-replaced'), announced: z.string(), used: z.string() }),
  z.object({ type: z.literal('fallback'), from: z.string(), to: z.string(), reason: z.string() }),
  /** FEAT and SYST were not sent on this connection: it took the `count` features (and `system`) the browsing connection learnt. */
  z.object({ type: z.literal('features-reused'), count: z.number(), system: z.string().optional() }),
  z.object({ type: z.literal('blocked'), target: z.string(), reason: z.string() }),
  z.object({ type: z.literal('keepalive-refused'), code: z.number() }),
  /** Replies nobody waited for (a late 226 after ABOR) were dropped before the next command, so none answers it. */
  z.object({ type: z.literal('late-replies-dropped'), codes: z.array(z.number()) }),
  /** A recursive delete of `path` starts: each folder gets DELE first (a real folder's 550 is expected), then RMD. */
  z.object({ type: z.literal('recursive-delete'), path: z.string() }),
  z.object({ type: z.literal('listing-unread'), count: z.number(), sample: z.string() }),
  z.object({ type: z.literal('multiline-loose-end'), opened: z.number(), closed: z.number() }),
  /**
   * The FTP server's time zone for LIST times is not UTC: `offsetMinutes`
   * east of UTC (UTC+08:00 is 480), `detected` from a LIST time vs MDTM of
   * the same file, or `configured`. LIST-format times of the session are
   * shifted by it; MLSD/MLST/MDTM times are UTC and never are.
   */
  z.object({ type: z.literal('timezone'), offsetMinutes: z.number(), source: z.enum(['detected', 'configured']) }),
  /** The server's pool of transfer connections shrank to `max` after the FTP server refused another. */
  z.object({ type: z.literal('pool-shrunk'), max: z.number() }),
  /** The FTP server allows one connection: transfers now run on the browsing connection. */
  z.object({ type: z.literal('pool-shared') }),
  /**
   * On `error` lines: the stable code of the error the line reports
   * (FTP_ERR_* or SRV_ERR_*, see docs/errors.md), so the UI can react to
   * the kind of failure without matching English text.
   */
  z.object({ type: z.literal('failure'), errorCode: z.string() }),
]);
export type WireTranscriptDetail = z.infer<typeof WireTranscriptDetail>;

/**
 * Reads a detail from the wire, or undefined when it is not one this build
 * knows (a newer server may add kinds; the UI must not break on them).
 */
export function parseTranscriptDetail(detail: unknown): WireTranscriptDetail | undefined {
  const parsed = WireTranscriptDetail.safeParse(detail);
  return parsed.success ? parsed.data : undefined;
}

/** One line of the control-channel transcript. */
export const WireTranscriptLine = z.object({
  seq: z.number(),
  time: z.number(),
  /** `browse`, `transfer-1`, … */
  connection: z.string(),
  kind: z.enum(['command', 'reply', 'status', 'error']),
  text: z.string(),
  code: z.number().optional(),
  detail: WireTranscriptDetail.optional(),
});
export type WireTranscriptLine = z.infer<typeof WireTranscriptLine>;

/** An error as data. `code` is one of the documented FTP_ERR_* / SRV_ERR_* codes. */
export const WireError = z.object({
  code: z.string(),
  message: z.string(),
  ftpCode: z.number().optional(),
  retryable: z.boolean().optional(),
  /** Certificate facts for FTP_ERR_CERT_UNTRUSTED, so the UI can ask. */
  certificate: z
    .object({
      subject: z.string(),
      issuer: z.string(),
      validFrom: z.string(),
      validTo: z.string(),
      fingerprint256: z.string(),
      reason: z.string(),
    })
    .optional(),
});
export type WireError = z.infer<typeof WireError>;

/** The state of the session's FTP connection, pushed whenever it changes. */
export const SessionState = z.object({
  status: z.enum(['disconnected', 'connecting', 'connected', 'reconnecting']),
  host: z.string().optional(),
  port: z.number().optional(),
  user: z.string().optional(),
  secure: SecureMode.optional(),
  cwd: z.string().optional(),
  system: z.string().optional(),
  /** FEAT keys, upper case. */
  features: z.array(z.string()).optional(),
  /** The charset setting for file names this connection uses (`auto`, `utf8`, `gb18030`, …). */
  encoding: z.string().max(32).optional(),
  /**
   * Under encoding `auto`, once a listing had names that are not UTF-8: the
   * charset that reads them best (an iconv name: `gb18030`, `big5`,
   * `shift_jis`, `euc-kr`, `cp1252`, `cp1251`, `koi8-r`), so the page can offer to switch.
   * Kept until the next connect.
   */
  guessedCharset: z.string().max(64).optional(),
  /** With `disconnected`: why the connection ended on its own (a reconnect that gave up). */
  error: WireError.optional(),
});
export type SessionState = z.infer<typeof SessionState>;
