/**
 * OS/2 FTP server (IBM TCP/IP for OS/2) lines:
 *
 *          0           DIR   11-21-26   07:35  projects
 *       1234  A              11-21-26   07:35  read me.txt
 *      36611  DIR  A         04-23-103  10:57  old
 *
 * size, attribute words (`DIR` marks a directory; `A`, `R`, `H`, `S` are
 * archive, read-only, hidden, system), a month-day-year date, `HH:MM`, then
 * the name after the spaces that follow the time (inner and trailing
 * spaces are kept, leading ones are lost). The date is read as DOS dates
 * are (time.ts numericDate); three-digit years come from servers that
 * print the years since 1900 (`103` is 2003). Times are the server's wall
 * clock. Directories keep the size the server prints (0), as Unix ones do.
 */
import type { FileEntry } from '../types.ts';
import { isDotName, makeEntry } from './entry.ts';
import { makeListingContext, numericDate, wallClockDate, type ListingContext, type ListingOptions } from './time.ts';

const LINE = /^\s*(\d+)((?:\s+(?:DIR|[ARHS]{1,4}))*)\s+(\d{1,2})-(\d{1,2})-(\d{2,4})\s+(\d{1,2}):(\d{2})\s+(\S.*)$/;

/** Parses one OS/2 LIST line, or returns null if it is not one (or is `.`/`..`). */
export function parseOs2Line(line: string, options?: ListingOptions): FileEntry | null {
  return parseOs2(line, makeListingContext(options));
}

/** {@link parseOs2Line} with options already resolved, for parseListing. */
export function parseOs2(line: string, ctx: ListingContext): FileEntry | null {
  const m = LINE.exec(line);
  if (!m) return null;
  const [, sizeText, attributes, a, b, c, hh, mm, name] = m as unknown as string[];
  if (isDotName(name!)) return null;
  const year = c!.length === 3 ? 1900 + Number(c) : undefined;
  const date = year !== undefined ? [year, Number(a), Number(b)] : numericDate(Number(a), a!.length, Number(b), Number(c), c!.length);
  if (!date) return null;
  const modifiedAt = wallClockDate(ctx, date[0]!, date[1]! - 1, date[2]!, Number(hh), Number(mm), 0);
  if (modifiedAt === undefined) return null;
  const isDir = /\bDIR\b/.test(attributes!);
  return makeEntry(line, name!, isDir ? 'dir' : 'file', Number(sizeText), modifiedAt, 'minute', undefined, undefined, undefined, undefined);
}
