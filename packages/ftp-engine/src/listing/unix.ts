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
 */
import type { FileEntry, FileType } from '../types.ts';
import { isDotName, makeEntry, parseDigits, sharedSlice } from './entry.ts';
import { monthIndex } from './months.ts';
import { inferYear, makeListingContext, wallClockDate, type ListingContext, type ListingOptions } from './time.ts';

/** Tokens before the date we are willing to read (link count, owner and group with spaces, size). */
const MAX_TOKENS = 40;
const starts = new Int32Array(MAX_TOKENS);
const ends = new Int32Array(MAX_TOKENS);

const SPACE = 0x20;
const TAB = 0x09;
const COLON = 0x3a;
const COMMA = 0x2c;
const CJK_DAY = 0x65e5; // 日
const KOREAN_DAY = 0xc77c; // 일
const CJK_YEAR = 0x5e74; // 年
const KOREAN_YEAR = 0xb144; // 년

/**
 * The first column's type letter. Devices, FIFOs, sockets and Solaris doors
 * are 'unknown': they have no byte content to download, and the UI should
 * not offer to.
 */
function typeOf(code: number): FileType | null {
  switch (code) {
    case 0x2d: // -
    case 0x66: // f (some embedded servers)
      return 'file';
    case 0x64: // d
      return 'dir';
    case 0x6c: // l
      return 'symlink';
    case 0x62: // b
    case 0x63: // c
    case 0x70: // p
    case 0x73: // s
    case 0x44: // D (Solaris door)
    case 0x6e: // n (HP-UX network special)
    case 0x65: // e (z/OS external link)
    case 0x3f: // ? (unknown to ls)
      return 'unknown';
    default:
      return null;
  }
}

/** Characters allowed in the nine permission columns. */
const PERM_CHARS = new Uint8Array(128);
for (const c of 'rwxsStTlLe-?') PERM_CHARS[c.charCodeAt(0)] = 1;

const DASH = 0x2d;
const RWX_CODES = [...'rwxrwxrwx'].map((c) => c.charCodeAt(0));
/** `---------` … `rwxrwxrwx`, indexed by the nine permission bits. */
const PLAIN_PERMISSIONS: string[] = [];
for (let mask = 0; mask < 512; mask++) {
  let text = '';
  for (let i = 0; i < 9; i++) text += mask & (1 << (8 - i)) ? 'rwxrwxrwx'[i] : '-';
  PLAIN_PERMISSIONS.push(text);
}

function isSpace(code: number): boolean {
  return code === SPACE || code === TAB;
}

/** Values of the time-or-year token, filled by {@link readTimeOrYear}. */
let tyYear = -1;
let tyHour = 0;
let tyMinute = 0;
let tySecond = 0;

/**
 * Reads `HH:MM`, `H:MM`, `HH:MM:SS[.frac]` (sets tyYear = -1) or `YYYY`
 * (optionally `YYYY年`) into the ty* fields. Returns false for anything else.
 */
function readTimeOrYear(line: string, s: number, e: number): boolean {
  const len = e - s;
  const colon = len >= 4 && line.charCodeAt(s + 1) === COLON ? s + 1 : len >= 5 && line.charCodeAt(s + 2) === COLON ? s + 2 : -1;
  if (colon > 0) {
    if (colon + 3 > e) return false;
    const hour = parseDigits(line, s, colon);
    const minute = parseDigits(line, colon + 1, colon + 3);
    if (hour < 0 || minute < 0) return false;
    let second = 0;
    let p = colon + 3;
    if (p < e) {
      if (line.charCodeAt(p) !== COLON) return false;
      second = parseDigits(line, p + 1, p + 3);
      if (second < 0) return false;
      p += 3;
      // `--time-style=full-iso` adds nanoseconds: ignored below the second.
      if (p < e && line.charCodeAt(p) !== 0x2e) return false;
    }
    tyYear = -1;
    tyHour = hour;
    tyMinute = minute;
    tySecond = second;
    return true;
  }
  if (len === 4 || (len === 5 && (line.charCodeAt(e - 1) === CJK_YEAR || line.charCodeAt(e - 1) === KOREAN_YEAR))) {
    const year = parseDigits(line, s, s + 4);
    if (year < 1900) return false;
    tyYear = year;
    tyHour = tyMinute = tySecond = 0;
    return true;
  }
  return false;
}

