/**
 * Rows in the transfers panel for the downloads this session's links
 * started. The bytes go to the browser's own download manager (an HTTP
 * response); the server reports each download over the socket
 * (`download-progress`, `download-end`), and a row's Cancel stops it there
 * (`download-cancel`: ABOR, and the browser's download ends as failed).
 *
 * A row appears with a download's first event, so a page reloaded while one
 * runs shows it too. Chromium fetches a download whose connection was cut
 * again on its own, from byte 0: that comes through the same link, and
 * continues the row of the attempt that failed rather than adding another.
 * Rows are keyed by the page, not by the server's ids, which start over in a
 * new server session.
 *
 * Downloads the page starts go through {@link DownloadRows.start}, which
 * remembers what each link was asked for, and the row keeps it (`want`): a
 * failed row's Retry asks for a new link to the same paths, and the download
 * it starts continues that row. A row a reload kept has its `want` too, so
 * its Retry works the same way (store/persistFinishedRows.ts). A reload
 * keeps a row's link too, and a running row's download: the page's first
 * `welcome` binds them again when the session resumed, so a download a
 * reload cut or left running goes on in its row (api/keptDownloads.ts).
 */
import { ServerErrorCodes, type ServerMessage } from '@ftpdeck/protocol';
import type { StoreApi } from 'zustand/vanilla';
import { wireErrorOf } from '../lib/errorMessages.ts';
import { fromOtherSite, selectSite } from '../store/selectors.ts';
import { adoptKept, linkedRows } from './keptDownloads.ts';
import { SessionNumbers } from './sessionNumbers.ts';
import type { AppState } from '../store/types.ts';
import { FINISHED, type DownloadWant, type Transfer } from '../store/transfersSlice.ts';
import { startBrowserDownload } from './browserDownload.ts';
import type { RequestFn } from './types.ts';
import type { UploadOps } from './uploadQueue.ts';

type Progress = Extract<ServerMessage, { type: 'download-progress' }>;
type End = Extract<ServerMessage, { type: 'download-end' }>;
type Failed = Extract<ServerMessage, { type: 'download-failed' }>;

export type { DownloadWant } from '../store/transfersSlice.ts';

/** What the panel's download rows hear and do. */
export interface DownloadRows {
  /**
   * Asks the server for a link and hands it to the browser's download
   * manager; the row that follows can Retry. Rejects when the server
   * refuses the link (not connected, too many links).
   */
  start(want: DownloadWant): Promise<void>;
  /**
   * Downloads a failed row's paths again, from the start, in the same row
   * (a row a reload kept too); false when `key` is not a download's row.
   */
  retry(key: string): boolean;
  /** A download's progress; its first event adds its row (or continues its link's row). */
  progressed(msg: Progress): void;
  /** A download ended: its row says how. */
  ended(msg: End): void;
  /**
   * True when a row tells the failure, so no toast is needed: a download's
   * own (its `download-end` carried it), or a retry that failed before its
   * body began of a row that had ended short of done (written into that row).
   */
  ownsFailure(msg: Failed): boolean;
  /**
   * The socket's handshake: `running` are the shown downloads still going.
   * A row still running that is not among them ended while no page heard it.
   */
  welcomed(resumed: boolean, running: readonly number[]): void;
  /** Stops the download of row `key`; false when `key` is not a download's row. */
  cancel(key: string): boolean;
  /**
   * The user is closing the session or connecting again, which ends every
   * running download: their ABORs in the transcript are the user's doing.
   */
  sessionStopping(): void;
}

/** A row's Retry, from its click until its download begins. */
interface PendingRetry {
  /** The Retry's link, once the browser has it. */
  link?: number;
  /** Gives up on a link the browser never fetches (see RETRY_START_MS). */
  timer: ReturnType<typeof setTimeout>;
}

/**
 * How long a Retry's link may go unfetched before its row shows its failure
 * again. The browser asks for a link the moment it is clicked, and the
 * server reports the download at once, waiting or not; a link still unheard
 * of after this was blocked (Chromium may hold a page's further downloads
 * until the user allows them).
 */
export const RETRY_START_MS = 30_000;

/**
 * A transfers-panel row's Cancel and Retry: the download rows' when the
 * row is a download's, else the upload queue's.
 */
export function rowActions(downloads: Pick<DownloadRows, 'cancel' | 'retry'>, uploads: Pick<UploadOps, 'cancel' | 'retry'>): Pick<UploadOps, 'cancel' | 'retry'> {
  return {
    cancel(key) {
      if (!downloads.cancel(key)) uploads.cancel(key);
    },
    retry(key) {
      if (!downloads.retry(key)) uploads.retry(key);
    },
  };
}

