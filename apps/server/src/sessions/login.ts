/**
 * Opening a session's FTP connections: the pool, whose clients all feed the
 * session's transcript, and the login on its browsing connection, which
 * tells where the session starts and what the server offers.
 */
import { FtpClient, type TranscriptEvent } from '@ftpdeck/ftp-engine';
import type { SessionState, WireTranscriptDetail } from '@ftpdeck/protocol';
import type { ServerConfig } from '../config.ts';
import { clientOptions, loginUser, targetPort, type ConnectParams } from './clientOptions.ts';
import { ConnectionPool } from './ConnectionPool.ts';

/** Where a session's connections report. */
export interface PoolHooks {
  /** Every transcript event of every connection. */
  transcript: (event: TranscriptEvent) => void;
  /** A connection's guess of the charset its names are in. */
  charset: (charset: string) => void;
  /** The pool shrank or went shared (a transcript status line). */
  note: (text: string, detail: WireTranscriptDetail) => void;
}

/**
 * A pool for `params` whose connections go to `address` (the target the
 * policy resolved and allowed: data connections are pinned to it). Nothing
 * is connected yet. Throws when the engine refuses the options.
 */
export function newPool(params: ConnectParams, config: ServerConfig, address: string, hooks: PoolHooks): ConnectionPool {
  let pool: ConnectionPool | undefined;
  const factory = (label: string): FtpClient => {
    const options = clientOptions(params, config, address, label);
    // A transfer connection logs in to the same address as the same user with
    // the same TLS setting, so what FEAT and SYST told the browsing connection
    // holds for it too: two round trips fewer each time the pool opens one.
    // A browsing connection (the first, or a reconnect) always asks.
    const browse = label === 'browse' ? undefined : pool?.browse;
    if (browse?.isConnected) options.knownFeatures = browse.features();
    const client = new FtpClient(options);
    client.on('transcript', hooks.transcript);
    client.on('charset', hooks.charset);
    return client;
  };
  pool = new ConnectionPool(factory, config.transferConnections, { note: hooks.note });
  return pool;
}

/**
 * Logs the pool's browsing connection in: the working directory the server
 * starts in, and the connected state the page is given (with the features).
 */
export async function logIn(pool: ConnectionPool, params: ConnectParams): Promise<{ cwd: string; state: SessionState }> {
  await pool.browse.connect();
  const cwd = await pool.browse.pwd();
  const features = await pool.browse.features();
  const state: SessionState = {
    status: 'connected',
    host: params.host,
    port: targetPort(params),
    user: loginUser(params),
    secure: params.secure,
    cwd,
    features: [...features.features.keys()],
    encoding: params.encoding,
  };
  if (features.system !== undefined) state.system = features.system;
  return { cwd, state };
}
