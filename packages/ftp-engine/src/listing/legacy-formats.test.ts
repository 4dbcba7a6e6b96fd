/**
 * The per-line parsers of the rarer systems: OpenVMS, NetWare, OS/2, z/OS.
 * Lines follow what those servers print (the layouts FileZilla's and
 * commons-net's parsers read); near-misses must be refused.
 */
import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../types.ts';
import { parseMvsLine, parseNetwareLine, parseOs2Line, parseVmsLine } from './index.ts';

const NOW = new Date('2026-11-21T08:00:00Z');

type Expected = Partial<Omit<FileEntry, 'modifiedAt'>> & { modifiedAt?: string | undefined };
type Row = [line: string, expected: Expected | null];

function table(parse: (line: string, options: { now: Date }) => FileEntry | null, rows: Row[]): void {
  it.each(rows)('%s', (line, expected) => {
    const entry = parse(line, { now: NOW });
    if (expected === null) {
      expect(entry).toBeNull();
      return;
    }
    const { modifiedAt, ...rest } = expected;
    expect(entry).toMatchObject({ ...rest, raw: line });
    if ('modifiedAt' in expected) expect(entry?.modifiedAt?.toISOString()).toBe(modifiedAt);
  });
}

describe('parseVmsLine', () => {
  table(parseVmsLine, [
    [
      'FILE.TXT;1          4/5     21-NOV-2026 07:35:08  [USER,FTP]  (RWED,RWED,RE,)',
      { name: 'FILE.TXT', type: 'file', size: 4 * 512, modifiedAt: '2026-11-21T07:35:08.000Z', modifiedPrecision: 'second', owner: 'FTP', group: 'USER', permissions: '(RWED,RWED,RE,)' },
    ],
    // A directory file: `.DIR` and the version go; the time lacks seconds; the month is lower case.
    [
      'SUBDIR.DIR;1        1/3     21-nov-2026 07:35     [USER,FTP]  (RWE,RWE,RE,E)',
      { name: 'SUBDIR', type: 'dir', size: 512, modifiedAt: '2026-11-21T07:35:00.000Z', modifiedPrecision: 'minute', permissions: '(RWE,RWE,RE,E)' },
    ],
    // Hundredths of a second are dropped; a one-digit day; one owner word; an empty protection field.
    [
      'LOGIN.COM;12         2/3     5-Oct-2026 11:12:13.50  [SYSTEM]  (RWED,RWED,,)',
      { name: 'LOGIN.COM', size: 1024, modifiedAt: '2026-10-05T11:12:13.000Z', owner: 'SYSTEM', group: undefined, permissions: '(RWED,RWED,,)' },
    ],
    // A numeric UIC splits like a named one: [group,member].
    ['DATA.BIN;3   170/171   2-JAN-2025 09:00  [1,4]  (RWED,RWED,RE,)', { name: 'DATA.BIN', size: 170 * 512, owner: '4', group: '1' }],
    // `DIRECTORY/SIZE/DATE` only: no owner, no protection.
    ['README.TXT;4  2  18-APR-2000 10:40:39.90', { name: 'README.TXT', size: 1024, modifiedAt: '2000-04-18T10:40:39.000Z', owner: undefined, permissions: undefined }],
    // No time at all: the calendar date alone.
    ['NOTIME.TXT;1    2/8    7-JAN-2000    [IV2_XXX]   (RWED,RWED,RE,)', { modifiedAt: '2000-01-07T00:00:00.000Z', modifiedPrecision: 'day', owner: 'IV2_XXX' }],
    // Other column orders, and a size in KB.
    ['SUMMARY.LIS;1   [SUMMARY]    1/3     2-AUG-2006 13:05  (RWE,RWE,RE,)', { name: 'SUMMARY.LIS', size: 512, owner: 'SUMMARY', modifiedAt: '2006-08-02T13:05:00.000Z' }],
    ['OLD.LOG;1       17-JUN-1994 17:25:37     6308/13     (RWED,RWED,R,)', { size: 6308 * 512, modifiedAt: '1994-06-17T17:25:37.000Z' }],
    ['SMALL.DAT;1 2KB 23-SEP-2005 14:57:07.27', { size: 2048 }],
    // A file without an extension keeps its dot.
    ['MAKEFILE.;2  1/3  21-NOV-2026 07:35  [USER,FTP]  (RWED,RWED,RE,)', { name: 'MAKEFILE.' }],
    // Near-misses.
    ['VERYLONGFILENAME.EXTENSION;12', null], // the first half of a two-line entry, alone
    ['   4/5  21-NOV-2026 07:35  [USER,FTP]  (RWED,RWED,RE,)', null], // its second half, alone
    ['FILE.TXT  4/5  21-NOV-2026 07:35:08  [USER,FTP]  (RWED,RWED,RE,)', null], // no version
    ['FILE.TXT;A  4/5  21-NOV-2026 07:35:08', null],
    ['FILE.TXT;1  4/5  21-XYZ-2026 07:35:08', null],
    ['FILE.TXT;1  4/5  21-NOV-2026 24:35:08', null],
    ['FILE.TXT;1  4/5  21-NOV-26 07:35:08', null], // VMS prints four-digit years
    ['FILE.TXT;1  4/5  [USER,FTP]  (RWED,RWED,RE,)', null], // no date
    ['FILE.TXT;1  21-NOV-2026 07:35:08  [USER,FTP]', null], // no size
    ['FILE.TXT;1  4/5  21-NOV-2026 07:35:08  [USER,FTP]  (RWED,RWED,RE,)  extra', null],
    ['FILE.TXT;1  4/5  21-NOV-2026 07:35:08  [USER,FTP]  (RWXD,RWED,RE,)', null],
    ['FILE.TXT;1  %RMS-E-PRV, insufficient privilege or file protection violation', null],
    ['Directory DISK$USER:[USERS.FTP]', null],
    ['Total of 12 files, 345/678 blocks.', null],
    ['-rw-r--r--   1 u g 5 Mar 10 09:00 a;1', null],
    ['type=file;size=1; name;1', null],
  ]);
});

