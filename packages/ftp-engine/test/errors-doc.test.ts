/** Every engine error code is documented in docs/errors.md, and nothing documented is missing. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FtpErrorCodes } from '../src/index.ts';

const doc = readFileSync(fileURLToPath(new URL('../../../docs/errors.md', import.meta.url)), 'utf8');

describe('docs/errors.md', () => {
  it.each(Object.values(FtpErrorCodes))('documents %s as a table row', (code) => {
    expect(doc).toMatch(new RegExp(`^\\| \`${code}\` \\|`, 'm'));
  });
  it('lists no FTP_ERR_ code the engine does not have', () => {
    const documented = [...doc.matchAll(/^\| `(FTP_ERR_[A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.filter((c) => !Object.values(FtpErrorCodes).includes(c as never))).toEqual([]);
  });
});
