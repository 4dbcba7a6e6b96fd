/**
 * Recursive delete: a folder and everything in it, depth first, on one
 * control connection. FTP has no command for it, so each file gets DELE and
 * each folder a listing, then RMD once it is empty.
 *
 * A {@link DeleteWalk} carries what the whole delete shares: the count of
 * what went (for progress and for the message of a stopped delete) and the
 * signal that stops it. The signal is checked before every command, never
 * during one, so the reply to the command on the wire is always read and
 * the connection stays in step: nothing needs ABOR.
 */
import { createHash } from 'node:crypto';
import type { ControlSession } from '../control/session.ts';
import { FtpError, FtpErrorCodes, replyError } from '../errors.ts';
import type { DeleteProgress } from '../types.ts';
import type { ClientCore } from './core.ts';
import { decodeListing, fetchListing } from './listing.ts';
import { joinPath } from './paths.ts';

/** Folder levels a recursive delete goes down before it stops with FTP_ERR_TOO_DEEP. */
const MAX_DELETE_DEPTH = 128;

/** What one recursive delete shares across its folders. */
class DeleteWalk {
  removed = 0;

  constructor(
    readonly core: ClientCore,
    readonly s: ControlSession,
    readonly root: string,
    private readonly signal: AbortSignal | undefined,
    private readonly onProgress: ((p: DeleteProgress) => void) | undefined,
  ) {}

  /** Throws FTP_ERR_ABORTED when the caller has stopped the delete; call before each command. */
  checkStop(): void {
    if (!this.signal?.aborted) return;
    const reason: unknown = this.signal.reason;
    // close() aborts with its own error; keep that one.
    if (reason instanceof FtpError && reason.code !== FtpErrorCodes.ABORTED) throw reason;
    const what = this.removed === 1 ? '1 item' : `${this.removed} items`;
    throw new FtpError(FtpErrorCodes.ABORTED, `Stopped deleting ${this.root} after removing ${what}; what was not reached is still on the server`);
  }

  /** One command whose 2xx means `path` is gone. */
  async tryRemove(line: string, path: string): Promise<{ code: number; text: string } | null> {
    this.checkStop();
    const r = await this.s.request(line);
    if (r.code >= 200 && r.code < 300) {
      this.gone(path);
      return null;
    }
    return r;
  }

  /** Like {@link tryRemove}, but a refusal is the error. */
  async mustRemove(line: string, path: string, what: string): Promise<void> {
    const refused = await this.tryRemove(line, path);
    if (refused) throw replyError(refused, what);
  }

  /** Counts `path` as removed and reports it. */
  gone(path: string): void {
    this.removed += 1;
    this.onProgress?.({ removed: this.removed, path });
  }
}

/**
 * Deletes `path` and everything in it. Every folder, `path` included, is
 * offered DELE before it is emptied (see {@link removeIfLink}).
 */
export async function removeTree(
  core: ClientCore,
  s: ControlSession,
  path: string,
  signal: AbortSignal | undefined,
  onProgress: ((p: DeleteProgress) => void) | undefined,
): Promise<void> {
  core.transcript.status(
    `Deleting ${path} and everything in it. Each folder is sent DELE first: a link that the server lists as a folder is removed that way instead of having what it points to emptied; a real folder refuses DELE and is emptied, then removed with RMD.`,
    { type: 'recursive-delete', path },
  );
  const walk = new DeleteWalk(core, s, path, signal, onProgress);
  if (await removeIfLink(walk, path)) return;
  await removeEmptied(walk, path, await emptyDir(walk, path));
}

/**
 * DELE on something listed as a folder; true when it is gone. Several
 * servers list a link to a folder as the folder itself: pyftpdlib's MLSD
 * says `type=dir` (its LIST says `l`), Twisted's and aioftp's LIST show
 * `d`. Walking into such a link deleted what it points to, outside the
 * tree being deleted. DELE removes a link (and a file) and is refused for a
 * real folder, so asking first is safe whatever the listing said.
 */
async function removeIfLink(walk: DeleteWalk, path: string): Promise<boolean> {
  return (await walk.tryRemove(`DELE ${path}`, path)) === null;
}

/**
 * RMD of a folder {@link emptyDir} emptied. ProFTPD's MLSD leaves out a
 * link whose target is gone, so the folder still holds it and RMD says
 * "not empty": when the folder was listed by MLSD, LIST is asked what is
 * left, that is deleted, and RMD is tried once more. Otherwise, or when
 * LIST shows nothing to delete either, the RMD refusal is the error.
 */
