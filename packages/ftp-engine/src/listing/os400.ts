/**
 * IBM i (OS/400) `LIST` lines, as its FTP server prints them with
 * `SITE NAMEFMT 1` (path names; the engine sends it after a SYST that says
 * OS/400):
 *
 *     QSYS           77824 02/23/00 15:09:55 *DIR       QOpenSys/
 *     QSECOFR        61440 06/20/07 14:25:49 *LIB       QGPL.LIB/
 *     QPGMR         118784 11/12/02 14:48:25 *STMF      report.csv
 *     QSYS                                   *MEM       QGPL.LIB/QCLSRC.FILE/START.MBR
 *
 * owner, size, date, time, the object type (a `*` word), then the name.
 * Size, date and time are blank for members. A name ending in `/` is a
 * container (directory, library, folder, file with members); the slash is
 * not part of the name, and a path's last segment names the entry. The
 * date follows the system's date format, read as DOS dates are
 * (time.ts numericDate). Times are the server's wall clock.
 */
import type { FileEntry, FileType } from '../types.ts';
import { isDotName, makeEntry, parseDigits } from './entry.ts';
import { makeListingContext, numericDate, wallClockDate, type ListingContext, type ListingOptions } from './time.ts';

// The date's two separators must match, as in dos.ts: `11/12-02` is no date.
const LINE = /^(\S+)\s+(?:(\d+)\s+(\d{1,2}|\d{4})([/.-])(\d{1,2})\4(\d{2}|\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})\s+)?(\*[A-Z0-9]+)\s+(\S.*)$/;

/** Object types that are always containers, even when the name lacks the trailing `/`. */
const CONTAINERS = new Set(['*DIR', '*LIB', '*FLR']);

/** Parses one IBM i (OS/400) LIST line, or returns null if it is not one. */
export function parseOs400Line(line: string, options?: ListingOptions): FileEntry | null {
  return parseOs400(line, makeListingContext(options));
}

/** {@link parseOs400Line} with options already resolved, for parseListing. */
export function parseOs400(line: string, ctx: ListingContext): FileEntry | null {
  const m = LINE.exec(line);
  if (!m) return null;
  const [, owner, sizeText, d1, , d2, d3, hh, mm, ss, objectType, rawName] = m as unknown as string[];
  let name = rawName!;
  let type: FileType = CONTAINERS.has(objectType!) ? 'dir' : 'file';
  if (name.endsWith('/')) {
    type = 'dir';
    name = name.slice(0, -1);
  }
  // A member's path (`LIB.LIB/FILE.FILE/MBR.MBR`): the entry is its last segment.
  const slash = name.lastIndexOf('/');
  if (slash >= 0) name = name.slice(slash + 1);
  if (name === '' || isDotName(name)) return null;
  let size: number | undefined;
  let modifiedAt: Date | undefined;
  if (sizeText !== undefined) {
    const n = parseDigits(sizeText, 0, sizeText.length);
    if (n >= 0 && type === 'file') size = n;
    modifiedAt = dateOf(ctx, d1!, d2!, d3!, Number(hh), Number(mm), Number(ss));
  }
  return makeEntry(line, name, type, size, modifiedAt, 'second', undefined, owner, undefined, undefined);
}

function dateOf(ctx: ListingContext, a: string, b: string, c: string, hour: number, minute: number, second: number): Date | undefined {
  const date = numericDate(Number(a), a.length, Number(b), Number(c), c.length);
  return date ? wallClockDate(ctx, date[0], date[1] - 1, date[2], hour, minute, second) : undefined;
}
