/**
 * File and directory verbs that need no data transfer of their own (or only
 * a listing): stat, size, times, mkdir, rmdir, remove, rename, chmod, raw.
 */
import { createHash } from 'node:crypto';
import type { ControlSession } from '../control/session.ts';
import { FtpError, FtpErrorCodes } from '../errors.ts';
import { parseMlsdLine } from '../external.ts';
import type { FileEntry } from '../types.ts';
import type { ClientCore } from './core.ts';
import { sizeOf } from './files.ts';
import { decodeListing, fetchListing } from './listing.ts';
import { formatMdtm, parseMdtm } from './mdtm.ts';
import { baseName, joinPath, parentOf, parsePwdReply } from './paths.ts';
import { enters } from './visit.ts';

/**
 * MLST (RFC 3659 §7) or a LIST of the parent; undefined when absent. On a
 * server that lists names only (NLST), the entry's type is settled with
 * {@link isDirectory}: a folder if the server lets us enter it, else
 * still `unknown`.
 */
export function stat(core: ClientCore, path: string): Promise<FileEntry | undefined> {
  return core.exec(async (s) => {
    if (core.has('MLST')) {
      const r = await s.request(`MLST ${path}`);
      if (r.code === 250) {
        // The entry is the line that starts with a space (the facts line).
        const line = r.lines.slice(1, -1).find((l) => l.startsWith(' ')) ?? r.lines[1] ?? '';
        const entry = parseMlsdLine(line);
        if (entry) return { ...entry, name: baseName(entry.name) || entry.name };
        return folderItself(line, path);
      }
      if (r.code === 550 || r.code === 450) return undefined;
    }
    const name = baseName(path);
    // `/`, `.` and `..` name a folder by itself, which no listing of a parent shows.
    if (name === '' || name === '.' || name === '..') {
      return (await enters(core, s, path)) ? { name: path, type: 'dir', raw: '' } : undefined;
    }
    const raw = await fetchListing(core, s, parentOf(path));
    const entry = (await decodeListing(core, raw)).entries.find((e) => e.name === name);
    // Finding out is a bonus: a refused PWD or CWD leaves the entry as it was listed.
    if (entry?.type === 'unknown' && core.state.nlst && (await enters(core, s, path).catch(() => false))) return { ...entry, type: 'dir' };
    return entry;
  });
}

/**
 * An MLST answer that a listing parser skips: the folder itself, named `.`
 * or `/`, often as `type=cdir` or `type=pdir` (Pure-FTPd for `/` and `.`).
 * In a listing those are not entries; asked about one path, it is that
 * folder, with its facts. Undefined for anything else the parser refused.
 */
function folderItself(line: string, path: string): FileEntry | undefined {
  const text = line.trim();
  const space = text.indexOf(' ');
  const facts = space < 0 ? text : text.slice(0, space);
  const name = space < 0 ? '' : text.slice(space + 1);
  const itself = /(^|;)type=[cp]dir(;|$)/i.test(facts) || name === '.' || name === '/' || name === '..';
  if (!itself) return undefined;
  const entry = parseMlsdLine(`${facts.replace(/(^|;)type=[cp]dir(?=;|$)/i, '$1type=dir')} x`);
  return entry ? { ...entry, name: baseName(path) || path, raw: text } : undefined;
}

/** Whether `path` is a folder the server lets us enter: CWD there, then back. */
export function isDirectory(core: ClientCore, path: string): Promise<boolean> {
  return core.exec((s) => enters(core, s, path));
}

/** SIZE in TYPE I. */
export function size(core: ClientCore, path: string): Promise<number | undefined> {
  return core.exec((s) => sizeOf(core, s, path));
}

/** MDTM. */
export function lastModified(core: ClientCore, path: string): Promise<Date | undefined> {
  return core.exec(async (s) => {
    const r = await s.request(`MDTM ${path}`);
    return r.code === 213 ? parseMdtm(r.text.slice(4)) : undefined;
  });
}

/** MFMT, falling back to the 2-argument MDTM form (vsftpd, IIS). */
export function setLastModified(core: ClientCore, path: string, date: Date): Promise<void> {
  return core.exec(async (s) => {
    const stamp = formatMdtm(date);
    if (core.has('MFMT')) {
      const r = await s.request(`MFMT ${stamp} ${path}`);
      if (r.code >= 200 && r.code < 300) return;
      if (r.code !== 500 && r.code !== 502) throw replyError(r.code, r.text, 'MFMT failed');
    }
    await core.expect(s, `MDTM ${stamp} ${path}`, 'Cannot set the modification time');
  });
}

function replyError(code: number, text: string, what: string): FtpError {
  return new FtpError(FtpErrorCodes.REPLY, `${what}: ${text}`, { ftpCode: code, replyText: text });
}

