/**
 * Reads ZIPs with python3's zipfile, an independent reader: names and bytes
 * after a full CRC check, and entries' Unix times.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZipWriter } from '../../src/zip/ZipWriter.ts';

/** Runs a python script with the ZIP's path as argv[1] (then `args`); returns its stdout. */
function withZipFile(bytes: Buffer, script: string[], args: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'ftpdeck-zipread-'));
  try {
    const file = join(dir, 'a.zip');
    writeFileSync(file, bytes);
    return execFileSync('/usr/bin/python3', ['-c', script.join('\n'), file, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** name → bytes, after python has checked every CRC. */
export function readZip(bytes: Buffer): Map<string, Buffer> {
  const out = withZipFile(bytes, [
    'import sys, json, zipfile',
    'z = zipfile.ZipFile(sys.argv[1])',
    'bad = z.testzip()',
    'assert bad is None, bad',
    'print(json.dumps([[i.filename, z.read(i).hex()] for i in z.infolist()]))',
  ]);
  return new Map((JSON.parse(out) as Array<[string, string]>).map(([n, h]) => [n, Buffer.from(h, 'hex')]));
}

/** The Unix time (ms) in one entry's UT extra field (0x5455), which carries the true instant. */
export function zipUnixTime(bytes: Buffer, name: string): number {
  const out = withZipFile(
    bytes,
    [
      'import sys, struct, zipfile',
      'x = zipfile.ZipFile(sys.argv[1]).getinfo(sys.argv[2]).extra',
      'i = 0',
      'while i + 4 <= len(x):',
      '    tag, size = struct.unpack_from("<HH", x, i)',
      '    if tag == 0x5455: print(struct.unpack_from("<I", x, i + 5)[0]); break',
      '    i += 4 + size',
    ],
    [name],
  );
  return Number(out.trim()) * 1000;
}

/** A ZipWriter whose whole output is gathered; `read()` waits for its end and reads the archive. */
export function gatheredZip(): { zip: ZipWriter; read: () => Promise<Map<string, Buffer>> } {
  const zip = new ZipWriter();
  const chunks: Buffer[] = [];
  zip.output.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((r) => zip.output.on('end', r));
  return { zip, read: async () => (await ended, readZip(Buffer.concat(chunks))) };
}
