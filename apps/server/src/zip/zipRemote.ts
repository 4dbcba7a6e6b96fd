/**
 * Streams remote files and folders into a ZipWriter over one FTP
 * connection: list a folder, RETR each file straight into its entry, recurse
 * depth first. Nothing is buffered beyond the writer's stream buffers.
 *
 * Files that cannot be read (permissions, vanished, a symlink to a folder)
 * do not abort the archive: they are listed in a last entry,
 * `_ftpdeck-errors.txt`, because the HTTP status went out long ago.
 *
 * A server that lists names only (NLST) does not say which are folders:
 * such an entry is fetched as a file first, and when the server refuses
 * that, entered as a folder if it can be.
 *
 * The server decides how deep and wide the tree is, so the walk is bounded
 * (depth, loops, listings held, entries): see walk.ts.
 */
import { FtpError, type FileEntry, type FtpClient } from '@ftpdeck/ftp-engine';
import { ZipWriter } from './ZipWriter.ts';
import { baseName, entryName, MAX_ENTRY_NAME_BYTES, safeSegment } from './entryName.ts';
import { compactEntry, listingSignature, MAX_ZIP_DEPTH, refuseFolder, refuseRepeat, ROOT_WALK, type Walk, type WalkEntry } from './walk.ts';

/**
 * Entry names one archive may gather: the central directory keeps every
 * name until the archive ends, so a server whose paths run near the 64 KiB
 * a name may have would otherwise grow the relay by that much per entry.
 */
export const MAX_ZIP_NAME_BYTES = 64 * 1024 * 1024;

/** Name of the entry that lists what could not be included. */
export const ERRORS_ENTRY = '_ftpdeck-errors.txt';

/** One selected path, already known to be a file or a folder. */
export interface ZipItem {
  path: string;
  type: 'file' | 'dir';
  size?: number;
  modifiedAt?: Date;
  modifiedPrecision?: FileEntry['modifiedPrecision'];
}

/** Limits and cancellation of one archive. */
export interface ZipRemoteOptions {
  signal: AbortSignal;
  /**
   * Stop adding entries beyond this many (noted in the errors entry). The
   * listings held while their subfolders are walked count against it too.
   */
  maxEntries: number;
  /** Folders deeper than this below a selected folder are not entered (noted); default {@link MAX_ZIP_DEPTH}. */
  maxDepth?: number;
  /** Stop adding entries once their names come to this many bytes (noted); default {@link MAX_ZIP_NAME_BYTES}. */
  maxNameBytes?: number;
  /** Selected paths that were not found, for the errors entry. */
  missing?: string[];
  /**
   * Let the engine hand each entry's sink views of its pooled read buffers
   * (`DownloadOptions.reuseBuffers`). Only when the ZipWriter writes into a
   * `destination` that keeps nothing after its write callback.
   */
  reuseBuffers?: boolean;
}

const join = (dir: string, name: string): string => `${dir.endsWith('/') ? dir : `${dir}/`}${name}`;

/** A modification time and how exact it is (FileEntry's fields). */
type Dated = Pick<FileEntry, 'modifiedAt' | 'modifiedPrecision'>;

/** A negative reply that refuses outright (5xx), as servers answer RETR on a folder. */
function isRefusal(err: unknown): boolean {
  return err instanceof FtpError && err.ftpCode !== undefined && err.ftpCode >= 500 && err.ftpCode < 600;
}

/** A date the listing gave without a time of day names a day, not an instant (see FileEntry.modifiedPrecision). */
function dateOnly(d: Dated): boolean {
  return d.modifiedPrecision === 'day';
}

function timeOf(d: Dated): { mtime?: Date; dateOnly?: boolean } {
  return d.modifiedAt ? { mtime: d.modifiedAt, dateOnly: dateOnly(d) } : {};
}

