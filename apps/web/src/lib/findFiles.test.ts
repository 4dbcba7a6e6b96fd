import { describe, expect, it } from 'vitest';
import type { WireEntry } from '@ftpdeck/protocol';
import { findEntries, loopsBack, nameMatcher, type FindProgress, type FoundEntry } from './findFiles.ts';

const tree: Record<string, WireEntry[]> = {
  '/site': [
    { name: 'index.html', type: 'file', size: 10 },
    { name: 'logs', type: 'dir' },
    { name: 'up', type: 'symlink', target: '..' },
  ],
  '/site/logs': [
    { name: 'Access.LOG', type: 'file', size: 5 },
    { name: 'old', type: 'dir' },
    { name: 'secret', type: 'dir' },
  ],
  '/site/logs/old': [{ name: 'access-2020.log', type: 'file', size: 7 }],
};
const list = async (path: string) => {
  const entries = tree[path];
  if (!entries) throw new Error('550 Permission denied');
  return entries;
};

async function run(query: string, extra: { maxFolders?: number; maxMatches?: number; signal?: AbortSignal } = {}) {
  const found: FoundEntry[] = [];
  const seen: FindProgress[] = [];
  const end = await findEntries('/site', nameMatcher(query), { list, onFound: (f) => found.push(...f), onProgress: (p) => seen.push(p), ...extra });
  return { found: found.map((f) => `${f.dir}/${f.entry.name}`), end, seen };
}

describe('nameMatcher', () => {
  it('reads plain text as "contains" and * ? as wildcards over the whole name, ignoring case', () => {
    expect(nameMatcher('LOG')('access.log')).toBe(true);
    expect(nameMatcher('*.log')('access.log.gz')).toBe(false);
    expect(nameMatcher('access-????.log')('Access-2020.LOG')).toBe(true);
    expect(nameMatcher('a+b(1)*')('a+b(1) copy')).toBe(true);
    expect(nameMatcher('  ')('anything')).toBe(false);
  });
});

describe('findEntries', () => {
  it('walks every folder below the root breadth first, without following links, and counts unreadable ones', async () => {
    const { found, end } = await run('*.log');
    expect(found).toEqual(['/site/logs/Access.LOG', '/site/logs/old/access-2020.log']);
    expect(end).toEqual({ folders: 3, unreadable: 1, matches: 2, ended: 'done' });
    // Links and folders match by name too.
    expect((await run('up')).found).toEqual(['/site/up']);
  });

  it('stops at its bounds and when stopped, and says which', async () => {
    expect((await run('log', { maxMatches: 1 })).end).toMatchObject({ matches: 1, ended: 'match-limit' });
    expect((await run('log', { maxFolders: 1 })).end).toMatchObject({ folders: 1, ended: 'folder-limit' });
    const stop = new AbortController();
    stop.abort();
    expect((await run('log', { signal: stop.signal })).end).toMatchObject({ folders: 0, ended: 'stopped' });
  });
});

describe('loopsBack', () => {
  it('spots a run of folders repeated three times at the end of a path, and nothing less', () => {
    expect(loopsBack('/tree/a/self/self/self')).toBe(true);
    expect(loopsBack('/tree/a/b/up/a/b/up/a/b/up')).toBe(true);
    expect(loopsBack('/backup/backup')).toBe(false);
    expect(loopsBack('/www/a/b/a/b')).toBe(false);
    expect(loopsBack('/')).toBe(false);
  });

  it('keeps a walk through a folder that lists itself (a link reported as a folder) to a few turns', async () => {
    const listing: Record<string, WireEntry[]> = { '/t': [{ name: 'x.log', type: 'file' }, { name: 'self', type: 'dir' }] };
    const loop = async (path: string) => listing[path.replace(/(\/self)+$/, '')] ?? [];
    const found: FoundEntry[] = [];
    const end = await findEntries('/t', nameMatcher('x.log'), { list: loop, onFound: (f) => found.push(...f), onProgress: () => undefined });
    expect(end).toMatchObject({ folders: 3, ended: 'done' });
    expect(found.map((f) => f.dir)).toEqual(['/t', '/t/self', '/t/self/self']);
  });
});
