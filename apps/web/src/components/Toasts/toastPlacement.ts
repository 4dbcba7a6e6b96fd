/**
 * Where the toast stack sits: bottom right, but above the transfers panel and
 * the status bar, so a toast never covers a transfer row's Retry or Cancel.
 * The panel grows and shrinks with its rows, so the offset follows it.
 */
import { useLayoutEffect, useState } from 'react';

/** Gap between the stack and what it sits on, px. */
const GAP = 12;

/** Pure: the stack's `bottom` (px from the viewport's bottom) for a queue whose top edge is at `queueTop`. */
export function stackBottom(viewportHeight: number, queueTop: number | null): number {
  if (queueTop === null || !Number.isFinite(queueTop)) return GAP + 4;
  return Math.max(GAP, Math.round(viewportHeight - queueTop + GAP));
}

/**
 * The stack's bottom offset, kept above `find()` (the transfers panel of this
 * tab). Measured only when that element or the window changes size, never
 * per toast or per frame.
 */
export function useStackBottom(find: () => Element | null, enabled: boolean): number {
  const [bottom, setBottom] = useState(() => stackBottom(typeof window === 'undefined' ? 0 : window.innerHeight, null));
  useLayoutEffect(() => {
    if (!enabled) return;
    const queue = find();
    const measure = () => {
      const top = queue?.isConnected ? queue.getBoundingClientRect().top : null;
      setBottom(stackBottom(window.innerHeight, top));
    };
    measure();
    window.addEventListener('resize', measure);
    const ro = typeof ResizeObserver === 'undefined' || !queue ? null : new ResizeObserver(measure);
    if (queue) ro?.observe(queue);
    // The status bar below the panel can wrap to more lines on a narrow window.
    const below = queue?.nextElementSibling;
    if (below) ro?.observe(below);
    return () => {
      window.removeEventListener('resize', measure);
      ro?.disconnect();
    };
  }, [find, enabled]);
  return bottom;
}
