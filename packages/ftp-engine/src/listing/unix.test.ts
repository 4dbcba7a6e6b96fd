import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../types.ts';
import { parseUnixLine } from './index.ts';

const NOW = new Date('2024-03-15T12:00:00Z');
type Row = [line: string, expected: Partial<FileEntry> | null];

const rows: Row[] = [
  // Basics
  ['-rw-r--r--    1 1000     1000         1234 Jan 02 03:04 plain.txt', { name: 'plain.txt', type: 'file', size: 1234, owner: '1000', group: '1000', permissions: 'rw-r--r--', modifiedAt: new Date('2024-01-02T03:04:00Z') }],
  ['drwxr-xr-x    2 ftp      ftp          4096 Mar 01  2019 old dir', { name: 'old dir', type: 'dir', size: 4096, modifiedAt: new Date('2019-03-01T00:00:00Z') }],
  // ACL / xattr / SELinux markers after the permissions
  ['-rw-r--r--+   1 alice    staff          10 Feb 29 10:00 acl.txt', { name: 'acl.txt', permissions: 'rw-r--r--', size: 10, modifiedAt: new Date('2024-02-29T10:00:00Z') }],
  ['drwxr-xr-x@  12 alice    staff         384 Jan 5  2023 Mac dir', { name: 'Mac dir', type: 'dir', size: 384 }],
  ['-rw-r--r--.   1 root     root            5 Mar 10 09:00 selinux', { name: 'selinux', owner: 'root' }],
  // Missing group column, numeric owner
  ['-rw-r--r--   1 ftp         77 Mar 10 09:00 nogroup.txt', { name: 'nogroup.txt', owner: 'ftp', group: undefined, size: 77 }],
  ['-rw-r--r--   1 500         77 Mar 10 09:00 numeric', { owner: '500', group: undefined, size: 77 }],
  // Owner with a space (Windows account names on some NAS servers)
  ['-rw-r--r--   1 John Smith  users    42 Mar 10 09:00 spaced owner', { owner: 'John Smith', group: 'users', size: 42, name: 'spaced owner' }],
  // Device files: `major, minor` is not a size
  ['crw-rw-rw-   1 root     root       1,   3 Jan 01  2020 null', { name: 'null', type: 'unknown', size: undefined, owner: 'root', group: 'root' }],
  ['brw-rw----   1 root     disk       8,0 Jan 01  2020 sda', { name: 'sda', type: 'unknown', size: undefined, group: 'disk' }],
  ['prw-r--r--   1 root     root          0 Jan 01  2020 pipe', { type: 'unknown', size: 0 }],
  // Symlinks
  ['lrwxrwxrwx   1 root     root         11 Mar 10 09:00 link -> target/file', { name: 'link', type: 'symlink', target: 'target/file' }],
  ['lrwxrwxrwx   1 root     root         11 Mar 10 09:00 my link -> my target', { name: 'my link', target: 'my target' }],
  ['-rw-r--r--   1 root     root         11 Mar 10 09:00 not -> a link', { name: 'not -> a link', type: 'file', target: undefined }],
  // Names: leading, inner, trailing spaces all kept; only the one separator is eaten
  ['-rw-r--r--   1 u g 1 Mar 10 09:00  leading', { name: ' leading' }],
  ['-rw-r--r--   1 u g 1 Mar 10 09:00 inner   spaces', { name: 'inner   spaces' }],
  ['-rw-r--r--   1 u g 1 Mar 10 09:00 trailing  ', { name: 'trailing  ' }],
  ['-rw-r--r--   1 u g 1 Mar 10  2020   two leading', { name: '  two leading', modifiedAt: new Date('2020-03-10T00:00:00Z') }],
  ['-rw-r--r--   1 u g 1 Mar 10 09:00 Jan 01 2020 looks like a date', { name: 'Jan 01 2020 looks like a date', size: 1 }],
  // ISO dates (busybox, `ls --time-style=long-iso` / `full-iso`)
  ['-rw-r--r--    1 root     root          12 2024-01-02 03:04 iso.txt', { name: 'iso.txt', size: 12, modifiedAt: new Date('2024-01-02T03:04:00Z') }],
  ['-rw-r--r-- 1 root root 12 2024-01-02 03:04:05.123456789 +0100 full-iso.txt', { name: 'full-iso.txt', modifiedAt: new Date('2024-01-02T02:04:05Z') }],
  // Day before month, localized and CJK month names
  ['-rw-r--r--   1 u g 9 10 Mar 09:00 daymonth', { name: 'daymonth', modifiedAt: new Date('2024-03-10T09:00:00Z') }],
  ['-rw-r--r--   1 u g 9 Okt 07  2021 german', { name: 'german', modifiedAt: new Date('2021-10-07T00:00:00Z') }],
  ['-rw-r--r--   1 u g 9 févr. 07  2021 french', { name: 'french', modifiedAt: new Date('2021-02-07T00:00:00Z') }],
  ['-rw-r--r--   1 u g 9  3月  4  2021 japanese', { name: 'japanese', modifiedAt: new Date('2021-03-04T00:00:00Z') }],
  ['-rw-r--r--   1 u g 9  3月  4日 12:30 日本語.txt', { name: '日本語.txt', modifiedAt: new Date('2024-03-04T12:30:00Z') }],
  // Sizes beyond 2^53 stay numbers (rounded)
  ['-rw-r--r--   1 u g 18446744073709551615 Mar 10 09:00 huge', { size: 18446744073709551615 }],
  // Link count glued to the permissions; `ls -i -s` prefixes
  ['drwxr-xr-x1024 u g 4096 Mar 10 09:00 glued', { name: 'glued', type: 'dir', owner: 'u', group: 'g' }],
  ['  131074    4 -rw-r--r--   1 u g 3 Mar 10 09:00 inode', { name: 'inode', size: 3 }],
  // Not entries
  ['total 12', null],
  ['drwxr-xr-x   2 u g 4096 Mar 10 09:00 .', null],
  ['drwxr-xr-x   2 u g 4096 Mar 10 09:00 ..', null],
  ['-rw-r--r--   1 u g 1 Mar 10 09:00', null],
  ['-rw-r--r--   1 u g 1 Mar 10 09:00 ', null],
  ['-rw-r--r--   1 u g x Mar 10 09:00 badsize', null],
  ['-rwxr-xr-q   1 u g 1 Mar 10 09:00 badperm', null],
  ['type=file;size=1; name', null],
  ['', null],
];

