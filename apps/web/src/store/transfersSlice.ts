/**
 * The transfer queue as the UI shows it. Progress arrives often, so callers
 * batch patches (see api/patchBatcher.ts) and apply many at once.
 */
import type { TransferType, WireError } from '@ftpdeck/protocol';
import type { TransferTypePref } from '../lib/transferType.ts';
import type { SliceCreator } from './types.ts';

/** Lifecycle of one transfer. */
export type TransferStatus = 'queued' | 'starting' | 'sending' | 'finishing' | 'paused' | 'done' | 'failed' | 'cancelled' | 'skipped';

/** What a download was asked for: enough to ask again (api/downloadRows.ts). */
export interface DownloadWant {
  /** Absolute paths; a folder's ends in `/`. */
  paths: string[];
  transferType: TransferType;
  /**
   * The saved file's name (the link's `download` attribute). The server's
   * Content-Disposition names a download that succeeds; this names one
   * that fails before its first byte in the browser's list.
   */
  name?: string;
}

/** One queued, running or finished transfer. */
export interface Transfer {
  /**
   * Local key (the server's transferId is only known after upload-start; a
   * download's row is `download-<n>`, a row a reload kept `restored-<n>`).
   */
  key: string;
  direction: 'upload' | 'download';
  name: string;
  /** Absolute remote path. */
  path: string;
  /**
   * The site the path is on (`user@host:port`, store/selectors.ts
   * `selectSite`), when the row began. A Retry or Resume goes only there:
   * after a connect to another server, the same path is another file.
   */
  site?: string;
  size: number;
  /** How its bytes travel, decided when it was queued. */
  transferType: TransferType;
  /** The server's id: an upload's `transferId`, a download's `downloadId`. */
  transferId: number | null;
  /** Bytes handed to the WebSocket. */
  sent: number;
  /** Bytes the relay received (server-reported). */
  received: number;
  /** Bytes written to the FTP data connection (server-reported). */
  written: number;
  /** Bytes per second, server-reported. */
  rate: number;
  status: TransferStatus;
  error?: WireError;
  /**
   * A download's Retry waiting for its download to begin: the failure it
   * retries, shown again if it never begins; a reload before then keeps the
   * row as that failure (store/finishedRows.ts).
   */
  priorError?: WireError;
  /** `true` when the remote size (or hash) matched, a text when it did not. */
  verified?: boolean | string;
  /** What the verification rested on (`size`, `sha256`, …). */
  verifiedBy?: string;
  /** The hash covered only the bytes from here to the end: what a resume or an append sent. */
  verifiedFrom?: number;
  /** An upload asked to keep the local file's time: whether the server set it (false: it refused). */
  timeKept?: boolean;
  /** Attempts so far (automatic resumes count). */
  attempt?: number;
  /** The upload waits for the user's answer in the "file exists" dialog. */
  asking?: boolean;
  /** A failed upload whose file is still at hand, so Retry can resume it. */
  canRetry?: boolean;
  /** An upload the user chose to overwrite a file the server held with. */
  replaced?: boolean;
  /** An upload an earlier page of this session sent, lost when that page went away (`upload-interrupted`). */
  interrupted?: boolean;
  /** A download whose size is not known ahead (a ZIP, ASCII): `size` is what it has reached so far. */
  sizeUnknown?: boolean;
  /** A download of a streamed ZIP. */
  zip?: boolean;
  /** A download that ended while the page's socket was down: how it ended was told to no page (status `cancelled`, not announced). */
  unheard?: boolean;
  /** A download the page stopped (its Cancel), rather than the browser. */
  stoppedByPage?: boolean;
  /** A download stopped while it still waited (for a connection, or its paths' lookup): no byte was asked for. */
  notBegun?: boolean;
  /**
   * What a download row's link asked for, when the page started it: its
   * Retry asks for the same again. Kept on the row, not beside it, so a row
   * a reload kept can still be retried (store/finishedRows.ts).
   */
  want?: DownloadWant;
  /**
   * A finished row an earlier page of this tab showed, put back after a
   * reload (store/persistFinishedRows.ts). No server event reaches it: its
   * `transferId` is null, and its key is none the server's ids map to.
   * A download's Retry makes it this session's row again (and clears this).
   */
  restored?: boolean;
  /**
   * A download row's link number in this server session: a new download
   * through it (the browser's own retry, Resume in its downloads list)
   * continues the row. A reload keeps it for a row that runs or ended short
   * of done (store/runningDownloads.ts, store/finishedRowShape.ts), so the
   * resumed session's downloads find their rows again (api/keptDownloads.ts).
   * A running download's row a reload kept (`reloaded-<n>`, `restored` too)
   * has its downloadId in `transferId`, but no event reaches it before the
   * page's first welcome binds it, and then only in the same session.
   */
  link?: number;
  startedAt?: number;
  finishedAt?: number;
}

/** Statuses after which a transfer no longer changes. */
export const FINISHED: ReadonlySet<TransferStatus> = new Set(['done', 'failed', 'cancelled', 'skipped']);

/**
 * A download at its check against the server's hash: the browser has every
 * byte, so nothing is left to stop. It has no Cancel, "Cancel all" leaves it,
 * and closing the session would end nothing of it but the check.
 */
export function isCheckingDownload(t: Pick<Transfer, 'direction' | 'status'>): boolean {
  return t.direction === 'download' && t.status === 'finishing';
}

