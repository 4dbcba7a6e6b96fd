/**
 * Download rows across a reload of the tab: the page before keeps its rows
 * (persistFinishedRows with the running downloads alongside, written at
 * `pagehide`), the reloaded page puts them back before its socket starts,
 * and its first `welcome` binds them to the server session again.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerMessage } from '@ftpdeck/protocol';
import { createDownloadRows } from './downloadRows.ts';
import { fakeDeps, flush } from './testing/fakeDeps.ts';
import { statusMessage } from '../components/TransferQueue/transferText.ts';
import { filteredOrder } from '../components/TransferQueue/queueFilter.ts';
import { persistFinishedRows, type PageEvents } from '../store/persistFinishedRows.ts';
import { RUNNING_DOWNLOADS_KEY, keepRunningDownloads } from '../store/runningDownloads.ts';
import { FINISHED_ROWS_KEY } from '../store/finishedRows.ts';

type Progress = Extract<ServerMessage, { type: 'download-progress' }>;

const progress = (downloadId: number, bytes: number, more: Partial<Progress> = {}): Progress => ({
  type: 'download-progress',
  downloadId,
  link: downloadId,
  name: 'big.iso',
  path: '/pub/big.iso',
  connection: 'transfer-1',
  offset: 0,
  bytes,
  total: 1000,
  rate: 50,
  ...more,
});

const error = { code: 'FTP_ERR_REPLY', message: '426 aborted', ftpCode: 426 };
const want = { paths: ['/pub/big.iso'], transferType: 'binary' as const, name: 'big.iso' };

/** The tab's sessionStorage, which outlives its pages. */
function tabStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k), map };
}

const keepers: Array<{ stop(): void }> = [];

/** One page of the tab: its store and download rows, keeping its rows as the app does (lib/siteTab.ts). */
function openPage(storage: ReturnType<typeof tabStorage>) {
  const f = fakeDeps();
  f.server.on('download-cancel', { stopping: true });
  const page = new EventTarget() as unknown as PageEvents & EventTarget;
  keepers.push(persistFinishedRows(f.store, storage, { page, alongside: keepRunningDownloads(storage) }));
  const rows = createDownloadRows(f.deps);
  const s = () => f.store.getState();
  /** Rows in panel order. */
  const panel = () => s().transferOrder.map((k) => s().transfers[k]);
  return { ...f, rows, s, panel, reload: () => page.dispatchEvent(new Event('pagehide')) };
}

/** A page that started a download of big.iso through link 4, now running as download 1 at 300 bytes. */
async function pageWithDownload(storage: ReturnType<typeof tabStorage>) {
  const before = openPage(storage);
  before.rows.welcomed(false, []);
  before.server.on('download-link', { url: '/api/download/ticket-secret', link: 4 });
  await before.rows.start(want);
  before.rows.progressed(progress(1, 300, { link: 4 }));
  return before;
}

