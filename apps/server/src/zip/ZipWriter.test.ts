/**
 * The ZIP writer, proven by other people's readers: Debian's `unzip -t`
 * (Info-ZIP) and python3's zipfile must accept every archive and give back
 * the exact bytes, including ZIP64 archives (forced on small data, and by
 * more than 65 535 entries).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { ZipWriter } from './ZipWriter.ts';
import { entryName, safeSegment } from './entryName.ts';

const dir = mkdtempSync(join(tmpdir(), 'ftpdeck-zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Collects the archive into a file. */
async function build(fill: (zip: ZipWriter) => Promise<void>, opts: ConstructorParameters<typeof ZipWriter>[0] = {}): Promise<string> {
  const zip = new ZipWriter(opts);
  const chunks: Buffer[] = [];
  zip.output.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((r) => zip.output.on('end', r));
  await fill(zip);
  await ended;
  const file = join(dir, `${randomBytes(4).toString('hex')}.zip`);
  writeFileSync(file, Buffer.concat(chunks));
  return file;
}

/** Each entry as python3's zipfile sees it: name → hex of the bytes (after a full CRC check). */
function pythonRead(file: string): Record<string, string> {
  const script = [
    'import sys, json, zipfile',
    'z = zipfile.ZipFile(sys.argv[1])',
    'bad = z.testzip()',
    'assert bad is None, bad',
    'print(json.dumps({i.filename: z.read(i).hex() for i in z.infolist()}))',
  ].join('\n');
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as Record<string, string>;
}

