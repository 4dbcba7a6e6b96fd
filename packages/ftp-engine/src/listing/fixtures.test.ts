/**
 * Real server output (see fixtures/README.md for how it was captured),
 * decoded with the 'auto' codec exactly as the engine will, then parsed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createNameCodec, decodeListing } from '../encoding/index.ts';
import type { FileEntry } from '../types.ts';
import { parseListing, parseMlsdLine } from './index.ts';

const NOW = new Date('2026-11-21T07:40:00Z');
const codec = createNameCodec('auto');

function load(name: string): { bytes: Buffer; entries: FileEntry[] } {
  const bytes = readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
  const unread: string[] = [];
  const entries = parseListing(decodeListing(bytes, codec), { now: NOW, onUnread: (line) => unread.push(line) });
  // Real servers' output has nothing we cannot read.
  expect(unread).toEqual([]);
  return { bytes, entries };
}

const GBK_NAME = 'gbk-\udcd6\udcd0\udcce\udcc4.txt';
const LATIN1_NAME = 'latin1-caf\udce9.txt';
const T = '2026-11-21T07:35:00.000Z';

type Expected = Partial<Omit<FileEntry, 'modifiedAt' | 'raw'>> & { modifiedAt?: string };

/** What `LIST` shows of the fixture folder (vsftpd's rendering; others override). */
function listExpectation(): Record<string, Expected> {
  return {
    ' leading space.txt': { type: 'file', size: 2, modifiedAt: T, permissions: 'rw-r--r--' },
    'big-sparse.bin': { type: 'file', size: 5_000_000_000 },
    dangling: { type: 'symlink', size: 19, target: '/nonexistent/target', permissions: 'rwxrwxrwx' },
    'dir with space': { type: 'dir', size: 4096, permissions: 'rwxr-xr-x' },
    fifo: { type: 'unknown', size: 0 },
    'future.txt': { type: 'file', size: 4, modifiedAt: '2026-12-31T00:00:00.000Z' },
    [GBK_NAME]: { type: 'file', size: 1 },
    'huge-sparse.bin': { type: 'file', size: 1_099_511_627_776 },
    'inner  two  spaces.txt': { type: 'file', size: 2 },
    [LATIN1_NAME]: { type: 'file', size: 1 },
    'link to dir': { type: 'symlink', target: 'dir with space' },
    'link-to-plain': { type: 'symlink', size: 9, target: 'plain.txt' },
    nulldev: { type: 'unknown', size: 0 },
    'old-2019.txt': { type: 'file', modifiedAt: '2019-03-04T00:00:00.000Z' },
    'plain.txt': { type: 'file', size: 6, owner: '1234', group: '5678' },
    'recent.txt': { type: 'file', modifiedAt: '2026-11-18T07:35:00.000Z', owner: '65534', group: '65534' },
    sub: { type: 'dir', modifiedAt: '2001-09-09T00:00:00.000Z' },
    'trailing space.txt ': { type: 'file', size: 2 },
    '中文文件名.txt': { type: 'file', size: 2, modifiedAt: T },
  };
}

function check(entries: FileEntry[], expected: Record<string, Expected>): void {
  expect(entries.map((e) => e.name).sort()).toEqual(Object.keys(expected).sort());
  for (const entry of entries) {
    const { modifiedAt, ...rest } = expected[entry.name]!;
    expect(entry, entry.raw).toMatchObject(rest);
    if (modifiedAt !== undefined) expect(entry.modifiedAt?.toISOString(), entry.raw).toBe(modifiedAt);
  }
}

describe('LIST fixtures', () => {
  it('vsftpd 3.0.3: numeric ids, year for future dates, names with spaces', () => {
    const { entries } = load('vsftpd-list.txt');
    check(entries, listExpectation());
    expect(entries.find((e) => e.name === 'sub')?.owner).toBe('0');
  });

  it('vsftpd LIST -a drops . and ..', () => {
    expect(load('vsftpd-list-a.txt').entries).toHaveLength(19);
  });

  it('pyftpdlib 1.5.7: names, future dates shown with a time, lossy non-UTF-8 names', () => {
    const expected = listExpectation();
    delete expected[GBK_NAME];
    delete expected[LATIN1_NAME];
    expected['gbk-????.txt'] = { type: 'file', size: 1 }; // pyftpdlib itself replaced the bytes
    expected['latin1-caf?.txt'] = { type: 'file', size: 1 };
    expected['future.txt'] = { modifiedAt: '2026-12-31T07:35:00.000Z' }; // "Dec 31 07:35": 40 days ahead, same year
    expected['recent.txt'] = { owner: 'nobody', group: 'nogroup' };
    expected['plain.txt'] = { owner: '1234', group: '5678' };
    check(load('pyftpdlib-list.txt').entries, expected);
  });

  it('ProFTPD 1.3.8', () => {
    const expected = listExpectation();
    expected['future.txt'] = { modifiedAt: '2026-12-31T07:35:00.000Z' };
    expected['recent.txt'] = { owner: 'nobody', group: 'nogroup' };
    expected.sub = { owner: 'root', group: 'root', modifiedAt: '2001-09-09T00:00:00.000Z' };
    check(load('proftpd-list.txt').entries, expected);
  });

  it('Pure-FTPd 1.0.50: hides the FIFO and the device, mixes numeric owner and named group', () => {
    const expected = listExpectation();
    delete expected.fifo;
    delete expected.nulldev;
    expected['future.txt'] = { modifiedAt: '2026-12-31T07:35:00.000Z' };
    expected['recent.txt'] = { owner: '65534', group: 'nogroup' };
    check(load('pureftpd-list.txt').entries, expected);
  });

  it('non-UTF-8 names from a real listing encode back to the bytes the server sent', () => {
    const { bytes, entries } = load('vsftpd-list.txt');
    for (const name of [GBK_NAME, LATIN1_NAME, '中文文件名.txt', ' leading space.txt']) {
      expect(entries.some((e) => e.name === name)).toBe(true);
      expect(bytes.includes(codec.encode(name))).toBe(true);
    }
  });
});

