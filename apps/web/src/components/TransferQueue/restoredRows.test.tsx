import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeServices } from '../../api/testing/fakeServices.ts';
import { flush } from '../../api/testing/fakeDeps.ts';
import { componentTestHooks } from '../../insight/testing/render.tsx';
import { keptRows, saveFinishedRows } from '../../store/finishedRows.ts';
import { createAppStore } from '../../store/index.ts';
import { createManualFrames, setFrameScheduler, type ManualFrames } from '../../store/frameScheduler.ts';
import { persistFinishedRows, type FinishedRowsKeeper } from '../../store/persistFinishedRows.ts';
import { aTransfer } from '../../store/testing/transfers.ts';
import { TabScope } from '../Tabs/TabScope.tsx';
import { TransferQueue } from './TransferQueue.tsx';

const refused = { code: 'FTP_ERR_REPLY', message: 'STOR /in/b.txt: 553 Could not create file.', ftpCode: 553 };
const gone = { code: 'SRV_ERR_NOT_FOUND', message: 'The file or folder no longer exists' };

/** A tab's storage as the page before the reload left it: one upload done, one failed, one download failed. */
function storageOfEarlierPage() {
  const map = new Map<string, string>();
  const storage = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) };
  const earlier = createAppStore();
  earlier.getState().addTransfers([
    aTransfer('up-1', { name: 'a.txt', status: 'done', size: 2, sent: 2, received: 2, written: 2, verified: true, verifiedBy: 'size' }),
    aTransfer('up-2', { name: 'b.txt', status: 'failed', error: refused, canRetry: true }),
    aTransfer('download-1', { direction: 'download', name: 'gone.bin', path: '/in/gone.bin', status: 'failed', error: gone, canRetry: true, want: { paths: ['/in/gone.bin'], transferType: 'binary', name: 'gone.bin' } }),
  ]);
  saveFinishedRows(storage, keptRows(earlier.getState()));
  return storage;
}

describe('TransferQueue after a reload', () => {
  const mount = componentTestHooks();
  let frames: ManualFrames;
  let restore: () => void;
  beforeEach(() => {
    frames = createManualFrames();
    restore = setFrameScheduler(frames);
  });
  afterEach(() => restore());

  it('shows the rows an earlier page kept, counts them, announces none, and offers Retry only where it can work', async () => {
    const f = fakeServices('/in');
    act(() => f.store.setState({ server: { status: 'connected', host: 'ftp.example.com', cwd: '/in' } }));
    const view = mount(
      <TabScope services={f.services} active>
        <TransferQueue />
      </TabScope>,
    );
    // The app puts them back before it renders; here after, so the announcer is listening when they come.
    let keeper: FinishedRowsKeeper | undefined;
    act(() => {
      keeper = persistFinishedRows(f.store, storageOfEarlierPage(), { page: null });
    });
    act(() => frames.flush());
    const items = [...view.container.querySelectorAll('li.tq-item')];
    expect(items.map((li) => li.querySelector('.tq-name')?.textContent)).toEqual(['a.txt', 'b.txt', 'gone.bin']);
    expect(items[0]?.querySelector('.tq-status')?.textContent).toBe('Done · 2 B · size verified');
    expect(items[1]?.querySelector('.tq-status')?.textContent).toBe(
      'Failed: The server refused to create the file (553): no permission there, or a name it does not allow. The server said: Could not create file. · this page no longer has the file: add it again to retry',
    );
    expect(view.container.querySelector('.tq-counts')?.textContent).toBe('1 done2 failed');
    // The upload's file stayed with the old page; the download can ask for its paths again.
    expect(items[1]?.querySelector('button[aria-label="Retry transfer"]')).toBeNull();
    const retry = items[2]?.querySelector<HTMLButtonElement>('button[aria-label="Retry transfer"]');
    expect(retry).toBeTruthy();

    // Nothing is said for them: they ended before this page.
    await act(async () => {
      await new Promise((r) => setTimeout(r, 1700));
    });
    expect(view.container.querySelector('[role="status"]')?.textContent).toBe('');

    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    try {
      f.server.on('download-link', { url: '/api/download/t1', link: 1 });
      act(() => retry?.click());
      await act(async () => {
        await flush();
        frames.flush();
      });
      expect(f.server.sent('download-link')).toEqual([expect.objectContaining({ paths: ['/in/gone.bin'], transferType: 'binary' })]);
      expect(click).toHaveBeenCalledTimes(1);
    } finally {
      click.mockRestore();
    }
    keeper?.stop();
  });
});