describe('parseUnixLine', () => {
  it.each(rows)('%s', (line, expected) => {
    const entry = parseUnixLine(line, { now: NOW });
    if (expected === null) {
      expect(entry).toBeNull();
    } else {
      expect(entry).toMatchObject({ ...expected, raw: line });
    }
  });
});

describe('year-less dates (6-month rule)', () => {
  const line = (date: string): string => `-rw-r--r-- 1 u g 1 ${date} f`;
  const year = (date: string, now: string): number | undefined =>
    parseUnixLine(line(date), { now: new Date(now) })?.modifiedAt?.getUTCFullYear();

  it('puts December dates seen in early January into the previous year', () => {
    expect(year('Dec 31 23:59', '2025-01-02T00:00:00Z')).toBe(2024);
    expect(year('Jan 01 00:01', '2025-01-02T00:00:00Z')).toBe(2025);
  });

  it('keeps dates a little in the future (server clock ahead, pyftpdlib style) in this year', () => {
    expect(year('Feb 10 10:00', '2025-01-02T00:00:00Z')).toBe(2025);
  });

  it('puts January dates seen in late December (server already in the new year) into the next year', () => {
    expect(year('Jan 01 00:30', '2024-12-31T23:00:00Z')).toBe(2025);
  });

  it('uses the server timezone offset for both the instant and the year', () => {
    // UTC+01:00 server: its 00:30 on Jan 1st is 23:30 UTC on Dec 31st.
    const entry = parseUnixLine(line('Jan 01 00:30'), { now: new Date('2024-12-31T23:40:00Z'), timezoneOffsetMinutes: 60 });
    expect(entry?.modifiedAt?.toISOString()).toBe('2024-12-31T23:30:00.000Z');
    const west = parseUnixLine(line('Mar 10 09:00'), { now: NOW, timezoneOffsetMinutes: -300 });
    expect(west?.modifiedAt?.toISOString()).toBe('2024-03-10T14:00:00.000Z');
  });
});

describe('time precision', () => {
  const at = (when: string, offset: number) => parseUnixLine(`-rw-r--r-- 1 u g 1 ${when} f`, { now: NOW, timezoneOffsetMinutes: offset });

  it('keeps a date shown with a year as that calendar date, unshifted by the server offset', () => {
    // 00:00 in UTC+08:00 would be 16:00 the day before: shown in UTC, a different day.
    for (const offset of [0, 480, -300, 345]) {
      const entry = at('Nov 21  2020', offset);
      expect(entry?.modifiedPrecision).toBe('day');
      expect(entry?.modifiedAt?.toISOString()).toBe('2020-11-21T00:00:00.000Z');
    }
  });

  it('marks `HH:MM` times to the minute and shifts them', () => {
    const entry = at('Mar 10 09:00', 480);
    expect(entry?.modifiedPrecision).toBe('minute');
    expect(entry?.modifiedAt?.toISOString()).toBe('2024-03-10T01:00:00.000Z');
  });

  it('marks full-iso times to the second and long-iso ones to the minute', () => {
    const full = parseUnixLine('-rw-r--r-- 1 u g 5 2024-01-02 03:04:05.123456789 +0100 f.txt');
    expect(full?.modifiedPrecision).toBe('second');
    expect(full?.modifiedAt?.toISOString()).toBe('2024-01-02T02:04:05.000Z');
    const long = parseUnixLine('-rw-r--r-- 1 u g 5 2024-01-02 03:04 f.txt', { timezoneOffsetMinutes: 60 });
    expect(long?.modifiedPrecision).toBe('minute');
    expect(long?.modifiedAt?.toISOString()).toBe('2024-01-02T02:04:00.000Z');
  });

});

describe('hostile input', () => {
  it('reads a very long line once, without blowing up', () => {
    const owner = 'x '.repeat(50_000);
    expect(parseUnixLine(`-rw-r--r-- 1 ${owner}`, { now: NOW })).toBeNull();
    const name = 'n'.repeat(100_000);
    expect(parseUnixLine(`-rw-r--r-- 1 u g 5 Mar 10 09:00 ${name}`, { now: NOW })?.name).toBe(name);
  });
});
