/** GET /healthz: liveness for load balancers and docker-compose, with a few gauges. */
import type { FastifyInstance } from 'fastify';
import type { SessionManager } from '../sessions/SessionManager.ts';

/** Registers GET /healthz. `started` is when the app was built (ms since the epoch). */
export function registerHealth(app: FastifyInstance, sessions: SessionManager, started: number): void {
  app.get('/healthz', async (_req, reply) => {
    if (sessions.shuttingDown) reply.code(503);
    return {
      ok: !sessions.shuttingDown,
      sessions: sessions.size,
      attached: sessions.attachedCount,
      uptimeSeconds: Math.round((Date.now() - started) / 1000),
      rssBytes: process.memoryUsage.rss(),
    };
  });
}
