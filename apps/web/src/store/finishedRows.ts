/**
 * The finished rows of a site tab's transfers panel, kept in storage so a
 * reload of the tab shows them again: which of them are kept, how they are
 * written, and how they come back. store/persistFinishedRows.ts decides
 * when; this module never throws, because a full or disabled storage, or
 * text nobody can read, must not break the page.
 *
 * Stored as `{"v":1,"rows":[…]}` (store/finishedRowShape.ts is one row),
 * oldest first. Another `v` is another build's shape and is ignored.
 */
import type { AppState } from './types.ts';
import type { Transfer } from './transfersSlice.ts';
import { isFinishedStatus, readStoredRow, toStoredRow, type StoredRow } from './finishedRowShape.ts';
import { forgetKept, loadKept, saveKept, type RowStorage } from './keptList.ts';

/** The storage key, under the tab's own prefix (lib/siteTab.ts `tabTokenStorage`). */
export const FINISHED_ROWS_KEY = 'ftpdeck.finishedTransfers';
/** The shape written; rows stored under another are ignored. */
export const FINISHED_ROWS_VERSION = 1;
/**
 * Rows kept: failed ones first, then the newest to finish. A row with an ordinary path is 300 to
 * 450 characters of JSON, so 500 are about 200 000: a few per cent of what
 * a browser gives an origin's sessionStorage (some 5 million characters,
 * shared by every site tab), and a write of a millisecond or two. It is as
 * many as the page keeps of its other per-transfer memory (announced
 * endings, download links), and enough to find the few that failed in a
 * drop of hundreds.
 */
export const FINISHED_ROWS_KEPT = 500;
/**
 * Characters of JSON at most, whatever the rows: a path may have 4096
 * characters, and 500 such rows would take 2 million. Rows are left out in
 * the reverse of the order they are kept in.
 */
export const FINISHED_ROWS_BUDGET = 500_000;

export type { RowStorage } from './keptList.ts';

/** A row of the panel that has finished. */
type FinishedRow = Transfer & { status: StoredRow['status'] };

/**
 * Indices of `rows` in the order they are kept when not all can be: the
 * failed ones first, newest to finish first, then the rest the same way.
 * The failures are what a reload must not lose: after a drop of 2000
 * files, the 10 that failed first would otherwise fall out behind 500
 * newer successes (Review 45).
 */
function keepOrder(rows: readonly Transfer[]): number[] {
  return rows
    .map((t, i) => ({ i, failed: t.status === 'failed' || t.priorError !== undefined ? 1 : 0, at: t.finishedAt ?? 0 }))
    .sort((a, b) => b.failed - a.failed || b.at - a.at || b.i - a.i)
    .map(({ i }) => i);
}

/**
 * The rows a reload would keep: the finished ones, at most `cap` (failed
 * ones first, then the newest to finish); in panel order. A row still running is not one: the
 * server brings a running download back, and reports a running upload as
 * interrupted. A download's Retry that has not begun is: kept as the failure
 * it retries (see {@link storedForm}), since nothing runs for it yet that the
 * server could bring back. The rows are the table's own objects, so a look
 * that finds the same ones writes nothing.
 */
export function keptRows(s: Pick<AppState, 'transfers' | 'transferOrder'>, cap = FINISHED_ROWS_KEPT): Transfer[] {
  const finished: Transfer[] = [];
  for (const key of s.transferOrder) {
    const t = s.transfers[key];
    if (t && (isFinishedStatus(t.status) || t.priorError !== undefined)) finished.push(t);
  }
  if (finished.length <= cap) return finished;
  const keep = new Set(keepOrder(finished).slice(0, cap));
  return finished.filter((_, i) => keep.has(i));
}

/**
 * A row as a reload keeps it: a download whose Retry has not begun is the
 * failure it retries, with the Retry's link (a fetch of it after the reload
 * continues the row) and what it asked for (its Retry works again).
 */
function storedForm(t: Transfer): FinishedRow {
  if (isFinishedStatus(t.status)) return t as FinishedRow;
  return { ...t, status: 'failed', error: t.priorError, priorError: undefined };
}

/** The stored text of `rows`: within {@link FINISHED_ROWS_BUDGET} characters, left out in the reverse of their keeping order. */
export function encodeFinishedRows(rows: readonly Transfer[]): string {
  const texts = rows.map((t) => JSON.stringify(toStoredRow(storedForm(t))));
  const keep = new Set<number>();
  let used = 0;
  for (const i of keepOrder(rows)) {
    used += (texts[i] as string).length + 1;
    if (used > FINISHED_ROWS_BUDGET) break;
    keep.add(i);
  }
  return `{"v":${FINISHED_ROWS_VERSION},"rows":[${texts.filter((_, i) => keep.has(i)).join(',')}]}`;
}

/**
 * Writes `rows` (none: removes the key); a refusal removes what storage
 * held (keptList.ts). False when nothing could be written.
 */
export function saveFinishedRows(storage: RowStorage, rows: readonly Transfer[]): boolean {
  return saveKept(storage, FINISHED_ROWS_KEY, () => (rows.length === 0 ? null : encodeFinishedRows(rows)));
}

/** Removes the stored rows ("Clear finished" empties the panel, a closed tab has no panel). */
export function forgetFinishedRows(storage: RowStorage): void {
  forgetKept(storage, FINISHED_ROWS_KEY);
}

/** Keys of restored rows: apart from `up-<n>`, `download-<n>` and `interrupted-<n>`, and from each other in every tab. */
let restoredSeq = 0;

/** A stored row as the panel's row: keyed anew, bound to no server id. */
function restoredRow(row: StoredRow): Transfer {
  return {
    ...row,
    key: `restored-${++restoredSeq}`,
    // No server id: the server's ids start over in a new session, and no event may reach this row.
    transferId: null,
    rate: 0,
    restored: true,
    // An upload's file stayed with the page that had it; a download can ask for its paths again.
    ...(row.status === 'failed' && row.direction === 'download' && row.want ? { canRetry: true } : {}),
  };
}

/**
 * The rows stored for this tab, oldest first, as new rows of the panel;
 * none when there are none or they cannot be read. A row that is not of
 * the current shape is left out; the others come back.
 */
export function loadFinishedRows(storage: RowStorage): Transfer[] {
  const rows: StoredRow[] = [];
  for (const value of loadKept(storage, FINISHED_ROWS_KEY, FINISHED_ROWS_VERSION)) {
    const row = readStoredRow(value);
    if (row) rows.push(row);
  }
  // Someone's edit may hold more than a page ever writes.
  return rows.slice(-FINISHED_ROWS_KEPT).map(restoredRow);
}
