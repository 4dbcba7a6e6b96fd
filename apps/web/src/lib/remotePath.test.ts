import { describe, expect, it } from 'vitest';
import { baseName, isValidName, joinPath, normalizePath, parentPath, pathCrumbs } from './remotePath.ts';

describe('remotePath', () => {
  it('joins without doubling slashes', () => {
    expect(joinPath('/', 'a.txt')).toBe('/a.txt');
    expect(joinPath('/pub', 'a.txt')).toBe('/pub/a.txt');
    expect(joinPath('/pub/', 'a.txt')).toBe('/pub/a.txt');
  });

  it('normalizes relative, dot and dot-dot segments', () => {
    expect(normalizePath('docs', '/home/demo')).toBe('/home/demo/docs');
    expect(normalizePath('../x', '/home/demo')).toBe('/home/x');
    expect(normalizePath('/a//b/./c/')).toBe('/a/b/c');
    expect(normalizePath('../../..', '/a')).toBe('/');
  });

  it('finds parents and base names', () => {
    expect(parentPath('/a/b/c')).toBe('/a/b');
    expect(parentPath('/a')).toBe('/');
    expect(parentPath('/')).toBe('/');
    expect(baseName('/a/b/c.txt')).toBe('c.txt');
    expect(baseName('/')).toBe('');
  });

  it('builds breadcrumbs root first', () => {
    expect(pathCrumbs('/pub/incoming')).toEqual([
      { name: '/', path: '/' },
      { name: 'pub', path: '/pub' },
      { name: 'incoming', path: '/pub/incoming' },
    ]);
    expect(pathCrumbs('/')).toEqual([{ name: '/', path: '/' }]);
  });

  it('keeps names with spaces and unicode intact', () => {
    expect(pathCrumbs('/My Files/Übersicht').map((c) => c.name)).toEqual(['/', 'My Files', 'Übersicht']);
    expect(joinPath('/My Files', 'a b.txt')).toBe('/My Files/a b.txt');
  });

  it('rejects names that cannot be one segment', () => {
    expect(isValidName('ok name.txt')).toBe(true);
    expect(isValidName('a/b')).toBe(false);
    expect(isValidName('a\r\nDELE x')).toBe(false);
    expect(isValidName('..')).toBe(false);
    expect(isValidName('')).toBe(false);
  });

  it('rejects control characters a server would take but nobody could see or type again', () => {
    for (const c of ['\t', '\x01', '\x1b', '\x7f', '\x85', '\x9f']) expect(isValidName(`a${c}b`)).toBe(false);
    // Not control characters: non-breaking space, accents, an undecodable byte kept as a lone surrogate.
    for (const ok of ['a\u00a0b', 'Übersicht', 'x\udcb0y']) expect(isValidName(ok)).toBe(true);
  });
});
