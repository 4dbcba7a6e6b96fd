import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from './index.ts';
import { aTransfer } from './testing/transfers.ts';
import { FINISHED_ROWS_KEY, loadFinishedRows, saveFinishedRows, keptRows } from './finishedRows.ts';
import { FINISHED_ROWS_WRITE_MS, persistFinishedRows, type PageEvents } from './persistFinishedRows.ts';
import { RUNNING_DOWNLOADS_BUDGET, RUNNING_DOWNLOADS_KEY, keepRunningDownloads, loadRunningDownloads, runningDownloadRows, saveRunningDownloads } from './runningDownloads.ts';
import type { Transfer } from './transfersSlice.ts';

/** A sessionStorage stand-in that records its writes; `refuse` makes setItem throw as a full storage does. */
function memoryStorage(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  const storage = {
    refuse: false,
    writes: [] as string[],
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (storage.refuse) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      storage.writes.push(k);
      map.set(k, v);
    },
    removeItem: (k: string) => void map.delete(k),
    map,
  };
  return storage;
}

const want = { paths: ['/pub/big.iso'], transferType: 'binary' as const, name: 'big.iso' };

/** A download row as api/downloadRows.ts makes it: its downloadId in `transferId`, its link. */
const aDownload = (key: string, overrides: Partial<Transfer> = {}): Transfer =>
  aTransfer(key, { direction: 'download', name: 'big.iso', path: '/pub/big.iso', size: 1000, status: 'sending', transferId: 3, link: 7, want, written: 300, received: 300, sent: 300, rate: 99, ...overrides });

function storeWith(rows: Transfer[]) {
  const store = createAppStore();
  store.getState().addTransfers(rows);
  return store;
}

describe('running download rows in storage', () => {
  it('are the running downloads with their ids, not uploads nor finished rows; come back running, with their want', () => {
    const store = storeWith([
      aDownload('download-1'),
      aDownload('download-2', { status: 'queued', transferId: 4, link: 8, name: 'docs.zip', zip: true, sizeUnknown: true }),
      aDownload('download-3', { status: 'failed' }),
      aTransfer('up-1', { status: 'sending', transferId: 9 }),
      aDownload('download-4', { link: undefined }),
    ]);
    const storage = memoryStorage();
    saveRunningDownloads(storage, runningDownloadRows(store.getState()));
    const back = loadRunningDownloads(storage);
    expect(back.map((t) => [t.name, t.status, t.transferId, t.link])).toEqual([
      ['big.iso', 'sending', 3, 7],
      ['docs.zip', 'queued', 4, 8],
    ]);
    expect(back[0]).toMatchObject({ direction: 'download', path: '/pub/big.iso', size: 1000, written: 300, want, rate: 0, restored: true });
    expect(back[0]?.key).toMatch(/^reloaded-\d+$/);
    expect(back[1]).toMatchObject({ zip: true, sizeUnknown: true });
    expect(back[0]?.finishedAt).toBeUndefined();
  });

  it('keep nothing secret or unshown: no URL, no rate, no connection', () => {
    const storage = memoryStorage();
    saveRunningDownloads(storage, runningDownloadRows(storeWith([aDownload('download-1')]).getState()));
    const text = storage.map.get(RUNNING_DOWNLOADS_KEY) ?? '';
    expect(text).not.toContain('/api/download');
    expect(text).not.toContain('"rate"');
    expect(text).not.toContain('transfer-');
    expect(JSON.parse(text)).toMatchObject({ v: 1, rows: [{ downloadId: 3, waiting: false, row: { link: 7 } }] });
  });

  it('ignore what cannot be read, and keep within their budget', () => {
    const good = JSON.parse((() => {
      const s = memoryStorage();
      saveRunningDownloads(s, runningDownloadRows(storeWith([aDownload('download-1')]).getState()));
      return s.map.get(RUNNING_DOWNLOADS_KEY) ?? '';
    })()) as { rows: Array<Record<string, unknown>> };
    const entry = good.rows[0] as Record<string, unknown>;
    const row = entry.row as Record<string, unknown>;
    const bad = [
      { ...entry, downloadId: 0 },
      { ...entry, downloadId: '3' },
      { ...entry, waiting: 'no' },
      { ...entry, row: { ...row, link: undefined } },
      { ...entry, row: { ...row, link: 1.5 } },
      { ...entry, row: { ...row, direction: 'upload', link: undefined } },
      { ...entry, row: { ...row, status: 'sending' } },
      null,
    ];
    const storage = memoryStorage({ [RUNNING_DOWNLOADS_KEY]: JSON.stringify({ v: 1, rows: [...bad, entry] }) });
    expect(loadRunningDownloads(storage).map((t) => t.transferId)).toEqual([3]);
    expect(loadRunningDownloads(memoryStorage({ [RUNNING_DOWNLOADS_KEY]: '{not json' }))).toEqual([]);
    expect(loadRunningDownloads(memoryStorage({ [RUNNING_DOWNLOADS_KEY]: JSON.stringify({ v: 2, rows: [entry] }) }))).toEqual([]);
    // A wide ZIP's paths: the rows past the budget are left out.
    const wide = { paths: Array.from({ length: 100 }, (_, i) => `/pub/${'x'.repeat(150)}${i}/`), transferType: 'binary' as const };
    const many = storeWith(Array.from({ length: 100 }, (_, i) => aDownload(`download-${i}`, { transferId: i + 1, link: i + 1, want: wide })));
    const full = memoryStorage();
    saveRunningDownloads(full, runningDownloadRows(many.getState()));
    expect((full.map.get(RUNNING_DOWNLOADS_KEY) ?? '').length).toBeLessThanOrEqual(RUNNING_DOWNLOADS_BUDGET + 20);
    expect(loadRunningDownloads(full).length).toBeGreaterThan(0);
    expect(loadRunningDownloads(full).length).toBeLessThan(100);
    // A storage that refuses loses the list rather than keep an old one.
    full.refuse = true;
    expect(saveRunningDownloads(full, runningDownloadRows(many.getState()))).toBe(false);
    expect(full.map.has(RUNNING_DOWNLOADS_KEY)).toBe(false);
  });

  it("a finished download keeps its link only when it ended short of done, and then its want as well", () => {
    const store = storeWith([
      aDownload('download-1', { status: 'done' }),
      aDownload('download-2', { status: 'cancelled', link: 8 }),
      aDownload('download-3', { status: 'failed', link: 9 }),
    ]);
    const storage = memoryStorage();
    saveFinishedRows(storage, keptRows(store.getState()));
    expect(loadFinishedRows(storage).map((t) => [t.status, t.link, t.want !== undefined])).toEqual([
      ['done', undefined, false],
      ['cancelled', 8, true],
      ['failed', 9, true],
    ]);
    const text = storage.map.get(FINISHED_ROWS_KEY) ?? '';
    expect(loadFinishedRows(memoryStorage({ [FINISHED_ROWS_KEY]: text.replace('"link":8', '"link":-8') })).map((t) => t.status)).toEqual(['done', 'failed']);
  });
});

