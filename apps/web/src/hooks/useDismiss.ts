/**
 * Closing a popover the way menus close: a click outside it, or Escape.
 * A popover left open in a hidden site tab stays open (it is part of that
 * tab's state) but stops listening until its tab is on screen again.
 */
import { useEffect, type RefObject } from 'react';
import { useTabActive } from './tabContext.ts';

/** Calls `close` on a mouse press outside `box` or on Escape, while `open` and the tab is on screen. */
export function useDismiss(open: boolean, box: RefObject<HTMLElement | null>, close: () => void): void {
  const active = useTabActive();
  useEffect(() => {
    if (!open || !active) return;
    const onDown = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) close();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    window.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open, active, box, close]);
}
