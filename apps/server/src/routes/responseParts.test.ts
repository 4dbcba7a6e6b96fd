import { describe, expect, it } from 'vitest';
import { contentDisposition, parseRangeStart } from './responseParts.ts';

describe('contentDisposition', () => {
  it('saves a name without the characters that would disguise it', () => {
    const header = contentDisposition('invoice\u202Efdp.exe');
    expect(header).toBe(`attachment; filename="invoice_fdp.exe"; filename*=UTF-8''invoice_fdp.exe`);
    expect(contentDisposition('a\u200Bb\u0007c.txt')).toContain("filename*=UTF-8''a_b_c.txt");
  });

  it('keeps other scripts and emoji (with their joiners), and an ASCII fallback', () => {
    const header = contentDisposition('报告 👩\u200D💻.txt');
    expect(header).toContain(`filename*=UTF-8''${encodeURIComponent('报告 👩\u200D💻.txt')}`);
    expect(header).toContain('filename="__ _____.txt"'); // one _ per UTF-16 unit
  });

  it('does not throw on an undecodable byte kept as a lone surrogate', () => {
    expect(() => contentDisposition('\udcc4.txt')).not.toThrow();
  });
});

describe('parseRangeStart', () => {
  it('reads only `bytes=N-`', () => {
    expect(parseRangeStart('bytes=100-')).toBe(100);
    expect(parseRangeStart('bytes=0-99')).toBeNull();
    expect(parseRangeStart(undefined)).toBeNull();
  });
});
