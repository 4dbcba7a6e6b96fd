import { describe, expect, it } from 'vitest';
import { parseNameList } from './index.ts';

describe('parseNameList (NLST)', () => {
  it('reads one name per line, keeps spaces, takes the last path segment, drops . and ..', () => {
    const entries = parseNameList('a.txt\r\n with spaces .txt\r\ndir/inner.bin\r\n.\r\n..\r\n\r\nfolder/\r\n/abs/path/x');
    expect(entries.map((e) => [e.name, e.type, e.raw])).toEqual([
      ['a.txt', 'unknown', 'a.txt'],
      [' with spaces .txt', 'unknown', ' with spaces .txt'],
      ['inner.bin', 'unknown', 'dir/inner.bin'],
      ['folder', 'dir', 'folder/'],
      ['x', 'unknown', '/abs/path/x'],
    ]);
  });

  it('gives nothing for an empty answer or blank lines', () => {
    expect(parseNameList('')).toEqual([]);
    expect(parseNameList('\r\n  \r\n')).toEqual([]);
  });
});
