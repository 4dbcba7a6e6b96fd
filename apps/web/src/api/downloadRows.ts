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
 */
import { ServerErrorCodes, type ServerMessage } from '@ftpdeck/protocol';
import type { StoreApi } from 'zustand/vanilla';
import type { AppState } from '../store/types.ts';
import { FINISHED, type Transfer } from '../store/transfersSlice.ts';
import type { RequestFn } from './types.ts';

type Progress = Extract<ServerMessage, { type: 'download-progress' }>;
type End = Extract<ServerMessage, { type: 'download-end' }>;
type Failed = Extract<ServerMessage, { type: 'download-failed' }>;

/** What the panel's download rows hear and do. */
export interface DownloadRows {
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

interface Running {
  key: string;
  connection?: string;
}

/** Links remembered past this many are forgotten once their rows are cleared. */
const LINKS_KEPT = 500;
/** Download ids remembered for their `download-failed`, which follows their `download-end` at once. */
const IDS_KEPT = 500;

/** Creates the download rows of one tab. */
export function createDownloadRows(deps: { store: StoreApi<AppState>; request: RequestFn }): DownloadRows {
  const state = () => deps.store.getState();
  /** downloadId → its row, while it runs (this server session). */
  let running = new Map<number, Running>();
  /** link → the key of its latest row (this server session). */
  let byLink = new Map<number, string>();
  /** Every downloadId this server session has shown. */
  let seen = new Set<number>();
  let count = 0;
  const rowOf = (key: string | undefined): Transfer | undefined => (key === undefined ? undefined : state().transfers[key]);

  /** Forgets links whose rows were cleared, once there are many. */
  const pruneLinks = (): void => {
    if (byLink.size <= LINKS_KEPT) return;
    for (const [link, key] of byLink) if (!rowOf(key)) byLink.delete(link);
  };

  /** The row a new download goes in: its link's, when that one ended short of done; else a new one. */
  const rowFor = (msg: Progress, fields: Partial<Transfer>): string => {
    const prior = byLink.get(msg.link);
    const row = rowOf(prior);
    if (prior && row && FINISHED.has(row.status) && row.status !== 'done') {
      state().patchTransfers({ [prior]: { ...fields, attempt: (row.attempt ?? 1) + 1, error: undefined, unheard: undefined, stoppedByPage: undefined, finishedAt: undefined } });
      return prior;
    }
    const key = `download-${++count}`;
    state().addTransfers([
      {
        key,
        direction: 'download',
        name: msg.name,
        path: msg.path,
        transferType: msg.ascii ? 'ascii' : 'binary',
        transferId: msg.downloadId,
        size: 0,
        sent: 0,
        received: 0,
        written: 0,
        rate: 0,
        status: 'sending',
        ...fields,
      },
    ]);
    byLink.set(msg.link, key);
    pruneLinks();
    return key;
  };

  return {
    progressed(msg) {
      const bytes = msg.bytes;
      // A ZIP's size is what it has reached; the row says so (sizeUnknown) instead of a full bar.
      const fields: Partial<Transfer> = { size: msg.total ?? bytes, sizeUnknown: msg.total === undefined, sent: bytes, received: bytes, written: bytes, rate: msg.rate };
      // While it waits (for a connection, or its paths' lookup) its name and kind are a guess, which its start settles.
      const what: Partial<Transfer> = { name: msg.name, path: msg.path, zip: msg.zip === true, transferType: msg.ascii ? 'ascii' : 'binary', status: msg.waiting ? 'queued' : 'sending' };
      const known = running.get(msg.downloadId);
      if (known) {
        if (msg.connection) known.connection = msg.connection;
        if (!FINISHED.has(rowOf(known.key)?.status ?? 'done')) state().patchTransfers({ [known.key]: { ...fields, ...what } });
        return;
      }
      const key = rowFor(msg, { ...fields, ...what, transferId: msg.downloadId, startedAt: Date.now() });
      running.set(msg.downloadId, { key, ...(msg.connection ? { connection: msg.connection } : {}) });
      seen.add(msg.downloadId);
      // Only a failure of a download this page is showing, or just showed, is looked up here.
      if (seen.size > IDS_KEPT) seen.delete(seen.values().next().value as number);
    },
    ended(msg) {
      const known = running.get(msg.downloadId);
      running.delete(msg.downloadId);
      const row = rowOf(known?.key);
      if (!known || !row || FINISHED.has(row.status)) return;
      const bytes = msg.bytes;
      state().patchTransfers({
        [known.key]: {
          sent: bytes,
          received: bytes,
          written: bytes,
          rate: 0,
          ...(row.sizeUnknown ? { size: bytes } : {}),
          // Ended by Close session, a Connect or a charset switch (the user's own doing): a stop, with why.
          status: msg.ok ? 'done' : msg.stopped || msg.error?.code === ServerErrorCodes.CANCELLED ? 'cancelled' : 'failed',
          ...(msg.stopped === 'page' ? { stoppedByPage: true } : {}),
          ...(msg.error ? { error: msg.error } : {}),
          finishedAt: Date.now(),
        },
      });
    },
    ownsFailure(msg) {
      if (msg.downloadId !== undefined) return seen.has(msg.downloadId);
      // Failed before its body began. A retry (the browser's own, or Resume in its downloads list)
      // of a row that ended short of done continues that row; anything else is news for a toast.
      const key = byLink.get(msg.link);
      const row = rowOf(key);
      if (key === undefined || !row || !FINISHED.has(row.status) || row.status === 'done') return false;
      state().patchTransfers({ [key]: { status: 'failed', error: msg.error, rate: 0, attempt: (row.attempt ?? 1) + 1, unheard: undefined, stoppedByPage: undefined, finishedAt: Date.now() } });
      return true;
    },
    welcomed(resumed, stillRunning) {
      const going = new Set(stillRunning);
      const unheard: Record<string, Partial<Transfer>> = {};
      for (const [id, row] of running) {
        if (resumed && going.has(id)) continue;
        running.delete(id);
        // How it ended went to no page: neither done nor failed, as far as this page can say.
        if (!FINISHED.has(rowOf(row.key)?.status ?? 'done')) unheard[row.key] = { status: 'cancelled', unheard: true, rate: 0, finishedAt: Date.now() };
      }
      state().patchTransfers(unheard);
      // A new server session numbers its downloads and links from 1 again.
      if (!resumed) {
        running = new Map();
        byLink = new Map();
        seen = new Set();
      }
    },
    cancel(key) {
      for (const [downloadId, row] of running) {
        if (row.key !== key) continue;
        // The ABOR and its replies in the transcript are the user's doing, not the server's.
        if (row.connection) state().noteUserStop(row.connection);
        void deps.request({ type: 'download-cancel', downloadId }).catch(() => undefined);
        return true;
      }
      return key.startsWith('download-');
    },
    sessionStopping() {
      for (const row of running.values()) if (row.connection) state().noteUserStop(row.connection);
    },
  };
}
