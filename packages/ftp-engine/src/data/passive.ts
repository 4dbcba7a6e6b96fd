/**
 * Passive data connections: EPSV first, PASV as fallback.
 *
 * The 227 address is ignored by default and the control peer used instead
 * (RFC 2577 bounce/SSRF, and the usual NAT misconfiguration); EPSV carries
 * only a port. EPSV falls back to PASV both when the server refuses it and
 * when its data connection cannot be made, and the choice sticks per client.
 *
 * When FEAT listed PRET, `PRET <transfer command>` goes before each EPSV and
 * PASV: a fallback to PASV announces the transfer again, since the EPSV may
 * already have used up the first announcement.
 */
import net from 'node:net';
import { FtpError, FtpErrorCodes } from '../errors.ts';
import type { Reply } from '../control/session.ts';
import type { DataContext, PreparedData } from './channel.ts';
import { finishDataSocket, guardErrors } from './channel.ts';
import { ReadRing } from './ring.ts';

/** Host and port from a 227 reply. */
export interface PasvTarget {
  host: string;
  port: number;
}

/**
 * Parses a 227 reply: scans for the first run of six comma-separated
 * numbers anywhere in the text (RFC 1123 §4.1.2.6), each 0–255, and a port
 * in 1–65535. Throws FTP_ERR_PASV_UNPARSABLE otherwise (never masks values).
 */
export function parsePasvReply(text: string): PasvTarget {
  const m = /(-?\d+)\s*,\s*(-?\d+)\s*,\s*(-?\d+)\s*,\s*(-?\d+)\s*,\s*(-?\d+)\s*,\s*(-?\d+)/.exec(text);
  if (!m) throw unparsable(text, 'no six numbers found');
  const n = m.slice(1, 7).map(Number);
  if (n.some((x) => !Number.isInteger(x) || x < 0 || x > 255)) throw unparsable(text, 'a number is outside 0–255');
  const port = (n[4] ?? 0) * 256 + (n[5] ?? 0);
  if (port < 1) throw unparsable(text, 'port 0 is not a port');
  return { host: n.slice(0, 4).join('.'), port };
}

/**
 * Parses a 229 reply `(<d><d><d>port<d>)` where `<d>` is any printable
 * character 33–126, all four the same (RFC 2428 §3; `!` on IBM i/z/OS).
 */
export function parseEpsvReply(text: string): number {
  const m = /\(([\x21-\x7e])\1\1(\d{1,5})\1\)/.exec(text);
  if (!m) throw unparsable(text, 'no (|||port|) found');
  const port = Number(m[2]);
  if (port < 1 || port > 65535) throw unparsable(text, 'port out of range');
  return port;
}

function unparsable(text: string, why: string): FtpError {
  return new FtpError(FtpErrorCodes.PASV_UNPARSABLE, `Cannot use the passive reply (${why}): ${text}`, { replyText: text });
}

/** A TCP data socket, with the ring it reads into when one was asked for. */
interface Connected {
  sock: net.Socket;
  ring?: ReadRing;
}

function connectTcp(host: string, port: number, timeoutMs: number, withRing: boolean): Promise<Connected> {
  return new Promise((resolve, reject) => {
    const ring = withRing ? new ReadRing() : undefined;
    const sock = net.connect(ring ? { host, port, onread: ring.onread } : { host, port });
    // Not one byte may be read before the transfer has a place for it: the
    // socket starts reading only when the transfer resumes it.
    if (ring) {
      sock.pause();
      sock.once('close', () => ring.retire());
    }
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new FtpError(FtpErrorCodes.TIMEOUT, `Data connection to ${host}:${port} not made within ${timeoutMs} ms`, { phase: 'data-connect' }));
    }, timeoutMs);
    sock.once('connect', () => {
      clearTimeout(timer);
      sock.off('error', onError);
      guardErrors(sock);
      resolve(ring ? { sock, ring } : { sock });
    });
    const onError = (err: Error): void => {
      clearTimeout(timer);
      reject(new FtpError(FtpErrorCodes.DATA_CONNECT, `Cannot open the data connection to ${host}:${port}: ${err.message}`, { cause: err }));
    };
    sock.once('error', onError);
  });
}

/** True for a negative reply that means "this command is not available". */
function refused(r: Reply): boolean {
  return r.code >= 400;
}

