/**
 * Turning listing dates into instants.
 *
 * LIST output (Unix and DOS) prints the server's local wall-clock time with
 * no zone, while MLSD `modify` and EPLF `m` are UTC by definition. We read a
 * wall-clock time as if it were UTC and then subtract the server's offset
 * when the caller knows it (`timezoneOffsetMinutes`); without it the
 * resulting instant is off by the server's offset, which is the usual state
 * of every FTP client that has not compared LIST with MDTM.
 */

import type { FileEntry } from '../types.ts';

/** Options shared by every listing parser. */
export interface ListingOptions {
  /**
   * "Now" for the year-less Unix dates (`Jan 02 03:04`). Default: the
   * current time. Tests pass a fixed value.
   */
  now?: Date;
  /**
   * The server's offset from UTC in minutes, east positive (UTC+01:00 is
   * `60`; note this is the opposite sign of `Date#getTimezoneOffset`).
   * Applied to LIST wall-clock times only, never to MLSD/EPLF times, which
   * are UTC already. Default 0: wall-clock times are taken as UTC.
   */
  timezoneOffsetMinutes?: number;
  /**
   * Called with each line that no parser could read and that is not a
   * known non-entry (blank, `total N`, `.` and `..`, MLSD `cdir`/`pdir`):
   * a format we do not know, or garbage. Such lines produce no entry, so
   * without this a listing in an unknown format looks like an empty folder.
   */
  onUnread?: (line: string) => void;
}

/** Options resolved once per listing so the per-line work stays cheap. */
export interface ListingContext {
  /** Server offset in milliseconds, east positive. */
  readonly offsetMs: number;
  /** "Now" on the server's wall clock, as a UTC-read millisecond value. */
  readonly nowWallMs: number;
  /** The year of {@link nowWallMs}. */
  readonly nowWallYear: number;
  /**
   * Scan memo for the MLSD parser: the position of the first space at or
   * after some earlier point of the listing (the listing length when there
   * is none). Lines are read in order, so one indexOf per line can reuse
   * it, and no listing can make those searches quadratic.
   */
  nextSpace: number;
  /**
   * The `;version` of each OpenVMS entry of this listing, created on the
   * first one, so parseListing can keep the highest version per name.
   */
  vmsVersions: Map<FileEntry, number> | undefined;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** `ls` calls a time "recent" when it lies within 6 months (half of 365.2425 days) before now. */
const HALF_YEAR_MS = 182.62 * DAY_MS;

/** Resolves {@link ListingOptions} into a {@link ListingContext}. */
export function makeListingContext(options?: ListingOptions): ListingContext {
  const offsetMs = (options?.timezoneOffsetMinutes ?? 0) * MINUTE_MS;
  const nowWallMs = (options?.now ?? new Date()).getTime() + offsetMs;
  return { offsetMs, nowWallMs, nowWallYear: new Date(nowWallMs).getUTCFullYear(), nextSpace: -1, vmsVersions: undefined };
}

/**
 * A server wall-clock time as an instant. Months are 0-based. Returns
 * undefined when a field is out of range, so a garbled date never becomes
 * a plausible-looking wrong one.
 */
export function wallClockDate(
  ctx: ListingContext,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): Date | undefined {
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  return new Date(monthStartMs(year, month) + (day - 1) * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS + second * 1000 - ctx.offsetMs);
}

/**
 * A date the server printed without a time of day, as 00:00 UTC of that
 * date, never shifted by the server's offset (see FileEntry.modifiedPrecision).
 * Months are 0-based. Undefined when a field is out of range.
 */
export function calendarDate(year: number, month: number, day: number): Date | undefined {
  if (month < 0 || month > 11 || day < 1 || day > 31) return undefined;
  return new Date(monthStartMs(year, month) + (day - 1) * DAY_MS);
}

/**
 * Year, month (1-based) and day of a numeric date `a sep b sep c` as DOS/IIS
 * and IBM i print them, or undefined. Four digits first: year-month-day.
 * Otherwise month-day-year (the usual default), unless the first number is
 * above 12 and so can only be a day (day-month-year). Two-digit years below
 * 70 are 20xx. `aDigits`/`cDigits` are how many digits `a` and `c` had.
 */
export function numericDate(a: number, aDigits: number, b: number, c: number, cDigits: number): [year: number, month: number, day: number] | undefined {
  if (aDigits === 4) return [a, b, c];
  if (cDigits !== 2 && cDigits !== 4) return undefined;
  const year = cDigits === 2 ? (c < 70 ? 2000 + c : 1900 + c) : c;
  return a > 12 ? [year, b, a] : [year, a, b];
}

/** First year of the {@link monthStartMs} table; listings rarely leave 1900–2155. */
const TABLE_FIRST_YEAR = 1900;
const TABLE_YEARS = 256;
/** Start of each month as UTC ms, NaN until first asked for; a pure function of (year, month), so sharing it across listings is safe. */
const monthStarts = new Float64Array(TABLE_YEARS * 12).fill(Number.NaN);

/**
 * `utcMs(year, month, 1, 0, 0, 0)`, from a table for the years listings
 * use. A 100 000-line listing names a few hundred distinct months, so the
 * per-line date costs a load and a few multiplications instead of the
 * divisions of the civil-date arithmetic. Day overflow added by callers
 * rolls over exactly as in Date.UTC, since days are plain offsets.
 */
export function monthStartMs(year: number, month: number): number {
  const index = (year - TABLE_FIRST_YEAR) * 12 + month;
  if (index >= 0 && index < monthStarts.length) {
    let ms = monthStarts[index]!;
    if (ms !== ms) {
      ms = utcMs(year, month, 1, 0, 0, 0); // NaN: first use of this month
      monthStarts[index] = ms;
    }
    return ms;
  }
  return utcMs(year, month, 1, 0, 0, 0);
}

/**
 * `Date.UTC` in plain arithmetic (days-from-civil, proleptic Gregorian;
 * month 0-based, day overflow rolls over like Date.UTC). Date.UTC is a C++
 * builtin, and on a 100 000-line listing the calls into it cost more than
 * the arithmetic.
 */
export function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const y = month < 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const shiftedMonth = (month + 10) % 12; // March = 0
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  const days = era * 146097 + dayOfEra - 719468;
  return days * DAY_MS + hour * 3_600_000 + minute * MINUTE_MS + second * 1000;
}

