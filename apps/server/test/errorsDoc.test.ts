/**
 * Every server error code is registered in ServerErrorCodes and documented
 * in docs/errors.md, including codes written as literals anywhere in
 * apps/server/src (so a new code cannot slip past the registry).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ServerErrorCodes } from '@ftpdeck/protocol';

const doc = readFileSync(fileURLToPath(new URL('../../../docs/errors.md', import.meta.url)), 'utf8');
const SRC = fileURLToPath(new URL('../src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

describe('server error codes', () => {
  const registered = Object.values(ServerErrorCodes) as string[];

  it.each(registered)('documents %s as a table row', (code) => {
    expect(doc).toMatch(new RegExp(`^\\| \`${code}\` \\|`, 'm'));
  });

  it('sends no SRV_ERR_ code outside the registry', () => {
    const literals = new Set(sources(SRC).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/SRV_ERR_[A-Z_]+/g)].map((m) => m[0])));
    expect([...literals].filter((c) => !registered.includes(c))).toEqual([]);
  });

  // A code that is registered and documented but never sent (SRV_ERR_DNS once was) misleads the page and the reader.
  it.each(Object.entries(ServerErrorCodes))('sends %s somewhere in apps/server/src', (key, code) => {
    const all = sources(SRC).map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(all.includes(`ServerErrorCodes.${key}`) || all.includes(`'${code}'`)).toBe(true);
  });

  it('documents no SRV_ERR_ code the registry lacks', () => {
    const documented = [...doc.matchAll(/^\| `(SRV_ERR_[A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.filter((c) => !registered.includes(c as string))).toEqual([]);
  });
});
