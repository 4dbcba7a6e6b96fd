/**
 * The fast path of the Unix parser, for the shape nearly every server
 * prints (vsftpd, ProFTPD, Pure-FTPd, pyftpdlib, busybox, GNU ls):
 *
 *     -rw-r--r--    1 owner    group        1234 Nov 21 07:35 name
 *
 * link count, owner, group, size, English month, day, `HH:MM` or `YYYY`,
 * single spaces or runs of them, no tabs. It reads the line once, turning
 * numbers into values as it passes them, where the general scanner
 * (unix.ts) first cuts the line into tokens and then reads each token
 * again. Anything else, and any line the general scanner could read
 * differently, is left to the general scanner: the fast path returns either
 * exactly the entry the general scanner would build, or undefined.
 */
import type { FileEntry, FileType } from '../types.ts';
import * as entry from './entry.ts';
import * as months from './months.ts';
import * as time from './time.ts';
import type { ListingContext } from './time.ts';
import * as fields from './unix-fields.ts';

// Bound once (see unix.ts for why).
const { isDotName, makeEntry, sharedSlice } = entry;
const { monthIndex } = months;
const { monthStartMs, recentWallMs } = time;
const { COLON, COMMA, SPACE, TAB, looksLikeTimeOrYear, nameParts, readDay, readIsoDate, readNameAndTarget } = fields;

const DAY_MS = 86_400_000;
/** parseDigits sums up to 15 digits exactly and lets Number round longer runs; longer sizes go the general way. */
const MAX_FAST_DIGITS = 15;

/**
 * The 0-based month of the English three-letter name at `p` (any case),
 * or -1. A switch on the letters instead of monthIndex's lookup: this runs
 * on every line. Agrees with monthIndex on every three-letter token whose
 * answer is an English month.
 */
function englishMonth(line: string, p: number): number {
  const a = line.charCodeAt(p) | 0x20;
  const b = line.charCodeAt(p + 1) | 0x20;
  const c = line.charCodeAt(p + 2) | 0x20;
  switch (a) {
    case 0x6a: // j
      if (b === 0x61 && c === 0x6e) return 0; // jan
      if (b === 0x75) return c === 0x6e ? 5 : c === 0x6c ? 6 : -1; // jun, jul
      return -1;
    case 0x66: // f
      return b === 0x65 && c === 0x62 ? 1 : -1; // feb
    case 0x6d: // m
      return b === 0x61 ? (c === 0x72 ? 2 : c === 0x79 ? 4 : -1) : -1; // mar, may
    case 0x61: // a
      if (b === 0x70 && c === 0x72) return 3; // apr
      return b === 0x75 && c === 0x67 ? 7 : -1; // aug
    case 0x73: // s
      return b === 0x65 && c === 0x70 ? 8 : -1; // sep
    case 0x6f: // o
      return b === 0x63 && c === 0x74 ? 9 : -1; // oct
    case 0x6e: // n
      return b === 0x6f && c === 0x76 ? 10 : -1; // nov
    case 0x64: // d
      return b === 0x65 && c === 0x63 ? 11 : -1; // dec
    default:
      return -1;
  }
}

/**
 * Would the general scanner take `line[s, e)` for a time-or-year and build
 * a date from the tokens before it? It checks every token from the third
 * on, so the group and size columns of a common line get the same test
 * here; when it answers yes, the line is left to the general scanner.
 */
function groupStartsDate(line: string, ownerStart: number, ownerEnd: number, groupStart: number, groupEnd: number): boolean {
  // As the third token, the group can only end a `YYYY-MM-DD time` date in the owner column.
  return looksLikeTimeOrYear(line, groupStart, groupEnd) && readIsoDate(line, ownerStart, ownerEnd) >= 0;
}

/** {@link groupStartsDate} for the size column, the fourth token. */
function sizeStartsDate(
  line: string,
  ownerStart: number,
  ownerEnd: number,
  groupStart: number,
  groupEnd: number,
  sizeStart: number,
  sizeEnd: number,
): boolean {
  if (!looksLikeTimeOrYear(line, sizeStart, sizeEnd)) return false;
  // A year-like size (`4096`) after "owner group" that read as "Mon DD" or "DD Mon".
  if (readDay(line, groupStart, groupEnd) > 0) return monthIndex(line, ownerStart, ownerEnd) >= 0;
  return readDay(line, ownerStart, ownerEnd) > 0 && monthIndex(line, groupStart, groupEnd) >= 0;
}

/**
 * The entry for `line[start, end)` if it has the common shape, else
 * undefined (the caller then runs the general scanner). `q` is where the
 * columns after the permissions (and any ACL marker) begin; `type` and
 * `permissions` are already read.
 */