/**
 * A name from an NLST listing, which does not say what it is: a file if
 * DELE takes it, else a folder to empty and remove. If that fails too, the
 * DELE refusal is the error (a file we may not delete is the likelier
 * story than a folder).
 */
async function removeUnknown(core: ClientCore, s: ControlSession, path: string, above: readonly string[]): Promise<void> {
  const r = await s.request(`DELE ${path}`);
  if (r.code >= 200 && r.code < 300) return;
  try {
    await emptyDir(core, s, path, above);
    await core.expect(s, `RMD ${path}`, `Cannot remove ${path}`);
  } catch (err) {
    if (err instanceof FtpError && (err.code === FtpErrorCodes.LINK_LOOP || err.code === FtpErrorCodes.TOO_DEEP)) throw err;
    throw replyError(r.code, r.text, `Cannot delete ${path}`);
  }
}

/** MKD, optionally creating parents. */
export function mkdir(core: ClientCore, path: string, recursive: boolean): Promise<void> {
  return core.exec(async (s) => {
    const first = await s.request(`MKD ${path}`);
    if (first.code === 257 || (first.code >= 200 && first.code < 300)) return;
    if (!recursive) throw replyError(first.code, first.text, `Cannot create ${path}`);
    const absolute = path.startsWith('/');
    const parts = path.split('/').filter((p) => p !== '');
    let prefix = absolute ? '/' : '';
    for (const part of parts) {
      prefix = prefix === '' ? part : joinPath(prefix, part);
      // An existing directory answers 550; whether the whole path exists is checked below.
      await s.request(`MKD ${prefix}`);
    }
    await assertDirectory(core, s, path);
  });
}

async function assertDirectory(core: ClientCore, s: ControlSession, path: string): Promise<void> {
  const here = parsePwdReply(await core.expect(s, 'PWD', 'PWD failed', (c) => c === 257));
  await core.expect(s, `CWD ${path}`, `Cannot create ${path}`);
  await core.expect(s, `CWD ${here}`, 'Cannot return to the working directory');
}

/**
 * RMD, optionally emptying the directory first (depth first). A recursive
 * delete tries DELE on every folder before it empties it (see
 * {@link removeIfLink}), `path` included.
 */
export function rmdir(core: ClientCore, path: string, recursive: boolean): Promise<void> {
  return core.exec(async (s) => {
    if (!recursive) {
      await core.expect(s, `RMD ${path}`, `Cannot remove ${path}`);
      return;
    }
    core.transcript.status(
      `Deleting ${path} and everything in it. Each folder is sent DELE first: a link that the server lists as a folder is removed that way instead of having what it points to emptied; a real folder refuses DELE and is emptied, then removed with RMD.`,
      { type: 'recursive-delete', path },
    );
    if (await removeIfLink(s, path)) return;
    await removeEmptied(core, s, path, await emptyDir(core, s, path));
  });
}

/**
 * DELE on something listed as a folder; true when it is gone. Several
 * servers list a link to a folder as the folder itself: pyftpdlib's MLSD
 * says `type=dir` (its LIST says `l`), Twisted's and aioftp's LIST show
 * `d`. Walking into such a link deleted what it points to, outside the
 * tree being deleted. DELE removes a link (and a file) and is refused for a
 * real folder, so asking first is safe whatever the listing said.
 */
async function removeIfLink(s: ControlSession, path: string): Promise<boolean> {
  const r = await s.request(`DELE ${path}`);
  return r.code >= 200 && r.code < 300;
}

/**
 * RMD of a folder {@link emptyDir} emptied. ProFTPD's MLSD leaves out a
 * link whose target is gone, so the folder still holds it and RMD says
 * "not empty": when the folder was listed by MLSD, LIST is asked what is
 * left, that is deleted, and RMD is tried once more. Otherwise, or when
 * LIST shows nothing to delete either, the RMD refusal is the error.
 */
async function removeEmptied(core: ClientCore, s: ControlSession, dir: string, listedBy: string): Promise<void> {
  const what = `Cannot remove ${dir}`;
  const r = await s.request(`RMD ${dir}`);
  if (r.code >= 200 && r.code < 300) return;
  if (!listedBy.startsWith('MLSD')) throw replyError(r.code, r.text, what);
  const raw = await fetchListing(core, s, dir, undefined, { byList: true });
  let removed = 0;
  for (const e of (await decodeListing(core, raw)).entries) {
    if (!isChildName(e.name)) continue;
    if (await removeIfLink(s, joinPath(dir, e.name))) removed += 1;
  }
  if (removed === 0) throw replyError(r.code, r.text, what);
  await core.expect(s, `RMD ${dir}`, what);
}

/** A name a delete may act on inside the folder listed: not `.`, `..`, or one with a `/` that would reach elsewhere. */
function isChildName(name: string): boolean {
  return name !== '.' && name !== '..' && !name.includes('/');
}

