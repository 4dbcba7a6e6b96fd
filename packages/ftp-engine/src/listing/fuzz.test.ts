/**
 * A hostile or broken server controls every byte of a listing. Whatever it
 * sends, parseListing must return (never throw), and every entry it returns
 * must be well formed: a usable name, a known type, a finite size, a real
 * date. The inputs are seeded mutations of real lines of every format we
 * read (so they get deep into each parser, not just past its first check),
 * plus pure noise, very long lines and runs of unreadable lines (which
 * exercise the VMS two-line join).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prng } from '@ftpdeck/test-servers';
import { createNameCodec, decodeListing } from '../encoding/index.ts';
import type { FileEntry } from '../types.ts';
import { parseEplfLine, parseListing } from './index.ts';

const NOW = new Date('2026-11-21T08:00:00Z');
const TYPES = new Set(['file', 'dir', 'symlink', 'unknown']);

/** Lines of the formats the real servers in fixtures/ do not print. */
const OTHER_FORMATS = [
  '11-21-26  07:35AM       <DIR>          folder',
  '11-21-2026  07:35PM              1234 report final.pdf',
  '+i8388621.29609,m824255902,/,\tdev',
  '+i8388621.44468,m839956783,r,s10376,\tRFCEPLF',
  'QSYS            77824 11/21/26 07:35:08 *DIR       QOpenSys/',
  'USER1            4096 11/21/26 07:35:08 *FILE      MYLIB.FILE/MBR1.MBR',
  'FILE.TXT;1          4/5     21-NOV-2026 07:35:08.12  [USER,FTP]  (RWED,RWED,RE,)',
  'SUBDIR.DIR;1        1/3     21-NOV-2026 07:35        [USER,FTP]  (RWE,RWE,RE,E)',
  'VERYLONGFILENAME.EXTENSION;12',
  '    4/5  21-NOV-2026 07:35  [USER,FTP]  (RWED,RWED,RE,)',
  'Directory DISK$USER:[USERS.FTP]',
  'Total of 2 files, 5/8 blocks.',
  'd [RWCEAFMS] admin                512 Nov 21 07:35 Public Folder',
  '- [R----F--] admin               1234 Nov 21  2025 notes.txt',
  '     0           DIR   11-21-26   07:35  OS2 FOLDER',
  '  1234  A        11-21-26   07:35  readme.txt',
  'Volume Unit    Referred Ext Used Recfm Lrecl BlkSz Dsorg Dsname',
  'WYOSPT 3420   2026/11/21  1   15  FB      80  6160  PO  USER.CNTL',
  'Migrated                                                USER.OLD',
  'Name     VV.MM   Created       Changed      Size  Init   Mod   Id',
  'MEMBER1  01.03 2026/11/01 2026/11/21 07:35    14    14     0 USER',
  'lrwxrwxrwx    1 0        0              11 Nov 21 07:35 link -> target dir',
  'brw-rw----    1 root     disk       8,   0 Nov 21 07:35 sda',
  '-rw-r--r--+   1 1000     1000         5 Jan  2  2025 acl file',
  'total 12',
];

/** Every fixture line (real vsftpd, ProFTPD, Pure-FTPd, pyftpdlib output) and the lines above. */
function seedLines(): string[] {
  const dir = new URL('./fixtures/', import.meta.url);
  const codec = createNameCodec('auto');
  const real = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .flatMap((f) => decodeListing(readFileSync(new URL(f, dir)), codec).split(/\r?\n/))
    .filter((l) => l.length > 0);
  return [...real, ...OTHER_FORMATS];
}

/** Characters a mutation may insert: digits, separators, letters, controls, a lone surrogate, CJK. */
const ALPHABET = '0123456789 :;,.-/+*[]()<>=\t\r\x00\x7fabcxyzDIRJanNov\udc80\u4e2d\uffff';

function mutate(line: string, random: () => number): string {
  const chars = [...line];
  const edits = 1 + Math.floor(random() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (chars.length + 1));
    const pick = ALPHABET[Math.floor(random() * ALPHABET.length)]!;
    const op = random();
    if (op < 0.35) chars.splice(at, 0, pick);
    else if (op < 0.7) chars.splice(at, 1);
    else if (op < 0.9) chars[Math.min(at, chars.length - 1)] = pick;
    else chars.splice(at, 0, ...chars.slice(0, Math.floor(random() * chars.length))); // repeat a prefix
  }
  return chars.join('');
}

function noise(random: () => number): string {
  const length = Math.floor(random() ** 2 * 200);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return out;
}

