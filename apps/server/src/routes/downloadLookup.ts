/**
 * What a download link's paths are, asked on the pooled connection before a
 * response starts: each one a file (with its size) or a folder, or missing;
 * and the selected files' dates for a ZIP's entries.
 */
import type { FtpClient } from '@ftpdeck/ftp-engine';
import type { ZipItem } from '../zip/zipRemote.ts';

/**
 * A refusal means "not that", so the next question is asked; a connection
 * that is gone (the session ended meanwhile, the server hung up) is the
 * answer to every question, and must not read as "no such file".
 */
function orLost(client: FtpClient): (err: unknown) => undefined {
  return (err) => {
    if (!client.isConnected) throw err;
    return undefined;
  };
}

/** Learns what each selected path is: SIZE for files, the listing of the parent (or MLST) otherwise; stops between paths when `signal` fires. */
export async function classify(client: FtpClient, paths: string[], signal?: AbortSignal): Promise<Array<ZipItem | { path: string; missing: true }>> {
  const out: Array<ZipItem | { path: string; missing: true }> = [];
  for (const path of paths) {
    // A link of many paths asks about each: a download stopped meanwhile asks no more.
    signal?.throwIfAborted();
    if (path === '/' || /\/$/.test(path)) {
      out.push({ path, type: 'dir' });
      continue;
    }
    const size = await client.size(path).catch(orLost(client));
    if (size !== undefined) {
      out.push({ path, type: 'file', size });
      continue;
    }
    const entry = await client.stat(path).catch(orLost(client));
    if (!entry) out.push({ path, missing: true });
    else if (entry.type === 'dir') {
      out.push({ path, type: 'dir', ...(entry.modifiedAt ? { modifiedAt: entry.modifiedAt } : {}), ...(entry.modifiedPrecision ? { modifiedPrecision: entry.modifiedPrecision } : {}) });
    }
    else out.push({ path, type: 'file', ...(entry.size !== undefined ? { size: entry.size } : {}) });
  }
  return out;
}

/**
 * Modification times (MDTM) for the selected files SIZE classified, so their
 * ZIP entries carry real dates rather than the format's 1980 minimum. Files
 * found inside folders get theirs from the listing. Only where FEAT lists
 * MDTM, and not after the first time it gives none: each is a round trip
 * before the first byte, and on a distant server a hundred files would wait
 * seconds for dates the server cannot give.
 */
export async function addFileTimes(client: FtpClient, items: ZipItem[]): Promise<void> {
  if (!client.features().features.has('MDTM')) return;
  for (const item of items) {
    if (item.type !== 'file' || item.modifiedAt) continue;
    const at = await client.lastModified(item.path).catch((err: unknown) => {
      if (!client.isConnected) throw err;
      return undefined;
    });
    if (!at) return;
    item.modifiedAt = at;
    item.modifiedPrecision = 'second';
  }
}
