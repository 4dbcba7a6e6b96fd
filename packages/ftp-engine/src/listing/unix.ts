/**
 * Unix `ls -l` lines, as vsftpd, ProFTPD, Pure-FTPd, pyftpdlib, busybox and
 * most NAS firmwares print them:
 *
 *     drwxr-xr-x+   2 owner    group        4096 Nov 21 07:35 name
 *
 * A hand-written scanner, not a regex: it reads the permission column,
 * then whitespace-separated tokens until it meets "size date time-or-year",
 * and takes the rest of the line, after exactly one space, as the name.
 * Anchoring on the date from the left is what lets owner and group be
 * missing, numeric or contain spaces, and the name contain anything. Each
 * line is read once, left to right, and at most {@link MAX_TOKENS} tokens
 * are looked at, so no line can cost more than linear time.
 *
 * Lines in the shape nearly every server prints go through a fast path
 * (unix-fast.ts) that reads the columns in one pass; it hands anything
 * else back to the general scanner here. Column readers shared by both are
 * in unix-fields.ts.
 */
import type { FileEntry } from '../types.ts';
import * as entry from './entry.ts';
import * as months from './months.ts';
import * as time from './time.ts';
import type { ListingContext, ListingOptions } from './time.ts';
import * as fast from './unix-fast.ts';
import * as fields from './unix-fields.ts';

// The helpers this parser calls per line, bound once to module constants.
// (An earlier comment said tsx turns these modules into CommonJS with getter
// exports; it does not: the packages are ESM, and imports are live
// bindings. Binding once is kept because it costs nothing, and a module
// transform such as a test runner's may still route each call through a
// property read on the module object.)
const { isDotName, makeEntry, parseDigits, sharedSlice } = entry;
const { monthIndex } = months;
const { calendarDate, inferYear, makeListingContext, wallClockDate } = time;
const { parseUnixFast } = fast;
const { COMMA, DASH, PERM_CHARS, PLAIN_PERMISSIONS, RWX_CODES, isSpace, looksLikeTimeOrYear, nameParts, readDay, readIsoDate, readNameAndTarget, timeOrYear, typeOf } = fields;

/** Tokens before the date we are willing to read (link count, owner and group with spaces, size). */
const MAX_TOKENS = 40;
const starts = new Int32Array(MAX_TOKENS);
const ends = new Int32Array(MAX_TOKENS);

/** Result of {@link readSize}: the size, or -2 for a device (`major, minor`), -1 for no size. */
let sizeFirstToken = 0;
function readSize(line: string, index: number): number {
  const s = starts[index]!;
  const e = ends[index]!;
  sizeFirstToken = index;
  const value = parseDigits(line, s, e);
  if (value >= 0) {
    // `1, 3`: the major number is the previous token, ending in a comma.
    if (index > 0 && line.charCodeAt(ends[index - 1]! - 1) === COMMA && parseDigits(line, starts[index - 1]!, ends[index - 1]! - 1) >= 0) {
      sizeFirstToken = index - 1;
      return -2;
    }
    return value;
  }
  // `1,3` in one token.
  let comma = s;
  while (comma < e && line.charCodeAt(comma) !== COMMA) comma++;
  if (comma > s && comma < e - 1 && parseDigits(line, s, comma) >= 0 && parseDigits(line, comma + 1, e) >= 0) return -2;
  return -1;
}

/**
 * Parses one Unix `ls -l` line, or returns null if it is not one (or is
 * `.`/`..`). Device files get type 'unknown' and no size (their
 * `major, minor` pair is not a size).
 */
export function parseUnixLine(line: string, options?: ListingOptions): FileEntry | null {
  return parseUnix(line, 0, line.length, makeListingContext(options));
}

/**
 * {@link parseUnixLine} without the fast path, so tests can check that the
 * fast path (unix-fast.ts) returns what the general scanner returns.
 * @internal
 */
export function parseUnixLineGeneral(line: string, options?: ListingOptions): FileEntry | null {
  return readUnix(line, 0, line.length, makeListingContext(options), false);
}

/**
 * {@link parseUnixLine} on `text[start, end)` with options already
 * resolved. parseListing reads lines in place in the whole listing: no
 * per-line copy, and no scan ever passes `end`.
 */
export function parseUnix(line: string, start: number, end: number, ctx: ListingContext): FileEntry | null {
  return readUnix(line, start, end, ctx, true);
}

