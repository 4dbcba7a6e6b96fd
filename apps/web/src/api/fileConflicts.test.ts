import { describe, expect, it } from 'vitest';
import { canResume, suggestName } from './fileConflicts.ts';

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

  it('suggests the first free numbered name', () => {
    expect(suggestName('report.pdf', new Set(['report.pdf', 'report (1).pdf']))).toBe('report (2).pdf');
    expect(suggestName('.env', new Set(['.env']))).toBe('.env (1)');
  });
});
