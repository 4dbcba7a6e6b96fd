/** Derived reads shared by components and actions. */
import type { WireEntry } from '@ftpdeck/protocol';
import { visibleEntries } from '../lib/sortEntries.ts';
import type { AppState } from './types.ts';

let memoInput: { entries: WireEntry[] | undefined; sort: unknown; filter: string; showHidden: boolean } | null = null;
let memoOutput: WireEntry[] = [];

/**
 * The rows in display order (filtered, folders first, sorted). Memoised on
 * its inputs because sorting 100,000 entries is not free and every
 * selection change would otherwise redo it.
 */
export function selectVisibleEntries(s: AppState): WireEntry[] {
  const entries = s.listing?.entries;
  if (
    memoInput &&
    memoInput.entries === entries &&
    memoInput.sort === s.sort &&
    memoInput.filter === s.filter &&
    memoInput.showHidden === s.showHidden
  ) {
    return memoOutput;
  }
  memoInput = { entries, sort: s.sort, filter: s.filter, showHidden: s.showHidden };
  memoOutput = entries ? visibleEntries(entries, s.sort, s.filter, s.showHidden) : [];
  return memoOutput;
}

/** Selected entries in display order. */
export function selectSelectedEntries(s: AppState): WireEntry[] {
  if (s.selected.size === 0) return [];
  return selectVisibleEntries(s).filter((e) => s.selected.has(e.name));
}

/** True while an FTP connection is up. */
export function selectConnected(s: AppState): boolean {
  return s.server.status === 'connected';
}
