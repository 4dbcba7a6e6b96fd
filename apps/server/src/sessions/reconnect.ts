/**
 * Re-opens a session's browsing connection after the FTP server dropped it:
 * a few attempts with exponential backoff (0.5 s, 1 s, 2 s, 4 s, 8 s by
 * default), then the old working directory is restored. The caller swaps the
 * new client in; queued calls on the old one have already failed.
 */
import { FtpError, type FtpClient } from '@ftpdeck/ftp-engine';
import { isTooManyConnections, type ConnectionPool } from './ConnectionPool.ts';

/** Default pause before each attempt, in milliseconds. */
export const DEFAULT_RECONNECT_DELAYS_MS = [500, 1000, 2000, 4000, 8000];

/** Inputs of one reconnect run. */
export interface ReconnectOptions {
  /** Pause before each attempt; its length is the number of attempts. */
  delaysMs: number[];
  /** Working directory to restore, if known. */
  cwd?: string;
  /** Called before each attempt (for the transcript). */
  onAttempt?: (attempt: number, of: number, delayMs: number) => void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * Errors that no retry will fix: wrong credentials now, or a refused
 * certificate. A 530 that says the server has too many connections (ProFTPD's
 * MaxClientsPerUser) is a login refusal that a later try can get past.
 */
function isPermanent(err: unknown): boolean {
  if (isTooManyConnections(err)) return false;
  return err instanceof FtpError && (err.code === 'FTP_ERR_LOGIN' || err.code === 'FTP_ERR_HOST_REFUSED' || err.code === 'FTP_ERR_CERT_UNTRUSTED' || err.code === 'FTP_ERR_TLS_REFUSED');
}

/**
 * Connects a fresh browsing client from the pool's factory, retrying with
 * backoff. Resolves with the connected client (not yet swapped in); rejects
 * with the last error, or at once when the pool was closed meanwhile (the
 * user disconnected).
 */
export async function reconnectBrowse(pool: ConnectionPool, opts: ReconnectOptions): Promise<FtpClient> {
  let last: unknown = new FtpError('FTP_ERR_NOT_CONNECTED', 'no reconnect attempt was made');
  for (const [i, delay] of opts.delaysMs.entries()) {
    await sleep(delay);
    if (pool.closed) throw new FtpError('FTP_ERR_NOT_CONNECTED', 'the session was closed while reconnecting');
    opts.onAttempt?.(i + 1, opts.delaysMs.length, delay);
    const client = pool.newBrowse();
    try {
      await client.connect();
      if (opts.cwd !== undefined) {
        // A folder that vanished meanwhile is no reason to give up the session.
        await client.cd(opts.cwd).catch(() => undefined);
      }
      if (pool.closed) {
        client.destroy();
        throw new FtpError('FTP_ERR_NOT_CONNECTED', 'the session was closed while reconnecting');
      }
      return client;
    } catch (err) {
      client.destroy();
      last = err;
      if (pool.closed || isPermanent(err)) throw err;
    }
  }
  throw last;
}

/** True when `err` came from a connection that is gone (as opposed to a refused command). */
export function isConnectionLoss(err: unknown, client: FtpClient): boolean {
  return err instanceof FtpError && err.code !== 'FTP_ERR_REPLY' && err.code !== 'FTP_ERR_INVALID_ARGUMENT' && err.code !== 'FTP_ERR_COMMAND_REFUSED' && !client.isConnected;
}
