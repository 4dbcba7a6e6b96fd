/**
 * Error codes that originate in the server itself (the engine's FTP_ERR_*
 * codes travel unchanged). Documented in docs/errors.md.
 */
export const ServerErrorCodes = {
  /** A message failed schema validation. */
  BAD_MESSAGE: 'SRV_ERR_BAD_MESSAGE',
  /** The first message was not a compatible `hello`. */
  PROTOCOL_VERSION: 'SRV_ERR_PROTOCOL_VERSION',
  /** The request needs an FTP connection and there is none. */
  NOT_CONNECTED: 'SRV_ERR_NOT_CONNECTED',
  /** The target host or port is not allowed by the server's policy. */
  TARGET_BLOCKED: 'SRV_ERR_TARGET_BLOCKED',
  /** The host name did not resolve. */
  DNS: 'SRV_ERR_DNS',
  /** A limit (message size, rate, sessions, transfers) was exceeded. */
  LIMIT: 'SRV_ERR_LIMIT',
  /** A cancel named a transfer that is not running, or an upload frame named one never started (an overrun is {@link ServerErrorCodes.LIMIT}). */
  TRANSFER_UNKNOWN: 'SRV_ERR_TRANSFER_UNKNOWN',
  /** The upload was cancelled by the user. */
  CANCELLED: 'SRV_ERR_CANCELLED',
  /** A cross-origin page tried to open the WebSocket (HTTP 403). */
  ORIGIN: 'SRV_ERR_ORIGIN',
  /** The access token is missing or wrong (HTTP 401). */
  UNAUTHORIZED: 'SRV_ERR_UNAUTHORIZED',
  /** A download URL's ticket is unknown or its session has ended (HTTP 404). */
  TICKET_UNKNOWN: 'SRV_ERR_TICKET_UNKNOWN',
  /**
   * A new download link was refused: the session's links, or all sessions'
   * together, already hold as many paths as the server keeps (memory cap).
   */
  TOO_MANY_TICKETS: 'SRV_ERR_TOO_MANY_TICKETS',
  /** A remote file or folder in a download does not exist (HTTP 404). */
  NOT_FOUND: 'SRV_ERR_NOT_FOUND',
  /** A directory listing had more entries than the server's cap. */
  LISTING_TOO_LARGE: 'SRV_ERR_LISTING_TOO_LARGE',
  /** The server is shutting down; reconnect in a moment. */
  SHUTTING_DOWN: 'SRV_ERR_SHUTTING_DOWN',
  /** The FTP connection dropped and could not be re-established. */
  RECONNECT_FAILED: 'SRV_ERR_RECONNECT_FAILED',
  /** The FTP server ended a download with fewer bytes than its SIZE promised (HTTP: the connection is cut). */
  SHORT_TRANSFER: 'SRV_ERR_SHORT_TRANSFER',
  /**
   * A download's hash, taken by the relay as the bytes went to the browser,
   * differs from the FTP server's hash of the file (HASH, XMD5…): the copy in
   * the browser's downloads is not the file on the server (it changed while
   * it was read, or the FTP leg damaged it). Sent in `download-end` after the
   * browser has the bytes; retryable.
   */
  DOWNLOAD_MISMATCH: 'SRV_ERR_DOWNLOAD_MISMATCH',
  /**
   * A View link named something a browser tab cannot show: a folder, a
   * file type not in viewableType's table, or text over MAX_TEXT_VIEW_BYTES
   * (HTTP 415). Download it instead.
   */
  NOT_VIEWABLE: 'SRV_ERR_NOT_VIEWABLE',
  /**
   * The server ended this session (it sat idle with no tab attached, or was
   * closed while the page held it); the socket closes with 4005. Reload or
   * reconnect to start a new session.
   */
  SESSION_ENDED: 'SRV_ERR_SESSION_ENDED',
  /**
   * An upload, new folder or move would write into a folder this session is
   * deleting: the delete would remove it again (or fail on it). Nothing
   * was sent to the FTP server.
   */
  DELETING: 'SRV_ERR_DELETING',
  /** A request reused the id of a request still running on this socket; it did not run. */
  DUPLICATE_ID: 'SRV_ERR_DUPLICATE_ID',
  /** Anything unexpected; the message says what. */
  INTERNAL: 'SRV_ERR_INTERNAL',
} as const;

export type ServerErrorCode = (typeof ServerErrorCodes)[keyof typeof ServerErrorCodes];
