import { describe, expect, it } from 'vitest';
import { groupByDir, treeFromRelativePaths, walkDrop } from './droppedTree.ts';

/** Minimal FileSystemEntry fakes: a directory hands out children in batches of two. */
function fileEntry(name: string): FileSystemFileEntry {
  return { name, isFile: true, isDirectory: false, file: (ok: (f: File) => void) => ok(new File([name], name)) } as unknown as FileSystemFileEntry;
}
function dirEntry(name: string, children: FileSystemEntry[]): FileSystemDirectoryEntry {
  return {
    name,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      let at = 0;
      return {
        readEntries: (ok: (e: FileSystemEntry[]) => void) => {
          ok(children.slice(at, at + 2));
          at += 2;
        },
      };
    },
  } as unknown as FileSystemDirectoryEntry;
}

describe('walkDrop', () => {
  it('lists folders parents-first and files with their folder, across reader batches', async () => {
    const tree = await walkDrop({
      entries: [
        dirEntry('site', [fileEntry('index.html'), dirEntry('css', [fileEntry('a.css')]), fileEntry('b.js')]),
        fileEntry('top.txt'),
      ],
      files: [],
    });
    expect(tree.dirs).toEqual(['site', 'site/css']);
    expect(tree.files.map((f) => `${f.dir}|${f.file.name}`)).toEqual(['site|index.html', 'site/css|a.css', 'site|b.js', '|top.txt']);
    expect([...groupByDir(tree.files).keys()]).toEqual(['site', 'site/css', '']);
  });

  it('leaves out what the browser cannot read, names it, and reads on', async () => {
    const locked = { name: 'locked.bin', isFile: true, isDirectory: false, file: (_ok: unknown, fail: (e: Error) => void) => fail(new DOMException('gone', 'NotFoundError')) } as unknown as FileSystemEntry;
    const secret = { name: 'secret', isFile: false, isDirectory: true, createReader: () => ({ readEntries: (_ok: unknown, fail: (e: Error) => void) => fail(new DOMException('no', 'SecurityError')) }) } as unknown as FileSystemEntry;
    const counts: number[] = [];
    const tree = await walkDrop({ entries: [dirEntry('site', [fileEntry('a.txt'), locked, secret, fileEntry('b.txt')])], files: [] }, (n) => counts.push(n));
    expect(tree.dirs).toEqual(['site', 'site/secret']);
    expect(tree.files.map((f) => `${f.dir}|${f.file.name}`)).toEqual(['site|a.txt', 'site|b.txt']);
    expect(tree.unreadable).toEqual(['site/locked.bin', 'site/secret/']);
    // Found so far, after each file or folder: site, a.txt, secret, b.txt.
    expect(counts).toEqual([1, 2, 3, 4]);
  });

  it('passes flat file lists through', async () => {
    const f = new File(['x'], 'x.txt');
    const tree = await walkDrop({ entries: [], files: [f] });
    expect(tree).toEqual({ dirs: [], files: [{ file: f, dir: '' }] });
  });
});

describe('treeFromRelativePaths', () => {
  it('derives folders from webkitRelativePath, parents first', () => {
    const mk = (rel: string) => {
      const f = new File(['x'], rel.split('/').pop() as string);
      Object.defineProperty(f, 'webkitRelativePath', { value: rel });
      return f;
    };
    const tree = treeFromRelativePaths([mk('site/css/a.css'), mk('site/index.html'), mk('site/js/lib/x.js')]);
    expect(tree.dirs).toEqual(['site', 'site/css', 'site/js', 'site/js/lib']);
    expect(tree.files.map((f) => f.dir)).toEqual(['site/css', 'site', 'site/js/lib']);
  });
});