describe('download rows across a reload', () => {
  beforeEach(() => {
    // The browser's download manager is not here: a link handed to it goes nowhere.
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
  });
  afterEach(() => {
    for (const k of keepers.splice(0)) k.stop();
    vi.restoreAllMocks();
  });

  it('a download cut before the reload and fetched again after it continues its row, which ends done: no stale failure', async () => {
    const storage = tabStorage();
    const before = await pageWithDownload(storage);
    before.rows.ended({ type: 'download-end', downloadId: 1, ok: false, stopped: 'browser', bytes: 300 });
    expect(before.panel()[0]).toMatchObject({ status: 'cancelled' });
    before.reload();

    const after = openPage(storage);
    const [key] = after.s().transferOrder;
    after.rows.welcomed(true, []);
    // Chromium fetches the cut link again, from byte 0, in the same (resumed) session.
    after.rows.progressed(progress(2, 0, { link: 4 }));
    expect(after.s().transferOrder).toEqual([key]);
    expect(after.panel()[0]).toMatchObject({ status: 'sending', attempt: 2, transferId: 2, written: 0 });
    expect(after.panel()[0]?.restored).toBeUndefined();
    after.rows.ended({ type: 'download-end', downloadId: 2, ok: true, bytes: 1000 });
    expect(after.panel()).toHaveLength(1);
    expect(after.panel()[0]).toMatchObject({ status: 'done', written: 1000 });
    expect(after.s().transferEndings.at(-1)).toMatchObject({ name: 'big.iso', status: 'done' });
  });

  it('a failed download fetched again after the reload (Resume in the downloads list) leaves no "failed" and no Retry behind', async () => {
    const storage = tabStorage();
    const before = await pageWithDownload(storage);
    before.rows.ended({ type: 'download-end', downloadId: 1, ok: false, bytes: 300, error });
    before.reload();

    const after = openPage(storage);
    expect(filteredOrder(after.s(), 'failed')).toHaveLength(1);
    // Fetched during the reload: the server replays it after the welcome that lists it.
    after.rows.welcomed(true, [2]);
    after.rows.progressed(progress(2, 300, { link: 4, offset: 300 }));
    after.rows.ended({ type: 'download-end', downloadId: 2, ok: true, bytes: 1000 });
    expect(after.panel()).toHaveLength(1);
    expect(after.panel()[0]).toMatchObject({ status: 'done', attempt: 2 });
    expect(filteredOrder(after.s(), 'failed')).toEqual([]);
  });

  it('a failed download whose link fails again after the reload, before its body: the row says why, no toast', async () => {
    const storage = tabStorage();
    const before = await pageWithDownload(storage);
    before.rows.ended({ type: 'download-end', downloadId: 1, ok: false, bytes: 300, error });
    before.reload();

    const after = openPage(storage);
    after.rows.welcomed(true, []);
    const refused = { code: 'SRV_ERR_NOT_CONNECTED', message: 'not connected' };
    expect(after.rows.ownsFailure({ type: 'download-failed', paths: want.paths, link: 4, error: refused })).toBe(true);
    expect(after.panel()).toHaveLength(1);
    expect(after.panel()[0]).toMatchObject({ status: 'failed', error: refused, attempt: 2, canRetry: true });
  });

  it('a download running at the reload goes on in its row, and failing then, keeps its Retry', async () => {
    const storage = tabStorage();
    const before = await pageWithDownload(storage);
    before.reload();
    // The link's URL carries a ticket that fetches the file: never stored.
    expect([...storage.map.values()].join('')).not.toContain('ticket-secret');

    const after = openPage(storage);
    // Back before the socket opens, as it was.
    expect(after.panel()).toHaveLength(1);
    const key = after.s().transferOrder[0] as string;
    expect(after.panel()[0]).toMatchObject({ status: 'sending', written: 300, want, name: 'big.iso' });
    after.rows.welcomed(true, [1]);
    expect(after.panel()[0]?.restored).toBeUndefined();
    // The server replays its progress to the page that attached, and goes on.
    after.rows.progressed(progress(1, 500, { link: 4 }));
    after.rows.progressed(progress(1, 700, { link: 4 }));
    expect(after.s().transferOrder).toEqual([key]);
    expect(after.panel()[0]).toMatchObject({ status: 'sending', written: 700, transferId: 1 });
    after.rows.ended({ type: 'download-end', downloadId: 1, ok: false, bytes: 700, error });
    expect(after.panel()[0]).toMatchObject({ status: 'failed', error, canRetry: true, want });
    // Its failure is the row's news, not a toast's.
    expect(after.rows.ownsFailure({ type: 'download-failed', paths: want.paths, downloadId: 1, link: 4, error })).toBe(true);

    // Retry: a new link to the same paths, whose download continues the row.
    after.server.on('download-link', { url: '/api/download/t5', link: 5 });
    expect(after.rows.retry(key)).toBe(true);
    await flush();
    expect(after.server.sent('download-link').at(-1)).toMatchObject({ paths: want.paths, transferType: 'binary' });
    after.rows.progressed(progress(2, 0, { link: 5 }));
    after.rows.ended({ type: 'download-end', downloadId: 2, ok: true, bytes: 1000 });
    expect(after.s().transferOrder).toEqual([key]);
    expect(after.panel()[0]).toMatchObject({ status: 'done', attempt: 2 });
  });

  it('a download running at the reload that is cancelled before the welcome stops once it comes, and stays cancelled (Review 46)', async () => {
    const storage = tabStorage();
    const before = await pageWithDownload(storage);
    before.reload();
    const after = openPage(storage);
    const key = after.s().transferOrder[0] as string;
    expect(after.rows.cancel(key)).toBe(true);
    // Said at once; nothing is sent yet, since the download's number means something only in the session it ran in.
    expect(after.panel()[0]).toMatchObject({ status: 'cancelled', stoppedByPage: true });
    expect(after.server.sent('download-cancel')).toHaveLength(0);
    after.rows.welcomed(true, [1]);
    await flush();
    expect(after.server.sent('download-cancel')).toEqual([{ type: 'download-cancel', downloadId: 1 }]);
    // Its replayed progress and its end belong to no row any more.
    after.rows.progressed(progress(1, 500, { link: 4 }));
    after.rows.ended({ type: 'download-end', downloadId: 1, ok: false, stopped: 'page', bytes: 500 });
    expect(after.s().transferOrder).toEqual([key]);
    expect(after.panel()[0]).toMatchObject({ status: 'cancelled', stoppedByPage: true });
  });

  it('a Retry not begun at a reload comes back as the failure it retried, with its Retry, however often; its link, fetched later, continues the row (Review 46, 49)', async () => {
    const storage = tabStorage();
    const before = await pageWithDownload(storage);
    before.rows.ended({ type: 'download-end', downloadId: 1, ok: false, bytes: 300, error });
    const key = before.s().transferOrder[0] as string;
    before.server.on('download-link', { url: '/api/download/t7', link: 7 });
    expect(before.rows.retry(key)).toBe(true);
    await flush();
    // Handed to the browser, not fetched yet: the row waits, its failure kept aside.
    expect(before.panel()[0]).toMatchObject({ status: 'queued', error: undefined, priorError: error, link: 7 });
    before.reload();

    // Back as that failure, with its Retry and the Retry's link, before the socket opens and after the welcome.
    const after = openPage(storage);
    expect(after.panel()).toHaveLength(1);
    expect(after.panel()[0]).toMatchObject({ status: 'failed', error, canRetry: true, want, link: 7, restored: true });
    after.rows.welcomed(true, []);
    const row = after.panel()[0];
    expect(row).toMatchObject({ status: 'failed', error, canRetry: true, link: 7 });
    expect(row?.priorError).toBeUndefined();
    expect(row?.unheard).toBeUndefined();
    expect(statusMessage(row!).key).toBe('tq.failedWhy');

    // Its Retry again, and a reload again before it begins (a restored row has no download id): still there.
    const restoredKey = after.s().transferOrder[0] as string;
    after.server.on('download-link', { url: '/api/download/t8', link: 8 });
    expect(after.rows.retry(restoredKey)).toBe(true);
    await flush();
    after.reload();
    const next = openPage(storage);
    next.rows.welcomed(true, []);
    expect(next.panel()).toHaveLength(1);
    expect(next.panel()[0]).toMatchObject({ status: 'failed', error, canRetry: true, want, link: 8 });

    // The browser fetches that Retry's link after all: the same row goes on, and ends done.
    next.rows.progressed(progress(3, 0, { link: 8 }));
    expect(next.s().transferOrder).toHaveLength(1);
    expect(next.panel()[0]).toMatchObject({ status: 'sending', error: undefined });
    next.rows.ended({ type: 'download-end', downloadId: 3, ok: true, bytes: 1000 });
    expect(next.panel()[0]).toMatchObject({ status: 'done' });
  });

  it('a download that ended during the reload says it ended unheard, as after a socket blip, and is not announced', async () => {
    const storage = tabStorage();
    const before = await pageWithDownload(storage);
    before.reload();

    const after = openPage(storage);
    // Its download-end went to no page: the welcome no longer lists it.
    after.rows.welcomed(true, []);
    expect(after.panel()).toHaveLength(1);
    const row = after.panel()[0];
    expect(row).toMatchObject({ status: 'cancelled', unheard: true, written: 300, rate: 0 });
    expect(statusMessage(row!)).toEqual({ key: 'tq.downloadUnheard' });
    expect(after.s().transferEndings).toEqual([]);
    // Kept as finished for the next reload, with its link: Chromium may fetch a cut download again.
    after.reload();
    const next = openPage(storage);
    next.rows.welcomed(true, [3]);
    next.rows.progressed(progress(3, 0, { link: 4 }));
    expect(next.panel()).toHaveLength(1);
    expect(next.panel()[0]).toMatchObject({ status: 'sending', attempt: 2, want });
  });

  it('a new server session binds nothing: kept running rows end unheard, kept links are dropped, finished rows stay', async () => {
    const storage = tabStorage();
    const before = await pageWithDownload(storage);
    before.server.on('download-link', { url: '/api/download/t6', link: 6 });
    await before.rows.start({ paths: ['/pub/cut.bin'], transferType: 'binary', name: 'cut.bin' });
    before.rows.progressed(progress(2, 10, { link: 6, name: 'cut.bin', path: '/pub/cut.bin' }));
    before.rows.ended({ type: 'download-end', downloadId: 2, ok: false, bytes: 10, error });
    before.reload();

    const after = openPage(storage);
    const order = after.s().transferOrder;
    after.rows.welcomed(false, [1]);
    expect(after.panel().map((t) => [t?.name, t?.status])).toEqual([
      ['cut.bin', 'failed'],
      ['big.iso', 'cancelled'],
    ]);
    expect(after.panel()[1]).toMatchObject({ unheard: true });
    expect(after.panel()[0]).toMatchObject({ error, canRetry: true, restored: true });
    // The new session's link 6 and download 1 are other downloads: rows of their own.
    after.rows.progressed(progress(1, 0, { link: 6, name: 'fresh.bin', path: '/fresh.bin' }));
    after.rows.progressed(progress(2, 0, { link: 4, name: 'other.bin', path: '/other.bin' }));
    expect(after.s().transferOrder).toEqual([...order, 'download-1', 'download-2']);
    expect(after.panel()[1]).toMatchObject({ status: 'cancelled', written: 300 });
    // Nor does a later reload bind the old numbers to this session: only the new downloads keep theirs.
    after.reload();
    expect(storage.map.has(FINISHED_ROWS_KEY) && storage.map.has(RUNNING_DOWNLOADS_KEY)).toBe(true);
    const next = openPage(storage);
    expect(next.panel().map((t) => [t?.name, t?.link])).toEqual([
      ['cut.bin', undefined],
      ['big.iso', undefined],
      ['fresh.bin', 6],
      ['other.bin', 4],
    ]);
  });
});