/**
 * Announces the coming transfer command. A refusal ends the transfer: a
 * server that lists PRET and then refuses it would not serve the transfer
 * without it. FTP_ERR_REPLY with the reply code, like other refused
 * commands, because the session stays usable.
 */
async function announce(ctx: DataContext, pret: string | undefined): Promise<void> {
  if (pret === undefined || !ctx.memory.pret) return;
  const r = await ctx.session.request(`PRET ${pret}`);
  if (r.code >= 200 && r.code < 300) return;
  throw new FtpError(FtpErrorCodes.REPLY, `The server refused PRET ${pret.split(' ')[0] ?? pret}, which it needs before passive mode: ${r.text}`, {
    ftpCode: r.code,
    replyText: r.text,
  });
}

async function tryEpsv(ctx: DataContext, withRing: boolean, pret: string | undefined): Promise<Connected | string> {
  await announce(ctx, pret);
  const r = await ctx.session.request('EPSV');
  if (r.code !== 229) return `EPSV answered ${r.code}`;
  let port: number;
  try {
    port = parseEpsvReply(r.text);
  } catch (err) {
    return (err as Error).message;
  }
  try {
    return await connectTcp(ctx.control.peerAddress, port, ctx.connectTimeoutMs, withRing);
  } catch (err) {
    return `EPSV data connection failed: ${(err as Error).message}`;
  }
}

async function viaPasv(ctx: DataContext, withRing: boolean, pret: string | undefined): Promise<Connected> {
  await announce(ctx, pret);
  const r = await ctx.session.request('PASV');
  if (refused(r) || r.code !== 227) {
    throw new FtpError(FtpErrorCodes.DATA_CONNECT, `The server refused passive mode: ${r.text}`, { ftpCode: r.code, replyText: r.text });
  }
  const announced = parsePasvReply(r.text);
  const peer = ctx.control.peerAddress;
  let host = peer;
  if (ctx.trustPasvAddress && announced.host !== '0.0.0.0') {
    host = announced.host;
  } else if (announced.host !== peer) {
    ctx.transcript.status(`The server announced ${announced.host} for passive mode; using the control peer ${peer} instead`, {
      type: 'pasv-address-replaced',
      announced: announced.host,
      used: peer,
    });
  }
  return connectTcp(host, announced.port, ctx.connectTimeoutMs, withRing);
}

/** How the passive data socket will be read. */
export interface PassiveOptions {
  /**
   * Read into a {@link ReadRing} (plain downloads). Ignored under PROT P:
   * TLS has to read the socket itself.
   */
  ring?: boolean;
  /**
   * The transfer command this connection is for (`RETR /a/b.bin`, `LIST`,
   * `MLSD`, `STOR x`), sent as `PRET <command>` before EPSV/PASV when FEAT
   * listed PRET. Unset: no PRET.
   */
  pret?: string;
}

/**
 * Negotiates passive mode and opens the TCP data connection. Must run inside
 * a control task, before the transfer command is sent.
 */
export async function openPassive(ctx: DataContext, opts: PassiveOptions = {}): Promise<PreparedData> {
  const withRing = opts.ring === true && !ctx.protectData;
  let conn: Connected | undefined;
  if (ctx.memory.passive !== 'PASV') {
    const got = await tryEpsv(ctx, withRing, opts.pret);
    if (typeof got === 'string') {
      ctx.memory.passive = 'PASV';
      ctx.transcript.status(`Falling back from EPSV to PASV: ${got}`, { type: 'fallback', from: 'EPSV', to: 'PASV', reason: got });
    } else {
      ctx.memory.passive = 'EPSV';
      conn = got;
    }
  }
  conn ??= await viaPasv(ctx, withRing, opts.pret);
  const ready = conn.sock;
  const opened = Date.now();
  ctx.transcript.status(`Data connection open (passive) to ${ready.remoteAddress}:${ready.remotePort}`, {
    type: 'data-open',
    mode: 'passive',
    initiator: 'client',
    localAddress: ready.localAddress ?? '',
    localPort: ready.localPort ?? 0,
    remoteAddress: ready.remoteAddress ?? '',
    remotePort: ready.remotePort ?? 0,
  });
  const prepared: PreparedData = {
    mode: 'passive',
    opened,
    connect: () => finishDataSocket(ctx, ready),
    close: () => ready.destroy(),
    isOpen: () => true,
  };
  if (conn.ring) {
    prepared.ring = conn.ring;
    prepared.socket = ready;
  }
  return prepared;
}