function readUnix(line: string, start: number, end: number, ctx: ListingContext, tryFast: boolean): FileEntry | null {
  const len = end;
  let p = start;
  // `ls -i` / `ls -s` put inode and block counts before the permissions.
  let c = line.charCodeAt(start);
  if (isSpace(c) || (c >= 0x30 && c <= 0x39)) {
    while (p < len) {
      while (p < len && isSpace(line.charCodeAt(p))) p++;
      c = line.charCodeAt(p);
      if (!(c >= 0x30 && c <= 0x39)) break;
      while (p < len && (c = line.charCodeAt(p)) >= 0x30 && c <= 0x39) p++;
      if (!isSpace(line.charCodeAt(p))) return null;
    }
  }
  const type = typeOf(line.charCodeAt(p));
  if (type === null || len < p + 12) return null;
  // Validate the nine columns and, for the plain `rwx-` case, build the bit
  // mask that names a ready-made string: no allocation for the common case.
  let mask = 0;
  let plain = true;
  for (let i = 0; i < 9; i++) {
    const code = line.charCodeAt(p + 1 + i);
    mask <<= 1;
    if (code === RWX_CODES[i]) mask |= 1;
    else if (code !== DASH) {
      // Not the plain letter: still one of the letters `ls` may print there (s, S, t, T, …)?
      if (code >= 128 || PERM_CHARS[code] === 0) return null;
      plain = false;
    }
  }
  const permissions = plain ? PLAIN_PERMISSIONS[mask]! : sharedSlice(line, p + 1, p + 10);
  let q = p + 10;
  c = line.charCodeAt(q);
  if (c === 0x2b || c === 0x40 || c === 0x2e) c = line.charCodeAt(++q); // ACL / xattr / SELinux marker
  // The link count may be glued to the permissions when it is wide.
  if (!isSpace(c) && !(c >= 0x30 && c <= 0x39)) return null;
  if (tryFast) {
    const common = parseUnixFast(line, start, end, q, type, permissions, ctx);
    if (common !== undefined) return common;
  }

  let n = 0;
  let pos = q;
  while (n < MAX_TOKENS) {
    while (pos < len && isSpace(line.charCodeAt(pos))) pos++;
    if (pos >= len) return null;
    const s = pos;
    while (pos < len && !isSpace(line.charCodeAt(pos))) pos++;
    starts[n] = s;
    ends[n] = pos;
    const t = n++;
    if (t < 2) continue;
    // The same test the fast path (unix-fast.ts) uses to leave such lines here.
    if (!looksLikeTimeOrYear(line, s, pos)) continue;
    const { hour, minute, second, seconds } = timeOrYear;

    // "size Mon DD time|year", "size DD Mon time|year", "size YYYY-MM-DD time".
    let month = -1;
    let day = -1;
    let year = timeOrYear.year;
    let sizeIndex = -1;
    const iso = year < 0 ? readIsoDate(line, starts[t - 1]!, ends[t - 1]!) : -1;
    if (iso >= 0) {
      year = Math.floor(iso / 10000);
      month = (Math.floor(iso / 100) % 100) - 1;
      day = iso % 100;
      sizeIndex = t - 2;
    } else if (t >= 3) {
      day = readDay(line, starts[t - 1]!, ends[t - 1]!);
      if (day > 0) {
        month = monthIndex(line, starts[t - 2]!, ends[t - 2]!);
      } else {
        day = readDay(line, starts[t - 2]!, ends[t - 2]!);
        if (day > 0) month = monthIndex(line, starts[t - 1]!, ends[t - 1]!);
      }
      if (month < 0) continue;
      sizeIndex = t - 3;
    } else {
      continue;
    }
    const size = readSize(line, sizeIndex);
    if (size === -1) continue;

    let nameStart = pos;
    let offsetMs = ctx.offsetMs;
    // `--time-style=full-iso` ends the date with a zone (`+0100`), which beats any configured offset.
    if (iso >= 0 && pos + 6 < len && isSpace(line.charCodeAt(pos))) {
      const sign = line.charCodeAt(pos + 1);
      const zone = (sign === 0x2b || sign === 0x2d) && isSpace(line.charCodeAt(pos + 6)) ? parseDigits(line, pos + 2, pos + 6) : -1;
      if (zone >= 0) {
        offsetMs = (sign === 0x2d ? -1 : 1) * (Math.floor(zone / 100) * 60 + (zone % 100)) * 60_000;
        nameStart = pos + 6;
      }
    }
    // Exactly one separator; any further spaces belong to the name.
    if (nameStart + 1 >= len || !isSpace(line.charCodeAt(nameStart))) return null;
    readNameAndTarget(line, nameStart + 1, end, type === 'symlink');
    const { name, target } = nameParts;
    if (isDotName(name)) return null;

    // A year in place of the time (and no ISO date) leaves only the calendar date.
    const dateOnly = year >= 0 && iso < 0;
    if (year < 0) year = inferYear(ctx, month, day, hour, minute);
    const modifiedAt = dateOnly
      ? calendarDate(year, month, day)
      : offsetMs === ctx.offsetMs
        ? wallClockDate(ctx, year, month, day, hour, minute, second)
        : wallClockDate({ ...ctx, offsetMs }, year, month, day, hour, minute, second);
    const precision = dateOnly ? 'day' : seconds ? 'second' : 'minute';

    readOwnerAndGroup(line, sizeFirstToken);
    const raw = start === 0 && end === line.length ? line : line.slice(start, end);
    return makeEntry(raw, name, type, size >= 0 ? size : undefined, modifiedAt, precision, permissions, ownerOut, groupOut, target);
  }
  return null;
}

let ownerOut: string | undefined;
let groupOut: string | undefined;

/**
 * Owner and group (into ownerOut/groupOut) from the tokens between the link
 * count and the size. One token: the group column is missing. Three or
 * more: a name with spaces; we give the group the last token and the owner
 * the rest, which is right for the common case of a spaced owner (Windows
 * account names).
 */
function readOwnerAndGroup(line: string, sizeToken: number): void {
  let first = 0;
  if (sizeToken > 0 && parseDigits(line, starts[0]!, ends[0]!) >= 0) first = 1; // link count
  const count = sizeToken - first;
  ownerOut = groupOut = undefined;
  if (count <= 0) return;
  ownerOut = sharedSlice(line, starts[first]!, ends[count === 1 ? first : sizeToken - 2]!, 1);
  if (count > 1) groupOut = sharedSlice(line, starts[sizeToken - 1]!, ends[sizeToken - 1]!, 2);
}
