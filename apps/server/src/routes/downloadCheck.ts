/**
 * The check of a single-file download the page is shown, once the browser
 * has every byte (routes/download.ts): the relay hashes the bytes as they
 * pass (the engine's `onData`), so the check costs one command and no second
 * read, and compares with the FTP server's hash when it offers one, of the
 * tail for a Range (sessions/verify.ts). Without one, the byte count that
 * matched SIZE is the check.
 */
import type { FtpClient } from '@ftpdeck/ftp-engine';
import { ServerErrorCodes } from '@ftpdeck/protocol';
import type { DownloadChecked, DownloadTrack } from '../sessions/Downloads.ts';
import type { Session } from '../sessions/Session.ts';
import { ServerError } from '../sessions/toWire.ts';
import { StreamingHash, hashCarries, planHash, verifyDownload, type SentHash } from '../sessions/verify.ts';

/**
 * The hash to take of a download of `path` from `offset` on; undefined when
 * the server offers none that fits (a range, or a path HASH cannot name,
 * needs an X command).
 */
export function downloadHash(client: FtpClient, path: string, offset: number): SentHash | undefined {
  const plan = planHash(client.features().features, { xOnly: offset > 0 || !hashCarries(path) });
  return plan ? { plan, local: new StreamingHash(plan.algo), from: offset } : undefined;
}

/**
 * A delivered download against the FTP server's copy (verify.ts): the hash
 * of what went to the browser, or its size alone when no hash is to be had.
 * A hash that differs fails the download (the browser's copy is not the
 * server's file), and the transcript gets both hashes.
 */
export async function checkDownload(session: Session, client: FtpClient, path: string, size: number, hash: SentHash | undefined, track: DownloadTrack): Promise<DownloadChecked> {
  if (hash) track.verifying(hash.local.algo);
  const check = await verifyDownload(client, path, size, hash);
  if (typeof check.verified === 'string') {
    session.status(`Download check failed: ${path}: ${check.verified}`, 'error');
    throw new ServerError(ServerErrorCodes.DOWNLOAD_MISMATCH, `${path}: the file received does not match the FTP server's copy (${check.verified})`, true);
  }
  return {
    ...(check.verified ? { verified: true as const } : {}),
    ...(check.verifiedBy ? { verifiedBy: check.verifiedBy } : {}),
    ...(check.verifiedFrom !== undefined ? { verifiedFrom: check.verifiedFrom } : {}),
  };
}
