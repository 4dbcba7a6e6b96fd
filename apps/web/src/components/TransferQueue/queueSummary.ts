/**
 * What the transfers panel's header needs from the whole queue, in one pass:
 * the counts, the overall progress, and which rows the bulk buttons (Cancel
 * all, Retry failed) act on. Pure, so the header can compare summaries
 * cheaply and tests need no rendering.
 */
import type { AppState } from '../../store/types.ts';
import { fromOtherSite, selectSite } from '../../store/selectors.ts';
import { FINISHED, isCheckingDownload } from '../../store/transfersSlice.ts';
import { overallProgress } from './transferText.ts';

/** The header's view of the queue. */
export interface QueueSummary {
  /** Rows not finished and not paused: running or waiting their turn. */
  active: number;
  /** Of {@link active}, those still waiting their turn. */
  queued: number;
  paused: number;
  failed: number;
  done: number;
  /** Finished without moving (skipped or cancelled): counted so a queue of only those still says something. */
  stopped: number;
  /** Failed rows whose file is still at hand and whose site is the session's (their own Retry button works). */
  retryable: number;
  written: number;
  total: number;
  rate: number;
  /** The rate of the transfers whose size is known: what a time left divides by. */
  sizedRate: number;
}

/**
 * The last summary per transfer table. The header reads it on every store
 * write (a transcript line is one), and the table changes only when a
 * transfer does, so a walk over thousands of rows per write would be waste.
 */
const summaries = new WeakMap<AppState['transfers'], { order: AppState['transferOrder']; site: string | undefined; summary: QueueSummary }>();

/** What the summary reads: the rows, and the session's site (a row of another site cannot be retried). */
type QueueState = Pick<AppState, 'transfers' | 'transferOrder' | 'server'>;

/** Counts and overall progress of the queue. */
export function summarizeQueue(s: QueueState): QueueSummary {
  const site = selectSite(s);
  const known = summaries.get(s.transfers);
  if (known?.order === s.transferOrder && known.site === site) return known.summary;
  const summary = countQueue(s, site);
  summaries.set(s.transfers, { order: s.transferOrder, site, summary });
  return summary;
}

function countQueue(s: QueueState, site: string | undefined): QueueSummary {
  let active = 0;
  let queued = 0;
  let paused = 0;
  let failed = 0;
  let done = 0;
  let stopped = 0;
  let retryable = 0;
  for (const k of s.transferOrder) {
    const t = s.transfers[k];
    if (!t) continue;
    if (t.status === 'paused') paused += 1;
    else if (t.status === 'failed') {
      failed += 1;
      if (t.canRetry && !fromOtherSite(t, site)) retryable += 1;
    } else if (t.status === 'done') done += 1;
    else if (t.status === 'skipped' || t.status === 'cancelled') stopped += 1;
    else if (!FINISHED.has(t.status)) {
      active += 1;
      if (t.status === 'queued') queued += 1;
    }
  }
  const overall = overallProgress(s.transferOrder.map((k) => s.transfers[k]));
  return { active, queued, paused, failed, done, stopped, retryable, ...overall };
}

/** Field-by-field equality, so a progress tick that changed nothing shown re-renders nothing. */
export function sameSummary(a: QueueSummary, b: QueueSummary): boolean {
  return (
    a.active === b.active &&
    a.queued === b.queued &&
    a.paused === b.paused &&
    a.failed === b.failed &&
    a.done === b.done &&
    a.stopped === b.stopped &&
    a.retryable === b.retryable &&
    a.written === b.written &&
    a.total === b.total &&
    a.rate === b.rate &&
    a.sizedRate === b.sizedRate
  );
}

/**
 * Keys a "Cancel all" cancels: every row whose own Cancel button shows (not
 * finished, and not a download at its check, which the browser already has),
 * newest first, so queued rows are gone before a running one's end could
 * start the next.
 */
export function cancellableKeys(s: Pick<AppState, 'transfers' | 'transferOrder'>): string[] {
  const out: string[] = [];
  for (let i = s.transferOrder.length - 1; i >= 0; i -= 1) {
    const key = s.transferOrder[i] as string;
    const t = s.transfers[key];
    if (t && !FINISHED.has(t.status) && !isCheckingDownload(t)) out.push(key);
  }
  return out;
}

/** Keys a "Retry failed" retries: failed rows that offer Retry, of the session's site, in queue order. */
export function retryableKeys(s: QueueState): string[] {
  const site = selectSite(s);
  return s.transferOrder.filter((k) => {
    const t = s.transfers[k];
    return t?.status === 'failed' && t.canRetry === true && !fromOtherSite(t, site);
  });
}
