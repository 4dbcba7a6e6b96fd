/**
 * Keyboard behaviour of the file grid: arrows/Home/End/PageUp/PageDown
 * move the focus (Shift extends, Ctrl moves without selecting), Space
 * toggles, Escape clears, letters jump by name (type-ahead), and every
 * other key goes to the action registry (Enter, F2, Delete, Backspace…).
 */
import { useCallback, useRef, type KeyboardEvent } from 'react';
import type { WireEntry } from '@ftpdeck/protocol';
import { actionContext, actionForKey, runAction } from '../../actions/register.ts';
import { useActionEnv } from '../../hooks/tabContext.ts';
import { useStoreApi } from '../../store/index.ts';

/** How long typed letters keep accumulating into one search, ms. */
const TYPE_AHEAD_MS = 800;

/**
 * Finds the next row whose name starts with `prefix`, searching from
 * `from` (inclusive) and wrapping. Case-insensitive. Pure, for tests.
 */
export function findTypeAhead(rows: readonly WireEntry[], prefix: string, from: number): number {
  const needle = prefix.toLocaleLowerCase();
  for (let i = 0; i < rows.length; i += 1) {
    const idx = (from + i) % rows.length;
    if (rows[idx]?.name.toLocaleLowerCase().startsWith(needle)) return idx;
  }
  return -1;
}

/** Returns the grid's onKeyDown handler. */
export function useGridKeyboard(
  rows: readonly WireEntry[],
  pageSize: number,
  scrollToIndex: (index: number) => void,
): (e: KeyboardEvent) => void {
  const typed = useRef({ text: '', at: 0 });
  const store = useStoreApi();
  const env = useActionEnv();

  return useCallback(
    (e: KeyboardEvent) => {
      const s = store.getState();
      const names = rows.map((r) => r.name);
      const current = s.focused === null ? -1 : names.indexOf(s.focused);

      const moveTo = (index: number) => {
        if (rows.length === 0) return;
        const clamped = Math.max(0, Math.min(rows.length - 1, index));
        const name = names[clamped] as string;
        if (e.shiftKey) s.select(name, 'range', names);
        else if (e.ctrlKey || e.metaKey) s.setFocused(name);
        else s.select(name, 'only', names);
        scrollToIndex(clamped);
      };

      const nav: Record<string, () => void> = {
        ArrowDown: () => moveTo(current + 1),
        ArrowUp: () => moveTo(current < 0 ? 0 : current - 1),
        Home: () => moveTo(0),
        End: () => moveTo(rows.length - 1),
        PageDown: () => moveTo(current + pageSize),
        PageUp: () => moveTo(current - pageSize),
      };
      const move = nav[e.key];
      if (move && !e.altKey) {
        e.preventDefault();
        move();
        return;
      }

      if (e.key === ' ' && !e.altKey) {
        e.preventDefault();
        if (s.focused !== null) s.select(s.focused, e.ctrlKey || e.metaKey ? 'toggle' : 'only', names);
        else moveTo(0);
        return;
      }
      if (e.key === 'Escape' && s.selected.size > 0) {
        e.preventDefault();
        s.clearSelection();
        return;
      }

      // Enter acts on the focused row even if the selection is elsewhere.
      const ctx = actionContext(s, env);
      if (e.key === 'Enter' && ctx.targets.length === 0 && current >= 0) ctx.targets = [rows[current] as WireEntry];
      const action = actionForKey(e, ctx);
      if (action) {
        e.preventDefault();
        runAction(action, ctx);
        return;
      }

      if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && e.key !== ' ') {
        const now = Date.now();
        const t = typed.current;
        t.text = now - t.at > TYPE_AHEAD_MS ? e.key : t.text + e.key;
        t.at = now;
        // A fresh search starts after the current row so repeated letters cycle through matches.
        const from = t.text.length === 1 ? current + 1 : Math.max(0, current);
        const hit = findTypeAhead(rows, t.text, from);
        if (hit >= 0) {
          e.preventDefault();
          s.select(names[hit] as string, 'only', names);
          scrollToIndex(hit);
        }
      }
    },
    [rows, pageSize, scrollToIndex, store, env],
  );
}
