/**
 * How a WebSocket's own errors are logged (the `errorHandler` of
 * @fastify/websocket). The plugin's default logs every one at error level
 * with a stack trace; but most are the client's doing: a frame over the
 * size limit (ws closes with 1009 first), a bad opcode, a reset connection.
 * Those are warnings with a code and no stack; anything else stays an error.
 */
import type { FastifyBaseLogger } from 'fastify';

/** Socket errors a client causes: ws's protocol errors (`WS_ERR_…`) and a vanished peer. */
export function isClientSocketError(err: Error): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('WS_ERR_') || code === 'ECONNRESET' || code === 'EPIPE');
}

/** Logs `err` and ends the socket, as the plugin's default does, at the level the error deserves. */
export function handleSocketError(log: FastifyBaseLogger, err: Error, socket: { terminate(): void }): void {
  if (isClientSocketError(err)) {
    log.warn({ code: (err as { code?: string }).code, reason: err.message }, 'WebSocket closed on a client-side error');
  } else {
    log.error({ err }, 'WebSocket error');
  }
  socket.terminate();
}
