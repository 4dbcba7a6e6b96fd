/**
 * One log line per HTTP request, in place of Fastify's two ("incoming
 * request" and "request completed"). A browser session fetches the page's
 * script, styles, fonts and icons, and a monitor polls /healthz: at `info`
 * those lines were about 70 % of what a session logged (Review 33), and
 * hid what an operator looks for. So the API's requests (downloads, views,
 * the UI's config, the access login) are logged at `info`, and static files
 * and the health check at `debug`.
 *
 * The line is written when the response's socket side closes, not in an
 * `onResponse` hook: a download hijacks its response from Fastify, and a
 * browser that stops one never lets it finish.
 */
import { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * Fastify's own request lines, minus what this plugin replaces: no
 * "incoming request"; "request completed" only when the response failed
 * (Fastify's `request errored`); and a static file whose reader went away
 * (a reload mid-load) at `debug` like its request line, not at `info`.
 * (Errors and unknown routes are answered by plugins/httpErrors.ts, which
 * logs what it needs itself.)
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply, metadata?: Record<string, unknown>): void {
    if (error) super.requestCompleted(error, request, reply, metadata);
  }

  override streamError(error: Error, request: FastifyRequest, reply: FastifyReply, metadata?: Record<string, unknown>): void {
    if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE' && !isApiRequest(request.url)) {
      reply.log.debug({ res: reply }, 'stream closed prematurely');
      return;
    }
    super.streamError(error, request, reply, metadata);
  }
}

/** The path as the router routes it: no query string, escapes decoded (malformed ones as sent, since they reach no route). */
function routedPath(url: string): string {
  const path = url.split('?')[0] ?? '';
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * The URL as it may be logged: no query string, and download tickets replaced,
 * because a ticket in a log line would let a log reader fetch the files. The
 * router decodes `/%61pi/download/…` to the download route, so the ticket is
 * looked for in that form too.
 */
export function loggableUrl(url: string): string {
  return /^\/+api\/download\//i.test(routedPath(url)) ? '/api/download/:ticket' : (url.split('?')[0] ?? '');
}

/** True for the requests an operator wants at `info`: the API's (as routed), not files or health checks. */
export function isApiRequest(url: string): boolean {
  return /^\/+api\//i.test(routedPath(url));
}

/** Adds the request log hook to `app` (call before routes are added); build the app with {@link RequestLogController}. */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onRequest', (req, reply, done) => {
    const started = performance.now();
    reply.raw.once('close', () => {
      const level = isApiRequest(req.url) ? 'info' : 'debug';
      req.log[level](
        {
          req,
          res: { statusCode: reply.raw.statusCode },
          // Cut short: the client went away, or a failed download was cut on purpose.
          ...(reply.raw.writableFinished ? {} : { aborted: true }),
          responseTime: Math.round(performance.now() - started),
        },
        'request',
      );
    });
    done();
  });
}
