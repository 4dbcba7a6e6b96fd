/**
 * Active data connections (PORT / EPRT): we listen, the server connects.
 *
 * Port stealing defence (RFC 2577 §5): exactly one connection is accepted,
 * only from the control peer's IP, within the connect timeout; other peers
 * are dropped with a `blocked` status line, and the listener closes as soon
 * as the right peer arrives. The announced address is always our own, so
 * the engine can never be used for a bounce.
 */
import net from 'node:net';
import { FtpError, FtpErrorCodes } from '../errors.ts';
import { plainAddress } from '../control/ControlConnection.ts';
import type { DataContext, PreparedData } from './channel.ts';
import { finishDataSocket, guardErrors } from './channel.ts';

function listenOn(address: string, port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ host: address, port, exclusive: true }, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/** Listens on the first free port of `range` (or an ephemeral port). */
async function listen(address: string, range: [number, number] | undefined): Promise<net.Server> {
  if (!range) return listenOn(address, 0);
  const [lo, hi] = range;
  const span = hi - lo + 1;
  // Start at a random offset so parallel clients do not race for the same port.
  const first = Math.floor(Math.random() * span);
  let lastError: unknown;
  for (let i = 0; i < span; i += 1) {
    try {
      return await listenOn(address, lo + ((first + i) % span));
    } catch (err) {
      lastError = err;
    }
  }
  throw new FtpError(FtpErrorCodes.DATA_CONNECT, `No free port in ${lo}-${hi} on ${address}`, { cause: lastError });
}

/** `PORT h1,h2,h3,h4,p1,p2` for an IPv4 address. */
export function portCommand(address: string, port: number): string {
  return `PORT ${address.split('.').join(',')},${port >> 8},${port & 255}`;
}

/** `EPRT |af|addr|port|` (RFC 2428 §2). */
export function eprtCommand(address: string, port: number): string {
  return `EPRT |${net.isIPv6(address) ? 2 : 1}|${address}|${port}|`;
}

/**
 * Opens a listener and announces it. IPv4 uses PORT first (NAT ALGs rewrite
 * PORT but not EPRT) and falls back to EPRT; IPv6 can only use EPRT.
 * `ctx.activeCommand` picks the first one to try.
 */
export async function openActive(ctx: DataContext): Promise<PreparedData> {
  const address = ctx.activeAddress ?? ctx.control.localAddress;
  const server = await listen(address, ctx.portRange);
  const opened = Date.now();
  const port = (server.address() as net.AddressInfo).port;
  const peer = ctx.control.peerAddress;
  let accepted: net.Socket | undefined;
  // Some servers (pyftpdlib) connect as soon as PORT arrives, before the
  // transfer command, so listen for the connection from the start.
  let onAccept: (s: net.Socket) => void = () => undefined;
  const acceptedPromise = new Promise<net.Socket>((resolve) => {
    onAccept = resolve;
  });
  server.on('connection', (sock) => {
    guardErrors(sock);
    const from = plainAddress(sock.remoteAddress);
    if (accepted || from !== peer) {
      ctx.transcript.status(`Refused a data connection from ${from} (expected ${peer})`, {
        type: 'blocked',
        target: `${from}:${sock.remotePort ?? 0}`,
        reason: accepted ? 'a data connection was already accepted' : 'not the control peer',
      });
      sock.destroy();
      return;
    }
    accepted = sock;
    server.close();
    ctx.transcript.status(`Data connection open (active) from ${from}:${sock.remotePort ?? 0}`, {
      type: 'data-open',
      mode: 'active',
      initiator: 'server',
      localAddress: plainAddress(sock.localAddress),
      localPort: sock.localPort ?? 0,
      remoteAddress: from,
      remotePort: sock.remotePort ?? 0,
    });
    onAccept(sock);
  });
  try {
    await announce(ctx, address, port);
  } catch (err) {
    server.close();
    throw err;
  }
  const connect = async (): Promise<net.Socket> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        server.close();
        reject(new FtpError(FtpErrorCodes.TIMEOUT, `The server did not connect to ${address}:${port} within ${ctx.connectTimeoutMs} ms`, { phase: 'data-connect' }));
      }, ctx.connectTimeoutMs);
    });
    try {
      const sock = await Promise.race([acceptedPromise, timeout]);
      return await finishDataSocket(ctx, sock);
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    mode: 'active',
    opened,
    connect,
    close: () => {
      server.close();
      accepted?.destroy();
    },
    isOpen: () => accepted !== undefined,
  };
}

async function announce(ctx: DataContext, address: string, port: number): Promise<void> {
  const v6 = net.isIPv6(address);
  const order: Array<'PORT' | 'EPRT'> = v6 ? ['EPRT'] : [ctx.memory.active ?? ctx.activeCommand ?? 'PORT'];
  if (!v6) order.push(order[0] === 'PORT' ? 'EPRT' : 'PORT');
  let last = '';
  for (const verb of order) {
    const r = await ctx.session.request(verb === 'PORT' ? portCommand(address, port) : eprtCommand(address, port));
    if (r.code >= 200 && r.code < 300) {
      const first = order[0] ?? verb;
      if (first !== verb) {
        ctx.transcript.status(`Falling back from ${first} to ${verb}`, { type: 'fallback', from: first, to: verb, reason: last });
      }
      ctx.memory.active = verb;
      return;
    }
    last = `${verb} answered ${r.code}`;
    ctx.transcript.status(last);
  }
  throw new FtpError(FtpErrorCodes.DATA_CONNECT, `The server refused active mode (${last})`);
}
