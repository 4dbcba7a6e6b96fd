import { describe, expect, it } from 'vitest';
import { MAX_DOWNLOAD_LINK_PATHS_BYTES, Requests } from './messages.ts';

/** 1000 paths whose JSON array is `bytesEach` × 1000 + punctuation long, made of `ch`. */
const paths = (ch: string, each: number): string[] => Array.from({ length: 1000 }, (_, i) => `/${String(i).padStart(4, '0')}${ch.repeat(each)}`);

describe('download-link paths', () => {
  it('counts the paths as UTF-8 bytes of JSON, so every link the schema allows fits one text frame', () => {
    const each = Math.floor((MAX_DOWNLOAD_LINK_PATHS_BYTES - 2000) / 1000 / 2) - 6;
    // Same characters, twice the bytes: the ASCII selection fits, the accented one does not.
    expect(Requests['download-link'].safeParse({ type: 'download-link', id: 1, paths: paths('a', each * 2) }).success).toBe(true);
    const accented = Requests['download-link'].safeParse({ type: 'download-link', id: 1, paths: paths('é', each * 2) });
    expect(accented.success).toBe(false);
    expect(accented.error?.issues[0]?.message).toContain('paths together must stay within');
    expect(Requests['download-link'].safeParse({ type: 'download-link', id: 1, paths: paths('é', each) }).success).toBe(true);
    // A character outside the BMP is 4 bytes, as one surrogate pair.
    expect(Requests['download-link'].safeParse({ type: 'download-link', id: 1, paths: paths('😀', Math.floor(each / 2)) }).success).toBe(true);
    expect(Requests['download-link'].safeParse({ type: 'download-link', id: 1, paths: paths('😀', each) }).success).toBe(false);
  });
});
