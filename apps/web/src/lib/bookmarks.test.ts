import { describe, expect, it } from 'vitest';
import { BOOKMARKS_KEY, listBookmarks, MAX_BOOKMARKS, siteKey, toggleBookmark } from './bookmarks.ts';

function memory(initial?: string) {
  const data = new Map<string, string>(initial === undefined ? [] : [[BOOKMARKS_KEY, initial]]);
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe('bookmarks', () => {
  it('keeps a list per account and server, adding and removing with one toggle', () => {
    const s = memory();
    const a = siteKey({ status: 'connected', host: 'ftp.example', port: 21, user: 'alice' }) as string;
    const b = siteKey({ status: 'connected', host: 'ftp.example', port: 21, user: 'bob' }) as string;
    expect(toggleBookmark(a, '/www', s)).toEqual(['/www']);
    expect(toggleBookmark(a, '/logs', s)).toEqual(['/www', '/logs']);
    expect(listBookmarks(b, s)).toEqual([]);
    expect(toggleBookmark(a, '/www', s)).toEqual(['/logs']);
    expect(JSON.parse(s.data.get(BOOKMARKS_KEY) as string)).toEqual({ 'alice@ftp.example:21': ['/logs'] });
    expect(siteKey({ status: 'connecting', host: 'ftp.example' })).toBeNull();
  });

  it('drops the oldest past the cap, and reads damaged storage as empty', () => {
    const s = memory();
    for (let i = 0; i <= MAX_BOOKMARKS; i += 1) toggleBookmark('x', `/${i}`, s);
    const kept = listBookmarks('x', s);
    expect(kept).toHaveLength(MAX_BOOKMARKS);
    expect(kept[0]).toBe('/1');
    expect(listBookmarks('x', memory('{not json'))).toEqual([]);
    expect(listBookmarks('x', memory('{"x": [1, "/ok"]}'))).toEqual(['/ok']);
  });
});
