/**
 * Every HTTP error leaves in the documented shape `{code, message}` with a
 * code from docs/errors.md: Fastify's own errors (a body that is not JSON,
 * too large, of the wrong type) and unknown `/api/…` routes included, so the
 * page can always show `code` (review 9, S8). Other unknown paths keep
 * Fastify's plain 404; they are UI paths, not API calls.
 */
import { ServerErrorCodes, type WireError } from '@ftpdeck/protocol';
import type { FastifyError, FastifyInstance } from 'fastify';

/** Fastify error codes and the server code each becomes. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ServerErrorCodes.LIMIT,
  FST_ERR_CTP_INVALID_JSON_BODY: ServerErrorCodes.BAD_MESSAGE,
  FST_ERR_CTP_EMPTY_JSON_BODY: ServerErrorCodes.BAD_MESSAGE,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ServerErrorCodes.BAD_MESSAGE,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ServerErrorCodes.BAD_MESSAGE,
};

/** The wire error for a failure Fastify raised or a route threw. */
export function httpError(err: FastifyError): { status: number; body: WireError } {
  const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
  if (status >= 500) return { status, body: { code: ServerErrorCodes.INTERNAL, message: 'internal error; see the server log' } };
  const code = FASTIFY_CODES[err.code] ?? ServerErrorCodes.BAD_MESSAGE;
  return { status, body: { code, message: err.message } };
}

/** Installs the error handler and the not-found handlers (`/api`, and everything else). */
export async function registerHttpErrors(app: FastifyInstance): Promise<void> {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const { status, body } = httpError(err);
    if (status >= 500) req.log.error({ err }, 'request failed');
    return reply.code(status).send(body);
  });
  // Fastify's own not-found handler logs "Route GET:/x?query not found" with
  // the query string, which the logs promise never to hold (a mistyped link
  // can carry a password or a token). This one logs nothing; the request
  // line is already logged without its query (plugins/requestLog.ts, loggableUrl).
  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ code: ServerErrorCodes.NOT_FOUND, message: 'not found' }));
  // Not-found handlers belong to a prefix: this one answers only under /api.
  await app.register(
    async (api) => {
      api.setNotFoundHandler((req, reply) =>
        reply.code(404).send({ code: ServerErrorCodes.NOT_FOUND, message: `no such API route: ${req.method} ${req.url.split('?')[0] ?? ''}` }),
      );
    },
    { prefix: '/api' },
  );
}
