/**
 * Remembers view preferences (sort column and direction, hidden files) and
 * the transfer settings (type, keeping file times) across visits in localStorage. Kept out of the
 * slices so they stay pure.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { SortKey, SortSpec } from '../lib/sortEntries.ts';
import { parseTransferTypePref, type TransferTypePref } from '../lib/transferType.ts';
import type { AppState } from './types.ts';

const KEY = 'ftpdeck.view';
const SORT_KEYS: readonly SortKey[] = ['name', 'size', 'modified', 'permissions', 'owner'];

interface ViewPrefs {
  sort: SortSpec;
  showHidden: boolean;
  transferTypePref: TransferTypePref;
  keepTimes: boolean;
}

/** Reads saved preferences; anything malformed is ignored. */
export function loadViewPrefs(storage: Pick<Storage, 'getItem'>): Partial<ViewPrefs> {
  try {
    const raw = JSON.parse(storage.getItem(KEY) ?? '{}') as { sort?: { key?: unknown; dir?: unknown }; showHidden?: unknown; transferType?: unknown; keepTimes?: unknown };
    const out: Partial<ViewPrefs> = {};
    const key = raw.sort?.key;
    const dir = raw.sort?.dir;
    if (SORT_KEYS.includes(key as SortKey) && (dir === 'asc' || dir === 'desc')) out.sort = { key: key as SortKey, dir };
    if (typeof raw.showHidden === 'boolean') out.showHidden = raw.showHidden;
    const transferTypePref = parseTransferTypePref(raw.transferType);
    if (transferTypePref) out.transferTypePref = transferTypePref;
    if (typeof raw.keepTimes === 'boolean') out.keepTimes = raw.keepTimes;
    return out;
  } catch {
    return {};
  }
}

/**
 * Applies saved preferences to the store and saves every later change.
 * Returns the unsubscribe. Every site tab has its own store and saves into
 * the same key, so only the fields this store changed are written: one tab
 * changing its sort must not put back another tab's older transfer type.
 */
export function persistViewPrefs(store: StoreApi<AppState>, storage: Pick<Storage, 'getItem' | 'setItem'>): () => void {
  store.setState(loadViewPrefs(storage));
  return store.subscribe((s, prev) => {
    const changed: Record<string, unknown> = {};
    if (s.sort !== prev.sort) changed.sort = s.sort;
    if (s.showHidden !== prev.showHidden) changed.showHidden = s.showHidden;
    if (s.transferTypePref !== prev.transferTypePref) changed.transferType = s.transferTypePref;
    if (s.keepTimes !== prev.keepTimes) changed.keepTimes = s.keepTimes;
    if (Object.keys(changed).length === 0) return;
    try {
      let saved: unknown = {};
      try {
        saved = JSON.parse(storage.getItem(KEY) ?? '{}');
      } catch {
        // Unreadable: start over with what changed.
      }
      const base = typeof saved === 'object' && saved !== null && !Array.isArray(saved) ? saved : {};
      storage.setItem(KEY, JSON.stringify({ ...base, ...changed }));
    } catch {
      // Quota or private mode: preferences are a convenience.
    }
  });
}
