/**
 * The status bar's sums. Only files add bytes: the size a LIST prints for a
 * folder (4096 on most Unix servers) is its directory block, not its
 * contents, and a symlink's is the length of its target path.
 */
import type { WireEntry } from '@ftpdeck/protocol';

/** Counts and byte totals of the rows shown and of the selected ones. */
export interface ListingTotals {
  files: number;
  dirs: number;
  /** Bytes of the files shown. */
  bytes: number;
  /** Bytes of the selected files. */
  selBytes: number;
}

/** Sums the rows on screen; `selected` holds the selected names. */
export function listingTotals(rows: readonly WireEntry[], selected: ReadonlySet<string>): ListingTotals {
  let files = 0;
  let dirs = 0;
  let bytes = 0;
  let selBytes = 0;
  for (const r of rows) {
    if (r.type === 'dir') {
      dirs += 1;
      continue;
    }
    files += 1;
    if (r.type !== 'file') continue;
    const size = r.size ?? 0;
    bytes += size;
    if (selected.has(r.name)) selBytes += size;
  }
  return { files, dirs, bytes, selBytes };
}