describe('parseNetwareLine', () => {
  table(parseNetwareLine, [
    ['d [RWCEAFMS] admin                512       Nov 21 07:35  public', { name: 'public', type: 'dir', size: 512, owner: 'admin', permissions: '[RWCEAFMS]', modifiedAt: '2026-11-21T07:35:00.000Z', modifiedPrecision: 'minute' }],
    ['- [R----F--] rhesus            214059       Nov 21  2025  annual report.txt', { name: 'annual report.txt', type: 'file', size: 214059, owner: 'rhesus', permissions: '[R----F--]', modifiedAt: '2025-11-21T00:00:00.000Z', modifiedPrecision: 'day' }],
    // Year-less dates get the year that puts them within half a year of now, as for Unix.
    ['- [RWCEAFMS] admin  10 Dec 30 23:59 soon.txt', { modifiedAt: '2026-12-30T23:59:00.000Z' }],
    ['- [RWCEAF--] admin  0 Jan 2 7:05 trailing ', { name: 'trailing ', size: 0, modifiedAt: '2027-01-02T07:05:00.000Z' }],
    ['- [RWCEAF--] admin  0 Jun 2 7:05 june', { modifiedAt: '2026-06-02T07:05:00.000Z' }],
    ['d [RWCEAFMS] admin  512 Nov 21 07:35', null], // no name
    ['d [RWCEAFMS] admin  512 Nov 21 07:35 .', null],
    ['x [RWCEAFMS] admin  512 Nov 21 07:35 odd', null],
    ['d [RWXEAFMS] admin  512 Nov 21 07:35 odd', null], // X is no NetWare right
    ['d [RWCE] admin  512 Nov 21 07:35 short', null],
    ['d [RWCEAFMS] admin  51a Nov 21 07:35 odd', null],
    ['d [RWCEAFMS] admin  512 Foo 21 07:35 odd', null],
    ['d [RWCEAFMS] admin  512 Nov 32 07:35 odd', null],
    ['drwxr-xr-x   2 u g 4096 Nov 21 07:35 unix', null],
  ]);
});

describe('parseOs2Line', () => {
  table(parseOs2Line, [
    ['     0           DIR   11-21-26   07:35  projects', { name: 'projects', type: 'dir', size: 0, modifiedAt: '2026-11-21T07:35:00.000Z' }],
    ['  1234  A        11-21-26   07:35  name.txt', { name: 'name.txt', type: 'file', size: 1234, modifiedAt: '2026-11-21T07:35:00.000Z', modifiedPrecision: 'minute' }],
    ['  1234  A        11-21-26   07:35  read me now.txt', { name: 'read me now.txt' }],
    ['     0  DIR  A   11-21-2026  7:35  four digit year', { type: 'dir', modifiedAt: '2026-11-21T07:35:00.000Z' }],
    ['36611      A    04-23-103  10:57  y2k.txt', { size: 36611, modifiedAt: '2003-04-23T10:57:00.000Z' }], // years since 1900
    ['    12           11-21-26   07:35  no attributes', { type: 'file', size: 12 }],
    ['    12  RHS      11-21-26   07:35  hidden.sys', { name: 'hidden.sys' }],
    ['    12  A        11-21-26   07:35', null], // no name
    ['     0           DIR   11-21-26   07:35  .', null],
    ['    12  X        11-21-26   07:35  odd', null], // X is no attribute
    ['    12  A        11-21-26   0735  odd', null],
    ['    12  A        11/21/26   07:35  odd', null],
    ['    12  A        13-32-26   07:35  odd', null],
    ['01-02-24  03:04PM       <DIR>          folder', null],
    ['   8 -rw-r--r--   1 u g 5 Mar 10 09:00 ls-s.txt', null],
  ]);
});