/** Folder levels a recursive delete goes down before it stops with FTP_ERR_TOO_DEEP. */
const MAX_DELETE_DEPTH = 128;

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
async function emptyDir(core: ClientCore, s: ControlSession, dir: string, above: readonly string[] = []): Promise<string> {
  // A server can invent a new folder at every level, which no digest catches.
  if (above.length >= MAX_DELETE_DEPTH) {
    throw new FtpError(FtpErrorCodes.TOO_DEEP, `Stopped deleting: ${dir} is more than ${MAX_DELETE_DEPTH} folders below the folder being deleted`);
  }
  const raw = await fetchListing(core, s, dir);
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
  for (const e of (await decodeListing(core, raw)).entries) {
    if (!isChildName(e.name)) continue;
    const child = joinPath(dir, e.name);
    if (namesOnly && e.type === 'unknown') {
      await removeUnknown(core, s, child, path);
      continue;
    }
    if (e.type === 'dir') {
      if (await removeIfLink(s, child)) continue;
      await removeEmptied(core, s, child, await emptyDir(core, s, child, path));
    } else {
      await core.expect(s, `DELE ${child}`, `Cannot delete ${child}`);
    }
  }
  return raw.command;
}

/** DELE. */
export async function remove(core: ClientCore, path: string): Promise<void> {
  await core.exec((s) => core.expect(s, `DELE ${path}`, `Cannot delete ${path}`));
}

/** RNFR then RNTO, as one task so nothing can slip in between. */
export async function rename(core: ClientCore, from: string, to: string): Promise<void> {
  await core.exec(async (s) => {
    await core.expect(s, `RNFR ${from}`, `Cannot rename ${from}`, (c) => c === 350);
    await core.expect(s, `RNTO ${to}`, `Cannot rename ${from} to ${to}`);
  });
}

/** SITE CHMOD. */
export async function chmod(core: ClientCore, path: string, mode: string | number): Promise<void> {
  const text = typeof mode === 'number' ? mode.toString(8) : mode;
  if (!/^[0-7]{3,4}$/.test(text)) throw new FtpError(FtpErrorCodes.INVALID_ARGUMENT, `Not an octal mode: ${text}`);
  await core.exec((s) => core.expect(s, `SITE CHMOD ${text} ${path}`, `Cannot change the mode of ${path}`));
}

/** Commands raw() never sends, and why. */
const REFUSED: ReadonlyMap<string, string> = new Map([
  ...['PORT', 'EPRT', 'PASV', 'EPSV', 'LPRT', 'LPSV', 'SPSV'].map((v) => [v, 'data connections are opened by the engine (and PORT/EPRT could bounce to third parties)'] as const),
  ...['LIST', 'NLST', 'MLSD', 'RETR', 'STOR', 'STOU', 'APPE', 'REST', 'ABOR'].map((v) => [v, 'it needs a data connection; use the engine call for it'] as const),
  ...['AUTH', 'PBSZ', 'PROT', 'CCC', 'REIN', 'USER', 'PASS', 'ACCT', 'QUIT'].map((v) => [v, 'it would change the security state or end the session'] as const),
  ['TYPE', 'the engine sets TYPE per transfer'],
]);

/** One raw command, guarded. */
export function raw(core: ClientCore, line: string): Promise<{ code: number; text: string }> {
  if (/[\r\n\0]/.test(line)) {
    return Promise.reject(new FtpError(FtpErrorCodes.COMMAND_REFUSED, 'Refused: the command contains CR, LF or NUL, which could smuggle a second command'));
  }
  const word = line.trim().split(/\s+/)[0] ?? '';
  if (!word) return Promise.reject(new FtpError(FtpErrorCodes.COMMAND_REFUSED, 'Refused: empty command'));
  // The check below is only as good as the verb it sees. Under a legacy
  // charset a lone surrogate escape (U+DC50) goes out as a plain byte ("P"),
  // so "\uDC50ORT" would reach the server as PORT; and toUpperCase turns
  // some non-ASCII letters into ASCII ones. FTP verbs are ASCII letters and
  // digits (RFC 959 §4.1; XMD5, XSHA256): anything else is refused.
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(word)) {
    return Promise.reject(new FtpError(FtpErrorCodes.COMMAND_REFUSED, 'Refused: a command name is ASCII letters and digits only'));
  }
  const verb = word.toUpperCase();
  const why = REFUSED.get(verb);
  if (why) return Promise.reject(new FtpError(FtpErrorCodes.COMMAND_REFUSED, `Refused ${verb}: ${why}`));
  return core.exec(async (s) => {
    let r = await s.request(line.trim());
    while (r.code < 200) r = await s.read();
    return { code: r.code, text: r.text };
  });
}
