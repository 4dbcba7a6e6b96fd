/** Reads a ZIP with python3's zipfile (an independent reader): name → bytes, after a full CRC check. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function readZip(bytes: Buffer): Map<string, Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'ftpdeck-zipread-'));
  try {
    const file = join(dir, 'a.zip');
    writeFileSync(file, bytes);
    const script = [
      'import sys, json, zipfile',
      'z = zipfile.ZipFile(sys.argv[1])',
      'bad = z.testzip()',
      'assert bad is None, bad',
      'print(json.dumps([[i.filename, z.read(i).hex()] for i in z.infolist()]))',
    ].join('\n');
    const out = execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    return new Map((JSON.parse(out) as Array<[string, string]>).map(([n, h]) => [n, Buffer.from(h, 'hex')]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
