/**
 * A data socket as passive.ts opens one for a ring download: paused, reading
 * into a fresh {@link ReadRing}, connected to a loopback test server; and
 * such servers.
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

const payloadServers: net.Server[] = [];

/**
 * A loopback server that sends `payload` to each connection (in `step`-sized
 * writes) and closes; returns its port. Close them with {@link closePayloadServers}.
 */
export async function servePayload(payload: Buffer, step = payload.length): Promise<number> {
  const server = net.createServer((sock) => {
    sock.on('error', () => undefined);
    for (let at = 0; at < payload.length; at += step) sock.write(payload.subarray(at, at + step));
    sock.end();
  });
  payloadServers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

/** Closes every server {@link servePayload} started. */
export function closePayloadServers(): void {
  for (const s of payloadServers.splice(0)) s.close();
}