function unzipTest(file: string): string {
  return execFileSync('unzip', ['-t', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

const fromBuffer = (b: Buffer) => (sink: NodeJS.WritableStream) => pipeline(Readable.from([b.subarray(0, 1000), b.subarray(1000)]), sink);

const a = randomBytes(300_000);
const b = Buffer.from('héllo wörld\n');

describe('ZipWriter', () => {
  for (const forceZip64 of [false, true]) {
    it(`writes files, folders and empty files that unzip and python read back${forceZip64 ? ' (ZIP64 forced)' : ''}`, async () => {
      const file = await build(async (zip) => {
        await zip.addDirectory('top', new Date('2024-05-06T07:08:10Z'));
        await zip.addFile('top/a.bin', fromBuffer(a), { size: a.length, mtime: new Date('2024-05-06T07:08:10Z') });
        await zip.addFile('top/ü/b.txt', fromBuffer(b)); // size unknown: ZIP64 local header
        await zip.addFile('top/empty', async (sink) => void sink.end(), { size: 0 });
        await zip.addDirectory('top/empty-dir');
        await zip.finish();
      }, { forceZip64 });
      expect(unzipTest(file)).toMatch(/No errors detected/);
      const read = pythonRead(file);
      expect(Object.keys(read)).toEqual(['top/', 'top/a.bin', 'top/ü/b.txt', 'top/empty', 'top/empty-dir/']);
      expect(read['top/a.bin']).toBe(a.toString('hex'));
      expect(read['top/ü/b.txt']).toBe(b.toString('hex'));
      expect(read['top/empty']).toBe('');
    });
  }

  it('writes a date-only time as the DOS date alone, which unzips as that day in any zone', async () => {
    const file = await build(async (zip) => {
      await zip.addFile('day.txt', fromBuffer(Buffer.from('d')), { size: 1, mtime: new Date('2019-11-03T00:00:00Z'), dateOnly: true });
      await zip.addDirectory('dir', new Date('2019-11-03T00:00:00Z'), true);
      await zip.addFile('exact.txt', fromBuffer(Buffer.from('e')), { size: 1, mtime: new Date('2019-11-03T00:00:00Z') });
      await zip.finish();
    });
    const script = [
      'import sys, json, zipfile',
      'z = zipfile.ZipFile(sys.argv[1])',
      'print(json.dumps({i.filename: [list(i.date_time), b"UT" in i.extra] for i in z.infolist()}))',
    ].join('\n');
    const info = JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' })) as Record<string, [number[], boolean]>;
    expect(info['day.txt']).toEqual([[2019, 11, 3, 0, 0, 0], false]);
    expect(info['dir/']).toEqual([[2019, 11, 3, 0, 0, 0], false]);
    // An instant keeps its UT field, which unzip shows in the local zone.
    expect(info['exact.txt']).toEqual([[2019, 11, 3, 0, 0, 0], true]);
    // Info-ZIP's unzip in New York: the date-only file keeps Nov 3, the instant becomes Nov 2, 19:00.
    // (Outside `dir`: another test counts every .txt there.)
    const out = mkdtempSync(join(tmpdir(), 'ftpdeck-zip-day-'));
    try {
      execFileSync('unzip', ['-q', file, '-d', out], { env: { ...process.env, TZ: 'America/New_York' } });
      const day = (name: string) => execFileSync('date', ['-r', join(out, name), '+%F'], { encoding: 'utf8', env: { ...process.env, TZ: 'America/New_York' } }).trim();
      expect(day('day.txt')).toBe('2019-11-03');
      expect(day('exact.txt')).toBe('2019-11-02');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('reports the source’s own error, not the raw one it destroyed the sink with', async () => {
    const zip = new ZipWriter();
    zip.output.resume();
    const failed = zip.addFile('x.bin', async (sink) => {
      sink.write(Buffer.from('partial'));
      sink.destroy(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('The data connection failed: 426 Connection closed; transfer aborted');
    });
    await expect(failed).rejects.toThrow('426 Connection closed');
  });

  it('switches to ZIP64 end records beyond 65 535 entries', async () => {
    const count = 70_000;
    const file = await build(async (zip) => {
      for (let i = 0; i < count; i++) await zip.addFile(`f/${i}`, async (sink) => void sink.end(Buffer.from(String(i))), { size: String(i).length });
      await zip.finish();
    });
    const script = 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nprint(len(z.infolist()), z.read("f/69999").decode())';
    expect(execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' }).trim()).toBe('70000 69999');
    expect(unzipTest(file)).toMatch(/No errors detected/);
  });

  it('leaves no entry for a source that fails before its first byte, and rethrows', async () => {
    const file = await build(async (zip) => {
      await expect(zip.addFile('gone.bin', () => Promise.reject(new Error('550 No such file')))).rejects.toThrow(/550/);
      await zip.addFile('ok.txt', fromBuffer(b));
      await zip.finish();
    });
    expect(Object.keys(pythonRead(file))).toEqual(['ok.txt']);
  });

  it('keeps the archive valid when a source fails mid-way (the entry holds what arrived)', async () => {
    const file = await build(async (zip) => {
      await expect(
        zip.addFile('half.bin', async (sink) => {
          await new Promise<void>((r) => sink.write(a.subarray(0, 5000), () => r()));
          throw new Error('426 connection closed');
        }),
      ).rejects.toThrow(/426/);
      await zip.finish();
    });
    expect(pythonRead(file)['half.bin']).toBe(a.subarray(0, 5000).toString('hex'));
  });
});

describe('entry names from a hostile server', () => {
  it('refuses segments that climb, and flattens separators, NUL and drive letters', () => {
    expect(safeSegment('..')).toBeNull();
    expect(safeSegment('.')).toBeNull();
    expect(safeSegment('')).toBeNull();
    expect(safeSegment('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(safeSegment('..\\..\\win.ini')).toBe('.._.._win.ini');
    expect(safeSegment('/etc/passwd')).toBe('_etc_passwd');
    expect(safeSegment('a\0b\r\n')).toBe('a_b__');
    expect(safeSegment('C:evil')).toBe('C_evil');
    expect(entryName(['dir', '..', 'x'])).toBeNull();
    expect(entryName(['dir', 'sub', 'ok.txt'])).toBe('dir/sub/ok.txt');
  });

  it('produces archives whose every entry stays inside the extraction folder', async () => {
    const names = ['../escape.txt', '/abs.txt', 'back\\slash.txt', 'nul\0.txt'].map((n) => entryName(['root', n])).filter((n): n is string => n !== null);
    const file = await build(async (zip) => {
      for (const n of names) await zip.addFile(n, fromBuffer(b));
      await zip.finish();
    });
    const out = join(dir, 'extract');
    execFileSync('unzip', ['-o', '-q', file, '-d', out]);
    const listed = execFileSync('find', [dir, '-name', '*.txt'], { encoding: 'utf8' }).trim().split('\n');
    expect(listed.every((p) => p.startsWith(`${out}/root/`))).toBe(true);
    expect(listed).toHaveLength(4);
  });
});
