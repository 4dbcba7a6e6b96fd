import { describe, expect, it } from 'vitest';
import { MAX_MKDIRS_PATHS, Requests, splitPathList } from './messages.ts';

describe('mkdirs and splitPathList', () => {
  it('cuts a long list into requests the schema accepts, in order', () => {
    const paths = Array.from({ length: 2500 }, (_, i) => `/tree/${'é'.repeat(i % 7)}${i}`);
    const runs = splitPathList(paths, MAX_MKDIRS_PATHS);
    expect(runs.map((r) => r.length)).toEqual([...Array<number>(12).fill(200), 100]);
    expect(runs.flat()).toEqual(paths);
    for (const run of runs) expect(Requests.mkdirs.safeParse({ type: 'mkdirs', id: 1, paths: run }).success).toBe(true);
  });

  it('cuts by bytes too, counting each path as JSON in UTF-8', () => {
    // 300 paths of about 6 KB each (3 bytes a character): fewer than 200 fit one request.
    const paths = Array.from({ length: 300 }, (_, i) => `/${i}/${'中'.repeat(2000)}`);
    const runs = splitPathList(paths, MAX_MKDIRS_PATHS);
    expect(runs.length).toBe(2);
    expect(runs[0]!.length).toBeLessThan(MAX_MKDIRS_PATHS);
    expect(runs.flat()).toEqual(paths);
    for (const run of runs) expect(Requests.mkdirs.safeParse({ type: 'mkdirs', id: 1, paths: run }).success).toBe(true);
    // The same paths in one request are over the bound.
    expect(Requests.mkdirs.safeParse({ type: 'mkdirs', id: 1, paths }).success).toBe(false);
    // Each run but the last is full: adding the next path would not fit.
    for (let i = 0; i < runs.length - 1; i++) {
      expect(Requests.mkdirs.safeParse({ type: 'mkdirs', id: 1, paths: [...runs[i]!, runs[i + 1]![0]!] }).success).toBe(false);
    }
  });

  it('refuses an empty list, too many paths, and a path with a line break', () => {
    expect(Requests.mkdirs.safeParse({ type: 'mkdirs', id: 1, paths: [] }).success).toBe(false);
    expect(Requests.mkdirs.safeParse({ type: 'mkdirs', id: 1, paths: Array.from({ length: MAX_MKDIRS_PATHS + 1 }, (_, i) => `/d${i}`) }).success).toBe(false);
    expect(Requests.mkdirs.safeParse({ type: 'mkdirs', id: 1, paths: ['/a', '/a/b\r\nDELE x'] }).success).toBe(false);
  });
});
