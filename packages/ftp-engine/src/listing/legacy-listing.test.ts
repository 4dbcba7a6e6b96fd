/**
 * Whole listings of the rarer systems through parseListing, VMS two-line
 * entries and versions, and the guarantee that the new parsers claim no
 * line of the real-server fixtures.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createNameCodec, decodeListing } from '../encoding/index.ts';
import type { FileEntry } from '../types.ts';
import { parseListing, parseMvsLine, parseNetwareLine, parseOs2Line, parseVmsLine } from './index.ts';

const NOW = new Date('2026-11-21T08:00:00Z');

/** parseListing with a recorder for unread lines. */
function parse(lines: string[]): { entries: FileEntry[]; unread: string[] } {
  const unread: string[] = [];
  const entries = parseListing(lines.join('\r\n') + '\r\n', { now: NOW, onUnread: (line) => unread.push(line) });
  return { entries, unread };
}

/** The fields a test compares, dates as ISO strings. */
function fields(e: FileEntry): unknown[] {
  return [e.name, e.type, e.size, e.modifiedAt?.toISOString(), e.owner, e.group, e.permissions];
}

describe('the new parsers and the real-server fixtures', () => {
  const dir = new URL('./fixtures/', import.meta.url);
  const codec = createNameCodec('auto');
  const lines = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .flatMap((f) => decodeListing(readFileSync(new URL(f, dir)), codec).split(/\r?\n/).filter((l) => l.length > 0));

  it('has fixture lines to check', () => {
    expect(lines.length).toBeGreaterThan(150);
  });

  for (const [name, parser] of [
    ['parseVmsLine', parseVmsLine],
    ['parseNetwareLine', parseNetwareLine],
    ['parseOs2Line', parseOs2Line],
    ['parseMvsLine', parseMvsLine],
  ] as const) {
    it(`${name} refuses every fixture line`, () => {
      const claimed = lines.filter((line) => parser(line, { now: NOW }) !== null);
      expect(claimed).toEqual([]);
    });
  }
});

describe('parseListing: OpenVMS', () => {
  it('reads a listing with a two-line entry, several versions, and its header and trailer', () => {
    const { entries, unread } = parse([
      'Directory DISK$USER:[USERS.FTP]',
      '',
      'AAA_README.TXT;3      4/5      21-NOV-2026 07:35:08.12  [USER,FTP]  (RWED,RWED,RE,)',
      'AAA_README.TXT;2      4/5      20-NOV-2026 16:02:41.00  [USER,FTP]  (RWED,RWED,RE,)',
      'BACKUP.DIR;1          1/3       2-JAN-2025 09:00        [USER,FTP]  (RWE,RWE,RE,E)',
      'LOGIN.COM;12          2/3       5-OCT-2026 11:12        [SYSTEM]    (RWED,RWED,,)',
      'VERY_LONG_FILE_NAME_FOR_THE_ARCHIVE.DATA;12',
      '                    170/171    21-NOV-2026 07:35        [1,4]       (RWED,RWED,RE,)',
      '',
      'Total of 5 files, 181/185 blocks.',
    ]);
    expect(entries.map(fields)).toEqual([
      ['AAA_README.TXT', 'file', 2048, '2026-11-21T07:35:08.000Z', 'FTP', 'USER', '(RWED,RWED,RE,)'],
      ['BACKUP', 'dir', 512, '2025-01-02T09:00:00.000Z', 'FTP', 'USER', '(RWE,RWE,RE,E)'],
      ['LOGIN.COM', 'file', 1024, '2026-10-05T11:12:00.000Z', 'SYSTEM', undefined, '(RWED,RWED,,)'],
      ['VERY_LONG_FILE_NAME_FOR_THE_ARCHIVE.DATA', 'file', 170 * 512, '2026-11-21T07:35:00.000Z', '4', '1', '(RWED,RWED,RE,)'],
    ]);
    // The joined entry's raw text is its two lines joined by one space.
    expect(entries[3]?.raw).toBe('VERY_LONG_FILE_NAME_FOR_THE_ARCHIVE.DATA;12                     170/171    21-NOV-2026 07:35        [1,4]       (RWED,RWED,RE,)');
    expect(unread).toEqual([]);
  });

  it('keeps the highest version of a name whatever the order, and reads the multi-directory trailer as framing', () => {
    const { entries, unread } = parse([
      'Directory SYS$SYSDEVICE:[ANONYMOUS]',
      'NOTES.TXT;1   1/3   1-NOV-2026 10:00  [ANON]  (RWED,RWED,RE,)',
      'NOTES.TXT;7   2/3   9-NOV-2026 10:00  [ANON]  (RWED,RWED,RE,)',
      'NOTES.TXT;4   3/3   5-NOV-2026 10:00  [ANON]  (RWED,RWED,RE,)',
      'Total of 3 files, 6/9 blocks.',
      'Grand total of 1 directory, 3 files, 6/9 blocks.',
    ]);
    expect(entries.map((e) => [e.name, e.size, e.modifiedAt?.toISOString()])).toEqual([['NOTES.TXT', 1024, '2026-11-09T10:00:00.000Z']]);
    expect(entries[0]?.raw).toContain(';7');
    expect(unread).toEqual([]);
  });

  it('joins two lines only when both fail alone, and reports what stays unread in order', () => {
    const { entries, unread } = parse([
      'ORPHAN.TXT;1', // followed by a line that reads alone: not joined
      '-rw-r--r--   1 u g 5 Nov 10 09:00 unix.txt',
      'LONELY.TXT;2', // followed by a line that fails alone, but the pair is no entry either
      'garbage line',
      'LONG_NAME.TXT;3',
      '  2/3  21-NOV-2026 07:35  [USER,FTP]  (RWED,RWED,RE,)',
      'TAIL.TXT;1', // last line of the listing
    ]);
    expect(entries.map((e) => [e.name, e.size])).toEqual([
      ['unix.txt', 5],
      ['LONG_NAME.TXT', 1024],
    ]);
    expect(unread).toEqual(['ORPHAN.TXT;1', 'LONELY.TXT;2', 'garbage line', 'TAIL.TXT;1']);
  });

  it('never joins two Unix lines (`.` and `..` of `LIST -a` stay non-entries)', () => {
    const { entries, unread } = parse([
      'drwxr-xr-x   2 u g 4096 Nov 10 09:00 .',
      'drwxr-xr-x   9 u g 4096 Nov 10 09:00 ..',
      '-rw-r--r--   1 u g 5 Nov 10 09:00 a',
    ]);
    expect(entries.map((e) => e.name)).toEqual(['a']);
    expect(unread).toEqual([]);
  });
});

