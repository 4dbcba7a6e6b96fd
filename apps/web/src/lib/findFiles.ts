/**
 * Finding entries by name below a folder: the folders are listed breadth
 * first with `list` requests, as the delete plan does, and every entry
 * whose name matches is reported as soon as its folder is read.
 *
 * FTP has no search command, so every folder costs one listing (a round
 * trip and a data connection). The walk is bounded by the folders it reads
 * and the matches it keeps, never by time: the user sees it progress and
 * can stop it. Links are reported but not followed, so a link to a parent
 * cannot send the walk round in circles. Some servers list a link to a
 * folder as a folder (pyftpdlib's MLSD says `type=dir`), so a path that
 * repeats the same run of folders three times in a row (`a/self/self/self`,
 * `a/b/up/a/b/up/a/b/up`) is taken for such a loop and not read: real trees
 * almost never look like that, and a loop gets there within three turns.
 */
import type { WireEntry } from '@ftpdeck/protocol';
import { joinPath } from './remotePath.ts';

/** Folders read before the walk stops on its own. */
export const FIND_MAX_FOLDERS = 5000;
/** Matches kept before the walk stops on its own. */
export const FIND_MAX_MATCHES = 2000;

/** One match. */
export interface FoundEntry {
  /** The folder it is in (absolute). */
  dir: string;
  entry: WireEntry;
}

/** How far a walk got. */
export interface FindProgress {
  /** Folders listed so far. */
  folders: number;
  /** Folders whose listing failed (no permission, gone meanwhile). */
  unreadable: number;
  matches: number;
  /** Why the walk ended, once it has: `done`, a bound, or `stopped` by the user. */
  ended?: 'done' | 'folder-limit' | 'match-limit' | 'stopped';
}

/** What a walk needs. */
export interface FindOptions {
  list: (path: string) => Promise<readonly WireEntry[]>;
  signal?: AbortSignal;
  maxFolders?: number;
  maxMatches?: number;
  /** Matches of each folder, as soon as it is read. */
  onFound: (found: readonly FoundEntry[]) => void;
  onProgress: (progress: FindProgress) => void;
}

/**
 * A name test for what the user typed: with `*` or `?` a wildcard pattern
 * over the whole name, otherwise "contains"; case-insensitive either way
 * (FTP servers differ, and people do not remember case). An empty query
 * matches nothing.
 */
export function nameMatcher(query: string): (name: string) => boolean {
  const q = query.trim().toLocaleLowerCase();
  if (q === '') return () => false;
  if (!/[*?]/.test(q)) return (name) => name.toLocaleLowerCase().includes(q);
  const source = q.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  const pattern = new RegExp(`^${source}$`, 'su');
  return (name) => pattern.test(name.toLocaleLowerCase());
}

/** Walks the folders below `root` (not `root`'s own name); resolves with the final progress. */
export async function findEntries(root: string, matches: (name: string) => boolean, options: FindOptions): Promise<FindProgress> {
  const maxFolders = options.maxFolders ?? FIND_MAX_FOLDERS;
  const maxMatches = options.maxMatches ?? FIND_MAX_MATCHES;
  const progress: FindProgress = { folders: 0, unreadable: 0, matches: 0 };
  const queue = [root];
  const finish = (ended: NonNullable<FindProgress['ended']>): FindProgress => {
    progress.ended = ended;
    options.onProgress({ ...progress });
    return progress;
  };
  while (queue.length > 0) {
    if (options.signal?.aborted) return finish('stopped');
    if (progress.folders + progress.unreadable >= maxFolders) return finish('folder-limit');
    const dir = queue.shift() as string;
    if (loopsBack(dir)) continue;
    let entries: readonly WireEntry[];
    try {
      entries = await options.list(dir);
    } catch {
      if (options.signal?.aborted) return finish('stopped');
      progress.unreadable += 1;
      options.onProgress({ ...progress });
      continue;
    }
    progress.folders += 1;
    const found: FoundEntry[] = [];
    for (const entry of entries) {
      if (entry.type === 'dir') queue.push(joinPath(dir, entry.name));
      if (matches(entry.name) && progress.matches < maxMatches) {
        found.push({ dir, entry });
        progress.matches += 1;
      }
    }
    if (found.length > 0) options.onFound(found);
    if (progress.matches >= maxMatches) return finish('match-limit');
    options.onProgress({ ...progress });
  }
  return finish('done');
}

/** True when the path ends in the same run of folders three times over (see the file comment). */
export function loopsBack(path: string): boolean {
  const parts = path.split('/').filter(Boolean);
  for (let k = 1; 3 * k <= parts.length; k++) {
    let same = true;
    for (let i = 1; i <= k && same; i++) {
      const last = parts[parts.length - i];
      same = last === parts[parts.length - i - k] && last === parts[parts.length - i - 2 * k];
    }
    if (same) return true;
  }
  return false;
}
