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
import security from './plugins/security.ts';
import { TargetPolicy } from './policy/targetPolicy.ts';
import { registerConfigRoute } from './routes/config.ts';
import { registerDownload } from './routes/download.ts';
import { registerHealth } from './routes/health.ts';
import { SessionManager } from './sessions/SessionManager.ts';
import { registerGateway } from './ws/gateway.ts';
import { MAX_TEXT_FRAME_BYTES } from '@ftpdeck/protocol';

declare module 'fastify' {
  interface FastifyInstance {
    sessions: SessionManager;
  }
}

/** Upload frames are at most this big (the browser sends 256 KiB chunks). */
const MAX_FRAME_BYTES = Math.max(MAX_TEXT_FRAME_BYTES, 1024 * 1024 + 16);

/** Builds the app without listening. */
export async function buildApp(config: ServerConfig): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Never log what could carry a secret: query strings hold session tokens.
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.query'],
      serializers: {
        req: (req) => ({ method: req.method, url: req.url.split('?')[0], remoteAddress: req.ip }),
      },
    },
    bodyLimit: 64 * 1024,
    trustProxy: false,
  });
  const sessions = new SessionManager({ config, policy: new TargetPolicy(config), log: app.log });
  app.decorate('sessions', sessions);

  await app.register(fastifyWebsocket, { options: { maxPayload: MAX_FRAME_BYTES } });
  await app.register(security, { config });

  registerHealth(app, sessions);
  registerConfigRoute(app, config);
  registerDownload(app, sessions);
  await app.register(async (scope) => registerGateway(scope, sessions));

  if (config.webRoot && existsSync(config.webRoot)) {
    await app.register(fastifyStatic, { root: config.webRoot, index: 'index.html' });
  }

  app.addHook('onClose', async () => {
    await sessions.closeAll();
  });
  return app;
}