/** Links remembered past this many are forgotten once their rows are cleared. */
const LINKS_KEPT = 500;
/** Download ids remembered for their `download-failed`, which follows their `download-end` at once. */
const IDS_KEPT = 500;
/**
 * Links asked for whose download has not begun. The browser fetches a link
 * within moments, so only a link it never fetched (a blocked download)
 * stays; a few dozen such are plenty to keep.
 */
const ASKED_KEPT = 50;

/**
 * Where a download is, by its event: waiting, receiving, or checked against
 * the server's hash (`verifying`, every byte with the browser), whose
 * algorithm the row names meanwhile.
 */
function phase(msg: Progress): Pick<Transfer, 'status'> & { verifiedBy?: string } {
  if (msg.waiting) return { status: 'queued' };
  return msg.verifying ? { status: 'finishing', verifiedBy: msg.verifying } : { status: 'sending' };
}

/** Creates the download rows of one tab. */
export function createDownloadRows(deps: { store: StoreApi<AppState>; request: RequestFn }): DownloadRows {
  const state = () => deps.store.getState();
  /** What this server session numbered: its downloads and links (a new session starts them over). */
  const ids = new SessionNumbers();
  /** Rows whose Retry is under way, until its download begins. */
  const retrying = new Map<string, PendingRetry>();
  /** The page's first welcome came: the rows a reload kept are bound, or dropped, by then. */
  let adopted = false;
  /** Kept running rows cancelled before that welcome, with their downloads: stopped when it comes. */
  const cancelOnBind = new Map<string, number>();
  let count = 0;
  const rowOf = (key: string | undefined): Transfer | undefined => (key === undefined ? undefined : state().transfers[key]);
  /**
   * What row `key`'s download was asked for: its Retry's paths. Kept by the
   * row, not by link: a Retry after a reconnect, or a reload, asks the new
   * server session.
   */
  const wantOf = (key: string): DownloadWant | undefined => rowOf(key)?.want;
  const isDownloadRow = (key: string): boolean => rowOf(key)?.direction === 'download';

  /** Forgets links whose rows were cleared, once there are many. */
  const pruneLinks = (): void => {
    if (ids.byLink.size > LINKS_KEPT) for (const [link, key] of ids.byLink) if (!rowOf(key)) ids.byLink.delete(link);
  };

  /** A link for `want`. */
  const ask = (want: DownloadWant) => deps.request({ type: 'download-link', paths: want.paths, transferType: want.transferType });

  /**
   * Asks the server to stop a download. The ABOR and its replies in the
   * transcript are then the user's doing, not the server's; if it was over
   * already, no such abort follows. True when an abort was marked the user's.
   */
  const stop = (downloadId: number, connection: string | undefined): boolean => {
    if (connection) state().noteUserStop(connection);
    void deps.request({ type: 'download-cancel', downloadId }).then(
      ({ stopping }) => !stopping && connection && state().forgetUserStop(connection),
      () => undefined,
    );
    return connection !== undefined;
  };

  /** Ends row `key`'s Retry, if one is under way; its link, if the browser has it, is not wanted unless `keepLink`. */
  const endRetry = (key: string, keepLink?: number): PendingRetry | undefined => {
    const pending = retrying.get(key);
    if (!pending) return undefined;
    clearTimeout(pending.timer);
    retrying.delete(key);
    if (pending.link !== undefined && pending.link !== keepLink) ids.unwanted.add(pending.link);
    return pending;
  };

  /** The row a new download goes in: its link's, when that one ended short of done or is retried; else a new one. */
  const rowFor = (msg: Progress, fields: Partial<Transfer>): string => {
    const prior = ids.byLink.get(msg.link);
    const row = rowOf(prior);
    // A Retry ends as its download begins; if the browser's own retry of the old link came first, that
    // one goes on in the row, and the Retry's download is stopped should the browser fetch it too.
    const retried = prior !== undefined && endRetry(prior, msg.link) !== undefined;
    if (prior && row && (retried || (FINISHED.has(row.status) && row.status !== 'done'))) {
      // A row a reload kept is this session's download from here on (`restored` no longer holds).
      state().patchTransfers({
        [prior]: { ...fields, link: msg.link, attempt: (row.attempt ?? 1) + 1, error: undefined, priorError: undefined, canRetry: undefined, unheard: undefined, stoppedByPage: undefined, notBegun: undefined, restored: undefined, finishedAt: undefined },
      });
      return prior;
    }
    const key = `download-${++count}`;
    const want = ids.asked.get(msg.link);
    ids.asked.delete(msg.link);
    const site = selectSite(state());
    state().addTransfers([
      {
        key,
        direction: 'download',
        name: msg.name,
        path: msg.path,
        ...(site ? { site } : {}),
        transferType: msg.ascii ? 'ascii' : 'binary',
        transferId: msg.downloadId,
        size: 0,
        sent: 0,
        received: 0,
        written: 0,
        rate: 0,
        status: 'sending',
        link: msg.link,
        ...fields,
        ...(want ? { want } : {}),
      },
    ]);
    ids.byLink.set(msg.link, key);
    pruneLinks();
    return key;
  };

  /** A failed row offers Retry when the page knows what it asked for. */
  const failedRow = (key: string, error: Transfer['error']): Partial<Transfer> => ({ status: 'failed', error, priorError: undefined, rate: 0, canRetry: wantOf(key) !== undefined, finishedAt: Date.now() });

  return {
    async start(want) {
      const { url, link } = await ask(want);
      startBrowserDownload(url, want.name);
      ids.asked.set(link, want);
      if (ids.asked.size > ASKED_KEPT) ids.asked.delete(ids.asked.keys().next().value as number);
    },
    retry(key) {
      if (!isDownloadRow(key)) return false;
      const want = wantOf(key);
      const row = rowOf(key);
      // Not from another server: after a connect elsewhere the same path is another file.
      if (!want || row?.status !== 'failed' || fromOtherSite(row, selectSite(state()))) return true;
      // Waiting to start until the new link's download begins, which then continues this row.
      const pending: PendingRetry = {
        timer: setTimeout(() => {
          // Never fetched: the row is as it was. Should the browser fetch it after all, the row goes on.
          if (retrying.get(key) !== pending) return;
          endRetry(key, pending.link);
          state().patchTransfers({ [key]: failedRow(key, rowOf(key)?.priorError) });
        }, RETRY_START_MS),
      };
      retrying.set(key, pending);
      // The failure it retries stays with the row, not here: a reload before the download begins keeps the
      // row as that failure, with the Retry's link (store/finishedRows.ts).
      state().patchTransfers({ [key]: { status: 'queued', error: undefined, priorError: row.error, canRetry: false, finishedAt: undefined } });
      ask(want).then(
        ({ url, link }) => {
          // Cancelled, or overtaken by the browser's own retry, while the link was asked for: it stays unused.
          if (retrying.get(key) !== pending) return;
          pending.link = link;
          ids.byLink.set(link, key);
          // Kept by a reload too: the browser may fetch it after one.
          state().patchTransfers({ [key]: { link } });
          startBrowserDownload(url, want.name);
        },
        (err: unknown) => {
          if (retrying.get(key) !== pending) return;
          endRetry(key);
          state().patchTransfers({ [key]: failedRow(key, wireErrorOf(err)) });
        },
      );
      return true;
    },
    progressed(msg) {
      const bytes = msg.bytes;
      // A ZIP's size is what it has reached; the row says so (sizeUnknown) instead of a full bar.
      const fields: Partial<Transfer> = { size: msg.total ?? bytes, sizeUnknown: msg.total === undefined, sent: bytes, received: bytes, written: bytes, rate: msg.rate };
      // While it waits (for a connection, or its paths' lookup) its name and kind are a guess, which its start settles.
      const what: Partial<Transfer> = { name: msg.name, path: msg.path, zip: msg.zip === true, transferType: msg.ascii ? 'ascii' : 'binary', ...phase(msg) };
      const known = ids.running.get(msg.downloadId);
      if (known) {
        if (msg.connection) known.connection = msg.connection;
        if (!FINISHED.has(rowOf(known.key)?.status ?? 'done')) state().patchTransfers({ [known.key]: { ...fields, ...what } });
        return;
      }
      if (ids.dropped.has(msg.downloadId)) return;
      if (ids.unwanted.delete(msg.link)) {
        // A Retry nobody wants any more, which the browser fetched anyway.
        ids.dropped.add(msg.downloadId);
        stop(msg.downloadId, msg.connection);
        return;
      }
      const key = rowFor(msg, { ...fields, ...what, transferId: msg.downloadId, startedAt: Date.now() });
      ids.running.set(msg.downloadId, { key, ...(msg.connection ? { connection: msg.connection } : {}) });
      ids.seen.add(msg.downloadId);
      // Only a failure of a download this page is showing, or just showed, is looked up here.
      if (ids.seen.size > IDS_KEPT) ids.seen.delete(ids.seen.values().next().value as number);
    },
    ended(msg) {
      const known = ids.running.get(msg.downloadId);
      ids.running.delete(msg.downloadId);
      // It was done before the user's stop reached it: no abort of theirs will follow.
      if (known?.stopNoted && msg.ok && known.connection) state().forgetUserStop(known.connection);
      const row = rowOf(known?.key);
      if (!known || !row || FINISHED.has(row.status)) return;
      const bytes = msg.bytes;
      // Ended by Close session, a Connect or a charset switch (the user's own doing): a stop, with why.
      const status = msg.ok ? 'done' : msg.stopped || msg.error?.code === ServerErrorCodes.CANCELLED ? 'cancelled' : 'failed';
      state().patchTransfers({
        [known.key]: {
          sent: bytes,
          received: bytes,
          written: bytes,
          rate: 0,
          ...(row.sizeUnknown ? { size: bytes } : {}),
          status,
          ...(status === 'failed' ? { canRetry: wantOf(known.key) !== undefined } : {}),
          ...(status === 'cancelled' && row.status === 'queued' ? { notBegun: true } : {}),
          ...(msg.stopped === 'page' ? { stoppedByPage: true } : {}),
          ...(msg.error ? { error: msg.error } : {}),
          // What the check found; none when it was cut short (the hash it was waiting for goes too).
          verified: msg.verified,
          verifiedBy: msg.verifiedBy,
          verifiedFrom: msg.verifiedFrom,
          finishedAt: Date.now(),
        },
      });
    },
    ownsFailure(msg) {
      // A download of an unwanted Retry (dropped) that failed before its stop landed is nobody's news either.
      if (msg.downloadId !== undefined) return ids.seen.has(msg.downloadId) || ids.dropped.has(msg.downloadId);
      // A Retry nobody wants any more, which failed before it began: nobody needs to hear.
      if (ids.unwanted.delete(msg.link)) return true;
      // Failed before its body began. A retry (the row's Retry, the browser's own, or Resume in its
      // downloads list) of a row that ended short of done continues that row; anything else is news for a toast.
      const key = ids.byLink.get(msg.link);
      const row = rowOf(key);
      if (key === undefined || !row) return false;
      // The old link's failure (the browser's own retry) while the row's Retry is under way: the Retry goes on.
      const pending = retrying.get(key);
      if (pending && pending.link !== msg.link) return true;
      if (endRetry(key, msg.link) === undefined && (!FINISHED.has(row.status) || row.status === 'done')) return false;
      state().patchTransfers({ [key]: { ...failedRow(key, msg.error), attempt: (row.attempt ?? 1) + 1, unheard: undefined, stoppedByPage: undefined } });
      return true;
    },
    welcomed(resumed, stillRunning) {
      const going = new Set(stillRunning);
      const unheard: Record<string, Partial<Transfer>> = {};
      if (!adopted) {
        adopted = true;
        for (const downloadId of cancelOnBind.values()) {
          // Its later events (and a refetch through its link) belong to no row: it was cancelled.
          ids.dropped.add(downloadId);
          if (resumed && going.has(downloadId)) stop(downloadId, undefined);
        }
        cancelOnBind.clear();
        // A reloaded page: the rows an earlier one kept take up their links and downloads again.
        Object.assign(unheard, adoptKept(state(), ids, (id) => resumed && going.has(id)));
      }
      for (const [id, row] of ids.running) {
        if (resumed && going.has(id)) continue;
        ids.running.delete(id);
        // How it ended went to no page: neither done nor failed, as far as this page can say.
        if (!FINISHED.has(rowOf(row.key)?.status ?? 'done')) unheard[row.key] = { status: 'cancelled', unheard: true, rate: 0, finishedAt: Date.now() };
      }
      // A new server session numbers its downloads and links from 1 again.
      if (!resumed) {
        ids.reset();
        // A Retry whose link the old session minted will never begin: its row is as before, and can be retried again.
        for (const [key, pending] of retrying) {
          clearTimeout(pending.timer);
          if (rowOf(key)?.status === 'queued') unheard[key] = failedRow(key, rowOf(key)?.priorError);
        }
        retrying.clear();
        // The old session's link numbers: a later reload must not bind them to this session's.
        for (const key of linkedRows(state())) unheard[key] = { ...unheard[key], link: undefined };
      }
      state().patchTransfers(unheard);
    },
    cancel(key) {
      for (const [downloadId, row] of ids.running) {
        if (row.key !== key) continue;
        if (stop(downloadId, row.connection)) row.stopNoted = true;
        return true;
      }
      // A Retry whose download has not begun: nothing runs on the server yet (it is stopped, should it begin).
      if (endRetry(key)) state().patchTransfers({ [key]: { status: 'cancelled', stoppedByPage: true, notBegun: true, priorError: undefined, rate: 0, finishedAt: Date.now() } });
      // A download a reload kept running, before the page's first welcome binds it (Review 46): stopped
      // then, if the session it ran in is the one resumed; the row says so at once.
      const row = rowOf(key);
      if (!adopted && row?.restored && !FINISHED.has(row.status) && row.transferId !== null) {
        cancelOnBind.set(key, row.transferId);
        state().patchTransfers({ [key]: { status: 'cancelled', stoppedByPage: true, priorError: undefined, rate: 0, finishedAt: Date.now() } });
      }
      return isDownloadRow(key);
    },
    sessionStopping() {
      for (const row of ids.running.values()) {
        if (!row.connection) continue;
        state().noteUserStop(row.connection);
        row.stopNoted = true;
      }
    },
  };
}
