/**
 * The engine options of one FTP connection of a session, from what the
 * browser asked for, the server's settings and the address the target
 * policy resolved. Every connection of a session (browsing, transfers,
 * reconnects) is built from the same call, so they share credentials, the
 * pinned address and the server's time zone.
 */
import type { FtpClientOptions } from '@ftpdeck/ftp-engine';
import type { ParsedRequestOf } from '@ftpdeck/protocol';
import type { ServerConfig } from '../config.ts';

/** The browser's connect parameters, as validated at the WebSocket boundary. */
export type ConnectParams = ParsedRequestOf<'connect'>['params'];

/** The port to dial: the one asked for, else 990 for implicit FTPS and 21 otherwise. */
export function targetPort(params: ConnectParams): number {
  return params.port ?? (params.secure === 'implicit' ? 990 : 21);
}

/** The user name to log in with: blank means anonymous. */
export function loginUser(params: ConnectParams): string {
  return params.user?.trim() ? params.user : 'anonymous';
}

/**
 * Options for one connection. `address` is the policy's resolved IP: the
 * engine dials it (and checks data connections against it) instead of
 * resolving `host` again, so DNS cannot change the target after the check.
 */
export function clientOptions(
  params: ConnectParams,
  config: Pick<ServerConfig, 'keepAliveMs' | 'transferKeepAliveMs' | 'activeAddress' | 'maxListEntries'>,
  address: string,
  label: string,
): FtpClientOptions {
  const user = loginUser(params);
  return {
    host: params.host,
    address,
    port: targetPort(params),
    user,
    password: params.password ?? (user === 'anonymous' ? 'anonymous@' : ''),
    secure: params.secure,
    dataMode: params.dataMode,
    encoding: params.encoding,
    connectionLabel: label,
    keepAliveMs: config.keepAliveMs,
    transferKeepAliveMs: config.transferKeepAliveMs,
    // The cap on what a page is shown, applied while a listing arrives: a
    // hostile server's millions of short lines are refused before they are
    // parsed into entries, which would cost the relay gigabytes of heap.
    limits: { maxListingLines: config.maxListEntries },
    ...(params.trustFingerprint ? { tls: { fingerprint256: params.trustFingerprint } } : {}),
    // Like the password: handed to the engine, which masks ACCT in the transcript; never logged or echoed.
    ...(params.account ? { account: params.account } : {}),
    ...(params.virtualHost ? { virtualHost: true } : {}),
    // Every connection of the session is built here, so all shift LIST times alike.
    ...(params.serverTimezone !== undefined ? { serverTimezoneOffsetMinutes: params.serverTimezone } : {}),
    ...(config.activeAddress ? { activeAddress: config.activeAddress } : {}),
  };
}
