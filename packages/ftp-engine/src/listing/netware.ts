/**
 * Novell NetWare FTP server lines:
 *
 *     d [RWCEAFMS] admin                512       Nov 21 07:35  public
 *     - [R----F--] rhesus            214059       Nov 21  2025  annual report.txt
 *
 * A type letter (`d` or `-`), the trustee rights in brackets (eight
 * positions, a letter or `-` each), the owner, the size, then a Unix-style
 * date (`Mon DD HH:MM` or `Mon DD YYYY`, year inferred as for Unix) and the
 * name. The name starts after the spaces that follow the date, so inner
 * and trailing spaces are kept and leading ones are lost (the server pads
 * that column). `permissions` is the rights as printed, brackets included.
 * Times are the server's wall clock.
 *
 * The Unix parser refuses these lines (a space where its permission
 * columns are), so they reach this one.
 */
import type { FileEntry } from '../types.ts';
import { isDotName, makeEntry } from './entry.ts';
import { monthIndex } from './months.ts';
import { calendarDate, inferYear, makeListingContext, wallClockDate, type ListingContext, type ListingOptions } from './time.ts';
import { readDay, readTimeOrYear, timeOrYear } from './unix-fields.ts';

const LINE = /^([d-]) (\[[RWCEAFMS-]{8}\])\s+(\S+)\s+(\d+)\s+([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}:\d{2}|\d{4})\s+(\S.*)$/;

/** Parses one NetWare LIST line, or returns null if it is not one (or is `.`/`..`). */
export function parseNetwareLine(line: string, options?: ListingOptions): FileEntry | null {
  return parseNetware(line, makeListingContext(options));
}

/** {@link parseNetwareLine} with options already resolved, for parseListing. */
export function parseNetware(line: string, ctx: ListingContext): FileEntry | null {
  const c1 = line.charCodeAt(1);
  if (c1 !== 0x20) return null; // the Unix-style `-rw…` and `drw…` go no further
  const m = LINE.exec(line);
  if (!m) return null;
  const [, kind, rights, owner, sizeText, monthText, dayText, timeText, name] = m as unknown as string[];
  if (isDotName(name!)) return null;
  const month = monthIndex(monthText!, 0, 3);
  const day = readDay(dayText!, 0, dayText!.length);
  if (month < 0 || day < 0 || !readTimeOrYear(timeText!, 0, timeText!.length)) return null;
  const { hour, minute } = timeOrYear;
  // A year in place of the time leaves only the calendar date, as in Unix listings.
  const dateOnly = timeOrYear.year >= 0;
  const modifiedAt = dateOnly
    ? calendarDate(timeOrYear.year, month, day)
    : wallClockDate(ctx, inferYear(ctx, month, day, hour, minute), month, day, hour, minute, 0);
  if (modifiedAt === undefined) return null;
  return makeEntry(line, name!, kind === 'd' ? 'dir' : 'file', Number(sizeText), modifiedAt, dateOnly ? 'day' : 'minute', rights, owner, undefined, undefined);
}
