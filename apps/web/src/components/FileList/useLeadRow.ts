/**
 * The grid's active row (the store's `focused`), kept meaningful for
 * keyboard and screen-reader users when it changes from outside the grid's
 * own key handling: a new folder gets one, one that goes away is replaced,
 * and one set elsewhere is shown.
 */
import { useEffect, useRef } from 'react';
import type { WireEntry } from '@ftpdeck/protocol';
import { baseName, parentPath } from '../../lib/remotePath.ts';
import { useAppStore, useStoreApi } from '../../store/index.ts';

/**
 * Each folder shown gets an active row, so the grid never holds focus with
 * nothing in it for a screen reader to say: the folder just left when going
 * up (Backspace, then Enter, goes back in), else the first row.
 */
export function useLeadRow(rows: readonly WireEntry[], focusedIndex: number): void {
  const store = useStoreApi();
  const listedPath = useAppStore((s) => s.listing?.path ?? null);
  const leadFor = useRef<{ path: string | null; from: string | null } | null>(null);
  const shownPath = useRef(listedPath);
  if (listedPath !== shownPath.current) {
    leadFor.current = { path: listedPath, from: shownPath.current };
    shownPath.current = listedPath;
  }
  // In the same folder, an active row that goes away (deleted, moved, or Escape clearing the
  // selection with it) hands over to the row now in its place.
  const lastIndex = useRef(-1);
  useEffect(() => {
    const s = store.getState();
    const lead = leadFor.current;
    if (lead !== null) {
      // A new folder: wait for its rows, then pick its lead row.
      if (lead.path !== listedPath || rows.length === 0) return;
      leadFor.current = null;
      if (s.focused !== null && rows.some((r) => r.name === s.focused)) return;
      const left = lead.from !== null && lead.path !== null && parentPath(lead.from) === lead.path ? baseName(lead.from) : null;
      s.setFocused(left !== null && rows.some((r) => r.name === left) ? left : (rows[0] as WireEntry).name);
      return;
    }
    if (focusedIndex >= 0 || rows.length === 0) {
      lastIndex.current = focusedIndex;
      return;
    }
    if (lastIndex.current >= 0) s.setFocused((rows[Math.min(lastIndex.current, rows.length - 1)] as WireEntry).name);
  }, [listedPath, rows, focusedIndex, store]);
}

/**
 * Brings a row focused from outside the list (Find's match, a rename, a new
 * folder's lead row) into view. The keyboard scrolls its own moves, and a
 * click is on a visible row already.
 */
export function useFocusedRowShown(
  rows: readonly WireEntry[],
  focused: string | null,
  focusedIndex: number,
  view: { start: number; end: number; scrollToIndex: (index: number) => void },
): void {
  const shownFocus = useRef(focused);
  const { start, end, scrollToIndex } = view;
  useEffect(() => {
    if (focused === shownFocus.current || focusedIndex < 0) return;
    shownFocus.current = focused;
    if (focusedIndex < start || focusedIndex >= end) scrollToIndex(focusedIndex);
  }, [rows, focused, focusedIndex, start, end, scrollToIndex]);
}
