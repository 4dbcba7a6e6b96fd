/**
 * A data socket as passive.ts opens one for a ring download: paused, reading
 * into a fresh {@link ReadRing}, connected to a loopback test server.
 */
import net from 'node:net';
import { ReadRing } from '../../src/data/ring.ts';

/** Connects to 127.0.0.1:`port` with a new ring; resolves once connected. */
export async function connectWithRing(port: number): Promise<{ sock: net.Socket; ring: ReadRing }> {
  const ring = new ReadRing();
  const sock = net.connect({ host: '127.0.0.1', port, onread: ring.onread });
  sock.pause();
  sock.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    sock.once('connect', resolve);
    sock.once('error', reject);
  });
  return { sock, ring };
}
