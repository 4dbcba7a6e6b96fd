/**
 * Every error the engine throws. Callers match on `code`, never on the class:
 * codes survive crossing the WebSocket, classes do not. Each code is
 * documented in docs/errors.md, and a test keeps the two in step. A code,
 * once released, is never reused for another meaning.
 */

/** Stable error codes of the engine. */
export const FtpErrorCodes = {
  /** The server answered a command with a 4xx or 5xx reply. */
  REPLY: 'FTP_ERR_REPLY',
  /** Login was refused (530 after USER/PASS, or 332 with no account). */
  LOGIN: 'FTP_ERR_LOGIN',
  /** The TCP connection to the server could not be made. */
  CONNECT: 'FTP_ERR_CONNECT',
  /** A phase took longer than its timeout. `phase` says which. */
  TIMEOUT: 'FTP_ERR_TIMEOUT',
  /** The server closed the control connection, or said 421. */
  CLOSED: 'FTP_ERR_CLOSED',
  /** The client was closed, or was never connected. */
  NOT_CONNECTED: 'FTP_ERR_NOT_CONNECTED',
  /** The server sent something that is not FTP. */
  PROTOCOL: 'FTP_ERR_PROTOCOL',
  /** A reply line or reply was longer than the configured cap. */
  REPLY_TOO_LARGE: 'FTP_ERR_REPLY_TOO_LARGE',
  /** A directory listing was larger than the configured cap. */
  LISTING_TOO_LARGE: 'FTP_ERR_LISTING_TOO_LARGE',
  /** The TLS handshake failed. */
  TLS: 'FTP_ERR_TLS',
  /** The server certificate is not trusted (and not pinned). Carries the certificate. */
  CERT_UNTRUSTED: 'FTP_ERR_CERT_UNTRUSTED',
  /** The server refused AUTH TLS, PBSZ or PROT P; we never fall back to plaintext. */
  TLS_REFUSED: 'FTP_ERR_TLS_REFUSED',
  /** A 227/229 reply could not be parsed, or named an illegal port. */
  PASV_UNPARSABLE: 'FTP_ERR_PASV_UNPARSABLE',
  /** The data connection could not be established, in either mode. */
  DATA_CONNECT: 'FTP_ERR_DATA_CONNECT',
  /** An argument carried CR, LF or NUL, or was otherwise unusable. */
  INVALID_ARGUMENT: 'FTP_ERR_INVALID_ARGUMENT',
  /** raw() was asked for a command that would break the session or the security model. */
  COMMAND_REFUSED: 'FTP_ERR_COMMAND_REFUSED',
  /** The operation was aborted through its AbortSignal. */
  ABORTED: 'FTP_ERR_ABORTED',
  /** The caller's own stream (upload source, download destination) failed or closed early. */
  LOCAL_STREAM: 'FTP_ERR_LOCAL_STREAM',
  /** The server refused the virtual host named with HOST (504 unknown host, 501, …; RFC 7151). */
  HOST_REFUSED: 'FTP_ERR_HOST_REFUSED',
  /** A recursive delete met a folder that lists exactly what a folder above it lists: a link back, shown as a folder. */
  LINK_LOOP: 'FTP_ERR_LINK_LOOP',
  /** A recursive delete went deeper than the engine follows (a server inventing folders without end). */
  TOO_DEEP: 'FTP_ERR_TOO_DEEP',
} as const;

/** One of {@link FtpErrorCodes}. */
export type FtpErrorCode = (typeof FtpErrorCodes)[keyof typeof FtpErrorCodes];

/** Which wait timed out. */
export type TimeoutPhase = 'connect' | 'greeting' | 'reply' | 'data-connect' | 'data-idle' | 'tls';

/** Facts about a server certificate, for a trust prompt. */
export interface CertificateInfo {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  fingerprint256: string;
  /** Why Node refused it (`DEPTH_ZERO_SELF_SIGNED_CERT`, …). */
  reason: string;
}

/** Extra fields an error may carry. */
export interface FtpErrorDetails {
  /** The FTP reply code, when a reply caused the error. */
  ftpCode?: number;
  /** The full reply text, when a reply caused the error. */
  replyText?: string;
  phase?: TimeoutPhase;
  certificate?: CertificateInfo;
  cause?: unknown;
}

/** The one error class of the engine. Match on `code`. */
export class FtpError extends Error {
  override readonly name = 'FtpError';
  readonly code: FtpErrorCode;
  readonly ftpCode?: number;
  readonly replyText?: string;
  readonly phase?: TimeoutPhase;
  readonly certificate?: CertificateInfo;

  constructor(code: FtpErrorCode, message: string, details: FtpErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    if (details.ftpCode !== undefined) this.ftpCode = details.ftpCode;
    if (details.replyText !== undefined) this.replyText = details.replyText;
    if (details.phase !== undefined) this.phase = details.phase;
    if (details.certificate !== undefined) this.certificate = details.certificate;
  }
}

/**
 * The error for a negative reply: FTP_ERR_REPLY with the reply's code and
 * text, after `what` says which step was refused.
 */
export function replyError(reply: { code: number; text: string }, what: string): FtpError {
  return new FtpError(FtpErrorCodes.REPLY, `${what}: ${reply.text}`, { ftpCode: reply.code, replyText: reply.text });
}

/** True when `err` is an engine error, optionally of one code. */
export function isFtpError(err: unknown, code?: FtpErrorCode): err is FtpError {
  return err instanceof FtpError && (code === undefined || err.code === code);
}

/**
 * The error an aborted operation fails with: the signal's reason when the
 * engine aborted it with an FtpError (close() does), else FTP_ERR_ABORTED.
 */
export function abortError(signal: AbortSignal | undefined): FtpError {
  const reason: unknown = signal?.reason;
  return reason instanceof FtpError ? reason : new FtpError(FtpErrorCodes.ABORTED, 'The transfer was aborted');
}
