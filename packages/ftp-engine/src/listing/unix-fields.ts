/**
 * Readers for the columns of a Unix `ls -l` line, shared by the general
 * scanner (unix.ts) and the fast path for the common shape (unix-fast.ts).
 * Each reads `line[s, e)` in place and allocates nothing.
 */
import type { FileType } from '../types.ts';
import * as entry from './entry.ts';

// Bound once (see unix.ts for why).
const { parseDigits } = entry;

/** Column separator (with {@link TAB}). */
export const SPACE = 0x20;
/** Column separator some servers use (with {@link SPACE}). */
export const TAB = 0x09;
/** Splits hours, minutes and seconds. */
export const COLON = 0x3a;
/** Ends a device's major number (`1, 3`). */
export const COMMA = 0x2c;
const CJK_DAY = 0x65e5; // 日
const KOREAN_DAY = 0xc77c; // 일
const CJK_YEAR = 0x5e74; // 年
const KOREAN_YEAR = 0xb144; // 년

/**
 * The first column's type letter. Devices, FIFOs, sockets and Solaris doors
 * are 'unknown': they have no byte content to download, and the UI should
 * not offer to.
 */
export function typeOf(code: number): FileType | null {
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
export const PERM_CHARS = new Uint8Array(128);
for (const c of 'rwxsStTlLe-?') PERM_CHARS[c.charCodeAt(0)] = 1;

/** A permission that is not granted. */
export const DASH = 0x2d;
/** `rwxrwxrwx` as codes: the granted permission letter of each of the nine columns. */
export const RWX_CODES = [...'rwxrwxrwx'].map((c) => c.charCodeAt(0));
/** `---------` … `rwxrwxrwx`, indexed by the nine permission bits. */
export const PLAIN_PERMISSIONS: string[] = [];
for (let mask = 0; mask < 512; mask++) {
  let text = '';
  for (let i = 0; i < 9; i++) text += mask & (1 << (8 - i)) ? 'rwxrwxrwx'[i] : '-';
  PLAIN_PERMISSIONS.push(text);
}

/** Column separator: a space or a tab. */
export function isSpace(code: number): boolean {
  return code === SPACE || code === TAB;
}

/**
 * Values of the time-or-year token, filled by {@link readTimeOrYear}; year
 * is -1 for a time, and `seconds` says whether the time had them.
 */
export const timeOrYear = { year: -1, hour: 0, minute: 0, second: 0, seconds: false };

/**
 * Is `line[s, e)` a time or a year, as both Unix scanners must agree? A
 * cheap gate first: a digit-led token of 4 or 5 characters (`7:35`,
 * `07:35`, `2024`, `2024年`), or longer with `:` third (`07:35:08.123`);
 * then {@link readTimeOrYear}, which also fills {@link timeOrYear}.
 */
export function looksLikeTimeOrYear(line: string, s: number, e: number): boolean {
  const c0 = line.charCodeAt(s) - 0x30;
  const length = e - s;
  if (!(c0 >= 0 && c0 <= 9) || length < 4 || (length > 5 && line.charCodeAt(s + 2) !== COLON)) return false;
  return readTimeOrYear(line, s, e);
}

/**
 * Reads `HH:MM`, `H:MM`, `HH:MM:SS[.frac]` (year -1) or `YYYY`
 * (optionally `YYYY年`) into {@link timeOrYear}. Returns false for anything else.
 */
export function readTimeOrYear(line: string, s: number, e: number): boolean {
  const len = e - s;
  const colon = len >= 4 && line.charCodeAt(s + 1) === COLON ? s + 1 : len >= 5 && line.charCodeAt(s + 2) === COLON ? s + 2 : -1;
  if (colon > 0) {
    if (colon + 3 > e) return false;
    const hour = parseDigits(line, s, colon);
    const minute = parseDigits(line, colon + 1, colon + 3);
    if (hour < 0 || minute < 0) return false;
    let second = 0;
    let p = colon + 3;
    const seconds = p < e;
    if (seconds) {
      if (line.charCodeAt(p) !== COLON) return false;
      second = parseDigits(line, p + 1, p + 3);
      if (second < 0) return false;
      p += 3;
      // `--time-style=full-iso` adds nanoseconds: ignored below the second.
      if (p < e && line.charCodeAt(p) !== 0x2e) return false;
    }
    timeOrYear.year = -1;
    timeOrYear.hour = hour;
    timeOrYear.minute = minute;
    timeOrYear.second = second;
    timeOrYear.seconds = seconds;
    return true;
  }
  if (len === 4 || (len === 5 && (line.charCodeAt(e - 1) === CJK_YEAR || line.charCodeAt(e - 1) === KOREAN_YEAR))) {
    const year = parseDigits(line, s, s + 4);
    if (year < 1900) return false;
    timeOrYear.year = year;
    timeOrYear.hour = timeOrYear.minute = timeOrYear.second = 0;
    timeOrYear.seconds = false;
    return true;
  }
  return false;
}

/** A day of month (`7`, `07`, `7日`, `7일`), or -1. */
export function readDay(line: string, s: number, e: number): number {
  const last = line.charCodeAt(e - 1);
  const end = last === CJK_DAY || last === KOREAN_DAY ? e - 1 : e;
  if (end - s < 1 || end - s > 2) return -1;
  const day = parseDigits(line, s, end);
  return day >= 1 && day <= 31 ? day : -1;
}

/** `YYYY-MM-DD` (also with `/`) as year*10000+month*100+day, or -1. */
export function readIsoDate(line: string, s: number, e: number): number {
  if (e - s !== 10) return -1;
  const sep = line.charCodeAt(s + 4);
  if ((sep !== 0x2d && sep !== 0x2f) || line.charCodeAt(s + 7) !== sep) return -1;
  const year = parseDigits(line, s, s + 4);
  const month = parseDigits(line, s + 5, s + 7);
  const day = parseDigits(line, s + 8, s + 10);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) return -1;
  return year * 10000 + month * 100 + day;
}

/** What {@link readNameAndTarget} found (one shared object: this runs on every line). */
export const nameParts: { name: string; target: string | undefined } = { name: '', target: undefined };

/**
 * The name from `s` to `end`. A symlink's `name -> target` is split at the
 * first ` -> `, so a target may contain the arrow but a name may not.
 */
export function readNameAndTarget(line: string, s: number, end: number, symlink: boolean): void {
  let name = line.slice(s, end);
  let target: string | undefined;
  if (symlink) {
    const arrow = name.indexOf(' -> ');
    if (arrow >= 0) {
      target = name.slice(arrow + 4);
      name = name.slice(0, arrow);
    }
  }
  nameParts.name = name;
  nameParts.target = target;
}
