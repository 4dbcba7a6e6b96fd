import { describe, expect, it } from 'vitest';
import { parseListing } from './index.ts';

const NOW = new Date('2024-03-15T12:00:00Z');

describe('parseListing', () => {
  it('reads a mixed listing, detecting the format line by line', () => {
    const text = [
      'total 12',
      '-rw-r--r--   1 u g 5 Mar 10 09:00 unix.txt',
      'type=file;size=7;modify=20240102030405; mlsd.txt',
      '01-02-24  03:04PM                   9 dos.txt',
      '+i1.2,m825718503,r,s280,\teplf.html',
      '',
      'drwxr-xr-x   2 u g 4096 Mar 10 09:00 .',
      'type=cdir;modify=20240102030405; /here',
      'not a listing line at all',
      'lrwxrwxrwx   1 u g 3 Mar 10 09:00 l -> unix.txt',
    ].join('\r\n');
    const entries = parseListing(text, { now: NOW });
    expect(entries.map((e) => [e.name, e.type, e.size])).toEqual([
      ['unix.txt', 'file', 5],
      ['mlsd.txt', 'file', 7],
      ['dos.txt', 'file', 9],
      ['eplf.html', 'file', 280],
      ['l', 'symlink', 3],
    ]);
    expect(entries[0]?.raw).toBe('-rw-r--r--   1 u g 5 Mar 10 09:00 unix.txt');
  });

  it('reports lines it could not read, and not the ones that are no entries by design', () => {
    const unread: string[] = [];
    const text = [
      'total 12',
      'drwxr-xr-x   2 u g 4096 Mar 10 09:00 .',
      'drwxr-xr-x   9 u g 4096 Mar 10 09:00 ..',
      'type=cdir;modify=20240102030405; /here',
      'type=pdir;modify=20240102030405; /',
      '   ',
      // z/VM CMS, a format we do not parse: two entries in a row (not joined, as they are no VMS entry).
      'PROFILE  EXEC     A1 V         68         51          1 2024-01-15 10:23:45 060191',
      'NOTES    TEXT     A1 V         80        107          2 2024-01-15 10:23:45 060191',
      '-rw-r--r--   1 u g 5 Mar 10 09:00 unix.txt',
    ].join('\r\n');
    const entries = parseListing(text, { now: NOW, onUnread: (line) => unread.push(line) });
    expect(entries.map((e) => e.name)).toEqual(['unix.txt']);
    expect(unread).toEqual([
      'PROFILE  EXEC     A1 V         68         51          1 2024-01-15 10:23:45 060191',
      'NOTES    TEXT     A1 V         80        107          2 2024-01-15 10:23:45 060191',
    ]);
  });

  it('accepts LF, CRLF and a missing final line end alike', () => {
    const lines = ['-rw-r--r-- 1 u g 1 Mar 10 09:00 a', '-rw-r--r-- 1 u g 2 Mar 10 09:00 b'];
    for (const text of [lines.join('\n'), lines.join('\r\n') + '\r\n', lines.join('\n') + '\n\n']) {
      expect(parseListing(text, { now: NOW }).map((e) => e.name)).toEqual(['a', 'b']);
    }
  });

  it('keeps a trailing space in a name but not the CR', () => {
    expect(parseListing('-rw-r--r-- 1 u g 1 Mar 10 09:00 x \r\n', { now: NOW })[0]?.name).toBe('x ');
  });

  it('returns nothing for empty listings (`total 0`, blank)', () => {
    expect(parseListing('')).toEqual([]);
    expect(parseListing('total 0\r\n')).toEqual([]);
    expect(parseListing('\r\n\r\n')).toEqual([]);
  });

  it('keeps only the last segment of MLSD names that carry paths', () => {
    const entries = parseListing('type=file;size=1; /pub/dir/a.txt\r\ntype=dir; dir/sub\r\n');
    expect(entries.map((e) => e.name)).toEqual(['a.txt', 'sub']);
  });

  it('reads an IIS listing', () => {
    const text = [
      '01-02-24  03:04PM       <DIR>          aspnet_client',
      '11-30-23  10:15AM                 1024 web.config',
      '11-30-23  10:15AM                    0 name with  spaces.txt',
    ].join('\r\n');
    expect(parseListing(text).map((e) => [e.name, e.type, e.size, e.modifiedAt?.toISOString()])).toEqual([
      ['aspnet_client', 'dir', undefined, '2024-01-02T15:04:00.000Z'],
      ['web.config', 'file', 1024, '2023-11-30T10:15:00.000Z'],
      ['name with  spaces.txt', 'file', 0, '2023-11-30T10:15:00.000Z'],
    ]);
  });

  it('infers years across a new year for a whole listing', () => {
    const text = ['-rw-r--r-- 1 u g 1 Dec 30 10:00 old', '-rw-r--r-- 1 u g 1 Jan 02 10:00 new'].join('\n');
    const entries = parseListing(text, { now: new Date('2025-01-03T00:00:00Z') });
    expect(entries.map((e) => e.modifiedAt?.toISOString())).toEqual(['2024-12-30T10:00:00.000Z', '2025-01-02T10:00:00.000Z']);
  });

  it('parses 100 000 lines into 100 000 entries', () => {
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i++) lines.push(`-rw-r--r--   1 u g ${i} Mar 10 09:00 file-${i}.dat`);
    const entries = parseListing(lines.join('\r\n'), { now: NOW });
    expect(entries).toHaveLength(100_000);
    expect(entries[99_999]).toMatchObject({ name: 'file-99999.dat', size: 99_999 });
  });
});
