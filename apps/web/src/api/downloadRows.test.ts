import { describe, expect, it, vi } from 'vitest';
import type { ServerMessage } from '@ftpdeck/protocol';
import { RETRY_START_MS, createDownloadRows } from './downloadRows.ts';
import { statusMessage } from '../components/TransferQueue/transferText.ts';
import { fakeDeps, flush } from './testing/fakeDeps.ts';
import { keptRows, loadFinishedRows, saveFinishedRows } from '../store/finishedRows.ts';

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

function setup() {
  const f = fakeDeps();
  f.server.on('download-cancel', { stopping: true });
  const rows = createDownloadRows(f.deps);
  const row = (n = 1) => f.store.getState().transfers[`download-${n}`];
  /** A download the page started (its link `link`, its id `downloadId`), failed after 10 bytes: a row with Retry. */
  const failedDownload = async (link: number, downloadId: number, name = 'big.iso'): Promise<void> => {
    f.server.on('download-link', { url: `/api/download/t${link}`, link });
    await rows.start({ paths: [`/pub/${name}`], transferType: 'binary', name });
    rows.progressed(progress(downloadId, 10, { link, name }));
    rows.ended({ type: 'download-end', downloadId, ok: false, bytes: 10, error });
  };
  return { ...f, rows, row, failedDownload };
}

