/**
 * Starts a built app on a free loopback port, as the tests need it.
 */
import type { FastifyInstance } from 'fastify';

/** Listens on 127.0.0.1 with a port the OS picks; returns `127.0.0.1:<port>`. */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return `127.0.0.1:${address.port}`;
}
