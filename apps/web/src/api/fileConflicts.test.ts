import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/index.ts';
import { canResume, ConflictBatch, createConflictResolver, suggestName } from './fileConflicts.ts';
import type { RequestFn } from './types.ts';

describe('file conflicts', () => {
  it('offers resume only for a shorter remote file, and never in ASCII', () => {
    const base = { remoteSize: 10, localSize: 20, remoteIsDir: false };
    expect(canResume(base)).toBe(true);
    expect(canResume({ ...base, remoteSize: 20 })).toBe(false);
    expect(canResume({ ...base, remoteIsDir: true })).toBe(false);
    expect(canResume({ ...base, remoteSize: null })).toBe(false);
    // What an ASCII server holds is no offset into the file.
    expect(canResume({ ...base, ascii: true })).toBe(false);
  });

  it('marks an upload that overwrites a server file, and only that one', async () => {
    const resolve = createConflictResolver(async () => ({ action: 'overwrite', applyToAll: false }));
    const request = (async () => ({ path: '/', entries: [{ name: 'old.txt', type: 'file', size: 5 }] })) as unknown as RequestFn;
    const job = (path: string) => ({ path, size: 9, aborted: () => false, asking: () => undefined });
    expect(await resolve(new ConflictBatch(request, createAppStore()), job('/old.txt'))).toEqual({ action: 'upload', mode: 'overwrite', path: '/old.txt', replaces: true });
    expect(await resolve(new ConflictBatch(request, createAppStore()), job('/new.txt'))).toEqual({ action: 'upload', mode: 'overwrite', path: '/new.txt' });
  });

  it('suggests the first free numbered name', () => {
    expect(suggestName('report.pdf', new Set(['report.pdf', 'report (1).pdf']))).toBe('report (2).pdf');
    expect(suggestName('.env', new Set(['.env']))).toBe('.env (1)');
  });
});