describe('running download rows kept beside the finished rows', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function openPage(storage: ReturnType<typeof memoryStorage>) {
    const page = new EventTarget() as unknown as PageEvents & EventTarget;
    const store = createAppStore();
    const keeper = persistFinishedRows(store, storage, { page, alongside: keepRunningDownloads(storage) });
    return { store, s: () => store.getState(), keeper, leave: () => page.dispatchEvent(new Event('pagehide')) };
  }

  it('are written at the same pace, at most once a second while a download moves, and its last bytes at pagehide', () => {
    const storage = memoryStorage();
    const { s, keeper, leave } = openPage(storage);
    s().addTransfers([aTransfer('up-1', { status: 'done' }), aDownload('download-1', { written: 0 })]);
    // Three seconds of progress, ten events a second.
    for (let i = 1; i <= 30; i += 1) {
      s().patchTransfers({ 'download-1': { written: i * 10 } });
      vi.advanceTimersByTime(100);
    }
    // The first at once, then one a second (and the finished rows once: they did not change).
    expect(storage.writes.filter((k) => k === RUNNING_DOWNLOADS_KEY)).toHaveLength(4);
    expect(storage.writes.filter((k) => k === FINISHED_ROWS_KEY)).toHaveLength(1);
    s().patchTransfers({ 'download-1': { written: 555 } });
    leave();
    keeper.stop();

    const after = openPage(storage);
    expect(after.s().transferOrder.map((k) => [after.s().transfers[k]?.status, after.s().transfers[k]?.written])).toEqual([
      ['done', 0],
      ['sending', 555],
    ]);
    // Ended (the welcome's doing, api/downloadRows.ts): nothing running is kept any more.
    const key = after.s().transferOrder[1] as string;
    after.s().patchTransfers({ [key]: { status: 'cancelled', unheard: true } });
    vi.advanceTimersByTime(FINISHED_ROWS_WRITE_MS);
    expect(after.store.getState().transfers[key]?.status).toBe('cancelled');
    expect(storage.map.has(RUNNING_DOWNLOADS_KEY)).toBe(false);
    expect(loadFinishedRows(storage).map((t) => t.status)).toEqual(['done', 'cancelled']);
    // A closed site tab's are removed with its finished rows.
    after.s().addTransfers([aDownload('download-9')]);
    vi.advanceTimersByTime(FINISHED_ROWS_WRITE_MS);
    expect(storage.map.has(RUNNING_DOWNLOADS_KEY)).toBe(true);
    after.keeper.forget();
    expect(storage.map.has(RUNNING_DOWNLOADS_KEY)).toBe(false);
    expect(storage.map.has(FINISHED_ROWS_KEY)).toBe(false);
  });
});
