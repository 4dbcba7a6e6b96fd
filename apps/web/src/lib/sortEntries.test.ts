import { describe, expect, it } from 'vitest';
import type { WireEntry } from '@ftpdeck/protocol';
import { filterEntries, sortEntries, visibleEntries } from './sortEntries.ts';

const e = (name: string, type: WireEntry['type'], size?: number, modifiedAt?: string): WireEntry => ({
  name,
  type,
  ...(size !== undefined ? { size } : {}),
  ...(modifiedAt ? { modifiedAt } : {}),
});

const entries = [
  e('file10.txt', 'file', 10, '2024-01-03T00:00:00Z'),
  e('b-dir', 'dir'),
  e('file2.txt', 'file', 300, '2024-01-01T00:00:00Z'),
  e('.hidden', 'file', 1),
  e('A-dir', 'dir'),
];

describe('sortEntries', () => {
  it('puts folders first and sorts names naturally', () => {
    expect(sortEntries(entries, { key: 'name', dir: 'asc' }).map((x) => x.name)).toEqual([
      'A-dir',
      'b-dir',
      '.hidden',
      'file2.txt',
      'file10.txt',
    ]);
  });

  it('keeps folders first when descending', () => {
    expect(sortEntries(entries, { key: 'name', dir: 'desc' }).map((x) => x.name)).toEqual([
      'b-dir',
      'A-dir',
      'file10.txt',
      'file2.txt',
      '.hidden',
    ]);
  });

  it('sorts by size and date', () => {
    const bySize = sortEntries(entries, { key: 'size', dir: 'desc' }).filter((x) => x.type === 'file');
    expect(bySize.map((x) => x.name)).toEqual(['file2.txt', 'file10.txt', '.hidden']);
    const byDate = sortEntries(entries, { key: 'modified', dir: 'asc' }).filter((x) => x.modifiedAt);
    expect(byDate.map((x) => x.name)).toEqual(['file2.txt', 'file10.txt']);
  });

  it('filters case-insensitively and hides dot-files on request', () => {
    expect(filterEntries(entries, 'FILE', true).map((x) => x.name)).toEqual(['file10.txt', 'file2.txt']);
    expect(filterEntries(entries, '', false).some((x) => x.name === '.hidden')).toBe(false);
    expect(visibleEntries(entries, { key: 'name', dir: 'asc' }, 'dir', true)).toHaveLength(2);
  });
});
