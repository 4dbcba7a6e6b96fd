/**
 * OpenVMS `DIRECTORY/SIZE/DATE/OWNER/PROTECTION` lines, as the VMS FTP
 * servers (HP TCP/IP Services, MultiNet, TCPware) print them:
 *
 *     FILE.TXT;1          4/5     21-NOV-2026 07:35:08.12  [USER,FTP]  (RWED,RWED,RE,)
 *     SUBDIR.DIR;1        1/3     21-NOV-2026 07:35        [USER,FTP]  (RWE,RWE,RE,E)
 *     README.TXT;4          2     18-APR-2000 10:40:39.90
 *
 * The first token is `NAME.EXT;VERSION`; the others are read by their
 * shape, in any order, as servers differ in which columns they print and
 * where: a size (blocks used, optionally `/allocated`, or `2KB`), a date
 * `D-MON-YYYY` with an optional `HH:MM[:SS[.cc]]` after it, an owner
 * `[GROUP,OWNER]` / `[OWNER]` / `[1,4]` (or a bare word), and a protection
 * `(S,O,G,W)`. A size and a date are required, any other token refuses the
 * line, so nothing but a VMS line can pass.
 *
 * Decisions:
 * - `X.DIR;n` is the directory `X`; every name drops its `;version`. The
 *   version is left in {@link vmsLine} so parseListing can keep one entry
 *   per name, the highest version (VMS lists the newest first).
 * - Size is blocks × 512. VMS counts whole 512-byte blocks, so this is an
 *   upper bound of the byte count (by up to 511 bytes; for record formats
 *   with overhead, by more). Directories keep their size, as Unix ones do.
 * - `[GROUP,OWNER]` gives `group` and `owner`; `[OWNER]` only `owner`. A
 *   numeric UIC `[1,4]` is split the same way (octal group and member).
 * - `permissions` is the protection as printed, parentheses included.
 * - Times are the server's wall clock; hundredths of a second are dropped.
 *   A date without a time is midnight.
 *
 * A long name may stand alone on its line with the rest on the next;
 * parseListing joins such pairs (see index.ts) and calls this on the result.
 */
import type { FileEntry, FileType, TimePrecision } from '../types.ts';
import { makeEntry, parseDigits } from './entry.ts';
import { monthIndex } from './months.ts';
import { calendarDate, makeListingContext, wallClockDate, type ListingContext, type ListingOptions } from './time.ts';

/** What the last successful {@link parseVms} call read besides the entry. */
export const vmsLine = { version: 0 };

const NAME_AND_VERSION = /^([^\s;]+);(\d{1,5})$/;
const DATE = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,2})?)?$/;
const BLOCKS = /^(\d+)(?:\/\d+)?$/;
const SCALED = /^(\d+)(?:\.(\d+))?([KMG])B?$/i;
const OWNER = /^\[([A-Za-z0-9$_]+)(?:,([A-Za-z0-9$_]+))?\]$/;
const BARE_OWNER = /^[A-Za-z$_][A-Za-z0-9$_]*$/;
const PROTECTION = /^\(([RWED]*,){3}[RWED]*\)$/i;
const SCALE: Record<string, number> = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

/** Parses one OpenVMS LIST line (or a joined two-line entry), or returns null if it is not one. */
export function parseVmsLine(line: string, options?: ListingOptions): FileEntry | null {
  return parseVms(line, makeListingContext(options));
}

/** {@link parseVmsLine} with options already resolved, for parseListing. */
export function parseVms(line: string, ctx: ListingContext): FileEntry | null {
  // Cheap refusal first: the first token must hold a `;`.
  const firstEnd = tokenEnd(line, 0);
  const semicolon = line.lastIndexOf(';', firstEnd);
  if (semicolon <= 0 || firstEnd === line.length) return null;
  const head = NAME_AND_VERSION.exec(line.slice(0, firstEnd));
  if (!head) return null;

  let size: number | undefined;
  let date: [year: number, month: number, day: number] | undefined;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let precision: TimePrecision = 'day';
  let owner: string | undefined;
  let group: string | undefined;
  let permissions: string | undefined;
  let previousWasDate = false;
  for (const token of line.slice(firstEnd).trim().split(/\s+/)) {
    let m: RegExpExecArray | null;
    const afterDate = previousWasDate;
    previousWasDate = false;
    if (afterDate && (m = TIME.exec(token))) {
      hour = Number(m[1]);
      minute = Number(m[2]);
      second = m[3] === undefined ? 0 : Number(m[3]);
      precision = m[3] === undefined ? 'minute' : 'second';
    } else if (date === undefined && (m = DATE.exec(token))) {
      const month = monthIndex(m[2]!, 0, 3);
      if (month < 0) return null;
      date = [Number(m[3]), month, Number(m[1])];
      previousWasDate = true;
    } else if (size === undefined && (m = BLOCKS.exec(token))) {
      size = parseDigits(m[1]!, 0, m[1]!.length) * 512;
    } else if (size === undefined && (m = SCALED.exec(token))) {
      size = Math.round(Number(`${m[1]}.${m[2] ?? '0'}`) * SCALE[m[3]!.toUpperCase()]!);
    } else if (owner === undefined && (m = OWNER.exec(token))) {
      if (m[2] === undefined) owner = m[1];
      else {
        group = m[1];
        owner = m[2];
      }
    } else if (owner === undefined && permissions === undefined && date !== undefined && BARE_OWNER.test(token)) {
      owner = token;
    } else if (permissions === undefined && PROTECTION.test(token)) {
      permissions = token;
    } else {
      return null;
    }
  }
  if (size === undefined || date === undefined) return null;
  const modifiedAt = precision === 'day' ? calendarDate(date[0], date[1], date[2]) : wallClockDate(ctx, date[0], date[1], date[2], hour, minute, second);
  if (modifiedAt === undefined) return null;

  let name = head[1]!;
  let type: FileType = 'file';
  if (name.length > 4 && name.slice(-4).toUpperCase() === '.DIR') {
    name = name.slice(0, -4);
    type = 'dir';
  }
  vmsLine.version = Number(head[2]);
  return makeEntry(line, name, type, size, modifiedAt, precision, permissions, owner, group, undefined);
}

/** Index of the first space or tab at or after `from` (the line length if none). */
function tokenEnd(line: string, from: number): number {
  let i = from;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c === 0x20 || c === 0x09) break;
    i++;
  }
  return i;
}

/** `Directory DISK$USER:[USERS.FTP]`, `Total of 12 files, 345/678 blocks.`, `Grand total of …`: VMS framing, never entries. */
export function isVmsFramingLine(line: string): boolean {
  // Character classes that exclude the brackets keep the match linear on any line.
  return /^Directory\s+[^\s[<]*[[<][^\s\]>]*[\]>]\s*$/i.test(line) || /^\s*(Grand\s+)?Total\s+of\s+\d+\s+(files?|director(y|ies))\b/i.test(line);
}
