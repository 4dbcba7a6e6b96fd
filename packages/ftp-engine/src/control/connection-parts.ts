/**
 * The plain parts of a control connection: where it goes, the settings it
 * keeps, and two helpers other modules share. Kept apart so
 * ControlConnection.ts holds only the connection's behaviour.
 */
import net from 'node:net';
import { FtpError, FtpErrorCodes } from '../errors.ts';
import type { NameCodec } from '../external.ts';
import type { FramerLimits } from './replies.ts';
import { startTls, type TlsContext } from './tls.ts';
import type { Transcript } from './transcript.ts';

/** Where to connect. */
export interface ControlTarget {
  host: string;
  /** Pre-resolved address to dial instead of `host`. */
  address?: string;
  port: number;
  /** Present for implicit FTPS: TLS starts before the greeting. */
  implicitTls?: TlsContext;
}

/** Settings fixed for the connection's lifetime. */
export interface ControlOptions {
  transcript: Transcript;
  /** Current name codec (it can change after FEAT). */
  codec: () => NameCodec;
  connectTimeoutMs: number;
  replyTimeoutMs: number;
  limits: FramerLimits;
}

/** Strips the IPv4-mapped prefix so addresses compare and print plainly. */
export function plainAddress(addr: string | undefined): string {
  if (!addr) return '';
  return addr.startsWith('::ffff:') && addr.includes('.') ? addr.slice(7) : addr;
}

/** Wraps anything thrown into an FtpError with `fallback` as code. */
export function toFtpError(err: unknown, fallback: FtpError['code']): FtpError {
  if (err instanceof FtpError) return err;
  const e = err instanceof Error ? err : new Error(String(err));
  return new FtpError(fallback, e.message, { cause: e });
}

/**
 * Opens the control socket: TLS first for implicit FTPS, else plain TCP.
 * `onPlainSocket` gets a plain socket before it connects, so a connect
 * timeout can destroy it.
 */
export function dialControl(
  address: string,
  target: ControlTarget,
  connectTimeoutMs: number,
  onSession: (session: Buffer) => void,
  onPlainSocket: (sock: net.Socket) => void,
): Promise<net.Socket> {
  if (target.implicitTls) {
    return startTls(target.implicitTls, { host: address, port: target.port }, connectTimeoutMs, onSession);
  }
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: address, port: target.port });
    onPlainSocket(sock);
    const onError = (err: Error): void => {
      reject(new FtpError(FtpErrorCodes.CONNECT, `Cannot connect to ${address}:${target.port}: ${err.message}`, { cause: err }));
    };
    sock.once('connect', () => {
      sock.off('error', onError);
      resolve(sock);
    });
    sock.once('error', onError);
  });
}
