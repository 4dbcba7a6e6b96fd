/**
 * TLS for the control and data connections: one policy for both.
 *
 * We always let Node finish the handshake with `rejectUnauthorized: false`
 * and then decide ourselves, before a single byte is written. That is what
 * lets an untrusted certificate come back as FTP_ERR_CERT_UNTRUSTED carrying
 * the certificate (for a trust prompt), and lets a fingerprint pin accept a
 * self-signed certificate while refusing every other one.
 */
import tls from 'node:tls';
import type net from 'node:net';
import { FtpError, FtpErrorCodes, type CertificateInfo } from '../errors.ts';
import type { FtpTlsOptions, TranscriptDetail } from '../types.ts';

/** What a connection needs to run TLS. */
export interface TlsContext {
  options: FtpTlsOptions;
  /** Name checked against the certificate (the control host, also for data connections). */
  servername: string;
}

/** Normalises `AB:cd:…` or `abcd…` to upper-case colon-less hex. */
export function normalizeFingerprint(fp: string): string {
  return fp.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
}

function isIp(name: string): boolean {
  return /^[\d.]+$/.test(name) || name.includes(':');
}

/** Options for `tls.connect`, with verification deferred to {@link verifyPeer}. */
export function connectOptions(ctx: TlsContext, extra: tls.ConnectionOptions): tls.ConnectionOptions {
  const o = ctx.options;
  const opts: tls.ConnectionOptions = {
    ...extra,
    rejectUnauthorized: false,
    minVersion: o.minVersion ?? 'TLSv1.2',
    // Node checks the name it dialled (or `localhost` on an upgraded socket);
    // always check the control host name instead, on control and data alike.
    checkServerIdentity: (_name, cert) => tls.checkServerIdentity(ctx.servername, cert),
  };
  if (o.maxVersion) opts.maxVersion = o.maxVersion;
  if (o.ca) opts.ca = o.ca;
  // SNI must not carry an IP literal (RFC 6066 §3).
  if (!isIp(ctx.servername)) opts.servername = ctx.servername;
  return opts;
}

function certificateInfo(cert: tls.PeerCertificate, reason: string): CertificateInfo {
  const name = (o: unknown): string =>
    o && typeof o === 'object'
      ? Object.entries(o as Record<string, unknown>)
          .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`)
          .join(', ')
      : '';
  return {
    subject: name(cert.subject),
    issuer: name(cert.issuer),
    validFrom: cert.valid_from ?? '',
    validTo: cert.valid_to ?? '',
    fingerprint256: cert.fingerprint256 ?? '',
    reason,
  };
}

/**
 * Applies the trust policy to a finished handshake. Throws
 * FTP_ERR_CERT_UNTRUSTED (with the certificate) when the peer is not trusted.
 */
export function verifyPeer(socket: tls.TLSSocket, ctx: TlsContext): void {
  // A resumed session can only come from a ticket of a connection we already
  // verified; under TLS 1.3 the server does not even resend its certificate.
  if (socket.isSessionReused()) return;
  const o = ctx.options;
  const cert = socket.getPeerCertificate();
  if (o.fingerprint256) {
    const got = normalizeFingerprint(cert.fingerprint256 ?? '');
    if (got !== '' && got === normalizeFingerprint(o.fingerprint256)) return;
    throw untrusted(cert, 'FINGERPRINT_MISMATCH');
  }
  if (o.rejectUnauthorized === false) return;
  if (!socket.authorized) {
    const reason = socket.authorizationError instanceof Error ? socket.authorizationError.message : String(socket.authorizationError ?? 'UNTRUSTED');
    throw untrusted(cert, reason);
  }
  const nameError = tls.checkServerIdentity(ctx.servername, cert);
  if (nameError) throw untrusted(cert, (nameError as NodeJS.ErrnoException).code ?? 'ERR_TLS_CERT_ALTNAME_INVALID');
}

function untrusted(cert: tls.PeerCertificate, reason: string): FtpError {
  return new FtpError(FtpErrorCodes.CERT_UNTRUSTED, `The server certificate is not trusted (${reason})`, {
    certificate: certificateInfo(cert, reason),
  });
}

/**
 * Runs the TLS handshake over an existing socket (or a new TCP connection
 * when `socket` is absent, for implicit FTPS), then verifies the peer.
 */
export function startTls(
  ctx: TlsContext,
  extra: tls.ConnectionOptions,
  timeoutMs: number,
  onSession?: (session: Buffer) => void,
): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const sock = tls.connect(connectOptions(ctx, extra));
    // TLS 1.2 emits its session during the handshake, TLS 1.3 tickets come
    // after it; listen from the first byte so neither is missed.
    if (onSession) sock.on('session', onSession);
    const timer = setTimeout(() => {
      fail(new FtpError(FtpErrorCodes.TIMEOUT, `TLS handshake took longer than ${timeoutMs} ms`, { phase: 'tls' }));
    }, timeoutMs);
    const fail = (err: Error): void => {
      clearTimeout(timer);
      sock.destroy();
      reject(err instanceof FtpError ? err : new FtpError(FtpErrorCodes.TLS, `TLS handshake failed: ${err.message}`, { cause: err }));
    };
    sock.once('error', fail);
    sock.once('secureConnect', () => {
      clearTimeout(timer);
      sock.off('error', fail);
      try {
        verifyPeer(sock, ctx);
      } catch (err) {
        sock.destroy();
        reject(err);
        return;
      }
      resolve(sock);
    });
  });
}

/** The status-line facts of a finished handshake. */
export function tlsDetail(sock: tls.TLSSocket, channel: 'control' | 'data'): TranscriptDetail & { type: 'tls' } {
  const cipher = sock.getCipher();
  const cert = sock.getPeerCertificate();
  const detail: TranscriptDetail & { type: 'tls' } = {
    type: 'tls',
    version: sock.getProtocol() ?? 'unknown',
    cipher: cipher.name,
    resumed: sock.isSessionReused(),
    channel,
  };
  if (cert.fingerprint256) detail.fingerprint256 = cert.fingerprint256;
  return detail;
}

/** Human text for {@link tlsDetail}. */
export function tlsStatusText(d: TranscriptDetail & { type: 'tls' }): string {
  return `TLS on ${d.channel} connection: ${d.version}, ${d.cipher}, session ${d.resumed ? 'resumed' : 'new'}`;
}

/** Type guard kept here so callers need not import node:tls. */
export function isTlsSocket(s: net.Socket): s is tls.TLSSocket {
  return (s as tls.TLSSocket).encrypted === true;
}
