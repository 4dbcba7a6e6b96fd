/**
 * The download rows still running when the tab reloads, kept beside its
 * finished rows (store/finishedRows.ts) and written at their pace
 * (store/persistFinishedRows.ts), so the new page can take them up again:
 * its first `welcome` binds each to its download and link
 * (api/keptDownloads.ts). One a resumed server session still runs goes on
 * in its row, with what it asked for (its Retry); one that ended meanwhile
 * says so, as after a socket blip. Without this, such a download came back
 * as a new row without a Retry, or, ended during the reload, not at all.
 *
 * Stored as `{"v":1,"rows":[{"downloadId":3,"waiting":false,"row":{…}}]}`,
 * in panel order: `row` is in the finished rows' shape
 * (store/finishedRowShape.ts, which checks every field on the way back), as
 * the stopped row the download becomes if no page hears of it again, with
 * its link number; `waiting` says which running status it goes back to.
 * The ids are small counts of the server session, not secrets; the
 * download's URL, whose ticket fetches the file, is never stored. Never
 * throws: a full or disabled storage must not break the page.
 */
import type { StoreApi } from 'zustand/vanilla';
import { FINISHED, type Transfer } from './transfersSlice.ts';
import { isLinkNumber, readStoredRow, toStoredRow } from './finishedRowShape.ts';
import { forgetKept, loadKept, saveKept, type RowStorage } from './keptList.ts';
import type { KeptAlongside } from './persistFinishedRows.ts';
import type { AppState } from './types.ts';

/** The storage key, beside the finished rows' under the tab's own prefix. */
export const RUNNING_DOWNLOADS_KEY = 'ftpdeck.runningDownloads';
/** The shape written; another is ignored. */
export const RUNNING_DOWNLOADS_VERSION = 1;
/**
 * Rows kept at most. A browser runs a handful of downloads from one site at
 * a time (more wait in its queue); past this the rest come back as before,
 * as new rows with the server's next progress.
 */
export const RUNNING_DOWNLOADS_KEPT = 100;
/** Characters of JSON at most: a row's `want` may hold 16 KiB of paths. */
export const RUNNING_DOWNLOADS_BUDGET = 200_000;

/** A running download's row, with its downloadId (`transferId`) and its link. */
export type RunningRow = Transfer & { transferId: number; link: number };

/**
 * Is `t` the row of a download running now, with the ids a reload needs to
 * find it again? Not a Retry that has not begun: the finished rows keep it,
 * as the failure it retries (store/finishedRows.ts).
 */
function isRunningDownload(t: Transfer | undefined): t is RunningRow {
  return t !== undefined && t.direction === 'download' && !FINISHED.has(t.status) && t.priorError === undefined && t.transferId !== null && t.link !== undefined;
}

/** The running download rows a reload keeps, in panel order, at most {@link RUNNING_DOWNLOADS_KEPT}. */
export function runningDownloadRows(s: Pick<AppState, 'transfers' | 'transferOrder'>): RunningRow[] {
  const rows: RunningRow[] = [];
  for (const key of s.transferOrder) {
    const t = s.transfers[key];
    if (isRunningDownload(t)) rows.push(t);
    if (rows.length === RUNNING_DOWNLOADS_KEPT) break;
  }
  return rows;
}

/** The stored text of `rows`, within {@link RUNNING_DOWNLOADS_BUDGET} characters (the later rows left out). */
export function encodeRunningDownloads(rows: readonly RunningRow[]): string {
  const texts: string[] = [];
  let used = 0;
  for (const t of rows) {
    // Stored as stopped: the shape the finished rows' check reads (it has no running status).
    const text = JSON.stringify({ downloadId: t.transferId, waiting: t.status === 'queued', row: toStoredRow({ ...t, status: 'cancelled' }) });
    used += text.length + 1;
    if (used > RUNNING_DOWNLOADS_BUDGET) break;
    texts.push(text);
  }
  return `{"v":${RUNNING_DOWNLOADS_VERSION},"rows":[${texts.join(',')}]}`;
}

/** Writes `rows` (none: removes the key); a refusal removes what storage held (keptList.ts). False then. */
export function saveRunningDownloads(storage: RowStorage, rows: readonly RunningRow[]): boolean {
  return saveKept(storage, RUNNING_DOWNLOADS_KEY, () => (rows.length === 0 ? null : encodeRunningDownloads(rows)));
}

/** Removes the kept rows (a closed site tab's). */
export function forgetRunningDownloads(storage: RowStorage): void {
  forgetKept(storage, RUNNING_DOWNLOADS_KEY);
}

/** Keys of the rows put back: apart from every other kind of row, in every tab. */
let reloadedSeq = 0;

/** One stored entry as the panel's row, or null when it is not one. */
function readEntry(value: unknown): Transfer | null {
  if (typeof value !== 'object' || value === null) return null;
  const entry = value as Record<string, unknown>;
  const row = readStoredRow(entry.row);
  if (!row || row.direction !== 'download' || row.link === undefined || !isLinkNumber(entry.downloadId) || typeof entry.waiting !== 'boolean') return null;
  return {
    ...row,
    key: `reloaded-${++reloadedSeq}`,
    // Its download's id in the server session, which only a resumed session's welcome binds (api/keptDownloads.ts).
    transferId: entry.downloadId,
    status: entry.waiting ? 'queued' : 'sending',
    rate: 0,
    restored: true,
  };
}

/** The running download rows an earlier page of this tab kept, in their order; none when unreadable. */
export function loadRunningDownloads(storage: RowStorage): Transfer[] {
  const rows: Transfer[] = [];
  for (const value of loadKept(storage, RUNNING_DOWNLOADS_KEY, RUNNING_DOWNLOADS_VERSION).slice(0, RUNNING_DOWNLOADS_KEPT)) {
    const row = readEntry(value);
    if (row) rows.push(row);
  }
  return rows;
}

/**
 * Keeps a tab's running download rows in `storage`, through the finished
 * rows' keeper (pass it as its `alongside`): put back after those, written
 * in the same writes.
 */
export function keepRunningDownloads(storage: RowStorage): KeptAlongside {
  /** What storage holds (rows of this page), compared by identity: a row's every progress is a new object. */
  let written: readonly Transfer[] = [];
  return {
    restore(store: StoreApi<AppState>) {
      // No ending: addTransfers records none, so the announcer says nothing of them.
      store.getState().addTransfers(loadRunningDownloads(storage));
      written = runningDownloadRows(store.getState());
    },
    write(s) {
      const rows = runningDownloadRows(s);
      if (rows.length === written.length && rows.every((t, i) => t === written[i])) return;
      written = rows;
      // A refusal removes the key, and is tried again at the next change.
      saveRunningDownloads(storage, rows);
    },
    forget() {
      written = [];
      forgetRunningDownloads(storage);
    },
  };
}