describe('download rows', () => {
  it('a download gets a row with its first event, moves, and ends done at its size', () => {
    const { rows, row, store } = setup();
    rows.progressed(progress(7, 0));
    expect(row()).toMatchObject({ direction: 'download', name: 'big.iso', path: '/pub/big.iso', size: 1000, written: 0, status: 'sending', transferId: 7, transferType: 'binary' });
    rows.progressed(progress(7, 600));
    expect(row()).toMatchObject({ written: 600, rate: 50 });
    rows.ended({ type: 'download-end', downloadId: 7, ok: true, bytes: 1000 });
    expect(row()).toMatchObject({ status: 'done', written: 1000, rate: 0 });
    expect(store.getState().transferEndings.at(-1)).toMatchObject({ name: 'big.iso', status: 'done' });
  });

  it('a download checked against the server says so while it waits for the hash, then what the check rested on', () => {
    const { rows, row } = setup();
    rows.progressed(progress(7, 600));
    rows.progressed(progress(7, 1000, { verifying: 'md5', rate: 0 }));
    expect(row()).toMatchObject({ status: 'finishing', written: 1000, verifiedBy: 'md5' });
    expect(statusMessage(row()!)).toEqual({ key: 'tq.downloadVerifying', params: { how: 'MD5' } });
    rows.ended({ type: 'download-end', downloadId: 7, ok: true, bytes: 1000, verified: true, verifiedBy: 'md5' });
    expect(row()).toMatchObject({ status: 'done', verified: true, verifiedBy: 'md5' });
    expect(statusMessage(row()!)).toEqual({ key: 'tq.downloadedVerified', params: { size: '1000 B', how: 'MD5' } });
    // Stopped during its check: done, and no word of a hash it never had.
    rows.progressed(progress(8, 1000, { verifying: 'sha256', rate: 0 }));
    rows.ended({ type: 'download-end', downloadId: 8, ok: true, bytes: 1000 });
    expect(row(2)).toMatchObject({ status: 'done', verified: undefined, verifiedBy: undefined });
    expect(statusMessage(row(2)!)).toEqual({ key: 'tq.downloaded', params: { size: '1000 B' } });
  });

  it("a download whose hash differs from the server's fails with Retry: the browser's copy is not the server's file", async () => {
    const { rows, row, server } = setup();
    server.on('download-link', { url: '/api/download/t4', link: 4 });
    await rows.start({ paths: ['/pub/big.iso'], transferType: 'binary', name: 'big.iso' });
    rows.progressed(progress(5, 1000, { link: 4, verifying: 'md5', rate: 0 }));
    const mismatch = { code: 'SRV_ERR_DOWNLOAD_MISMATCH', message: '/pub/big.iso: the file received does not match', retryable: true };
    rows.ended({ type: 'download-end', downloadId: 5, ok: false, bytes: 1000, error: mismatch });
    expect(row()).toMatchObject({ status: 'failed', error: mismatch, canRetry: true, verifiedBy: undefined });
  });

  it('a download waiting for a connection is a queued row with a guessed name, which its start settles', () => {
    const { rows, row } = setup();
    rows.progressed(progress(1, 0, { waiting: true, name: 'docs', path: '/docs', total: undefined, connection: undefined }));
    expect(row()).toMatchObject({ status: 'queued', name: 'docs', zip: false });
    rows.progressed(progress(1, 0, { name: 'docs.zip', path: '/docs', zip: true, total: undefined }));
    expect(row()).toMatchObject({ status: 'sending', name: 'docs.zip', zip: true, sizeUnknown: true });
  });

  it('one stopped while it waited says it never began, not "stopped at 0 B"', () => {
    const { rows, row } = setup();
    rows.progressed(progress(1, 0, { waiting: true, connection: undefined }));
    rows.ended({ type: 'download-end', downloadId: 1, ok: false, stopped: 'page', bytes: 0 });
    expect(row()).toMatchObject({ status: 'cancelled', notBegun: true });
    expect(statusMessage(row()!)).toEqual({ key: 'tq.downloadNotBegun' });
    rows.progressed(progress(2, 0, { waiting: true, connection: undefined }));
    rows.ended({ type: 'download-end', downloadId: 2, ok: false, bytes: 0, error: { code: 'SRV_ERR_CANCELLED', message: 'the session was closed while it ran' } });
    expect(statusMessage(row(2)!)).toEqual({ key: 'tq.downloadNotBegunSession' });
    // One that had begun says where it stopped.
    rows.progressed(progress(3, 0));
    rows.ended({ type: 'download-end', downloadId: 3, ok: false, stopped: 'page', bytes: 0 });
    expect(statusMessage(row(3)!).key).toBe('tq.downloadStopped');
  });

  it('a ZIP has no size ahead: what it reached, and its final length at the end; ASCII shows as such', () => {
    const { rows, row } = setup();
    rows.progressed(progress(1, 0, { name: 'docs.zip', zip: true, total: undefined }));
    rows.progressed(progress(1, 300, { name: 'docs.zip', zip: true, total: undefined }));
    expect(row()).toMatchObject({ sizeUnknown: true, zip: true, size: 300, written: 300 });
    rows.ended({ type: 'download-end', downloadId: 1, ok: true, bytes: 450 });
    expect(row()).toMatchObject({ status: 'done', size: 450 });
    rows.progressed(progress(2, 0, { ascii: true, total: undefined }));
    expect(row(2)).toMatchObject({ transferType: 'ascii', sizeUnknown: true });
    expect(row(2)?.zip).toBe(false);
  });

  it("a failure shows in its row, which owns the toast's news; one from a link no row shows does not", () => {
    const { rows, row } = setup();
    rows.progressed(progress(3, 100));
    rows.ended({ type: 'download-end', downloadId: 3, ok: false, bytes: 100, error });
    expect(row()).toMatchObject({ status: 'failed', error });
    expect(rows.ownsFailure({ type: 'download-failed', paths: ['/pub/big.iso'], downloadId: 3, link: 3, error })).toBe(true);
    expect(rows.ownsFailure({ type: 'download-failed', paths: ['/pub/nope'], link: 9, error })).toBe(false);
  });

  it("the browser's own retry of a cut download continues the failed row, as a second attempt", () => {
    const { rows, row, store } = setup();
    rows.progressed(progress(1, 400, { link: 5 }));
    rows.ended({ type: 'download-end', downloadId: 1, ok: false, bytes: 400, error });
    // Chromium fetches the same link again, from byte 0.
    rows.progressed(progress(2, 0, { link: 5 }));
    expect(store.getState().transferOrder).toEqual(['download-1']);
    expect(row()).toMatchObject({ status: 'sending', written: 0, attempt: 2, transferId: 2 });
    expect(row()?.error).toBeUndefined();
    rows.ended({ type: 'download-end', downloadId: 2, ok: true, bytes: 1000 });
    expect(row()?.status).toBe('done');
    // A finished download fetched again is a new one, and its failure before the body is news: a toast.
    const refused = { code: 'SRV_ERR_NOT_CONNECTED', message: 'not connected' };
    expect(rows.ownsFailure({ type: 'download-failed', paths: ['/pub/big.iso'], link: 5, error: refused })).toBe(false);
    expect(row()?.status).toBe('done');
    rows.progressed(progress(3, 0, { link: 5 }));
    expect(store.getState().transferOrder).toEqual(['download-1', 'download-2']);
  });

  it("a retry that fails before its body begins goes in the row it retries, with its own reason", () => {
    const { rows, row } = setup();
    rows.progressed(progress(1, 400, { link: 5 }));
    rows.ended({ type: 'download-end', downloadId: 1, ok: false, stopped: 'browser', bytes: 400 });
    const refused = { code: 'SRV_ERR_NOT_CONNECTED', message: 'not connected' };
    expect(rows.ownsFailure({ type: 'download-failed', paths: ['/pub/big.iso'], link: 5, error: refused })).toBe(true);
    expect(row()).toMatchObject({ status: 'failed', error: refused, attempt: 2 });
    // A link no row shows: a toast.
    expect(rows.ownsFailure({ type: 'download-failed', paths: ['/pub/other'], link: 6, error: refused })).toBe(false);
  });

  it('a failed row it started offers Retry, which asks again for its paths and continues the row to done', async () => {
    const { rows, row, server, store } = setup();
    let links = 4;
    server.on('download-link', () => ({ url: `/api/download/t${links}`, link: links++ }));
    const clicked: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(`${this.getAttribute('href')} ${this.getAttribute('download')}`);
    });
    try {
      await rows.start({ paths: ['/pub/big.iso'], transferType: 'ascii', name: 'big.iso' });
      expect(clicked).toEqual(['/api/download/t4 big.iso']);
      rows.progressed(progress(1, 300, { link: 4 }));
      rows.ended({ type: 'download-end', downloadId: 1, ok: false, bytes: 300, error });
      expect(row()).toMatchObject({ status: 'failed', canRetry: true });
      expect(rows.retry('download-1')).toBe(true);
      // Waiting to start, with no error, until the new link's download begins.
      expect(row()).toMatchObject({ status: 'queued', canRetry: false });
      expect(row()?.error).toBeUndefined();
      await flush();
      expect(server.sent('download-link').at(-1)).toMatchObject({ paths: ['/pub/big.iso'], transferType: 'ascii' });
      expect(clicked).toEqual(['/api/download/t4 big.iso', '/api/download/t5 big.iso']);
      rows.progressed(progress(2, 0, { link: 5, waiting: true }));
      expect(store.getState().transferOrder).toEqual(['download-1']);
      expect(row()).toMatchObject({ attempt: 2, transferId: 2, status: 'queued' });
      rows.progressed(progress(2, 1000, { link: 5 }));
      rows.ended({ type: 'download-end', downloadId: 2, ok: true, bytes: 1000 });
      expect(row()).toMatchObject({ status: 'done', written: 1000 });
      // A row the page did not start (a page reloaded since) has nothing to ask again with.
      rows.progressed(progress(3, 0, { link: 9 }));
      rows.ended({ type: 'download-end', downloadId: 3, ok: false, bytes: 0, error });
      expect(row(2)).toMatchObject({ status: 'failed', canRetry: false });
      // Uploads are the upload queue's to retry.
      expect(rows.retry('upload-1')).toBe(false);
    } finally {
      click.mockRestore();
    }
  });

  it('a failed row a reload kept: no event of a new server session reaches it, and its Retry asks for its paths and continues it', async () => {
    const { rows, row, server, store } = setup();
    const storage = new Map<string, string>();
    const tabStorage = { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v), removeItem: (k: string) => void storage.delete(k) };
    // The page before the reload: a download it started failed (link 1, download 1).
    const before = setup();
    before.server.on('download-link', { url: '/api/download/t1', link: 1 });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    try {
      await before.rows.start({ paths: ['/pub/big.iso'], transferType: 'ascii', name: 'big.iso' });
      before.rows.progressed(progress(1, 10, { link: 1 }));
      before.rows.ended({ type: 'download-end', downloadId: 1, ok: false, bytes: 10, error });
      saveFinishedRows(tabStorage, keptRows(before.store.getState()));

      // The reloaded page, in a new server session that numbers from 1 again.
      store.getState().restoreTransfers(loadFinishedRows(tabStorage));
      const [key] = store.getState().transferOrder;
      const restored = () => store.getState().transfers[key as string];
      expect(restored()).toMatchObject({ status: 'failed', canRetry: true, error, transferId: null, want: { paths: ['/pub/big.iso'], transferType: 'ascii', name: 'big.iso' } });
      rows.welcomed(false, []);
      rows.progressed(progress(1, 500, { link: 1, name: 'other.bin', path: '/other.bin' }));
      rows.ended({ type: 'download-end', downloadId: 1, ok: true, bytes: 1000 });
      expect(rows.ownsFailure({ type: 'download-failed', downloadId: 1, paths: ['/other.bin'], link: 1, error })).toBe(true);
      expect(restored()).toMatchObject({ status: 'failed', name: 'big.iso', written: 10, error });
      expect(row(1)).toMatchObject({ name: 'other.bin', status: 'done' });
      expect(store.getState().transferOrder).toEqual([key, 'download-1']);

      // Its Retry: a new link to the same paths, whose download continues the kept row.
      server.on('download-link', { url: '/api/download/t2', link: 2 });
      expect(rows.retry(key as string)).toBe(true);
      expect(restored()).toMatchObject({ status: 'queued', canRetry: false });
      await flush();
      expect(server.sent('download-link').at(-1)).toMatchObject({ paths: ['/pub/big.iso'], transferType: 'ascii' });
      rows.progressed(progress(2, 0, { link: 2 }));
      rows.ended({ type: 'download-end', downloadId: 2, ok: true, bytes: 1000 });
      expect(restored()).toMatchObject({ status: 'done', attempt: 2, transferId: 2, written: 1000 });
      expect(restored()?.restored).toBeUndefined();
      expect(store.getState().transferOrder).toEqual([key, 'download-1']);
    } finally {
      click.mockRestore();
    }
  });

  it("a Retry the server refuses fails the row with why, and can be tried again; one not begun can be cancelled", async () => {
    const { rows, row, server } = setup();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    try {
      server.on('download-link', { url: '/api/download/t1', link: 1 });
      await rows.start({ paths: ['/pub/docs/', '/pub/a.txt'], transferType: 'binary' });
      rows.progressed(progress(1, 0, { link: 1, name: 'pub.zip', zip: true, total: undefined }));
      rows.ended({ type: 'download-end', downloadId: 1, ok: false, bytes: 0, error });
      const refused = { code: 'SRV_ERR_NOT_CONNECTED', message: 'not connected' };
      server.fail('download-link', refused);
      rows.retry('download-1');
      await flush();
      expect(row()).toMatchObject({ status: 'failed', error: refused, canRetry: true });
      server.on('download-link', { url: '/api/download/t2', link: 2 });
      rows.retry('download-1');
      await flush();
      expect(server.sent('download-link').at(-1)).toMatchObject({ paths: ['/pub/docs/', '/pub/a.txt'] });
      // The browser has not fetched it yet: Cancel takes the row out, with nothing to stop on the server.
      expect(rows.cancel('download-1')).toBe(true);
      expect(row()).toMatchObject({ status: 'cancelled', notBegun: true, stoppedByPage: true });
      expect(statusMessage(row()!)).toEqual({ key: 'tq.downloadNotBegun' });
      expect(server.sent('download-cancel')).toEqual([]);
    } finally {
      click.mockRestore();
    }
  });

  it('a Retry whose link a lost server session minted goes back to its failure, to be retried again', async () => {
    const { rows, row, failedDownload } = setup();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    try {
      await failedDownload(1, 1);
      rows.retry('download-1');
      await flush();
      expect(row()?.status).toBe('queued');
      rows.welcomed(false, []);
      expect(row()).toMatchObject({ status: 'failed', error, canRetry: true });
    } finally {
      click.mockRestore();
    }
  });

  it('a Retry cancelled while its link is asked for never reaches the browser; one cancelled after is stopped as it begins', async () => {
    const { rows, row, server, store, failedDownload } = setup();
    const clicks = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    try {
      let answer: (r: { url: string; link: number }) => void = () => undefined;
      await failedDownload(1, 1);
      server.on('download-link', () => new Promise((resolve) => (answer = resolve)));
      rows.retry('download-1');
      await flush();
      rows.cancel('download-1');
      answer({ url: '/api/download/t2', link: 2 });
      await flush();
      expect(clicks).toHaveBeenCalledTimes(1); // the first download's only
      expect(row()?.status).toBe('cancelled');
      // Another failed row's Retry: the browser has the link when Cancel comes, and fetches it anyway.
      await failedDownload(3, 2, 'other.iso');
      server.on('download-link', { url: '/api/download/t4', link: 4 });
      rows.retry('download-2');
      await flush();
      rows.cancel('download-2');
      rows.progressed(progress(3, 0, { link: 4, waiting: true, connection: undefined }));
      rows.progressed(progress(3, 0, { link: 4 }));
      await flush();
      expect(server.sent('download-cancel')).toEqual([{ type: 'download-cancel', downloadId: 3 }]);
      expect(row(2)?.status).toBe('cancelled');
      expect(store.getState().transferOrder).toEqual(['download-1', 'download-2']);
    } finally {
      clicks.mockRestore();
    }
  });

  it("the browser's own retry overtaking a Retry goes on in the row, and the Retry's download is stopped", async () => {
    const { rows, row, server, store, failedDownload } = setup();
    const clicks = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    try {
      await failedDownload(1, 1);
      server.on('download-link', { url: '/api/download/t2', link: 2 });
      rows.retry('download-1');
      await flush();
      // Chromium fetches the cut link again on its own, and that fails before its body: the Retry goes on.
      expect(rows.ownsFailure({ type: 'download-failed', paths: ['/pub/big.iso'], link: 1, error })).toBe(true);
      expect(row()?.status).toBe('queued');
      expect(server.sent('download-cancel')).toEqual([]);
      // It fetches the cut link once more, and this time it begins before the Retry's link does.
      rows.progressed(progress(2, 0, { link: 1 }));
      expect(row()).toMatchObject({ status: 'sending', transferId: 2, attempt: 2 });
      rows.progressed(progress(3, 0, { link: 2 }));
      await flush();
      expect(server.sent('download-cancel')).toEqual([{ type: 'download-cancel', downloadId: 3 }]);
      rows.progressed(progress(3, 50, { link: 2 }));
      expect(store.getState().transferOrder).toEqual(['download-1']);
      rows.ended({ type: 'download-end', downloadId: 2, ok: false, bytes: 10, error });
      // Still the row's own paths: it can Retry again.
      expect(row()).toMatchObject({ status: 'failed', canRetry: true });
    } finally {
      clicks.mockRestore();
    }
  });

  it("an unwanted Retry's download: its stop is the user's until found over, and its failure is nobody's news", async () => {
    const { rows, row, server, store, failedDownload } = setup();
    const clicks = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const forgets = vi.spyOn(store.getState(), 'forgetUserStop');
    try {
      await failedDownload(1, 1);
      server.on('download-link', { url: '/api/download/t2', link: 2 });
      rows.retry('download-1');
      await flush();
      rows.cancel('download-1');
      // Fetched anyway, on a connection, and over before the stop reached it.
      server.on('download-cancel', { stopping: false });
      rows.progressed(progress(2, 0, { link: 2 }));
      await flush();
      expect(forgets).toHaveBeenCalledWith('transfer-1');
      // Another Retry, cancelled, whose link then fails before it begins: no toast, the row stays cancelled.
      await failedDownload(3, 3, 'other.iso');
      server.on('download-link', { url: '/api/download/t4', link: 4 });
      rows.retry('download-2');
      await flush();
      rows.cancel('download-2');
      expect(rows.ownsFailure({ type: 'download-failed', paths: ['/pub/other.iso'], link: 4, error })).toBe(true);
      expect(row(2)?.status).toBe('cancelled');
      // Or one that began, and failed before its stop landed: its failure carries its id, and is nobody's news too.
      await failedDownload(5, 5, 'third.iso');
      server.on('download-link', { url: '/api/download/t6', link: 6 });
      rows.retry('download-3');
      await flush();
      rows.cancel('download-3');
      rows.progressed(progress(6, 0, { link: 6, name: 'third.iso', waiting: true, connection: undefined }));
      expect(rows.ownsFailure({ type: 'download-failed', paths: ['/pub/third.iso'], downloadId: 6, link: 6, error })).toBe(true);
      expect(row(3)?.status).toBe('cancelled');
    } finally {
      clicks.mockRestore();
    }
  });

  it('a Retry whose link the browser never fetches shows its failure again after a while', async () => {
    vi.useFakeTimers();
    const { rows, row, server, failedDownload } = setup();
    const clicks = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    try {
      await failedDownload(1, 1);
      server.on('download-link', { url: '/api/download/t2', link: 2 });
      rows.retry('download-1');
      await vi.advanceTimersByTimeAsync(RETRY_START_MS - 1);
      expect(row()?.status).toBe('queued');
      await vi.advanceTimersByTimeAsync(1);
      expect(row()).toMatchObject({ status: 'failed', error, canRetry: true });
      // Allowed late (Chromium's "download multiple files" prompt): it goes on in the row.
      rows.progressed(progress(2, 0, { link: 2 }));
      expect(row()).toMatchObject({ status: 'sending', attempt: 2 });
    } finally {
      clicks.mockRestore();
      vi.useRealTimers();
    }
  });

  it("a Cancel that finds the download already over takes back the user's stop", async () => {
    const { rows, server, store } = setup();
    server.on('download-cancel', { stopping: false });
    const forgets = vi.spyOn(store.getState(), 'forgetUserStop');
    rows.progressed(progress(1, 100));
    rows.cancel('download-1');
    await flush();
    expect(forgets).toHaveBeenCalledWith('transfer-1');
  });

  it('Cancel asks the server to stop it and blames the ABOR on the user; the end says who stopped it', async () => {
    const { rows, row, server, store } = setup();
    const stops = vi.spyOn(store.getState(), 'noteUserStop');
    rows.progressed(progress(4, 100));
    expect(rows.cancel('download-1')).toBe(true);
    await flush();
    expect(server.sent('download-cancel')).toEqual([{ type: 'download-cancel', downloadId: 4 }]);
    expect(stops).toHaveBeenCalledWith('transfer-1');
    rows.ended({ type: 'download-end', downloadId: 4, ok: false, stopped: 'page', bytes: 100 });
    expect(row()).toMatchObject({ status: 'cancelled', stoppedByPage: true });
    rows.progressed(progress(5, 100));
    rows.ended({ type: 'download-end', downloadId: 5, ok: false, stopped: 'browser', bytes: 100 });
    expect(row(2)?.status).toBe('cancelled');
    expect(row(2)?.stoppedByPage).toBeUndefined();
    // Not a download's row: the upload queue's to cancel.
    expect(rows.cancel('upload-1')).toBe(false);
  });

  it('a download ended by Close session or a Connect is a stop with why, and its ABOR the user\'s', () => {
    const { rows, row, store } = setup();
    const stops = vi.spyOn(store.getState(), 'noteUserStop');
    rows.progressed(progress(1, 400));
    rows.sessionStopping();
    expect(stops).toHaveBeenCalledWith('transfer-1');
    rows.ended({ type: 'download-end', downloadId: 1, ok: false, bytes: 400, error: { code: 'SRV_ERR_CANCELLED', message: 'the session was closed while it ran' } });
    expect(row()).toMatchObject({ status: 'cancelled', error: { code: 'SRV_ERR_CANCELLED' } });
  });

  it('after the socket was down, a row the server no longer runs ended unheard: neither done nor failed, and not announced', () => {
    const { rows, row, store } = setup();
    rows.progressed(progress(1, 100));
    rows.progressed(progress(2, 100, { name: 'other.bin' }));
    const endings = store.getState().transferEndings.length;
    rows.welcomed(true, [2]);
    expect(row(1)).toMatchObject({ status: 'cancelled', unheard: true });
    expect(row(2)?.status).toBe('sending');
    expect(store.getState().transferEndings).toHaveLength(endings);
    // A new server session: its ids and links start over, and nothing of the old one runs.
    rows.welcomed(false, []);
    expect(row(2)).toMatchObject({ status: 'cancelled', unheard: true });
    rows.progressed(progress(1, 0, { name: 'fresh.bin' }));
    expect(row(3)).toMatchObject({ name: 'fresh.bin', status: 'sending' });
  });
});
