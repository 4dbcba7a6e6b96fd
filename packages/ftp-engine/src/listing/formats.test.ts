import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../types.ts';
import { parseDosLine, parseEplfLine, parseMlsdLine, parseOs400Line } from './index.ts';

type Row = [line: string, expected: Partial<FileEntry> | null];

function table(parse: (line: string) => FileEntry | null, rows: Row[]): void {
  it.each(rows)('%s', (line, expected) => {
    const entry = parse(line);
    if (expected === null) expect(entry).toBeNull();
    else expect(entry).toMatchObject({ ...expected, raw: line });
  });
}

describe('parseMlsdLine', () => {
  table(parseMlsdLine, [
    ['type=file;size=12;modify=20240102030405; name.txt', { name: 'name.txt', type: 'file', size: 12, modifiedAt: new Date('2024-01-02T03:04:05Z'), modifiedPrecision: 'second' }],
    ['Type=file;Size=12;Modify=20240102030405.123; mixed case', { name: 'mixed case', size: 12, modifiedAt: new Date('2024-01-02T03:04:05.123Z') }],
    ['modify=20240102030405.5;type=file; half second', { modifiedAt: new Date('2024-01-02T03:04:05.500Z') }],
    ['type=dir;sizd=4096;modify=20240102030405; folder', { type: 'dir', size: 4096 }],
    ['type=file;perm=adfrw; perm only', { permissions: 'adfrw', modifiedAt: undefined, modifiedPrecision: undefined }],
    ['type=file;perm=adfrw;UNIX.mode=0755; mode wins', { permissions: 'rwxr-xr-x' }],
    ['type=file;unix.mode=4755; setuid', { permissions: 'rwsr-xr-x' }],
    ['type=dir;UNIX.mode=1777; sticky', { permissions: 'rwxrwxrwt' }],
    ['type=file;UNIX.owner=1000;UNIX.group=100; ids', { owner: '1000', group: '100' }],
    ['type=file;UNIX.uid=0;UNIX.gid=0; uid', { owner: '0', group: '0' }],
    ['type=file;UNIX.owner=0;UNIX.ownername=root;UNIX.groupname=wheel;UNIX.group=0; names win', { owner: 'root', group: 'wheel' }],
    ['type=OS.unix=slink:/etc/target;size=11; link', { type: 'symlink', target: '/etc/target' }],
    ['type=OS.unix=slink:; empty target', { type: 'symlink', target: undefined }],
    ['type=OS.unix=symlink;size=11; errata link', { type: 'symlink', target: undefined }],
    // Globus GridFTP: the link keeps its target's type and says where it points in UNIX.slink.
    ['Type=dir;Modify=20261121120000;Size=4096;Perm=el;UNIX.mode=0777;UNIX.owner=root;UNIX.slink=/srv/victim; lnk', { type: 'symlink', target: '/srv/victim', name: 'lnk' }],
    ['Type=file;Size=3;UNIX.slink=../a.txt; flink', { type: 'symlink', target: '../a.txt' }],
    ['type=OS.unix=blk-8/0; block', { type: 'unknown' }],
    ['type=unknown;size=0; pure-ftpd fifo', { type: 'unknown', size: 0 }],
    ['size=12; no type', { type: 'unknown', size: 12 }],
    ['type=file;size=1;  two leading spaces', { name: ' two leading spaces' }], // only the first space separates
    ['type=file;size=1; semi;colon = name', { name: 'semi;colon = name' }],
    ['type=file;size=1;x.custom=a b; odd', null],
    ['type=file;size=99999999999999999999; huge', { size: 99999999999999999999 }],
    ['type=file;modify=2024; bad date', { modifiedAt: undefined }],
    [' type=file;size=6; /mlst/path.txt', { name: '/mlst/path.txt', size: 6 }],
    ['type=cdir;modify=20240102030405; /current', null],
    ['type=pdir;modify=20240102030405; ..', null],
    ['type=dir; .', null],
    ['type=file;size=1;', null],
    // No facts at all: the line only starts with spaces (an OS/2 entry, a VMS entry's second line).
    ['  no facts', null],
    ['   4/5  21-NOV-2026 07:35  [USER,FTP]  (RWED,RWED,RE,)', null],
    ['total 5', null],
    ['-rw-r--r-- 1 u g 1 Mar 10 09:00 unix', null],
  ]);
});

