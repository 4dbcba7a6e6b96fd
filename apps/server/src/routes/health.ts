/** GET /healthz: liveness for load balancers and docker-compose. */
import type { FastifyInstance } from 'fastify';
import type { SessionManager } from '../sessions/SessionManager.ts';

export function registerHealth(app: FastifyInstance, sessions: SessionManager): void {
  app.get('/healthz', async () => ({ ok: true, sessions: sessions.size }));
}