const M = '2026-11-21T07:35:08.000Z';
/** What `MLSD` shows of the folder, before per-server differences. */
function mlsdExpectation(): Record<string, Expected> {
  return {
    ' leading space.txt': { type: 'file', size: 2, modifiedAt: M },
    'big-sparse.bin': { type: 'file', size: 5_000_000_000 },
    'dir with space': { type: 'dir', size: 4096 },
    fifo: { type: 'file', size: 0 },
    'future.txt': { type: 'file', modifiedAt: '2026-12-31T07:35:08.000Z' },
    [GBK_NAME]: { type: 'file', size: 1 },
    'huge-sparse.bin': { type: 'file', size: 1_099_511_627_776 },
    'inner  two  spaces.txt': { type: 'file', size: 2 },
    [LATIN1_NAME]: { type: 'file', size: 1 },
    'link to dir': { type: 'symlink', size: 14 },
    'link-to-plain': { type: 'symlink', size: 9 },
    nulldev: { type: 'file', size: 0 },
    'old-2019.txt': { type: 'file', modifiedAt: '2019-03-04T05:06:07.000Z' },
    'plain.txt': { type: 'file', size: 6 },
    'recent.txt': { type: 'file', modifiedAt: '2026-11-18T07:35:08.000Z' },
    sub: { type: 'dir', size: 4096, modifiedAt: '2001-09-09T01:46:40.000Z' },
    'trailing space.txt ': { type: 'file', size: 2 },
    '中文文件名.txt': { type: 'file', size: 2 },
  };
}

describe('MLSD fixtures', () => {
  it('ProFTPD: cdir/pdir skipped, OS.unix=symlink, UNIX.mode and names (it leaves out the dangling link)', () => {
    const expected = mlsdExpectation();
    expected['dir with space'] = { type: 'dir', size: undefined }; // ProFTPD sends no size/sizd for directories
    expected.sub = { type: 'dir', size: undefined, permissions: 'rwxr-xr-x' };
    expected['plain.txt'] = { size: 6, permissions: 'rw-r--r--', owner: 'ftp', group: 'ftp' };
    expected['link-to-plain'] = { type: 'symlink', permissions: 'rwxrwxrwx', target: undefined };
    check(load('proftpd-mlsd.txt').entries, expected);
  });

  it('Pure-FTPd: sizd for directories, OS.unix=slink: with no target, type=unknown', () => {
    const expected = mlsdExpectation();
    expected.dangling = { type: 'symlink', size: 19 };
    expected.fifo = { type: 'unknown', size: 0 };
    expected.nulldev = { type: 'unknown', size: 0 };
    expected['plain.txt'] = { owner: '1234', group: '5678', permissions: 'rw-r--r--' };
    expected['link-to-plain'] = { type: 'symlink', size: 9, target: undefined };
    check(load('pureftpd-mlsd.txt').entries, expected);
  });

  it('pyftpdlib: follows symlinks, perm fact as permissions, lossy names', () => {
    const expected = mlsdExpectation();
    delete expected[GBK_NAME];
    delete expected[LATIN1_NAME];
    expected['gbk-????.txt'] = { size: 1 };
    expected['latin1-caf?.txt'] = { size: 1 };
    expected['link to dir'] = { type: 'dir' };
    expected['link-to-plain'] = { type: 'file', size: 6, permissions: 'r' };
    check(load('pyftpdlib-mlsd.txt').entries, expected);
  });

  it('pyftpdlib with unix.mode=0o644 (Python octal) and unix.uid/gid', () => {
    const entries = load('pyftpdlib-mlsd-unix.txt').entries;
    expect(entries.find((e) => e.name === 'plain.txt')).toMatchObject({ permissions: 'rw-r--r--', owner: '1234', group: '5678' });
    expect(entries.find((e) => e.name === 'sub')).toMatchObject({ type: 'dir', permissions: 'rwxr-xr-x' });
  });

  it('MLST entry lines (leading space) from all three servers', () => {
    for (const [file, name] of [
      ['proftpd-mlst.txt', '/plain.txt'],
      ['pureftpd-mlst.txt', 'plain.txt'],
      ['pyftpdlib-mlst.txt', '/plain.txt'],
    ] as const) {
      const line = readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8').replace(/\r?\n$/, '');
      expect(parseMlsdLine(line), file).toMatchObject({ name, type: 'file', size: 6, modifiedAt: new Date('2026-11-21T07:35:08Z') });
    }
  });
});