/** Writes `items` (recursively for folders) into `zip`, then finishes it. */
export async function zipRemote(client: FtpClient, items: ZipItem[], zip: ZipWriter, opts: ZipRemoteOptions): Promise<void> {
  const problems: string[] = (opts.missing ?? []).map((p) => `${p}: not found`);
  const maxDepth = opts.maxDepth ?? MAX_ZIP_DEPTH;
  /** Entries of the listings on the walk's stack not visited yet. */
  let held = 0;
  let stopped = false;
  const maxNameBytes = opts.maxNameBytes ?? MAX_ZIP_NAME_BYTES;
  const full = (): boolean => {
    if (zip.entries < opts.maxEntries && zip.nameBytes < maxNameBytes) return false;
    if (!stopped) {
      problems.push(
        zip.entries >= opts.maxEntries
          ? `stopped after ${opts.maxEntries} entries (the server's limit); download the rest separately`
          : `stopped after ${zip.entries} entries: their names reached the ${maxNameBytes} bytes the server holds until the archive ends (its limit); download the rest separately`,
      );
    }
    stopped = true;
    return true;
  };

  /** No entry name for these segments: said in the errors file when only the length is to blame (unsafe names were said where they were found). */
  const unnamed = (remote: string, segments: string[]): void => {
    if (segments.every((s) => safeSegment(s) !== null)) {
      problems.push(`${remote}: skipped, its path is longer than a ZIP entry name can be (${MAX_ENTRY_NAME_BYTES} bytes)`);
    }
  };

  const addFile = async (remote: string, segments: string[], entry: Dated & { size?: number }, walk?: Walk): Promise<void> => {
    const name = entryName(segments);
    if (name === null) return unnamed(remote, segments);
    if (full()) return;
    opts.signal.throwIfAborted();
    const before = zip.entries;
    try {
      let received: number | undefined;
      await zip.addFile(
        name,
        async (sink) => {
          received = (await client.download(remote, sink, { signal: opts.signal, reuseBuffers: opts.reuseBuffers === true })).bytes;
        },
        {
          ...(entry.size !== undefined ? { size: entry.size } : {}),
          ...timeOf(entry),
        },
      );
      // The server said 226 after fewer bytes than it listed: the entry is in
      // the archive as sent, and the reader has to know it may be cut short.
      if (entry.size !== undefined && received !== undefined && received < entry.size) {
        problems.push(`${remote}: the server sent ${received} of the ${entry.size} bytes it listed; the entry may be incomplete`);
      }
    } catch (err) {
      opts.signal.throwIfAborted();
      // A dead connection cannot serve the next file either: give up the archive.
      if (!client.isConnected) throw err;
      // A name from a names-only listing (`walk` set) may be a folder. Its RETR
      // is refused outright (5xx) before any byte: only then, with nothing of
      // it in the archive, is it worth entering. A transfer cut short (426)
      // is a file, and its partial entry is reported below.
      if (walk && zip.entries === before && isRefusal(err) && (await client.isDirectory(remote).catch(() => false))) {
        await addDir(remote, segments, {}, { ...walk, probed: walk.probed + 1 });
        return;
      }
      problems.push(`${remote}: ${(err as Error).message}`);
    }
  };

  const addDir = async (remote: string, segments: string[], dated: Dated, walk: Walk = ROOT_WALK): Promise<void> => {
    opts.signal.throwIfAborted();
    const name = entryName(segments);
    if (segments.length > 0 && name === null) return unnamed(`${remote}/`, segments);
    if (segments.length > 0 && full()) return;
    const refused = refuseFolder(remote, walk, maxDepth);
    if (refused !== null) {
      problems.push(refused);
      return;
    }
    let entries: WalkEntry[];
    try {
      entries = (await client.list(remote, { signal: opts.signal })).map(compactEntry);
    } catch (err) {
      opts.signal.throwIfAborted();
      if (!client.isConnected) throw err;
      if (name !== null && segments.length > 0) await zip.addDirectory(name, dated.modifiedAt, dateOnly(dated));
      problems.push(`${remote}/: ${(err as Error).message}`);
      return;
    }
    // A folder that lists exactly what a folder above it lists is taken for a
    // link back up (typed or found by entering a name alike), not walked again.
    const signature = listingSignature(entries);
    const repeat = refuseRepeat(remote, walk, signature);
    if (repeat !== null) {
      problems.push(repeat);
      return;
    }
    if (name !== null && segments.length > 0) await zip.addDirectory(name, dated.modifiedAt, dateOnly(dated));
    // Listings above this one wait on the stack until this subtree is done:
    // count them against the entry cap now, so a tree of huge listings
    // cannot hold more of them than the archive could ever take.
    const room = Math.max(0, opts.maxEntries - zip.entries - held);
    if (entries.length > room) {
      problems.push(`${remote}/: only ${room} of its ${entries.length} entries taken, the archive would pass ${opts.maxEntries} entries (the server's limit); download the rest separately`);
      entries = entries.slice(0, room);
    }
    let left = entries.length;
    held += left;
    const below: Walk = { trail: [...walk.trail, signature], probed: walk.probed, depth: walk.depth + 1 };
    try {
      for (const e of entries) {
        left -= 1;
        held -= 1;
        if (e.name === '.' || e.name === '..') continue;
        const clean = safeSegment(e.name);
        if (clean === null || e.name.includes('/')) {
          problems.push(`${join(remote, e.name)}: skipped, the name is not safe in a ZIP`);
          continue;
        }
        const child = join(remote, e.name);
        // Symlinked folders are not followed (loops); a symlink is tried as a file.
        if (e.type === 'dir') await addDir(child, [...segments, e.name], e, below);
        else await addFile(child, [...segments, e.name], e.type === 'file' ? e : {}, e.type === 'unknown' ? below : undefined);
        if (stopped) return;
      }
    } finally {
      // What a stop or a failure left unvisited is no longer held.
      held -= left;
    }
  };

  for (const item of items) {
    const base = baseName(item.path);
    if (item.type === 'dir') await addDir(item.path, base === '' ? [] : [base], item);
    else await addFile(item.path, [base], item);
    if (stopped) break;
  }
  if (problems.length > 0) {
    const text = Buffer.from(`Some items could not be added to this archive:\n\n${problems.join('\n')}\n`, 'utf8');
    await zip.addFile(ERRORS_ENTRY, async (sink) => {
      sink.end(text);
    }, { size: text.length });
  }
  await zip.finish();
}

/** The archive's file name: the folder's name for one folder, else `download.zip`. */
export function zipFileName(items: ZipItem[]): string {
  const only = items.length === 1 ? items[0] : undefined;
  const base = only ? safeSegment(baseName(only.path)) : null;
  return `${base ?? 'download'}.zip`;
}