/**
 * The year of a year-less Unix date (`Mon DD HH:MM`).
 *
 * `ls` prints the time instead of the year only for "recent" files: the
 * last 6 months. Some servers (pyftpdlib, ProFTPD and Pure-FTPd, seen in
 * our fixtures) also do it for dates up to 6 months in the future. So we
 * pick the year that puts the date within half a year of now: a date that
 * would be more than ~6 months ahead belongs to last year, one more than ~6
 * months behind belongs to next year (the server's clock is ahead of ours
 * across a new year).
 */
export function inferYear(ctx: ListingContext, month: number, day: number, hour: number, minute: number): number {
  const year = ctx.nowWallYear;
  const candidate = monthStartMs(year, month) + (day - 1) * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS;
  if (candidate - ctx.nowWallMs > HALF_YEAR_MS) return year - 1;
  if (ctx.nowWallMs - candidate > HALF_YEAR_MS) return year + 1;
  return year;
}

/**
 * The wall-clock time of a year-less date as a UTC-read millisecond value,
 * in the year {@link inferYear} picks: `utcMs(inferYear(…), month, day,
 * hour, minute, 0)` without computing the month start twice. The Unix fast
 * path calls it once per line.
 */
export function recentWallMs(ctx: ListingContext, month: number, day: number, hour: number, minute: number): number {
  const rest = (day - 1) * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS;
  const year = ctx.nowWallYear;
  const ms = monthStartMs(year, month) + rest;
  if (ms - ctx.nowWallMs > HALF_YEAR_MS) return monthStartMs(year - 1, month) + rest;
  if (ctx.nowWallMs - ms > HALF_YEAR_MS) return monthStartMs(year + 1, month) + rest;
  return ms;
}

/** A UTC instant from `YYYYMMDDHHMMSS[.sss]` (MLSD `modify`, MDTM). Undefined if malformed. */
export function parseFactTime(text: string, start: number, end: number): Date | undefined {
  if (end - start < 14) return undefined;
  const year = digitsAt(text, start, 4);
  const month = digitsAt(text, start + 4, 2);
  const day = digitsAt(text, start + 6, 2);
  const hour = digitsAt(text, start + 8, 2);
  const minute = digitsAt(text, start + 10, 2);
  const second = digitsAt(text, start + 12, 2);
  if ((year | month | day | hour | minute | second) < 0) return undefined;
  let ms = 0;
  if (end - start > 14) {
    // Fractional seconds: `.s` to `.sssssssss`; we keep milliseconds.
    if (text.charCodeAt(start + 14) !== 0x2e || end - start === 15) return undefined; // `.` then 1+ digits
    let scale = 100;
    for (let i = start + 15; i < end; i++) {
      const d = text.charCodeAt(i) - 0x30;
      if (!(d >= 0 && d <= 9)) return undefined; // NaN past the end fails too
      ms += d * scale;
      scale /= 10;
    }
    ms = Math.floor(ms);
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  return new Date(utcMs(year, month - 1, day, hour, minute, second) + ms);
}

/** The value of `count` decimal digits at `start`, or -1 if any is not a digit. */
export function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (!(d >= 0 && d <= 9)) return -1; // NaN past the end fails too
    value = value * 10 + d;
  }
  return value;
}
