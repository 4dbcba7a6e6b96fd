import { describe, expect, it } from 'vitest';
import { parseTransferTypePref, transferTypeFor } from './transferType.ts';

describe('transfer type', () => {
  it('uses a fixed setting for every file', () => {
    expect(transferTypeFor('photo.jpg', 'ascii')).toBe('ascii');
    expect(transferTypeFor('notes.txt', 'binary')).toBe('binary');
  });

  it('picks ASCII for text formats under auto, and binary for the rest', () => {
    expect(transferTypeFor('index.HTML', 'auto')).toBe('ascii');
    expect(transferTypeFor('deploy.sh', 'auto')).toBe('ascii');
    expect(transferTypeFor('archive.tar.gz', 'auto')).toBe('binary');
    expect(transferTypeFor('photo.jpg', 'auto')).toBe('binary');
    // No extension, a dot file, a trailing dot: nothing says text.
    expect(transferTypeFor('README', 'auto')).toBe('binary');
    expect(transferTypeFor('.txt', 'auto')).toBe('binary');
    expect(transferTypeFor('odd.', 'auto')).toBe('binary');
  });

  it('reads only known settings back', () => {
    expect(parseTransferTypePref('auto')).toBe('auto');
    expect(parseTransferTypePref('ebcdic')).toBeUndefined();
    expect(parseTransferTypePref(undefined)).toBeUndefined();
  });
});
