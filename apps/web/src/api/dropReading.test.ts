import { describe, expect, it } from 'vitest';
import { readDroppedTree } from './dropReading.ts';
import { fakeDeps } from './testing/fakeDeps.ts';

/** A folder entry whose reader answers each batch on a later timer turn, as a browser's does. */
function slowDir(name: string, children: FileSystemEntry[]): FileSystemEntry {
  return {
    name,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      const batches = [children, []];
      return { readEntries: (ok: (e: FileSystemEntry[]) => void) => setTimeout(() => ok(batches.shift() ?? []), 5) };
    },
  } as unknown as FileSystemEntry;
}

function file(name: string, readable = true): FileSystemEntry {
  return {
    name,
    isFile: true,
    isDirectory: false,
    file: (ok: (f: File) => void, fail: (e: Error) => void) => (readable ? ok(new File([name], name)) : fail(new DOMException('gone', 'NotFoundError'))),
  } as unknown as FileSystemEntry;
}

describe('readDroppedTree', () => {
  it('shows the drop being read in the store until the tree is read, then clears it', async () => {
    const { store } = fakeDeps();
    const walking = readDroppedTree(store, { entries: [slowDir('a', [file('x.txt')]), slowDir('b', [file('y.txt')])], files: [] });
    expect(store.getState().dropReading).toEqual({ found: 0 });
    const tree = await walking;
    expect(tree.files.map((f) => `${f.dir}/${f.file.name}`)).toEqual(['a/x.txt', 'b/y.txt']);
    expect(store.getState().dropReading).toBeNull();
    expect(store.getState().toasts).toEqual([]);
  });

  it('counts two drops read at once together, and clears only after both', async () => {
    const { store } = fakeDeps();
    const first = readDroppedTree(store, { entries: [slowDir('a', [file('x.txt')])], files: [] });
    const second = readDroppedTree(store, { entries: [slowDir('b', [slowDir('c', [file('z.txt')])])], files: [] });
    await first;
    expect(store.getState().dropReading).not.toBeNull();
    await second;
    expect(store.getState().dropReading).toBeNull();
  });

  it('names what could not be read in an error toast, and keeps the rest', async () => {
    const { store } = fakeDeps();
    const many = Array.from({ length: 23 }, (_, i) => file(`gone${i}.bin`, false));
    const tree = await readDroppedTree(store, { entries: [slowDir('d', [file('ok.txt'), ...many])], files: [] });
    expect(tree.files.map((f) => f.file.name)).toEqual(['ok.txt']);
    const [toast] = store.getState().toasts;
    expect(toast?.kind).toBe('error');
    expect(toast?.title).toBe('23 items in the drop could not be read and were not uploaded');
    const lines = toast?.detail?.split('\n') ?? [];
    expect(lines.slice(0, 2)).toEqual(['d/gone0.bin', 'd/gone1.bin']);
    expect(lines).toHaveLength(21);
    expect(lines[20]).toBe('and 3 more');
  });
});
