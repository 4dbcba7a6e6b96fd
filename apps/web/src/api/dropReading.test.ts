import { describe, expect, it } from 'vitest';
import { createDropReader } from './dropReading.ts';
import { fakeDeps } from './testing/fakeDeps.ts';

/** A folder entry whose reader answers each batch `ms` later, as a browser's does (slower on a big tree); 0: at once. */
function slowDir(name: string, children: FileSystemEntry[], ms = 5): FileSystemEntry {
  return {
    name,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      const batches = [children, []];
      return { readEntries: (ok: (e: FileSystemEntry[]) => void) => (ms === 0 ? ok(batches.shift() ?? []) : setTimeout(() => ok(batches.shift() ?? []), ms)) };
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

describe('createDropReader', () => {
  it('shows a slow drop being read in the store, with its count, until the tree is read', async () => {
    const { store } = fakeDeps();
    const reader = createDropReader(store);
    const seen: (number | null)[] = [];
    const off = store.subscribe((s) => seen.push(s.dropReading?.found ?? null));
    const tree = await reader.read({ entries: [slowDir('a', [file('x.txt')], 120), slowDir('b', [file('y.txt')], 120)], files: [] });
    off();
    expect(tree.files.map((f) => `${f.dir}/${f.file.name}`)).toEqual(['a/x.txt', 'b/y.txt']);
    // Counted once it had taken a while (a, x.txt, then b after more than 100 ms), cleared at the end.
    expect(seen.filter((n) => n !== null).length).toBeGreaterThan(0);
    expect(seen.at(-1)).toBeNull();
    expect(store.getState().dropReading).toBeNull();
    expect(store.getState().toasts).toEqual([]);
  });

  it('shows nothing for a drop read at once (no chip that flickers)', async () => {
    const { store } = fakeDeps();
    const reader = createDropReader(store);
    const seen: unknown[] = [];
    const off = store.subscribe((s) => seen.push(s.dropReading));
    await reader.read({ entries: [slowDir('a', [file('x.txt')], 0)], files: [] });
    off();
    expect(seen).toEqual([]);
  });

  it('counts two drops read at once together, and clears only after both', async () => {
    const { store } = fakeDeps();
    const reader = createDropReader(store);
    const first = reader.read({ entries: [slowDir('a', [file('x.txt')], 0)], files: [] });
    const second = reader.read({ entries: [slowDir('b', [slowDir('c', [file('z.txt')], 150)], 150)], files: [] });
    await first;
    await new Promise((r) => setTimeout(r, 200));
    expect(store.getState().dropReading).not.toBeNull();
    await second;
    expect(store.getState().dropReading).toBeNull();
  });

  it('names what could not be read in an error toast, and keeps the rest', async () => {
    const { store } = fakeDeps();
    const reader = createDropReader(store);
    const many = Array.from({ length: 23 }, (_, i) => file(`gone${i}.bin`, false));
    const tree = await reader.read({ entries: [slowDir('d', [file('ok.txt'), ...many])], files: [] });
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
