/**
 * Which rows a reloaded page takes up again in the server session it
 * resumes, and which link numbers stop meaning anything when the session
 * is a new one. api/downloadRows.ts binds them at the page's first
 * `welcome`.
 *
 * A reload keeps a download row's link number while the browser may still
 * fetch that link (the row runs, or ended short of done: Chromium fetches a
 * cut download again by itself, and the user can press Resume in its
 * downloads list), and a running row's downloadId (store/runningDownloads.ts,
 * store/finishedRowShape.ts). Both are numbers of the server session the
 * earlier page had, so they mean the same only when the welcome says
 * `resumed`: the same session token rejoined the same session. A new
 * session numbers links and downloads from 1 again.
 */
import type { AppState } from '../store/types.ts';
import { FINISHED, type Transfer } from '../store/transfersSlice.ts';
import type { SessionNumbers } from './sessionNumbers.ts';

/** A row an earlier page of this tab kept, with what binds it to the server session again. */
export interface KeptDownload {
  key: string;
  /** The link its download came through: a new download through it continues the row. */
  link: number;
  /** Its download, when it was running as the page went: the welcome says whether it still runs. */
  downloadId?: number;
}

type Table = Pick<AppState, 'transfers' | 'transferOrder'>;

/**
 * The download rows a reload put back with a link, in panel order. A row
 * that was done is not one: a done download's link fetched again is a new
 * download, in a row of its own, as without a reload.
 */
export function keptDownloads(s: Table): KeptDownload[] {
  const kept: KeptDownload[] = [];
  for (const key of s.transferOrder) {
    const t = s.transfers[key];
    if (!t?.restored || t.direction !== 'download' || t.link === undefined || t.status === 'done') continue;
    const downloadId = FINISHED.has(t.status) ? null : t.transferId;
    kept.push({ key, link: t.link, ...(downloadId !== null ? { downloadId } : {}) });
  }
  return kept;
}

/**
 * A reloaded page's first welcome: the rows an earlier page kept take up
 * their links and downloads in `ids` again, as if no reload had been, and
 * are this page's own from then on (a new session's welcome drops them
 * with everything else it numbered). `runs` says whether the welcome lists
 * a download as still going (only ever so when the session resumed). The
 * patches returned take `restored` off the rows whose download goes on:
 * they are a running download's rows again, not a reload's leftovers.
 */
export function adoptKept(s: Table, ids: SessionNumbers, runs: (downloadId: number) => boolean): Record<string, Partial<Transfer>> {
  const going: Record<string, Partial<Transfer>> = {};
  for (const kept of keptDownloads(s)) {
    ids.byLink.set(kept.link, kept.key);
    if (kept.downloadId === undefined) continue;
    ids.running.set(kept.downloadId, { key: kept.key });
    ids.seen.add(kept.downloadId);
    if (runs(kept.downloadId)) going[kept.key] = { restored: undefined };
  }
  return going;
}

/**
 * Rows whose link belongs to a server session that is gone: after a new
 * session's welcome none may be kept, or a later reload would bind them to
 * the new session's links of the same numbers.
 */
export function linkedRows(s: Table): string[] {
  return s.transferOrder.filter((key) => s.transfers[key]?.link !== undefined);
}
