/**
 * Which rows the transfers panel lists. Each count in the panel's header
 * ("3 failed", "12 done") is also a switch that lists only its rows, the way
 * FileZilla keeps failed and successful transfers on tabs of their own: after
 * a drop of 500 files, the 4 that failed are one click away instead of
 * somewhere in a scrolled list, and on a short window the running rows are
 * not pushed out of view by finished ones above them.
 */
import type { AppState } from '../../store/types.ts';
import type { TransferStatus } from '../../store/transfersSlice.ts';
import type { QueueSummary } from './queueSummary.ts';

/** The rows one header count stands for. */
export type QueueGroup = 'running' | 'queued' | 'paused' | 'done' | 'failed' | 'stopped';

/** What the panel lists: every row, or one group's. */
export type QueueFilter = 'all' | QueueGroup;

/** The group a row in `status` is counted in: the same split as the header's counts (queueSummary.ts). */
export function groupOf(status: TransferStatus): QueueGroup {
  switch (status) {
    case 'queued':
      return 'queued';
    case 'paused':
      return 'paused';
    case 'done':
      return 'done';
    case 'failed':
      return 'failed';
    case 'cancelled':
    case 'skipped':
      return 'stopped';
    case 'starting':
    case 'sending':
    case 'finishing':
      return 'running';
  }
}

/** How many rows `group` has, from the header's summary. */
export function groupCount(q: QueueSummary, group: QueueGroup): number {
  switch (group) {
    case 'running':
      return q.active - q.queued;
    case 'queued':
      return q.queued;
    case 'paused':
      return q.paused;
    case 'done':
      return q.done;
    case 'failed':
      return q.failed;
    case 'stopped':
      return q.stopped;
  }
}

/**
 * The last filtered list per transfer table and filter. The panel reads it
 * once per frame; while nothing moved (a transcript line is a store write
 * too) the same array comes back without a walk over the rows.
 */
const lists = new WeakMap<AppState['transfers'], { order: AppState['transferOrder']; filter: QueueFilter; keys: readonly string[] }>();

/** The keys the panel lists under `filter`, in queue order; the queue's own order for `all`. */
export function filteredOrder(s: Pick<AppState, 'transfers' | 'transferOrder'>, filter: QueueFilter): readonly string[] {
  if (filter === 'all') return s.transferOrder;
  const known = lists.get(s.transfers);
  if (known?.order === s.transferOrder && known.filter === filter) return known.keys;
  const keys = s.transferOrder.filter((k) => {
    const t = s.transfers[k];
    return t !== undefined && groupOf(t.status) === filter;
  });
  lists.set(s.transfers, { order: s.transferOrder, filter, keys });
  return keys;
}

/** Same keys in the same order: a progress tick that moved no row between groups redraws no list. */
export function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}