/** A day of month (`7`, `07`, `7日`, `7일`), or -1. */
function readDay(line: string, s: number, e: number): number {
  const last = line.charCodeAt(e - 1);
  const end = last === CJK_DAY || last === KOREAN_DAY ? e - 1 : e;
  if (end - s < 1 || end - s > 2) return -1;
  const day = parseDigits(line, s, end);
  return day >= 1 && day <= 31 ? day : -1;
}

/** `YYYY-MM-DD` (also with `/`) as year*10000+month*100+day, or -1. */
function readIsoDate(line: string, s: number, e: number): number {
  if (e - s !== 10) return -1;
  const sep = line.charCodeAt(s + 4);
  if ((sep !== 0x2d && sep !== 0x2f) || line.charCodeAt(s + 7) !== sep) return -1;
  const year = parseDigits(line, s, s + 4);
  const month = parseDigits(line, s + 5, s + 7);
  const day = parseDigits(line, s + 8, s + 10);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) return -1;
  return year * 10000 + month * 100 + day;
}

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
 * {@link parseUnixLine} on `text[start, end)` with options already
 * resolved. parseListing reads lines in place in the whole listing: no
 * per-line copy, and no scan ever passes `end`.
 */
export function parseUnix(line: string, start: number, end: number, ctx: ListingContext): FileEntry | null {
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
    if (code >= 128 || PERM_CHARS[code] === 0) return null;
    mask <<= 1;
    if (code === RWX_CODES[i]) mask |= 1;
    else if (code !== DASH) plain = false;
  }
  const permissions = plain ? PLAIN_PERMISSIONS[mask]! : sharedSlice(line, p + 1, p + 10);
  let q = p + 10;
  c = line.charCodeAt(q);
  if (c === 0x2b || c === 0x40 || c === 0x2e) c = line.charCodeAt(++q); // ACL / xattr / SELinux marker
  // The link count may be glued to the permissions when it is wide.
  if (!isSpace(c) && !(c >= 0x30 && c <= 0x39)) return null;

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
    // Cheap gate before the full check: a time or year is a digit-led token of
    // 4 or 5 characters (`7:35`, `07:35`, `2024`, `2024年`), or longer with `:`
    // third (`07:35:08.123`).
    const c0 = line.charCodeAt(s) - 0x30;
    const tokenLength = pos - s;
    if (!(c0 >= 0 && c0 <= 9) || tokenLength < 4 || (tokenLength > 5 && line.charCodeAt(s + 2) !== COLON)) continue;
    if (!readTimeOrYear(line, s, pos)) continue;

    // "size Mon DD time|year", "size DD Mon time|year", "size YYYY-MM-DD time".
    let month = -1;
    let day = -1;
    let year = tyYear;
    let sizeIndex = -1;
    const iso = tyYear < 0 ? readIsoDate(line, starts[t - 1]!, ends[t - 1]!) : -1;
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
    let name = line.slice(nameStart + 1, end);
    let target: string | undefined;
    if (type === 'symlink') {
      const arrow = name.indexOf(' -> ');
      if (arrow >= 0) {
        target = name.slice(arrow + 4);
        name = name.slice(0, arrow);
      }
    }
    if (isDotName(name)) return null;

    if (year < 0) year = inferYear(ctx, month, day, tyHour, tyMinute);
    const modifiedAt =
      offsetMs === ctx.offsetMs
        ? wallClockDate(ctx, year, month, day, tyHour, tyMinute, tySecond)
        : wallClockDate({ ...ctx, offsetMs }, year, month, day, tyHour, tyMinute, tySecond);

    readOwnerAndGroup(line, sizeFirstToken);
    const raw = start === 0 && end === line.length ? line : line.slice(start, end);
    return makeEntry(raw, name, type, size >= 0 ? size : undefined, modifiedAt, permissions, ownerOut, groupOut, target);
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
