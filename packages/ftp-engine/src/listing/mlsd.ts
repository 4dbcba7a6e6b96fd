/**
 * MLSD / MLST fact lines (RFC 3659 §7):
 *
 *     type=file;size=12;modify=20240102030405;UNIX.mode=0644; name
 *
 * Fact names are case-insensitive. The name is everything after the first
 * space, so names that begin with a space survive. Read with a scanner over
 * `fact=value;` pairs; no regex, no split.
 */
import type { FileEntry, FileType } from '../types.ts';
import * as entry from './entry.ts';
import * as time from './time.ts';
import type { ListingContext } from './time.ts';

// Bound once (see unix.ts for why).
const { isDotName, makeEntry, octalModeToString, parseDigits, sharedSlice } = entry;
const { parseFactTime } = time;

const SEMICOLON = 0x3b;
const EQUALS = 0x3d;
const SPACE = 0x20;

/** Does `line[start, end)` equal the lower-case ASCII `lower`, ignoring case? */
function factIs(line: string, start: number, end: number, lower: string): boolean {
  if (end - start !== lower.length) return false;
  for (let i = 0; i < lower.length; i++) {
    if ((line.charCodeAt(start + i) | 0x20) !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/** Does `line[start, end)` begin with the lower-case ASCII `lower`, ignoring case? */
function startsWithIgnoreCase(line: string, start: number, end: number, lower: string): boolean {
  if (end - start < lower.length) return false;
  for (let i = 0; i < lower.length; i++) {
    if ((line.charCodeAt(start + i) | 0x20) !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Parses one MLSD line, or the entry line of an MLST reply (which starts
 * with one space; that space is skipped). Returns null for `cdir`/`pdir`
 * entries, `.`/`..`, and lines that are not fact lines.
 *
 * Decisions: `permissions` is the `UNIX.mode` fact rendered like `ls`
 * (`rw-r--r--`) when the server sends one, so MLSD and LIST show the same
 * thing; otherwise the RFC 3659 `perm` fact as given (`adfr`). `sizd` is
 * the size of a directory. `owner`/`group` prefer the names
 * (`UNIX.ownername`, ProFTPD) over `UNIX.owner`/`UNIX.uid`. Symlinks come
 * as `type=OS.unix=slink:target` (Pure-FTPd; the target may be empty) or
 * `type=OS.unix=symlink` (ProFTPD, RFC errata 1500, no target). Any other
 * `OS.*` type, and Pure-FTPd's `type=unknown`, is 'unknown'. The name is
 * returned as sent, even when it is a path (MLST sends one).
 */
export function parseMlsdLine(line: string): FileEntry | null {
  return parseMlsd(line, 0, line.length);
}

/** The first `code` in `text[from, to)`, or -1. A loop, not indexOf, so it never looks past the line. */
function find(text: string, code: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === code) return i;
  return -1;
}

/**
 * {@link parseMlsdLine} on `text[start, end)`, read in place (see
 * parseUnix). With a context, the name separator is found with a native
 * indexOf whose result is remembered across lines (see
 * ListingContext.nextSpace).
 */
export function parseMlsd(line: string, start: number, end: number, ctx?: ListingContext): FileEntry | null {
  let p = line.charCodeAt(start) === SPACE && line.charCodeAt(start + 1) !== SPACE ? start + 1 : start;
  let nameSep: number;
  if (ctx === undefined) {
    nameSep = find(line, SPACE, p, end);
  } else {
    if (ctx.nextSpace < p) {
      const found = line.indexOf(' ', p);
      ctx.nextSpace = found < 0 ? line.length : found;
    }
    nameSep = ctx.nextSpace < end ? ctx.nextSpace : -1;
  }
  if (nameSep < 0 || nameSep === end - 1) return null;
  // Facts end with `;`; a line whose first word does not, is not a fact line.
  // Nor is one with no facts at all: every server sends some, and a line
  // that merely starts with spaces is another format's (an OS/2 entry, a
  // VMS entry's second line), not an entry whose name starts with a space.
  if (nameSep === p || line.charCodeAt(nameSep - 1) !== SEMICOLON) return null;

  let type: FileType | undefined;
  let size: number | undefined;
  let sizd: number | undefined;
  let modifiedAt: Date | undefined;
  let perm: string | undefined;
  let mode: string | undefined;
  let ownerName: string | undefined;
  let owner: string | undefined;
  let uid: string | undefined;
  let groupName: string | undefined;
  let group: string | undefined;
  let gid: string | undefined;
  let target: string | undefined;
  let slink: string | undefined;

  while (p < nameSep) {
    // indexOf is safe here: line[nameSep - 1] is `;`, so the search stops
    // inside the line. The `=` is then looked for only inside the fact.
    const factEnd = line.indexOf(';', p);
    const eq = find(line, EQUALS, p, factEnd);
    if (eq < 0) {
      p = factEnd + 1; // a fact without a value: skip it
      continue;
    }
    const v = eq + 1;
    switch (eq - p) {
      case 4:
        if (factIs(line, p, eq, 'type')) {
          if (factIs(line, v, factEnd, 'file')) type = 'file';
          else if (factIs(line, v, factEnd, 'dir')) type = 'dir';
          else if (factIs(line, v, factEnd, 'cdir') || factIs(line, v, factEnd, 'pdir')) return null;
          else if (startsWithIgnoreCase(line, v, factEnd, 'os.unix=slink')) {
            type = 'symlink';
            // `slink:target`; Pure-FTPd sends `slink:` with nothing after it.
            if (factEnd - v > 14 && line.charCodeAt(v + 13) === 0x3a) target = line.slice(v + 14, factEnd);
          } else if (factIs(line, v, factEnd, 'os.unix=symlink')) type = 'symlink';
          else type = 'unknown';
        } else if (factIs(line, p, eq, 'size')) {
          const n = parseDigits(line, v, factEnd);
          if (n >= 0) size = n;
        } else if (factIs(line, p, eq, 'sizd')) {
          const n = parseDigits(line, v, factEnd);
          if (n >= 0) sizd = n;
        } else if (factIs(line, p, eq, 'perm')) {
          perm = sharedSlice(line, v, factEnd, 3);
        }
        break;
      case 6:
        if (factIs(line, p, eq, 'modify')) modifiedAt = parseFactTime(line, v, factEnd);
        break;
      case 8:
        if (factIs(line, p, eq, 'unix.uid')) uid = sharedSlice(line, v, factEnd, 4);
        else if (factIs(line, p, eq, 'unix.gid')) gid = sharedSlice(line, v, factEnd, 5);
        break;
      case 9:
        if (factIs(line, p, eq, 'unix.mode')) mode = sharedSlice(line, v, factEnd, 6);
        break;
      case 10:
        if (factIs(line, p, eq, 'unix.owner')) owner = sharedSlice(line, v, factEnd, 7);
        else if (factIs(line, p, eq, 'unix.group')) group = sharedSlice(line, v, factEnd, 8);
        else if (factIs(line, p, eq, 'unix.slink')) slink = line.slice(v, factEnd);
        break;
      case 14:
        if (factIs(line, p, eq, 'unix.ownername')) ownerName = sharedSlice(line, v, factEnd, 9);
        else if (factIs(line, p, eq, 'unix.groupname')) groupName = sharedSlice(line, v, factEnd, 10);
        break;
      default:
        break;
    }
    p = factEnd + 1;
  }

  const name = line.slice(nameSep + 1, end);
  if (isDotName(name)) return null;
  const raw = start === 0 && end === line.length ? line : line.slice(start, end);
  // Globus GridFTP keeps `type=dir` (or `file`) for a link and names the link in
  // `UNIX.slink`. Taken for a folder, a recursive delete would go through it
  // and empty the folder it points to.
  if (slink !== undefined) {
    type = 'symlink';
    if (slink !== '') target = slink;
  }
  const resolvedType = type ?? 'unknown';
  return makeEntry(
    raw,
    name,
    resolvedType,
    size ?? (resolvedType === 'dir' ? sizd : undefined),
    modifiedAt,
    'second',
    (mode !== undefined ? octalModeToString(mode) : undefined) ?? perm,
    ownerName ?? owner ?? uid,
    groupName ?? group ?? gid,
    target,
  );
}