export function parseUnixFast(
  line: string,
  start: number,
  end: number,
  q: number,
  type: FileType,
  permissions: string,
  ctx: ListingContext,
): FileEntry | undefined {
  let pos = q;
  let c = 0;

  // Link count: digits. (It may follow the permissions without a space.)
  while (pos < end && line.charCodeAt(pos) === SPACE) pos++;
  let s = pos;
  while (pos < end && (c = line.charCodeAt(pos)) >= 0x30 && c <= 0x39) pos++;
  if (pos === s || pos >= end || c !== SPACE) return undefined;

  // Owner and group: anything but spaces; a tab would split them differently.
  while (pos < end && line.charCodeAt(pos) === SPACE) pos++;
  const ownerStart = pos;
  while (pos < end && (c = line.charCodeAt(pos)) !== SPACE) {
    if (c === TAB) return undefined;
    pos++;
  }
  const ownerEnd = pos;
  while (pos < end && line.charCodeAt(pos) === SPACE) pos++;
  const groupStart = pos;
  while (pos < end && (c = line.charCodeAt(pos)) !== SPACE) {
    if (c === TAB) return undefined;
    pos++;
  }
  const groupEnd = pos;
  // `root  1, 3`: a device's major number, not a group.
  if (ownerEnd === ownerStart || groupEnd === groupStart || pos >= end || line.charCodeAt(groupEnd - 1) === COMMA) return undefined;

  // Size: digits.
  while (pos < end && line.charCodeAt(pos) === SPACE) pos++;
  s = pos;
  let size = 0;
  while (pos < end && (c = line.charCodeAt(pos)) >= 0x30 && c <= 0x39) {
    size = size * 10 + (c - 0x30);
    pos++;
  }
  const sizeEnd = pos;
  if (pos === s || pos - s > MAX_FAST_DIGITS || pos >= end || c !== SPACE) return undefined;
  // Only a digit-led group, and of all-digit sizes only `1900`…`9999`, can pass for a time or year.
  const g0 = line.charCodeAt(groupStart) - 0x30;
  if (g0 >= 0 && g0 <= 9 && groupStartsDate(line, ownerStart, ownerEnd, groupStart, groupEnd)) return undefined;
  if (sizeEnd - s === 4 && size >= 1900 && sizeStartsDate(line, ownerStart, ownerEnd, groupStart, groupEnd, s, sizeEnd)) return undefined;

  // Month: three letters.
  while (pos < end && line.charCodeAt(pos) === SPACE) pos++;
  if (pos + 3 >= end || line.charCodeAt(pos + 3) !== SPACE) return undefined;
  const month = englishMonth(line, pos);
  if (month < 0) return undefined;
  pos += 3;

  // Day: one or two digits, 1 to 31.
  while (pos < end && line.charCodeAt(pos) === SPACE) pos++;
  if (pos + 1 >= end) return undefined;
  let day = line.charCodeAt(pos) - 0x30;
  if (!(day >= 0 && day <= 9)) return undefined;
  c = line.charCodeAt(++pos);
  if (c >= 0x30 && c <= 0x39 && pos + 1 < end) {
    day = day * 10 + (c - 0x30);
    c = line.charCodeAt(++pos);
  }
  if (c !== SPACE || day < 1 || day > 31) return undefined;

  // `H:MM`, `HH:MM` or `YYYY` (from 1900), then one space and the name.
  while (pos < end && line.charCodeAt(pos) === SPACE) pos++;
  s = pos;
  let value = 0;
  while (pos < end && (c = line.charCodeAt(pos)) >= 0x30 && c <= 0x39) {
    value = value * 10 + (c - 0x30);
    pos++;
  }
  let year = -1;
  let hour = 0;
  let minute = 0;
  if (c === COLON && pos - s >= 1 && pos - s <= 2 && pos + 2 < end) {
    const m1 = line.charCodeAt(pos + 1) - 0x30;
    const m2 = line.charCodeAt(pos + 2) - 0x30;
    if (!(m1 >= 0 && m1 <= 9 && m2 >= 0 && m2 <= 9)) return undefined;
    hour = value;
    minute = m1 * 10 + m2;
    pos += 3;
  } else if (pos - s === 4 && value >= 1900) {
    year = value;
  } else {
    return undefined;
  }
  // Exactly one separator; any further spaces belong to the name.
  if (pos + 1 >= end || line.charCodeAt(pos) !== SPACE) return undefined;

  readNameAndTarget(line, pos + 1, end, type === 'symlink');
  const { name, target } = nameParts;
  if (isDotName(name)) return undefined; // not an entry; the general scanner says so

  // What wallClockDate(ctx, inferYear(…), …) or calendarDate(year, …) gives, computing the month start once.
  let modifiedAt: Date | undefined;
  if (year >= 0) modifiedAt = new Date(monthStartMs(year, month) + (day - 1) * DAY_MS);
  else if (hour <= 23 && minute <= 59) modifiedAt = new Date(recentWallMs(ctx, month, day, hour, minute) - ctx.offsetMs);
  const owner = sharedSlice(line, ownerStart, ownerEnd, 1);
  const group = sharedSlice(line, groupStart, groupEnd, 2);
  const raw = start === 0 && end === line.length ? line : line.slice(start, end);
  return makeEntry(raw, name, type, size, modifiedAt, year >= 0 ? 'day' : 'minute', permissions, owner, group, target);
}
