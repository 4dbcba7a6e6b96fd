/**
 * The directory listing being shown, its loading and error state, and the
 * view options (sort, filter, hidden files). Sorting happens in selectors.
 */
import type { WireEntry, WireError } from '@ftpdeck/protocol';
import { keepUnchangedEntries } from '../lib/keepEntries.ts';
import type { SortKey, SortSpec } from '../lib/sortEntries.ts';
import type { SliceCreator } from './types.ts';

/** A loaded directory. */
export interface Listing {
  path: string;
  entries: WireEntry[];
  /** `Date.now()` when it arrived. */
  loadedAt: number;
}

/** Browser state and its actions. */
export interface BrowserSlice {
  listing: Listing | null;
  listLoading: boolean;
  listError: WireError | null;
  /** Bumped per list request so a slow, stale reply cannot overwrite a newer one. */
  listSeq: number;
  sort: SortSpec;
  filter: string;
  showHidden: boolean;

  /** Starts a list request; returns its sequence number. */
  beginList: () => number;
  /** Stores a listing if it answers the latest request. */
  listLoaded: (seq: number, path: string, entries: WireEntry[]) => void;
  /** Stores a listing error if it answers the latest request. */
  listFailed: (seq: number, error: WireError) => void;
  /** Sorts by a column; the same column again flips the direction. */
  toggleSort: (key: SortKey) => void;
  /** Sets the name filter. */
  setFilter: (filter: string) => void;
  /** Shows or hides dot-files. */
  setShowHidden: (show: boolean) => void;
  /** Drops the listing (after disconnect). */
  clearListing: () => void;
}

/** Creates the browser slice. */
export const createBrowserSlice: SliceCreator<BrowserSlice> = (set, get) => ({
  listing: null,
  listLoading: false,
  listError: null,
  listSeq: 0,
  sort: { key: 'name', dir: 'asc' },
  filter: '',
  showHidden: true,

  beginList: () => {
    const seq = get().listSeq + 1;
    set({ listSeq: seq, listLoading: true });
    return seq;
  },
  listLoaded: (seq, path, entries) => {
    if (seq !== get().listSeq) return;
    const shown = get().listing;
    const samePath = shown?.path === path;
    // A refresh keeps the objects of unchanged entries, so their rows skip rendering.
    const kept = samePath ? keepUnchangedEntries(shown.entries, entries) : entries;
    set({ listing: { path, entries: kept, loadedAt: Date.now() }, listLoading: false, listError: null });
    // A refresh keeps the selection of names that still exist; a new folder starts clean.
    if (samePath) get().pruneSelection(new Set(entries.map((e) => e.name)));
    else {
      get().clearSelection();
      set({ filter: '' });
    }
  },
  listFailed: (seq, error) => {
    if (seq !== get().listSeq) return;
    set({ listLoading: false, listError: error });
  },
  toggleSort: (key) =>
    set((s) => ({
      sort: s.sort.key === key ? { key, dir: s.sort.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' },
    })),
  setFilter: (filter) => set({ filter }),
  setShowHidden: (showHidden) => set({ showHidden }),
  clearListing: () => set({ listing: null, listLoading: false, listError: null }),
});