describe('parseListing: NetWare, OS/2 and z/OS', () => {
  it('reads a NetWare listing', () => {
    const { entries, unread } = parse([
      'total 0',
      'd [RWCEAFMS] admin                512       Nov 21 07:35  public',
      '- [R----F--] rhesus            214059       Nov 21  2025  annual report.txt',
    ]);
    expect(entries.map(fields)).toEqual([
      ['public', 'dir', 512, '2026-11-21T07:35:00.000Z', 'admin', undefined, '[RWCEAFMS]'],
      ['annual report.txt', 'file', 214059, '2025-11-21T00:00:00.000Z', 'rhesus', undefined, '[R----F--]'],
    ]);
    expect(unread).toEqual([]);
  });

  it('reads an OS/2 listing (lines that start with spaces are no MLSD entries)', () => {
    const { entries, unread } = parse([
      '     0           DIR   11-21-26   07:35  projects',
      '  1234  A        11-21-26   07:35  read me.txt',
      '123456  A        01-02-25   17:00  big.zip',
    ]);
    expect(entries.map(fields)).toEqual([
      ['projects', 'dir', 0, '2026-11-21T07:35:00.000Z', undefined, undefined, undefined],
      ['read me.txt', 'file', 1234, '2026-11-21T07:35:00.000Z', undefined, undefined, undefined],
      ['big.zip', 'file', 123456, '2025-01-02T17:00:00.000Z', undefined, undefined, undefined],
    ]);
    expect(unread).toEqual([]);
  });

  it('reads a z/OS data set listing and its header', () => {
    const { entries, unread } = parse([
      'Volume Unit    Referred Ext Used Recfm Lrecl BlkSz Dsorg Dsname',
      'WYOSPT 3390   2026/11/21  1   15  FB      80  6160  PO  USER.CNTL',
      'WYOSPT 3390   2026/11/20  2  120  VB     255 27998  PS  USER.LOG',
      'Migrated                                                USER.OLD',
      'Pseudo Directory                                        USER.WORK',
    ]);
    expect(entries.map((e) => [e.name, e.type, e.size, e.modifiedAt?.toISOString()])).toEqual([
      ['USER.CNTL', 'dir', undefined, '2026-11-21T00:00:00.000Z'],
      ['USER.LOG', 'file', undefined, '2026-11-20T00:00:00.000Z'],
      ['USER.OLD', 'file', undefined, undefined],
      ['USER.WORK', 'dir', undefined, undefined],
    ]);
    expect(unread).toEqual([]);
  });

  it('reads a PDS member listing and its header', () => {
    const { entries, unread } = parse([
      ' Name     VV.MM   Created       Changed      Size  Init   Mod   Id',
      'MEMBER1   01.03 2026/11/01 2026/11/21 07:35    14    14     0 USER',
      'JCL#2     01.00 2025/03/04 2025/03/04 12:00:30   200   200    0 IBMUSER',
    ]);
    expect(entries.map(fields)).toEqual([
      ['MEMBER1', 'file', undefined, '2026-11-21T07:35:00.000Z', 'USER', undefined, undefined],
      ['JCL#2', 'file', undefined, '2025-03-04T12:00:30.000Z', 'IBMUSER', undefined, undefined],
    ]);
    expect(unread).toEqual([]);
  });
});