describe('parseDosLine', () => {
  const parse = (line: string): FileEntry | null => parseDosLine(line);
  table(parse, [
    ['01-02-24  03:04PM       <DIR>          folder', { name: 'folder', type: 'dir', size: undefined, modifiedAt: new Date('2024-01-02T15:04:00Z') }],
    ['01-02-24  12:04AM                 1234 midnight.txt', { name: 'midnight.txt', type: 'file', size: 1234, modifiedAt: new Date('2024-01-02T00:04:00Z') }],
    ['01-02-24  12:04PM                 1234 noon.txt', { modifiedAt: new Date('2024-01-02T12:04:00Z') }],
    ['12-31-99  11:59PM                    0 y2k.txt', { modifiedAt: new Date('1999-12-31T23:59:00Z'), modifiedPrecision: 'minute' }],
    ['01-02-2024  15:04       <DIR>          four digit year', { name: 'four digit year', type: 'dir', modifiedAt: new Date('2024-01-02T15:04:00Z') }],
    ['2024-01-02  15:04:05          1,234,567 iso with commas.bin', { name: 'iso with commas.bin', size: 1234567, modifiedAt: new Date('2024-01-02T15:04:05Z'), modifiedPrecision: 'second' }],
    ['25/12/2023  08:00            5 european.txt', { modifiedAt: new Date('2023-12-25T08:00:00Z') }],
    ['01-02-24  03:04 PM            5 spaced pm.txt', { name: 'spaced pm.txt', modifiedAt: new Date('2024-01-02T15:04:00Z') }],
    ['02.01.2024  15:04    <SYMLINKD>     docs [C:\\Users\\Public\\Documents]', { name: 'docs', type: 'symlink', target: 'C:\\Users\\Public\\Documents' }],
    ['02.01.2024  15:04    <JUNCTION>     junction', { name: 'junction', type: 'symlink' }],
    ['01-02-24  03:04PM                    5 trailing  ', { name: 'trailing  ' }],
    ['01-02-24  03:04PM       <DIR>          .', null],
    ['01-02-24  03:04PM       <DIR>          ..', null],
    ['01-02-24  03:04PM       <DIR>', null],
    ['01-02-24  13:04PM            5 bad hour', null],
    ['01-02-24 garbage', null],
    ['drwxr-xr-x 1 u g 1 Mar 10 09:00 unix', null],
  ]);

  it('applies the server offset to IIS wall-clock times', () => {
    const entry = parseDosLine('01-02-24  03:04PM       <DIR>          x', { timezoneOffsetMinutes: 120 });
    expect(entry?.modifiedAt?.toISOString()).toBe('2024-01-02T13:04:00.000Z');
  });
});

describe('parseEplfLine', () => {
  table(parseEplfLine, [
    ['+i8388621.48594,m825718503,r,s280,\tdjb.html', { name: 'djb.html', type: 'file', size: 280, modifiedAt: new Date(825718503 * 1000), modifiedPrecision: 'second' }],
    ['+i8388621.50690,m824255907,/,\t514', { name: '514', type: 'dir', size: undefined }],
    ['+m824255907,/,up755,\tpub', { type: 'dir', permissions: 'rwxr-xr-x' }],
    ['+r,s0,\t name with spaces ', { name: ' name with spaces ', size: 0, modifiedPrecision: undefined }],
    ['+x,\tunknown kind', { type: 'unknown' }],
    ['+r,s1', null],
    ['+r,s1,\t', null],
    ['total 3', null],
  ]);
});

describe('parseOs400Line', () => {
  table(parseOs400Line, [
    ['QSYS           77824 02/23/00 15:09:55 *DIR       QOpenSys/', { name: 'QOpenSys', type: 'dir', size: undefined, owner: 'QSYS', modifiedAt: new Date('2000-02-23T15:09:55Z') }],
    ['QSECOFR        61440 06/20/07 14:25:49 *LIB       QGPL.LIB/', { name: 'QGPL.LIB', type: 'dir', owner: 'QSECOFR' }],
    ['QPGMR         118784 11/12/02 14:48:25 *STMF      report 2024.csv', { name: 'report 2024.csv', type: 'file', size: 118784, modifiedAt: new Date('2002-11-12T14:48:25Z') }],
    // A member: no size, date or time; the entry is the path's last segment.
    ['QSYS                                   *MEM       QGPL.LIB/QCLSRC.FILE/START.MBR', { name: 'START.MBR', type: 'file', size: undefined, modifiedAt: undefined }],
    // A first number above 12 can only be a day; four digits first are a year.
    ['QPGMR            10 23/02/24 09:00:00 *STMF      dmy.txt', { modifiedAt: new Date('2024-02-23T09:00:00Z') }],
    ['QPGMR            10 2024/02/23 09:00:00 *STMF      ymd.txt', { modifiedAt: new Date('2024-02-23T09:00:00Z') }],
    ['QSYS           4096 02/23/00 15:09:55 *FLR       QDLS', { name: 'QDLS', type: 'dir' }],
    // Dates read as DOS dates are: a one-digit month, and no mixed separators or three-digit years.
    ['QPGMR            10 2/9/24 09:00:00 *STMF      short.txt', { modifiedAt: new Date('2024-02-09T09:00:00Z') }],
    ['QPGMR            10 11/12-02 09:00:00 *STMF      mixed.txt', null],
    ['QPGMR            10 11/12/102 09:00:00 *STMF      odd.txt', null],
    // Not OS/400: no `*TYPE` where it belongs.
    ['-rw-r--r--   1 u g 5 Mar 10 09:00 unix.txt', null],
    ['QSYS 77824 02/23/00 15:09:55 DIR QOpenSys/', null],
  ]);
});