describe('parseMvsLine', () => {
  table(parseMvsLine, [
    // Data sets: PO is partitioned (members inside), PS sequential.
    ['WYOSPT 3420   2026/11/21  1   15  FB      80  6160  PO  USER.CNTL', { name: 'USER.CNTL', type: 'dir', size: undefined, modifiedAt: '2026-11-21T00:00:00.000Z', modifiedPrecision: 'day' }],
    ['WYOSPT 3390   2026/11/20  2  120  VB     255 27998  PS  USER.LOG.D261120', { name: 'USER.LOG.D261120', type: 'file', size: undefined, modifiedAt: '2026-11-20T00:00:00.000Z' }],
    ['WYOSPT 3420   2003/05/21  1 3 U 6447    6447  PO-E USER.LOADLIB', { type: 'dir' }],
    ['NRP004 3390   **NONE**    1   15  NONE     0     0  PO  USER.EMPTY', { name: 'USER.EMPTY', type: 'dir', modifiedAt: undefined, modifiedPrecision: undefined }],
    ['TSO005 3390   2005/06/06 213000 U 0 27998 PO USER.GLUED', { name: 'USER.GLUED', type: 'dir' }], // extents and tracks run together
    ['GISBWI 3390   2011/08/25  2 ++++  FB     904 18080  PS  USER.BIG', { name: 'USER.BIG', type: 'file' }], // too many tracks to print
    // Data sets without attributes.
    ['Migrated                                                USER.OLD', { name: 'USER.OLD', type: 'file', modifiedAt: undefined }],
    ['Migrated\t\t\t\tUSER.OLDER', { name: 'USER.OLDER' }],
    ['V43525 Tape                                             USER.TAPE.FILE', { name: 'USER.TAPE.FILE', type: 'file' }],
    ['Pseudo Directory                                        USER.SUB', { name: 'USER.SUB', type: 'dir' }],
    ['TSO004 3390   VSAM USER.KSDS', { name: 'USER.KSDS', type: 'file' }],
    // PDS members with ISPF statistics: the Changed stamp, the last changer as owner, no size (it counts lines).
    ['MEMBER1  01.03 2026/11/01 2026/11/21 07:35    14    14     0 USER', { name: 'MEMBER1', type: 'file', size: undefined, owner: 'USER', modifiedAt: '2026-11-21T07:35:00.000Z', modifiedPrecision: 'minute' }],
    ['$LONGMBR 01.00 2025/01/02 2025/01/03 16:32:08   128   128    0 IBMUSER', { name: '$LONGMBR', modifiedAt: '2025-01-03T16:32:08.000Z', modifiedPrecision: 'second', owner: 'IBMUSER' }],
    // Near-misses.
    ['Volume Unit    Referred Ext Used Recfm Lrecl BlkSz Dsorg Dsname', null],
    [' Name     VV.MM   Created       Changed      Size  Init   Mod   Id', null],
    ['WYOSPT 3420   2026/11/21  1   15  FB      80  6160  XX  USER.CNTL', null], // no such Dsorg
    ['WYOSPT 3420   2026/11/21  1   15  FB      80  6160  PO', null], // no name
    ['WYOSPT 3420   2026/13/21  1   15  FB      80  6160  PO  USER.CNTL', null],
    ['WYOSPT 3420   2026/11/21  1   15  FB      80  6160  PO  USER.CNTL extra', null],
    ['MEMBERNAME1  01.03 2026/11/01 2026/11/21 07:35    14    14     0 USER', null], // member names have 8 characters at most
    ['MEMBER1  01.03 2026/11/01 2026/11/21 07:35    14    14 USER', null],
    ['MEMBER1  01.03 2026/11/01 2026/11/21 25:35    14    14     0 USER', null],
    ['Migrated', null],
    ['-rw-r--r--   1 u g 5 Mar 10 09:00 USER.CNTL', null],
    ['01-02-24  03:04PM       <DIR>          USER.CNTL', null],
    ['QSYS           77824 02/23/00 15:09:55 *DIR       QOpenSys/', null],
  ]);
});
