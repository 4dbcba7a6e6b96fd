/**
 * Fixed-height row windowing for the file list and the transcript. Below
 * `threshold` rows everything renders (cheap, and every row stays findable
 * by name); above it only the rows in view plus `overscan` do.
 */
import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';

/** Rows rendered without windowing. */
export const VIRTUALIZE_ABOVE = 400;

/** The window of rows to render. */
export interface RowWindow {
  start: number;
  end: number;
  /** Rows that fit in the viewport, for PageUp/PageDown. */
  pageSize: number;
}

/** Computes which rows to render for a scroll position. Pure, for tests. */
export function computeWindow(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan: number,
  threshold: number,
): RowWindow {
  const pageSize = Math.max(1, Math.floor(viewportHeight / rowHeight));
  if (count <= threshold) return { start: 0, end: count, pageSize };
  const first = Math.floor(scrollTop / rowHeight);
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + pageSize + 1 + overscan);
  return { start, end, pageSize };
}

/** Tracks a scroll container and returns the row window plus a scroll-into-view helper. */
export function useVirtualRows(
  ref: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  { overscan = 12, threshold = VIRTUALIZE_ABOVE }: { overscan?: number; threshold?: number } = {},
): RowWindow & { scrollToIndex: (index: number) => void } {
  const [view, setView] = useState({ top: 0, height: 600 });

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => setView({ top: el.scrollTop, height: el.clientHeight || 600 });
    update();
    el.addEventListener('scroll', update, { passive: true });
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(update);
    ro?.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      ro?.disconnect();
    };
  }, [ref]);

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = ref.current;
      if (!el || index < 0) return;
      const top = index * rowHeight;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
    },
    [ref, rowHeight],
  );

  return { ...computeWindow(view.top, view.height, rowHeight, count, overscan, threshold), scrollToIndex };
}
