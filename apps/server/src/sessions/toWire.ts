/**
 * The one place where engine types become protocol DTOs. Everything that
 * crosses the WebSocket goes through here, so a secret can only leak if it
 * is added here on purpose.
 */
import { FtpError, type FileEntry, type TranscriptEvent } from '@ftpdeck/ftp-engine';
import { ServerErrorCodes, type WireEntry, type WireError, type WireTranscriptLine } from '@ftpdeck/protocol';

/** A server-side error with a SRV_ERR_* code. */
export class ServerError extends Error {
  override readonly name = 'ServerError';
  constructor(
    readonly code: string,
    message: string,
    readonly retryable = false,
  ) {
    super(message);
  }
}

/** Maps a FileEntry to its wire shape (dates as ISO strings). */
export function entryToWire(entry: FileEntry): WireEntry {
  const wire: WireEntry = { name: entry.name, type: entry.type };
  if (entry.size !== undefined) wire.size = entry.size;
  if (entry.modifiedAt !== undefined && !Number.isNaN(entry.modifiedAt.getTime())) {
    wire.modifiedAt = entry.modifiedAt.toISOString();
    if (entry.modifiedPrecision !== undefined) wire.modifiedPrecision = entry.modifiedPrecision;
  }
  if (entry.permissions !== undefined) wire.permissions = entry.permissions;
  if (entry.owner !== undefined) wire.owner = entry.owner;
  if (entry.group !== undefined) wire.group = entry.group;
  if (entry.target !== undefined) wire.target = entry.target;
  return wire;
}

/** Maps a transcript event, tagging it with the pool connection it came from. */
export function transcriptToWire(event: TranscriptEvent): WireTranscriptLine {
  const line: WireTranscriptLine = {
    seq: event.seq,
    time: event.time,
    connection: event.connection,
    kind: event.kind,
    text: event.text,
  };
  if (event.code !== undefined) line.code = event.code;
  // Type-checked: every engine detail kind must be a wire detail kind.
  if (event.detail !== undefined) line.detail = event.detail;
  return line;
}

/** Transient reply codes and connection-level failures are worth a retry. */
function isRetryable(err: FtpError): boolean {
  if (err.ftpCode !== undefined) return err.ftpCode >= 400 && err.ftpCode < 500;
  return err.code === 'FTP_ERR_TIMEOUT' || err.code === 'FTP_ERR_CLOSED' || err.code === 'FTP_ERR_CONNECT' || err.code === 'FTP_ERR_DATA_CONNECT';
}

/** Turns anything thrown into an error as data, never leaking a stack to the browser. */
export function errorToWire(err: unknown): WireError {
  if (err instanceof FtpError) {
    const wire: WireError = { code: err.code, message: err.message, retryable: isRetryable(err) };
    if (err.ftpCode !== undefined) wire.ftpCode = err.ftpCode;
    if (err.certificate !== undefined) wire.certificate = { ...err.certificate };
    return wire;
  }
  if (err instanceof ServerError) return { code: err.code, message: err.message, retryable: err.retryable };
  const message = err instanceof Error ? err.message : String(err);
  return { code: ServerErrorCodes.INTERNAL, message };
}
