/**
 * The one place that turns wire error codes into words a person can act on.
 * Unknown codes fall back to the server's own message.
 */
import type { WireError } from '@ftpdeck/protocol';
import { isMessageKey } from '../i18n/i18n.ts';
import { t } from '../i18n/languageStore.ts';

/** Error codes raised inside the browser itself (documented in docs/errors.md). */
export const WebErrorCodes = {
  /** The WebSocket closed while a request was waiting for its reply. */
  DISCONNECTED: 'WEB_ERR_DISCONNECTED',
  /** A request got no reply within its time limit. */
  TIMEOUT: 'WEB_ERR_TIMEOUT',
  /** Reading a local file for upload failed (moved, deleted, permission). */
  FILE_READ: 'WEB_ERR_FILE_READ',
  /** A file too large for the editor (lib/editable.ts, MAX_EDIT_BYTES). */
  TOO_LARGE_TO_EDIT: 'WEB_ERR_TOO_LARGE_TO_EDIT',
  /** An HTTP request to FTP Deck failed with no error of its own in the body (a proxy's page, say). */
  HTTP: 'WEB_ERR_HTTP',
  /** An upload's next attempt found the tab connected to another site than the one it began with. */
  OTHER_SITE: 'WEB_ERR_OTHER_SITE',
} as const;

/** Error codes with a catalog entry (`err.<CODE>`): the words are in the i18n catalogs. */
const MESSAGE_PREFIX = 'err.';

/** Plain reply-code hints for negative FTP replies without a better code live under `errHint.<code>`. */
const HINT_PREFIX = 'errHint.';

/** A headline for an error, in plain words. */
export function describeError(error: WireError): string {
  const key = `${MESSAGE_PREFIX}${error.code}`;
  if (isMessageKey(key)) return t(key);
  if (error.ftpCode !== undefined) {
    const hint = `${HINT_PREFIX}${error.ftpCode}`;
    if (isMessageKey(hint)) return t(hint);
  }
  return error.message || error.code;
}

/**
 * The server's own words in a negative reply's error, without the step and
 * the code: `STOR /a.txt: 550 anonymous access is read-only` gives
 * `anonymous access is read-only` (every line's text, for a multi-line reply).
 * Undefined when the error carries no reply or its message holds none.
 */
export function serverWords(error: WireError): string | undefined {
  if (error.ftpCode === undefined) return undefined;
  const code = String(error.ftpCode);
  const words: string[] = [];
  for (const line of error.message.split('\n')) {
    // The reply starts a line, or follows the step's "STOR /a.txt: ". The last such start
    // counts: a path may itself hold ": 550 ".
    let at = line.startsWith(code) ? 0 : -1;
    const step = line.lastIndexOf(`: ${code}`);
    if (step >= 0) at = step + 2;
    if (at < 0) continue;
    const sep = line.charAt(at + 3);
    const text = sep === ' ' || sep === '-' ? line.slice(at + 4).trim() : '';
    if (text) words.push(text);
  }
  // Every line of a multi-line reply: the substance is often on the first, filler on the last.
  return words.length > 0 ? words.join(' ') : undefined;
}

/**
 * True when {@link describeError}'s headline is only its reply code's
 * general hint ("Permission denied or the file does not exist" for any
 * 550): the server's own words then say what actually happened.
 */
export function headlineIsReplyHint(error: WireError): boolean {
  return !isMessageKey(`${MESSAGE_PREFIX}${error.code}`) && error.ftpCode !== undefined && isMessageKey(`${HINT_PREFIX}${error.ftpCode}`);
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