async function removeEmptied(walk: DeleteWalk, dir: string, listedBy: string): Promise<void> {
  const what = `Cannot remove ${dir}`;
  const r = await walk.tryRemove(`RMD ${dir}`, dir);
  if (r === null) return;
  if (!listedBy.startsWith('MLSD')) throw replyError(r, what);
  walk.checkStop();
  const raw = await fetchListing(walk.core, walk.s, dir, undefined, { byList: true });
  let removed = 0;
  for (const e of (await decodeListing(walk.core, raw)).entries) {
    if (!isChildName(e.name)) continue;
    if (await removeIfLink(walk, joinPath(dir, e.name))) removed += 1;
  }
  if (removed === 0) throw replyError(r, what);
  await walk.mustRemove(`RMD ${dir}`, dir, what);
}

/** A name a delete may act on inside the folder listed: not `.`, `..`, or one with a `/` that would reach elsewhere. */
function isChildName(name: string): boolean {
  return name !== '.' && name !== '..' && !name.includes('/');
}

/**
 * Deletes everything in `dir`, depth first, and returns the listing
 * command that listed it. `above` holds a digest of the listing of each
 * folder above `dir` in this delete.
 *
 * Every folder is offered DELE before it is entered ({@link removeIfLink}),
 * which removes a link that the server lists as a folder. The digests are
 * a second guard, for a server that refuses DELE on such a link: a link
 * back up (`loop -> .`, `-> ..`) lists what a folder above it listed, so the
 * walk stops there with FTP_ERR_LINK_LOOP instead of deleting its way round
 * the loop until paths grow too long.
 */
async function emptyDir(walk: DeleteWalk, dir: string, above: readonly string[] = []): Promise<string> {
  // A server can invent a new folder at every level, which no digest catches.
  if (above.length >= MAX_DELETE_DEPTH) {
    throw new FtpError(FtpErrorCodes.TOO_DEEP, `Stopped deleting: ${dir} is more than ${MAX_DELETE_DEPTH} folders below the folder being deleted`);
  }
  walk.checkStop();
  const raw = await fetchListing(walk.core, walk.s, dir);
  const digest = createHash('sha256').update(raw.data).digest('base64');
  // An ancestor always lists at least the folder we came through, so an empty listing never matches.
  const loopsTo = raw.data.length > 0 ? above.indexOf(digest) : -1;
  if (loopsTo >= 0) {
    throw new FtpError(
      FtpErrorCodes.LINK_LOOP,
      `Stopped deleting: ${dir} lists exactly what a folder ${above.length - loopsTo} level${above.length - loopsTo === 1 ? '' : 's'} above it lists, so it is a link back that the server shows as a folder. Delete that link by itself.`,
    );
  }
  const path = [...above, digest];
  const namesOnly = raw.command.startsWith('NLST');
  for (const e of (await decodeListing(walk.core, raw)).entries) {
    if (!isChildName(e.name)) continue;
    const child = joinPath(dir, e.name);
    if (namesOnly && e.type === 'unknown') {
      await removeUnknown(walk, child, path);
      continue;
    }
    if (e.type === 'dir') {
      if (await removeIfLink(walk, child)) continue;
      await removeEmptied(walk, child, await emptyDir(walk, child, path));
    } else {
      await walk.mustRemove(`DELE ${child}`, child, `Cannot delete ${child}`);
    }
  }
  return raw.command;
}

/**
 * A name from an NLST listing, which does not say what it is: a file if
 * DELE takes it, else a folder to empty and remove. If that fails too, the
 * DELE refusal is the error (a file we may not delete is the likelier
 * story than a folder).
 */
async function removeUnknown(walk: DeleteWalk, path: string, above: readonly string[]): Promise<void> {
  const r = await walk.tryRemove(`DELE ${path}`, path);
  if (r === null) return;
  try {
    await emptyDir(walk, path, above);
    await walk.mustRemove(`RMD ${path}`, path, `Cannot remove ${path}`);
  } catch (err) {
    if (err instanceof FtpError && (err.code === FtpErrorCodes.LINK_LOOP || err.code === FtpErrorCodes.TOO_DEEP || err.code === FtpErrorCodes.ABORTED)) throw err;
    throw replyError(r, `Cannot delete ${path}`);
  }
}
