/**
 * Which rows are selected and which row has keyboard focus, by entry name
 * (names are unique within one directory). Range selection needs the rows
 * in display order, which the caller passes in.
 */
import type { SliceCreator } from './types.ts';

/** How a click or key changes the selection. */
export type SelectMode = 'only' | 'toggle' | 'range';

/** Selection state and its actions. */
export interface SelectionSlice {
  selected: ReadonlySet<string>;
  /** Where a Shift range starts. */
  anchor: string | null;
  /** The row with keyboard focus (the "lead" row). */
  focused: string | null;

  /** Selects `name` as a click would with none, Ctrl or Shift held. */
  select: (name: string, mode: SelectMode, ordered: readonly string[]) => void;
  /** Selects every given name (Ctrl+A). */
  selectAll: (names: readonly string[]) => void;
  /** Selects nothing. */
  clearSelection: () => void;
  /** Keeps only names that still exist after a refresh. */
  pruneSelection: (existing: ReadonlySet<string>) => void;
  /** Moves keyboard focus without changing the selection. */
  setFocused: (name: string | null) => void;
}

/** Creates the selection slice. */
export const createSelectionSlice: SliceCreator<SelectionSlice> = (set, get) => ({
  selected: new Set(),
  anchor: null,
  focused: null,

  select: (name, mode, ordered) => {
    const s = get();
    if (mode === 'only') {
      set({ selected: new Set([name]), anchor: name, focused: name });
      return;
    }
    if (mode === 'toggle') {
      const next = new Set(s.selected);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      set({ selected: next, anchor: name, focused: name });
      return;
    }
    const anchor = s.anchor ?? name;
    const from = ordered.indexOf(anchor);
    const to = ordered.indexOf(name);
    if (from < 0 || to < 0) {
      set({ selected: new Set([name]), anchor: name, focused: name });
      return;
    }
    const [lo, hi] = from <= to ? [from, to] : [to, from];
    set({ selected: new Set(ordered.slice(lo, hi + 1)), focused: name });
  },
  selectAll: (names) => set({ selected: new Set(names) }),
  clearSelection: () => set({ selected: new Set(), anchor: null, focused: null }),
  pruneSelection: (existing) =>
    set((s) => ({
      selected: new Set([...s.selected].filter((n) => existing.has(n))),
      anchor: s.anchor !== null && existing.has(s.anchor) ? s.anchor : null,
      focused: s.focused !== null && existing.has(s.focused) ? s.focused : null,
    })),
  setFocused: (focused) => set({ focused }),
});
