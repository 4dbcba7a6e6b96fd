/**
 * DOS / IIS / Windows `dir` lines:
 *
 *     01-02-24  03:04PM       <DIR>          name
 *     01-02-2024  15:04            12345 name
 *     2024-01-02  15:04:05         1,234 name
 *     02.01.2024  15:04    <SYMLINKD>     name [target]
 *
 * The date order is month-day-year (IIS's default) unless the first number
 * has four digits (year-month-day) or is above 12 (day-month-year). Two-digit
 * years below 70 are 20xx. Times are the server's wall clock.
 *
 * The name starts after the whitespace that follows the size column, so
 * leading spaces of a name cannot be told apart from padding and are lost;
 * trailing and inner spaces are kept.
 */
import type { FileEntry, FileType } from '../types.ts';
import { isDotName, makeEntry } from './entry.ts';
import { makeListingContext, numericDate, wallClockDate, type ListingContext, type ListingOptions } from './time.ts';

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Reads a run of digits starting at `cursor`; returns the value and moves `cursor`, or -1. */
let cursor = 0;
function readNumber(line: string, maxDigits: number): number {
  let value = 0;
  const start = cursor;
  while (cursor < line.length && cursor - start < maxDigits && isDigit(line.charCodeAt(cursor))) {
    value = value * 10 + line.charCodeAt(cursor) - 0x30;
    cursor++;
  }
  return cursor === start ? -1 : value;
}

function skipSpaces(line: string): number {
  const start = cursor;
  while (cursor < line.length && isSpace(line.charCodeAt(cursor))) cursor++;
  return cursor - start;
}

/** Parses one DOS/IIS line, or returns null if it is not one (or is `.`/`..`). */
export function parseDosLine(line: string, options?: ListingOptions): FileEntry | null {
  return parseDos(line, makeListingContext(options));
}

/** {@link parseDosLine} with options already resolved, for {@link parseListing}. */
export function parseDos(line: string, ctx: ListingContext): FileEntry | null {
  cursor = 0;
  // Date: three numbers with one separator kind, `-`, `/` or `.`.
  const aStart = cursor;
  const a = readNumber(line, 4);
  const aDigits = cursor - aStart;
  const sep = line.charCodeAt(cursor);
  if (a < 0 || (sep !== 0x2d && sep !== 0x2f && sep !== 0x2e)) return null;
  cursor++;
  const b = readNumber(line, 2);
  if (b < 0 || line.charCodeAt(cursor) !== sep) return null;
  cursor++;
  const cStart = cursor;
  const c = readNumber(line, 4);
  const cDigits = cursor - cStart;
  if (c < 0 || skipSpaces(line) === 0) return null;

  // IIS prints month first; see numericDate for the other orders.
  const date = numericDate(a, aDigits, b, c, cDigits);
  if (!date) return null;
  const [year, month, day] = date;

  // Time: H:MM[:SS] with an optional AM/PM, glued or after a space.
  let hour = readNumber(line, 2);
  if (hour < 0 || line.charCodeAt(cursor) !== 0x3a) return null;
  cursor++;
  const minute = readNumber(line, 2);
  if (minute < 0) return null;
  let second = 0;
  const seconds = line.charCodeAt(cursor) === 0x3a;
  if (seconds) {
    cursor++;
    second = readNumber(line, 2);
    if (second < 0) return null;
  }
  const save = cursor;
  skipSpaces(line);
  const m0 = line.charCodeAt(cursor) | 0x20;
  if ((m0 === 0x61 || m0 === 0x70) && (line.charCodeAt(cursor + 1) | 0x20) === 0x6d) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (m0 === 0x70 ? 12 : 0);
    cursor += 2;
  } else {
    cursor = save;
  }
  if (skipSpaces(line) === 0) return null;

  // `<DIR>`, `<JUNCTION>`, `<SYMLINK>`, `<SYMLINKD>` or a size (maybe with thousands separators).
  let type: FileType = 'file';
  let size: number | undefined;
  if (line.charCodeAt(cursor) === 0x3c) {
    const close = line.indexOf('>', cursor);
    if (close < 0) return null;
    const tag = line.slice(cursor + 1, close).toUpperCase();
    type = tag === 'DIR' ? 'dir' : tag === 'JUNCTION' || tag.startsWith('SYMLINK') ? 'symlink' : 'unknown';
    cursor = close + 1;
  } else {
    let value = 0;
    const start = cursor;
    for (; cursor < line.length; cursor++) {
      const code = line.charCodeAt(cursor);
      if (isDigit(code)) value = value * 10 + code - 0x30;
      else if (code !== 0x2c && code !== 0x2e) break; // `1,234` / `1.234`
    }
    if (cursor === start || !isDigit(line.charCodeAt(cursor - 1))) return null;
    size = value;
  }
  if (skipSpaces(line) === 0 || cursor >= line.length) return null;

  let name = line.slice(cursor);
  let target: string | undefined;
  if (type === 'symlink' && name.endsWith(']')) {
    const open = name.lastIndexOf(' [');
    if (open > 0) {
      target = name.slice(open + 2, -1);
      name = name.slice(0, open);
    }
  }
  if (isDotName(name)) return null;
  const modifiedAt = wallClockDate(ctx, year, month - 1, day, hour, minute, second);
  if (modifiedAt === undefined) return null;
  return makeEntry(line, name, type, size, modifiedAt, seconds ? 'second' : 'minute', undefined, undefined, undefined, target);
}
