/**
 * buildApp() assembles the Fastify instance; main.ts only listens. Tests
 * build the app and drive it with inject()/injectWS() or a real ws client.
 *
 * Loading order (Fastify's guidance): ecosystem plugins → our shared plugins
 * → routes.
 */
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import type { ServerConfig } from './config.ts';
import { registerHttpErrors } from './plugins/httpErrors.ts';
import security from './plugins/security.ts';
import { TargetPolicy } from './policy/targetPolicy.ts';
import { registerConfigRoute } from './routes/config.ts';
import { registerDownload } from './routes/download.ts';
import { registerHealth } from './routes/health.ts';
import { SessionManager } from './sessions/SessionManager.ts';
import { RequestLogController, loggableUrl, registerRequestLog } from './plugins/requestLog.ts';
import { closeAllSockets, registerGateway } from './ws/gateway.ts';
import { handleSocketError } from './ws/socketErrors.ts';
import { MAX_TEXT_FRAME_BYTES } from '@ftpdeck/protocol';

declare module 'fastify' {
  interface FastifyInstance {
    sessions: SessionManager;
  }
}

/**
 * Largest WebSocket frame taken at all; bigger ones close the socket with
 * 1009. Above the text limit, so a text frame a little too big is still read
 * and answered (reply with its id), and above an upload frame (the browser
 * sends 1 MiB chunks plus a small header).
 */
const MAX_FRAME_BYTES = Math.max(MAX_TEXT_FRAME_BYTES, 1024 * 1024) + 64 * 1024;

/** What tests (and embedders) may add to a build. */
export interface BuildOptions {
  /** Where pino writes (default stdout); tests capture logs here to prove no secret leaks. */
  logStream?: { write(line: string): void };
}

/** Builds the app without listening. */
export async function buildApp(config: ServerConfig, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(opts.logStream ? { stream: opts.logStream } : {}),
      // Never log what could carry a secret: cookies, the access token, query strings, tickets.
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.query', 'req.params'],
      serializers: {
        req: (req) => ({ method: req.method, url: loggableUrl(req.url), remoteAddress: req.ip }),
      },
    },
    // plugins/requestLog.ts writes one line per request instead of Fastify's two.
    logController: new RequestLogController(),
    bodyLimit: 64 * 1024,
    // Only the proxies the operator named may speak for the client's address.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
  });
  const sessions = new SessionManager({ config, policy: new TargetPolicy(config), log: app.log });
  const started = Date.now();
  app.decorate('sessions', sessions);

  await app.register(fastifyWebsocket, {
    options: { maxPayload: MAX_FRAME_BYTES },
    errorHandler: (err, socket, request) => handleSocketError(request.log, err, socket),
    // Replaces the plugin's own preClose (which closes every client with
    // 1000 at once): drain transfers, QUIT, and only then tell each browser
    // why (4003), so its transcript shows the QUIT.
    preClose(done) {
      shutdownSessions(app, config.shutdownGraceMs).then(
        () => app.websocketServer.close(() => done()),
        (err: unknown) => done(err instanceof Error ? err : new Error(String(err))),
      );
    },
  });
  // Before any route: a route keeps the error handler in force when it was added.
  await registerHttpErrors(app);
  registerRequestLog(app);
  await app.register(security, { config });

  registerHealth(app, sessions, started);
  registerConfigRoute(app, config);
  registerDownload(app, sessions);
  await app.register(async (scope) => registerGateway(scope, sessions, app));

  if (config.webRoot && existsSync(config.webRoot)) {
    await app.register(fastifyStatic, { root: config.webRoot, index: 'index.html' });
  }

  // Sessions that outlived the WebSocket server (none normally) still get their QUIT.
  app.addHook('onClose', async () => {
    await sessions.closeAll();
  });
  return app;
}

/**
 * Graceful shutdown of the sessions: refuse new sessions and transfers, let
 * running transfers finish within `graceMs` (then ABOR them), QUIT every FTP
 * connection, flush the transcript, and close each browser's socket with 4003.
 */
export async function shutdownSessions(app: FastifyInstance, graceMs: number): Promise<void> {
  const sessions = app.sessions;
  if (sessions.shuttingDown && sessions.size === 0) return;
  await sessions.drain(graceMs);
  await sessions.closeAll();
  // The transcript flushes on the next tick; let the last lines (QUIT, 221) reach the browsers.
  await new Promise((r) => setImmediate(r));
  closeAllSockets(app);
}
