/**
 * File and directory verbs that need no data transfer of their own (or only
 * a listing): stat, size, times, mkdir, rmdir, remove, rename, chmod, raw.
 */
import type { ControlSession } from '../control/session.ts';
import { FtpError, FtpErrorCodes, replyError } from '../errors.ts';
import { parseMlsdLine } from '../external.ts';
import type { FileEntry, RmdirOptions } from '../types.ts';
import type { ClientCore } from './core.ts';
import { sizeOf } from './files.ts';
import { decodeListing, fetchListing } from './listing.ts';
import { formatMdtm, parseMdtm } from './mdtm.ts';
import { mdtmZoneMinutes } from './mdtmZone.ts';
import { removeTree } from './removeTree.ts';
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

/**
 * MFMT, falling back to the 2-argument MDTM form (vsftpd, IIS). With
 * `fresh` (the file was written just now), MDTM's time is shifted into the
 * zone the server reads it in (client/mdtmZone.ts).
 */
export function setLastModified(core: ClientCore, path: string, date: Date, fresh: boolean): Promise<void> {
  return core.exec(async (s) => {
    if (core.has('MFMT')) {
      const r = await s.request(`MFMT ${formatMdtm(date)} ${path}`);
      if (r.code >= 200 && r.code < 300) return;
      if (r.code !== 500 && r.code !== 502) throw replyError(r, 'MFMT failed');
    }
    const zone = fresh ? await mdtmZoneMinutes(core, s, path) : (core.state.mdtmZoneMinutes ?? 0);
    const stamp = formatMdtm(new Date(date.getTime() + zone * 60_000));
    await core.expect(s, `MDTM ${stamp} ${path}`, 'Cannot set the modification time');
  });
}

/** MKD, optionally creating parents. */
export function mkdir(core: ClientCore, path: string, recursive: boolean): Promise<void> {
  return core.exec(async (s) => {
    const first = await s.request(`MKD ${path}`);
    if (first.code === 257 || (first.code >= 200 && first.code < 300)) return;
    if (!recursive) throw replyError(first, `Cannot create ${path}`);
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
 * RMD, or with `recursive` the folder and everything in it (removeTree.ts).
 * The signal also stops a delete still waiting in the queue.
 */
export function rmdir(core: ClientCore, path: string, opts: RmdirOptions): Promise<void> {
  return core.exec(async (s) => {
    if (opts.recursive) await removeTree(core, s, path, opts.signal, opts.onProgress);
    else await core.expect(s, `RMD ${path}`, `Cannot remove ${path}`);
  }, opts.signal);
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

/** One raw command, guarded; `timeoutMs` overrides the reply timeout for it. */
export function raw(core: ClientCore, line: string, timeoutMs?: number): Promise<{ code: number; text: string }> {
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
    // request() reads past preliminary 1xx replies to the final one.
    const r = await s.request(line.trim(), timeoutMs === undefined ? {} : { timeoutMs });
    return { code: r.code, text: r.text };
  });
}
