/**
 * Is the server's shorter file the start of the local one? Offering Resume
 * on sizes alone let a different, smaller file of the same name become the
 * head of a mix of both, reported done and size-verified (review 10). So
 * before Resume is offered, the last bytes the server holds (up to
 * {@link TAIL_BYTES}) are fetched with a Range download and compared with
 * the local file's bytes at the same place. A partial upload of this file
 * matches; another file almost never does.
 */
import type { RequestFn } from './types.ts';
import type { BlobLike } from './uploader.ts';

/** How many of the server's last bytes are compared. */
export const TAIL_BYTES = 64 * 1024;

/**
 * True when the server's `remoteSize` bytes end as the local file's first
 * `remoteSize` bytes do, false when they differ, undefined when it cannot
 * be told (the download failed, the server ignored the range).
 */
export async function serverHoldsStartOf(request: RequestFn, path: string, local: BlobLike, remoteSize: number): Promise<boolean | undefined> {
  if (remoteSize <= 0) return true;
  const start = Math.max(0, remoteSize - TAIL_BYTES);
  try {
    // `fetched`: read here, not a download of the user's; the transfers panel shows no row for it.
    const { url } = await request({ type: 'download-link', paths: [path], fetched: true });
    const res = await fetch(url, { headers: { Range: `bytes=${start}-` }, credentials: 'same-origin' });
    // Anything but the range asked for (a 200 with the whole file, an error) says nothing here.
    if (res.status !== 206) {
      await res.body?.cancel();
      return undefined;
    }
    const remote = new Uint8Array(await res.arrayBuffer());
    const mine = new Uint8Array(await local.slice(start, remoteSize).arrayBuffer());
    if (remote.length !== mine.length) return false;
    for (let i = 0; i < mine.length; i += 1) if (remote[i] !== mine[i]) return false;
    return true;
  } catch {
    return undefined;
  }
}
