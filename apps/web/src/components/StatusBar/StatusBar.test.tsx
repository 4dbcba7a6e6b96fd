import type { WireEntry } from '@ftpdeck/protocol';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { componentTestHooks } from '../../insight/testing/render.tsx';
import { StoreProvider, createAppStore } from '../../store/index.ts';
import { StatusBar } from './StatusBar.tsx';
import { listingTotals } from './statusTotals.ts';

// What vsftpd's LIST gives: folders with their 4096-byte directory block as "size".
const entries: WireEntry[] = [
  { name: 'docs', type: 'dir', size: 4096 },
  { name: 'sort', type: 'dir', size: 4096 },
  { name: 'readme.txt', type: 'file', size: 26 },
  { name: 'big.bin', type: 'file', size: 50_000 },
  { name: 'latest', type: 'symlink', size: 7 },
];

describe('StatusBar', () => {
  const mount = componentTestHooks();

  it('adds up file sizes only, for the folder and for the selection', () => {
    const store = createAppStore();
    const s = store.getState();
    s.listLoaded(s.beginList(), '/', entries);
    const view = mount(
      <StoreProvider store={store}>
        <StatusBar />
      </StoreProvider>,
    );
    const text = () => view.container.querySelector('footer')?.textContent ?? '';
    // 50,026 bytes of files; with the folders' 8192 it would read 57.2 KB.
    expect(text()).toContain('2 folders, 3 files · 48.9 KB');
    act(() => store.getState().selectAll(['docs', 'sort', 'readme.txt']));
    expect(text()).toContain('3 selected · 26 B');
  });

  it('sums the same way without rendering', () => {
    expect(listingTotals(entries, new Set(['docs', 'big.bin', 'latest']))).toEqual({ files: 3, dirs: 2, bytes: 50_026, selBytes: 50_000 });
  });
});
