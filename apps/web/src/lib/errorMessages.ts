/**
 * The one place that turns wire error codes into words a person can act on.
 * Unknown codes fall back to the server's own message.
 */
import type { WireError } from '@ftpdeck/protocol';

/** Error codes raised inside the browser itself (documented in docs/errors.md). */
export const WebErrorCodes = {
  /** The WebSocket closed while a request was waiting for its reply. */
  DISCONNECTED: 'WEB_ERR_DISCONNECTED',
  /** A request got no reply within its time limit. */
  TIMEOUT: 'WEB_ERR_TIMEOUT',
  /** Reading a local file for upload failed (moved, deleted, permission). */
  FILE_READ: 'WEB_ERR_FILE_READ',
} as const;

const MESSAGES: Record<string, string> = {
  FTP_ERR_LOGIN: 'Wrong user name or password',
  FTP_ERR_CONNECT: 'Could not reach the server',
  FTP_ERR_CERT_UNTRUSTED: 'The server’s TLS certificate is not trusted',
  FTP_ERR_TLS_REFUSED: 'The server refused TLS',
  FTP_ERR_TLS: 'The secure connection failed',
  FTP_ERR_DATA_CONNECT: 'Passive data connection failed — try active mode',
  FTP_ERR_PASV_UNPARSABLE: 'The server sent a passive-mode reply we could not read — try active mode',
  FTP_ERR_TIMEOUT: 'The server did not answer in time',
  FTP_ERR_CLOSED: 'The server closed the connection',
  FTP_ERR_NOT_CONNECTED: 'Not connected to a server',
  FTP_ERR_ABORTED: 'The operation was cancelled',
  FTP_ERR_LISTING_TOO_LARGE: 'This folder is too large to list',
  FTP_ERR_REPLY_TOO_LARGE: 'The server sent an oversized reply',
  FTP_ERR_PROTOCOL: 'The server broke the FTP protocol',
  FTP_ERR_INVALID_ARGUMENT: 'That name or path is not allowed',
  SRV_ERR_TARGET_BLOCKED: 'This server is not allowed by the FTP Deck administrator',
  SRV_ERR_DNS: 'The host name could not be found',
  SRV_ERR_NOT_CONNECTED: 'Not connected to a server',
  SRV_ERR_LIMIT: 'A limit was reached — try again in a moment',
  SRV_ERR_PROTOCOL_VERSION: 'This page is out of date — reload it',
  SRV_ERR_BAD_MESSAGE: 'The request was rejected as malformed',
  SRV_ERR_TRANSFER_UNKNOWN: 'The transfer is no longer known to the server',
  SRV_ERR_CANCELLED: 'The transfer was cancelled',
  SRV_ERR_INTERNAL: 'Something went wrong on the FTP Deck server',
  SRV_ERR_ORIGIN: 'This page is not allowed to use this FTP Deck server',
  SRV_ERR_UNAUTHORIZED: 'The access token is missing or wrong',
  SRV_ERR_TICKET_UNKNOWN: 'This download link has expired — start the download again',
  SRV_ERR_NOT_FOUND: 'The file or folder no longer exists',
  SRV_ERR_LISTING_TOO_LARGE: 'This folder has more entries than the server will list',
  SRV_ERR_SHUTTING_DOWN: 'FTP Deck is restarting — it will reconnect in a moment',
  SRV_ERR_RECONNECT_FAILED: 'The connection to the FTP server dropped and could not be restored',
  WEB_ERR_DISCONNECTED: 'Lost the connection to FTP Deck',
  WEB_ERR_TIMEOUT: 'FTP Deck did not answer in time',
  WEB_ERR_FILE_READ: 'The local file could not be read',
};

/** Plain reply-code hints for negative FTP replies without a better code. */
const FTP_CODE_HINTS: Record<number, string> = {
  421: 'The server is closing the connection',
  425: 'The data connection could not be opened',
  450: 'The file is busy or unavailable',
  451: 'The server hit a local error',
  452: 'The server is out of disk space',
  530: 'Not logged in',
  550: 'Permission denied or the file does not exist',
  552: 'Storage quota exceeded',
  553: 'That file name is not allowed',
};

/** A headline for an error, in plain words. */
export function describeError(error: WireError): string {
  const known = MESSAGES[error.code];
  if (known) return known;
  if (error.ftpCode !== undefined) {
    const hint = FTP_CODE_HINTS[error.ftpCode];
    if (hint) return hint;
  }
  return error.message || error.code;
}

/**
 * The detail line under the headline: the server's own words and codes,
 * so nothing is hidden from people who can read FTP replies.
 */
export function errorDetail(error: WireError): string {
  const ftp = error.ftpCode !== undefined ? ` (FTP ${error.ftpCode})` : '';
  return `${error.message}${ftp} · ${error.code}`;
}

/** Wraps anything thrown into a WireError so the UI has one shape. */
export function toWireError(err: unknown): WireError {
  if (isWireError(err)) return err;
  if (err instanceof Error) return { code: 'SRV_ERR_INTERNAL', message: err.message };
  return { code: 'SRV_ERR_INTERNAL', message: String(err) };
}

/** Type guard for the wire error shape. */
export function isWireError(value: unknown): value is WireError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** An Error subclass carrying a WireError, so promise rejections keep the code. */
export class RequestError extends Error {
  /** The error as the server (or the browser) described it. */
  readonly wire: WireError;
  /** Convenience copy of `wire.code` for matching. */
  readonly code: string;

  constructor(wire: WireError) {
    super(wire.message);
    this.name = 'RequestError';
    this.wire = wire;
    this.code = wire.code;
  }
}

/** Extracts the WireError from a RequestError, a WireError, or anything else. */
export function wireErrorOf(err: unknown): WireError {
  if (err instanceof RequestError) return err.wire;
  return toWireError(err);
}
