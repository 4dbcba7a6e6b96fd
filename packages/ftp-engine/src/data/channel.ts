/**
 * What passive and active data connections share: the context they run in,
 * the handle they return, and TLS (PROT P) on the data socket with session
 * reuse, which is what binds the data connection to the authenticated
 * control session (RFC 4217 §10; vsftpd `require_ssl_reuse`).
 */
import type net from 'node:net';
import type tls from 'node:tls';
import type { ControlConnection } from '../control/ControlConnection.ts';
import type { ControlSession } from '../control/session.ts';
import { startTls, tlsDetail, tlsStatusText } from '../control/tls.ts';
import type { Transcript } from '../control/transcript.ts';
import type { ReadRing } from './ring.ts';

/** Per-client memory of what worked. */
export interface DataMemory {
  /** Passive command that works; undefined until tried. */
  passive?: 'EPSV' | 'PASV';
  /** Active command that works; undefined until tried. */
  active?: 'EPRT' | 'PORT';
  /**
   * FEAT listed PRET (set at logon): the transfer command is announced with
   * `PRET` before every EPSV/PASV, because servers that list it (distributed
   * ones such as drftpd pick the data node from it) may refuse passive mode
   * without it.
   */
  pret?: boolean;
  /**
   * False once the server refused a keepalive NOOP sent during a transfer
   * (Pure-FTPd: 500): later transfers on this connection send none.
   */
  noopInTransfer?: boolean;
}

/** Everything a data connection needs from its client. */
export interface DataContext {
  session: ControlSession;
  control: ControlConnection;
  transcript: Transcript;
  memory: DataMemory;
  connectTimeoutMs: number;
  trustPasvAddress: boolean;
  /** PROT P is in force: wrap data sockets in TLS. */
  protectData: boolean;
  activeAddress?: string;
  portRange?: [number, number];
  /** First active-mode command to try on IPv4. */
  activeCommand?: 'PORT' | 'EPRT';
}

/** A data connection negotiated but not yet carrying a transfer. */
export interface PreparedData {
  mode: 'passive' | 'active';
  /** When the TCP connection opened (passive) or the listener started (active). */
  opened: number;
  /**
   * Resolves to the socket to read or write, TLS-secured when PROT P is in
   * force. Call right after sending the transfer command.
   */
  connect(): Promise<net.Socket>;
  /** Releases the socket or listener. Safe to call more than once. */
  close(): void;
  /**
   * Whether a data connection opened (its "Data connection open" line is in
   * the transcript): always for passive; for active, once the server
   * connected, which some servers (pyftpdlib) do as soon as PORT arrives.
   */
  isOpen(): boolean;
  /**
   * Set when the plain TCP socket reads into this ring (`onread`) instead of
   * emitting stream chunks; the transfer must then consume it through the ring.
   */
  ring?: ReadRing;
  /**
   * Set with {@link ring}: that plain TCP socket, for a consumer that starts
   * before {@link connect} resolves (a ring download on hold).
   */
  socket?: net.Socket;
}

/** Wraps a connected data socket in TLS when needed, reusing the control session. */
export async function finishDataSocket(ctx: DataContext, sock: net.Socket): Promise<net.Socket> {
  guardErrors(sock);
  const tlsCtx = ctx.control.tlsContext;
  if (!ctx.protectData || !tlsCtx) return sock;
  const extra: tls.ConnectionOptions = { socket: sock };
  if (ctx.control.tlsSession) extra.session = ctx.control.tlsSession;
  // TLS 1.3 tickets are single-use and arrive after the handshake: keep the
  // newest one from any socket so the next data connection can resume.
  const secure = await startTls(tlsCtx, extra, ctx.connectTimeoutMs, (s) => {
    ctx.control.tlsSession = s;
  });
  guardErrors(secure);
  const d = tlsDetail(secure, 'data');
  ctx.transcript.status(tlsStatusText(d), d);
  return secure;
}

/**
 * Data sockets can still emit errors after the transfer is decided (a TLS
 * alert during shutdown, a reset after the last byte). While a transfer runs,
 * `pipeline` reports errors; this listener only keeps late ones from
 * becoming uncaught exceptions.
 */
export function guardErrors(sock: net.Socket): void {
  sock.on('error', () => undefined);
}
