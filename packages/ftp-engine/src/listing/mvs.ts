/**
 * IBM z/OS (MVS) lines: data sets, and the members of a partitioned data set.
 *
 * A data set listing (`LIST` in a high-level qualifier):
 *
 *     Volume Unit    Referred Ext Used Recfm Lrecl BlkSz Dsorg Dsname
 *     WYOSPT 3390   2026/11/21  1   15  FB      80  6160  PO  USER.CNTL
 *     WYOSPT 3390   2026/11/20  2  120  VB     255 27998  PS  USER.LOG
 *     NRP004 3390   **NONE**    1   15  NONE     0     0  PO  USER.EMPTY
 *     Migrated                                                USER.OLD
 *     V43525 Tape                                             USER.TAPE.FILE
 *     Pseudo Directory                                        USER.SUB
 *
 * A partitioned data set's members, with ISPF statistics:
 *
 *      Name     VV.MM   Created       Changed      Size  Init   Mod   Id
 *     MEMBER1   01.03 2026/11/01 2026/11/21 07:35    14    14     0 USER
 *
 * Decisions:
 * - Dsorg PO / PO-E (partitioned: it holds members, and CWD enters it) and
 *   a "Pseudo Directory" (a qualifier level with data sets below it) are
 *   directories; every other data set, migrated and tape ones included, is
 *   a file.
 * - No size. The data set columns count tracks (`Used`), and a member's
 *   `Size` counts records (lines); neither is a byte count, and the bytes a
 *   download yields depend on the transfer type and record format.
 * - A data set's date is its last-referenced date (z/OS keeps no
 *   modification date), at midnight; a member's is its `Changed` stamp.
 *   Both are the server's wall clock. A member's `Id` (who changed it last)
 *   is the owner.
 *
 * Each shape is matched whole, column by column, so a line of any other
 * format (Unix, DOS, …) never passes. Header lines are left to
 * {@link isMvsHeaderLine}. Members without statistics are bare names,
 * which cannot be told from a name-only listing, and load-module listings
 * (hexadecimal sizes) are not read.
 */
import type { FileEntry } from '../types.ts';
import { makeEntry } from './entry.ts';
import { calendarDate, makeListingContext, wallClockDate, type ListingContext, type ListingOptions } from './time.ts';

/** A data set name: qualifiers of 1–8 characters, dot-separated, optionally quoted. */
const DSNAME = String.raw`'?([A-Za-z#@$][A-Za-z0-9#@$-]{0,7}(?:\.[A-Za-z#@$][A-Za-z0-9#@$-]{0,7})*)'?`;
const VOLUME = String.raw`[A-Z0-9#@$]{1,6}`;
// Volume, unit, referred date (or **NONE**), extents and tracks used (glued
// when wide, `????`/`++++` when too big to print), record format, record
// length, block size, organisation, name.
const DATASET = new RegExp(
  String.raw`^${VOLUME}\s+\S+\s+(?:(\d{4})/(\d{2})/(\d{2})|\*\*NONE\*\*)\s+\d+(?:\s+(?:\d+|\?+|\++))?\s+(?:[A-Z]{1,4}|\?)\s+\d+\s+\d+\s+(PO-E|PO|PS|DA|IS|VS)\s+${DSNAME}$`,
);
/** Data sets listed without attributes: migrated (HSM), on tape, VSAM, not on DASD, or a qualifier level. */
const BARE = new RegExp(
  String.raw`^(?:(Migrated)|(Pseudo Directory)|${VOLUME}\s+(?:Tape|Not Direct Access Device)|(?:${VOLUME}\s+\S+\s+)?VSAM)\s+${DSNAME}$`,
);
const MEMBER =
  /^([A-Za-z#@$][A-Za-z0-9#@$]{0,7})\s+\d{2}\.\d{2}\s+\d{4}\/\d{2}\/\d{2}\s+(\d{4})\/(\d{2})\/(\d{2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+\d+\s+\d+\s+\d+\s+(\S{1,8})$/;

/** Parses one z/OS data set or PDS member line, or returns null if it is not one. */
export function parseMvsLine(line: string, options?: ListingOptions): FileEntry | null {
  return parseMvs(line, makeListingContext(options));
}

/** {@link parseMvsLine} with options already resolved, for parseListing. */
export function parseMvs(line: string, ctx: ListingContext): FileEntry | null {
  let m = MEMBER.exec(line);
  if (m) {
    const [, name, y, mo, d, hh, mm, ss, id] = m as unknown as string[];
    const modifiedAt = wallClockDate(ctx, Number(y), Number(mo) - 1, Number(d), Number(hh), Number(mm), ss === undefined ? 0 : Number(ss));
    if (modifiedAt === undefined) return null;
    return makeEntry(line, name!, 'file', undefined, modifiedAt, ss === undefined ? 'minute' : 'second', undefined, id, undefined, undefined);
  }
  m = DATASET.exec(line);
  if (m) {
    const [, y, mo, d, dsorg, name] = m as unknown as string[];
    let modifiedAt: Date | undefined;
    if (y !== undefined) {
      // A data set's referred date has no time of day.
      modifiedAt = calendarDate(Number(y), Number(mo) - 1, Number(d));
      if (modifiedAt === undefined) return null;
    }
    const type = dsorg === 'PO' || dsorg === 'PO-E' ? 'dir' : 'file';
    return makeEntry(line, name!, type, undefined, modifiedAt, 'day', undefined, undefined, undefined, undefined);
  }
  m = BARE.exec(line);
  if (m) {
    const [, , pseudo, name] = m as unknown as string[];
    return makeEntry(line, name!, pseudo !== undefined ? 'dir' : 'file', undefined, undefined, undefined, undefined, undefined, undefined, undefined);
  }
  return null;
}

/** The column headers z/OS prints above data set and member listings. */
export function isMvsHeaderLine(line: string): boolean {
  return /^\s*Volume\s+Unit\s+Referred\s+Ext\s+Used\b/.test(line) || /^\s*Name\s+(VV\.MM\s+Created|Size\s+TTR)\b/.test(line);
}
