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