/** What any entry must look like, whatever the input was. */
function expectWellFormed(entry: FileEntry, text: string): void {
  const where = `entry ${JSON.stringify(entry.name)} from the line ${JSON.stringify(entry.raw.slice(0, 300))} of ${JSON.stringify(text.slice(0, 300))}`;
  expect(typeof entry.name, where).toBe('string');
  expect(entry.name.length, where).toBeGreaterThan(0);
  expect(['.', '..'], where).not.toContain(entry.name);
  expect(/[\n]/.test(entry.name), where).toBe(false);
  expect(TYPES.has(entry.type), where).toBe(true);
  if (entry.size !== undefined) {
    expect(Number.isFinite(entry.size) && entry.size >= 0, where).toBe(true);
  }
  if (entry.modifiedAt !== undefined) {
    expect(entry.modifiedAt instanceof Date && !Number.isNaN(entry.modifiedAt.getTime()), where).toBe(true);
  }
  // A precision exactly when there is a date; a date-only one is a UTC midnight.
  expect(entry.modifiedPrecision === undefined, where).toBe(entry.modifiedAt === undefined);
  if (entry.modifiedPrecision === 'day') expect(entry.modifiedAt!.getTime() % 86_400_000, where).toBe(0);
  expect(typeof entry.raw, where).toBe('string');
}

describe('parseListing on hostile input', () => {
  const seeds = seedLines();

  it('has seeds of every kind', () => {
    expect(seeds.length).toBeGreaterThan(150);
  });

  it('survives 3000 listings of mutated real lines and noise, and every entry is well formed', () => {
    const random = prng(30);
    let entries = 0;
    let unread = 0;
    for (let round = 0; round < 3000; round++) {
      const lines: string[] = [];
      const count = 1 + Math.floor(random() * 12);
      for (let i = 0; i < count; i++) {
        const r = random();
        const seed = seeds[Math.floor(random() * seeds.length)]!;
        lines.push(r < 0.2 ? seed : r < 0.85 ? mutate(seed, random) : noise(random));
      }
      const text = lines.join(random() < 0.5 ? '\r\n' : '\n');
      const got = parseListing(text, { now: NOW, onUnread: () => void (unread += 1) });
      for (const entry of got) expectWellFormed(entry, text);
      entries += got.length;
    }
    // Both sides were reached: many lines still parse, many do not.
    expect(entries).toBeGreaterThan(3000);
    expect(unread).toBeGreaterThan(3000);
  });

  it('reads long lines and long runs of unreadable lines once each', () => {
    const long = [
      `-rw-r--r-- 1 u g 5 Nov 21 07:35 ${'n'.repeat(200_000)}`,
      `${'A'.repeat(100_000)};1 4/5 21-NOV-2026 07:35`,
      `Directory ${'['.repeat(50_000)}`,
      `${'1 '.repeat(50_000)}`,
      `modify=${'9'.repeat(100_000)};type=file; x`,
      `     0           DIR   11-21-26   07:35  ${' '.repeat(100_000)}x`,
      // Sizes no double holds: no Infinity may come out.
      `-rw-r--r-- 1 u g ${'9'.repeat(400)} Nov 21 07:35 huge.bin`,
      `FILE.TXT;1 ${'9'.repeat(400)}/5 21-NOV-2026 07:35`,
      `- [R----F--] admin ${'9'.repeat(400)} Nov 21  2025 huge.txt`,
      `  ${'9'.repeat(400)}  A        11-21-26   07:35  huge.os2`,
    ];
    const unreadable = Array.from({ length: 20_000 }, (_, i) => `?? garbage ${i} ;;`);
    const text = [...long, ...unreadable, ...long].join('\r\n');
    let unread = 0;
    const got = parseListing(text, { now: NOW, onUnread: () => void (unread += 1) });
    for (const entry of got) expectWellFormed(entry, entry.raw);
    // The two Unix lines with the 200 000-character name are read; the garbage is reported, each line once.
    expect(got.filter((e) => e.name === 'n'.repeat(200_000))).toHaveLength(2);
    // The huge-size lines are entries, with no size rather than Infinity.
    expect(got.filter((e) => e.name.startsWith('huge')).map((e) => [e.name, e.size])).toEqual(
      ['huge.bin', 'huge.txt', 'huge.os2', 'huge.bin', 'huge.txt', 'huge.os2'].map((n) => [n, undefined]),
    );
    expect(unread).toBeGreaterThanOrEqual(20_000);
  });

  it('keeps what fuzzing found fixed: an EPLF time past what a Date holds, an MLSD name that is a path to `.`', () => {
    // m824255824255902 s is about 26 million years: no date, rather than an Invalid Date.
    const eplf = parseEplfLine('+i8388621.29609,m824255824255902,/,\tdev');
    expect(eplf).toMatchObject({ name: 'dev', type: 'dir' });
    expect(eplf?.modifiedAt).toBeUndefined();
    // Only the last segment of an MLSD path names the entry; `sub/.` and `/..` name none.
    const names = parseListing('type=dir;modify=20261121073508; sub/.\r\ntype=pdir; /..\r\ntype=file;size=1; sub/a.txt\r\n', { now: NOW }).map((e) => e.name);
    expect(names).toEqual(['a.txt']);
  });
});
