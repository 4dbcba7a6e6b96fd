/**
 * Keeps a site tab's finished transfer rows across reloads of the tab
 * (store/finishedRows.ts says which rows and how): puts back what an earlier
 * page kept, then writes the finished rows when they change. At most once a
 * second while they do: a drop of hundreds of small files finishes many a
 * second, and each write is the whole list. And once more as the page goes
 * (`pagehide`: a reload, a closed browser tab), so the last second's
 * endings are not lost. Kept out of the slice so it stays pure, as
 * viewPrefs.ts is.
 */
import type { StoreApi } from 'zustand/vanilla';
import { forgetFinishedRows, keptRows, loadFinishedRows, saveFinishedRows, type RowStorage } from './finishedRows.ts';
import type { Transfer } from './transfersSlice.ts';
import type { AppState } from './types.ts';

/** Shortest time between two writes, ms. */
export const FINISHED_ROWS_WRITE_MS = 1000;

/** Where the page's `pagehide` is heard (window in the app). */
export type PageEvents = Pick<Window, 'addEventListener' | 'removeEventListener'>;

/** The keeping of one tab's rows, once started. */
export interface FinishedRowsKeeper {
  /** Stops writing; what is stored stays, for the next page. */
  stop(): void;
  /** Stops writing and removes what is stored: a closed site tab's rows are for no later tab. */
  forget(): void;
}

/**
 * More of the table that a reload keeps beside the finished rows
 * (store/runningDownloads.ts): put back after them, and written in the same
 * writes, so the tab's storage has one writer and one pace.
 */
export interface KeptAlongside {
  /** Puts back what an earlier page kept; runs after the finished rows are back. */
  restore(store: StoreApi<AppState>): void;
  /** Writes what it keeps of `s` when that changed since its last write (called at the finished rows' pace). */
  write(s: AppState): void;
  /** Removes what it keeps. */
  forget(): void;
}

/** Options; tests pass their own page events and pace. */
export interface PersistFinishedRowsOptions {
  page?: PageEvents | null;
  writeMs?: number;
  alongside?: KeptAlongside;
}

/** Same rows, the same objects, in the same order: nothing to write. */
function sameRows(a: readonly Transfer[], b: readonly Transfer[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

/**
 * Puts the rows an earlier page of this tab kept ahead of the queue, and
 * keeps the finished rows in `storage` from then on. Call it before the
 * tab's socket starts, so those rows come before any the server brings back.
 */
export function persistFinishedRows(store: StoreApi<AppState>, storage: RowStorage, options: PersistFinishedRowsOptions = {}): FinishedRowsKeeper {
  const page = options.page === undefined ? (typeof window === 'undefined' ? null : window) : options.page;
  const writeMs = options.writeMs ?? FINISHED_ROWS_WRITE_MS;
  store.getState().restoreTransfers(loadFinishedRows(storage));
  options.alongside?.restore(store);
  /** What storage holds now (as rows of this page). */
  let written = keptRows(store.getState());
  let lastLook = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const write = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    // Paced from this look, not only from writes: progress ticks change the table many times a
    // second with no row finishing, and each look walks every row (Review 45). The running
    // downloads kept alongside (a row changes at every tick) are written at the same pace.
    lastLook = Date.now();
    options.alongside?.write(store.getState());
    const rows = keptRows(store.getState());
    if (sameRows(rows, written)) return;
    written = rows;
    // A refusal (quota) removes the key, and is tried again at the next change.
    saveFinishedRows(storage, rows);
  };
  /**
   * A task later, not inside the store write that changed the rows: the
   * first change writes at once, later ones at the pace. Rows removed
   * ("Clear finished") are written at once whatever the pace, so no later
   * page brings back what the user cleared.
   */
  const schedule = (now: boolean): void => {
    if (now && timer !== undefined) clearTimeout(timer);
    else if (timer !== undefined) return;
    timer = setTimeout(write, now ? 0 : Math.max(0, lastLook + writeMs - Date.now()));
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.transfers !== prev.transfers || s.transferOrder !== prev.transferOrder) schedule(s.transferOrder.length < prev.transferOrder.length);
  });
  page?.addEventListener('pagehide', write);

  const stop = (): void => {
    unsubscribe();
    page?.removeEventListener('pagehide', write);
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return {
    stop,
    forget() {
      stop();
      forgetFinishedRows(storage);
      options.alongside?.forget();
    },
  };
}
