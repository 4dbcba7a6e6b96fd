/**
 * What bounds a ZIP's walk down a remote tree, which the FTP server (maybe
 * hostile) can make endless: every folder holding folder `a`, or a link back
 * up that the listing shows as a plain folder. Without bounds such a walk
 * lists for ever, and the paths, entry names and per-level state it keeps
 * grow with the square of the depth (a relay reached 1.8 GB that way).
 *
 * - A depth cap for every folder ({@link MAX_ZIP_DEPTH} below the selection).
 * - A tighter cap for folders entered only because the server let us in
 *   (names-only listings), {@link MAX_PROBED_DEPTH}.
 * - A loop cut: a folder whose listing is exactly one of its ancestors'
 *   is taken for a link back up ({@link listingSignature}).
 * - Listings are kept in a compact form while their subfolders are walked
 *   ({@link compactEntry}), and their entries count against the archive's
 *   entry cap before they are added (zipRemote), so the listings held on
 *   the walk's stack stay within that cap too.
 */
import { createHash } from 'node:crypto';
import type { FileEntry } from '@ftpdeck/ftp-engine';

/** Folders nest at most this many levels below the selected folder; deeper ones are reported, not entered. */
export const MAX_ZIP_DEPTH = 64;

/**
 * Folders entered only because the server let us in (names-only listings)
 * nest at most this deep: a link to a folder above would otherwise repeat
 * the tree until the entry limit, doubling at every level with two links.
 */
export const MAX_PROBED_DEPTH = 16;

/** Where a folder sits in the walk. */
export interface Walk {
  /** Signatures of the listings of the folders above, the selection first. */
  trail: string[];
  /** How many of those folders were found by entering a name. */
  probed: number;
  /** Levels below the selected folder (the selection itself is 0). */
  depth: number;
}

/** The walk at a selected folder. */
export const ROOT_WALK: Walk = { trail: [], probed: 0, depth: 0 };

/** What the walk keeps of a listed entry while it walks the entry's siblings. */
export type WalkEntry = Pick<FileEntry, 'name' | 'type' | 'size' | 'modifiedAt' | 'modifiedPrecision' | 'target'>;

/**
 * Drops what the ZIP does not use (the raw line, owner, permissions), so a
 * listing held while its subfolders are walked costs little.
 */
export function compactEntry(e: FileEntry): WalkEntry {
  const out: WalkEntry = { name: e.name, type: e.type };
  if (e.size !== undefined) out.size = e.size;
  if (e.modifiedAt !== undefined) out.modifiedAt = e.modifiedAt;
  if (e.modifiedPrecision !== undefined) out.modifiedPrecision = e.modifiedPrecision;
  if (e.target !== undefined) out.target = e.target;
  return out;
}

/**
 * A digest of what a listing says: every entry's name, type, size, time
 * and link target, in name order. A link back up lists exactly what the
 * folder it points to lists; two real folders rarely agree on all of that
 * (their subfolders' times and sizes differ). Names-only listings carry
 * names alone, so there it compares names, as it must. A digest, so the
 * trail of a deep walk holds 64 short strings rather than 64 listings.
 */
export function listingSignature(entries: readonly WalkEntry[]): string {
  const lines = entries
    .filter((e) => e.name !== '.' && e.name !== '..')
    .map((e) => JSON.stringify([e.name, e.type, e.size ?? null, e.modifiedAt?.getTime() ?? null, e.target ?? null]))
    .sort();
  return createHash('sha256').update(lines.join('\n')).digest('base64');
}

/** Why a folder is not entered, or null to enter it. */
export function refuseFolder(remote: string, walk: Walk, maxDepth: number): string | null {
  if (walk.depth > maxDepth) return `${remote}/: not entered, it is more than ${maxDepth} folders below the selected one (an endless tree?)`;
  if (walk.probed > MAX_PROBED_DEPTH) return `${remote}/: not followed, ${MAX_PROBED_DEPTH} levels of folders the server does not mark as folders (a link loop?)`;
  return null;
}

/** Why a listed folder is not walked (it repeats a folder above), or null. */
export function refuseRepeat(remote: string, walk: Walk, signature: string): string | null {
  return walk.trail.includes(signature) ? `${remote}/: not followed, it lists the same names as a folder above it (a link back to it?)` : null;
}
