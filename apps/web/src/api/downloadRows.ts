/**
 * Rows in the transfers panel for the downloads this session's links
 * started. The bytes go to the browser's own download manager (an HTTP
 * response); the server reports each download over the socket
 * (`download-progress`, `download-end`), and a row's Cancel stops it there
 * (`download-cancel`: ABOR, and the browser's download ends as failed).
 *
 * A row appears with a download's first event, so a page reloaded while one
 * runs shows it too. Rows are keyed by the page, not by the server's
 * `downloadId`: ids start over in a new server session, rows stay.
 */
import type { ServerMessage } from '@ftpdeck/protocol';
import type { StoreApi } from 'zustand/vanilla';
import type { AppState } from '../store/types.ts';
import { FINISHED } from '../store/transfersSlice.ts';
import type { RequestFn } from './types.ts';

type Progress = Extract<ServerMessage, { type: 'download-progress' }>;
type End = Extract<ServerMessage, { type: 'download-end' }>;
type Failed = Extract<ServerMessage, { type: 'download-failed' }>;

/** What the panel's download rows hear and do. */
export interface DownloadRows {
  /** A download's progress; its first event adds its row. */
  progressed(msg: Progress): void;
  /** A download ended: its row says how. */
  ended(msg: End): void;
  /** True when the failure is a shown download's, whose row says why: no toast needed. */
  ownsFailure(msg: Failed): boolean;
  /**
   * The socket's handshake: `running` are the shown downloads still going.
   * A row still running that is not among them ended while no page heard it.
   */
  welcomed(resumed: boolean, running: readonly number[]): void;
  /** Stops the download of row `key`; false when `key` is not a download's row. */
  cancel(key: string): boolean;
}

interface Known {
  key: string;
  connection?: string;
}

/** Creates the download rows of one tab. */
export function createDownloadRows(deps: { store: StoreApi<AppState>; request: RequestFn }): DownloadRows {
  const state = () => deps.store.getState();
  /** downloadId → its row, for this server session. */
  let known = new Map<number, Known>();
  let count = 0;
  const running = (key: string): boolean => {
    const row = state().transfers[key];
    return row !== undefined && !FINISHED.has(row.status);
  };

  return {
    progressed(msg) {
      const known1 = known.get(msg.downloadId);
      const bytes = msg.bytes;
      // A ZIP's size is what it has reached; the row says so (sizeUnknown) instead of a full bar.
      const size = msg.total ?? bytes;
      if (!known1) {
        const key = `download-${++count}`;
        known.set(msg.downloadId, { key, ...(msg.connection ? { connection: msg.connection } : {}) });
        state().addTransfers([
          {
            key,
            direction: 'download',
            name: msg.name,
            path: msg.path,
            size,
            ...(msg.total === undefined ? { sizeUnknown: true } : {}),
            transferType: 'binary',
            transferId: msg.downloadId,
            sent: bytes,
            received: bytes,
            written: bytes,
            rate: msg.rate,
            status: 'sending',
            startedAt: Date.now(),
          },
        ]);
        return;
      }
      if (!running(known1.key)) return;
      state().patchTransfers({ [known1.key]: { sent: bytes, received: bytes, written: bytes, rate: msg.rate, size } });
    },
    ended(msg) {
      const row = known.get(msg.downloadId);
      if (!row || !running(row.key)) return;
      const current = state().transfers[row.key];
      const bytes = msg.bytes;
      state().patchTransfers({
        [row.key]: {
          sent: bytes,
          received: bytes,
          written: bytes,
          rate: 0,
          ...(current?.sizeUnknown ? { size: bytes } : {}),
          status: msg.ok ? 'done' : msg.stopped ? 'cancelled' : 'failed',
          ...(msg.error ? { error: msg.error } : {}),
          finishedAt: Date.now(),
        },
      });
    },
    ownsFailure(msg) {
      return msg.downloadId !== undefined && known.has(msg.downloadId);
    },
    welcomed(resumed, stillRunning) {
      const going = new Set(stillRunning);
      const unheard: Record<string, { status: 'failed'; unheard: true; rate: 0; finishedAt: number }> = {};
      for (const [id, row] of known) {
        if (running(row.key) && (!resumed || !going.has(id))) unheard[row.key] = { status: 'failed', unheard: true, rate: 0, finishedAt: Date.now() };
      }
      state().patchTransfers(unheard);
      // A new server session numbers its downloads from 1 again.
      if (!resumed) known = new Map();
    },
    cancel(key) {
      for (const [downloadId, row] of known) {
        if (row.key !== key) continue;
        // The ABOR and its replies in the transcript are the user's doing, not the server's.
        if (row.connection) state().noteUserStop(row.connection);
        void deps.request({ type: 'download-cancel', downloadId }).catch(() => undefined);
        return true;
      }
      return key.startsWith('download-');
    },
  };
}
