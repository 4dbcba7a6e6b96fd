import type { WireEntry } from '@ftpdeck/protocol';
import { describe, expect, it } from 'vitest';
import { planDelete } from './deletePlan.ts';

/** A small remote tree: path → entries. */
const tree: Record<string, WireEntry[]> = {
  '/docs': [
    { name: 'guide.txt', type: 'file', size: 4 },
    { name: 'img', type: 'dir' },
    { name: 'latest', type: 'symlink', target: 'img' },
  ],
  '/docs/img': [
    { name: 'a.png', type: 'file', size: 1 },
    { name: 'b.png', type: 'file', size: 1 },
  ],
  '/empty': [],
};
const list = async (path: string): Promise<WireEntry[]> => {
  const entries = tree[path];
  if (!entries) throw new Error(`550 ${path}: no such folder`);
  return entries;
};

describe('planDelete', () => {
  it('lists the folders recursively, counting files and folders, not following symlinks', async () => {
    const plan = await planDelete([{ path: '/docs', name: 'docs' }, { path: '/empty', name: 'empty' }], { list });
    expect(plan).toEqual({
      files: 4,
      folders: 1,
      sample: ['docs/guide.txt', 'docs/img/', 'docs/latest', 'docs/img/a.png', 'docs/img/b.png'],
      complete: true,
    });
  });

  it('stops at the entry bound and says the counts are a minimum', async () => {
    const plan = await planDelete([{ path: '/docs', name: 'docs' }], { list, maxEntries: 2 });
    expect(plan.files + plan.folders).toBe(2);
    expect(plan.complete).toBe(false);
  });

  it('stops at the time bound', async () => {
    let clock = 0;
    const slowList = async (path: string) => {
      clock += 2000;
      return list(path);
    };
    const plan = await planDelete([{ path: '/docs', name: 'docs' }], { list: slowList, maxMs: 1500, now: () => clock });
    // The first listing starts in time and ends at t=2000; the walk then stops before listing img/.
    expect(plan).toMatchObject({ files: 2, folders: 1, complete: false });
  });

  it('marks the plan incomplete when a folder cannot be listed', async () => {
    const plan = await planDelete([{ path: '/gone', name: 'gone' }], { list });
    expect(plan).toEqual({ files: 0, folders: 0, sample: [], complete: false });
  });
});
