import { describe, expect, it } from 'vitest';
import { createTreeFolders } from './treeFolders.ts';
import { fakeDeps, flush } from './testing/fakeDeps.ts';

describe('treeFolders', () => {
  it('makes a second tree only after the first, so the server never refuses it as busy', async () => {
    const f = fakeDeps();
    let release: () => void = () => undefined;
    const slow = new Promise<void>((r) => {
      release = r;
    });
    let running = 0;
    let most = 0;
    f.server.on('mkdirs', async (m) => {
      running += 1;
      most = Math.max(most, running);
      if (m.paths[0] === '/in/a') await slow;
      running -= 1;
      return { created: m.paths.length, failed: [] };
    });
    const folders = createTreeFolders(f.deps, () => 0);
    const first = folders.make('/in', ['a', 'a/b']);
    const second = folders.make('/in', ['c']);
    await flush(10);
    // The second waits while the first's request is still with the server.
    expect(f.server.sent('mkdirs').map((m) => m.paths)).toEqual([['/in/a', '/in/a/b']]);
    release();
    await Promise.all([first, second]);
    expect(f.server.sent('mkdirs').map((m) => m.paths)).toEqual([['/in/a', '/in/a/b'], ['/in/c']]);
    expect(most).toBe(1);
  });

  it('names the list in the transcript and counts it in the panel, and sends nothing for a tree without folders', async () => {
    const f = fakeDeps();
    f.server.on('mkdirs', (m) => ({ created: m.paths.length, failed: [] }));
    const folders = createTreeFolders(f.deps, () => 0);
    await folders.make('/in', []);
    expect(f.server.sent('mkdirs')).toEqual([]);
    const seen: unknown[] = [];
    const unsubscribe = f.store.subscribe((s, before) => {
      if (s.folderWork !== before.folderWork) seen.push(s.folderWork);
    });
    await folders.make('/in', ['x', 'y', 'z']);
    unsubscribe();
    expect(f.store.getState().actions.at(-1)).toMatchObject({ labelKey: 'act.mkdirs', params: { count: 3 } });
    // The transfers panel counts them, and stops when they are made.
    expect(seen).toEqual([{ done: 0, total: 3 }, { done: 3, total: 3 }, null]);
  });

  it('goes on with the next tree after one whose session went away', async () => {
    const f = fakeDeps();
    let calls = 0;
    f.server.on('mkdirs', (m) => (++calls === 1 ? { code: 'SRV_ERR_NOT_CONNECTED', message: 'not connected' } : { created: m.paths.length, failed: [] }));
    const folders = createTreeFolders(f.deps, () => 0);
    await folders.make('/in', ['a']);
    await folders.make('/in', ['b']);
    expect(f.server.sent('mkdirs').map((m) => m.paths)).toEqual([['/in/a'], ['/in/b']]);
  });
});