/** A transfer that reached a final status, as patchTransfers saw it happen. */
export interface TransferEnding {
  /** Counts every ending since the page loaded; the newest has the highest. */
  seq: number;
  name: string;
  status: Extract<TransferStatus, 'done' | 'failed' | 'cancelled' | 'skipped'>;
}

/** Endings kept for whoever reads them late (the announcer reads them within 1.5 s). */
const ENDINGS_KEPT = 500;

/** Transfers state and its actions. */
export interface TransfersSlice {
  transfers: Readonly<Record<string, Transfer>>;
  /**
   * The latest transfers to end, oldest first (at most 500). Kept here so a
   * reader learns of endings without scanning every transfer on every store
   * write (20 000 rows made that the page's main cost, Review 23).
   */
  transferEndings: readonly TransferEnding[];
  /** Keys in queue order. */
  transferOrder: readonly string[];
  /** The transfer type setting new transfers are queued with (lib/transferType.ts). */
  transferTypePref: TransferTypePref;
  /**
   * Uploads queued from now on set their file's time on the server to the
   * local file's (`upload-start.modified`), as FileZilla's "preserve
   * timestamps" does. Off by default, as there: it costs a command per file.
   */
  keepTimes: boolean;
  setKeepTimes: (keepTimes: boolean) => void;
  /**
   * A dropped tree's folders being made before its files are queued
   * (api/treeFolders.ts): folders done of the total; null when none are.
   * On a slow server that takes minutes, and the panel says so.
   */
  folderWork: FolderWork | null;
  setFolderWork: (work: FolderWork | null) => void;
  /**
   * Dropped folder trees being read (api/dropReading.ts): files and
   * folders found so far; null when none is. The browser reads a tree of
   * thousands of folders for seconds before anything can be queued.
   */
  dropReading: DropReading | null;
  setDropReading: (reading: DropReading | null) => void;
  setTransferTypePref: (pref: TransferTypePref) => void;
  /** Appends new transfers to the queue. */
  addTransfers: (items: readonly Transfer[]) => void;
  /** Applies many patches in one store update. Unknown keys are ignored. */
  patchTransfers: (patches: Readonly<Record<string, Partial<Transfer>>>) => void;
  /**
   * Puts finished rows an earlier page of this tab showed ahead of the queue,
   * in their order. They are no news: nothing is announced for them.
   */
  restoreTransfers: (items: readonly Transfer[]) => void;
  /** Removes finished transfers from the list. */
  clearFinishedTransfers: () => void;
}

/** Folders of a dropped tree made so far, of all it has. */
export interface FolderWork {
  done: number;
  total: number;
}

/** Entries found so far in the dropped trees being read. */
export interface DropReading {
  found: number;
}

function sameFolderWork(a: FolderWork | null, b: FolderWork | null): boolean {
  return a === b || (a !== null && b !== null && a.done === b.done && a.total === b.total);
}

/** Creates the transfers slice. */
export const createTransfersSlice: SliceCreator<TransfersSlice> = (set) => ({
  transfers: {},
  transferEndings: [],
  transferOrder: [],
  transferTypePref: 'binary',
  setTransferTypePref: (transferTypePref) => set({ transferTypePref }),
  keepTimes: false,
  setKeepTimes: (keepTimes) => set({ keepTimes }),
  folderWork: null,
  // The same count again is no write: zustand would wake every subscriber.
  setFolderWork: (work) => set((s) => (sameFolderWork(s.folderWork, work) ? s : { folderWork: work })),
  dropReading: null,
  setDropReading: (reading) => set((s) => (s.dropReading?.found === reading?.found ? s : { dropReading: reading })),
  addTransfers: (items) =>
    set((s) => {
      const transfers = { ...s.transfers };
      for (const t of items) transfers[t.key] = t;
      return { transfers, transferOrder: [...s.transferOrder, ...items.map((t) => t.key)] };
    }),
  restoreTransfers: (items) =>
    set((s) => {
      if (items.length === 0) return s;
      const transfers = { ...s.transfers };
      for (const t of items) transfers[t.key] = t;
      // Not through transferEndings: those are endings seen happen, and the announcer says each one.
      return { transfers, transferOrder: [...items.map((t) => t.key), ...s.transferOrder] };
    }),
  patchTransfers: (patches) =>
    set((s) => {
      let transfers: Record<string, Transfer> | null = null;
      let ended: TransferEnding[] | null = null;
      let seq = s.transferEndings[s.transferEndings.length - 1]?.seq ?? 0;
      for (const [key, patch] of Object.entries(patches)) {
        const current = s.transfers[key];
        if (!current) continue;
        transfers ??= { ...s.transfers };
        const next = { ...current, ...patch };
        transfers[key] = next;
        // An ending nobody saw (a download that ended while the socket was down) is not news to announce.
        if (FINISHED.has(next.status) && !FINISHED.has(current.status) && !next.unheard) {
          ended ??= [];
          ended.push({ seq: ++seq, name: next.name, status: next.status as TransferEnding['status'] });
        }
      }
      if (!transfers) return s; // no write: zustand notifies every subscriber for any new object, even {}
      return ended ? { transfers, transferEndings: [...s.transferEndings, ...ended].slice(-ENDINGS_KEPT) } : { transfers };
    }),
  clearFinishedTransfers: () =>
    set((s) => {
      const keep = s.transferOrder.filter((k) => {
        const t = s.transfers[k];
        return t !== undefined && !FINISHED.has(t.status);
      });
      const transfers: Record<string, Transfer> = {};
      for (const k of keep) transfers[k] = s.transfers[k] as Transfer;
      return { transfers, transferOrder: keep };
    }),
});
