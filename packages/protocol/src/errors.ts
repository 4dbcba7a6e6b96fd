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
  /** An upload frame named an unknown transfer or overran its size. */
  TRANSFER_UNKNOWN: 'SRV_ERR_TRANSFER_UNKNOWN',
  /** The upload was cancelled by the user. */
  CANCELLED: 'SRV_ERR_CANCELLED',
  /** Anything unexpected; the message says what. */
  INTERNAL: 'SRV_ERR_INTERNAL',
} as const;

export type ServerErrorCode = (typeof ServerErrorCodes)[keyof typeof ServerErrorCodes];
