/** GET /api/config: what the UI needs before connecting (demo target, whether login is required). */
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../config.ts';

export function registerConfigRoute(app: FastifyInstance, config: ServerConfig): void {
  app.get('/api/config', async () => ({
    ...(config.demo ? { demo: config.demo } : {}),
    authRequired: config.accessToken !== undefined,
  }));
}
