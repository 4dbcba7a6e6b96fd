import { describe, expect, it } from 'vitest';
import type { WireEntry } from '@ftpdeck/protocol';
import { keepUnchangedEntries } from './keepEntries.ts';

const file = (name: string, size: number, extra: Partial<WireEntry> = {}): WireEntry => ({ name, type: 'file', size, modifiedAt: '2026-11-22T12:00:00.000Z', ...extra });

describe('keepUnchangedEntries', () => {
  it('keeps the old object of each unchanged entry and takes the new one of each changed or new entry', () => {
    const prev = [file('a', 1), file('b', 2), file('c', 3)];
    const next = [file('a', 1), file('b', 20), file('bb', 5), file('c', 3)];
    const out = keepUnchangedEntries(prev, next);
    expect(out).toEqual(next);
    expect(out[0]).toBe(prev[0]);
    expect(out[1]).toBe(next[1]);
    expect(out[2]).toBe(next[2]);
    expect(out[3]).toBe(prev[2]);
  });

  it('returns the old array itself when nothing changed, and a new one when only the order did', () => {
    const prev = [file('a', 1), file('b', 2)];
    expect(keepUnchangedEntries(prev, [file('a', 1), file('b', 2)])).toBe(prev);
    const swapped = keepUnchangedEntries(prev, [file('b', 2), file('a', 1)]);
    expect(swapped).not.toBe(prev);
    expect(swapped).toEqual([prev[1], prev[0]]);
  });

  it('treats a field that appeared or vanished as a change', () => {
    const prev = [file('a', 1), file('b', 2, { target: 'x' })];
    const next = [file('a', 1, { owner: 'ftp' }), file('b', 2)];
    const out = keepUnchangedEntries(prev, next);
    expect(out[0]).toBe(next[0]);
    expect(out[1]).toBe(next[1]);
  });

  it('drops entries that left the folder', () => {
    const prev = [file('a', 1), file('gone', 2)];
    const out = keepUnchangedEntries(prev, [file('a', 1)]);
    expect(out).toEqual([file('a', 1)]);
    expect(out[0]).toBe(prev[0]);
  });
});
