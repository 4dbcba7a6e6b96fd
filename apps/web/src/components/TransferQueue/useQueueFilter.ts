/**
 * The transfers panel's filter state (queueFilter.ts): which group the list
 * shows, the keys it shows, and where each list is scrolled. The full list
 * keeps its place: coming back to it from "3 failed" returns to the row the
 * user was at among thousands, not to the top; a group's list opens at its
 * top.
 */
import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useFramedAppStore } from '../../store/index.ts';
import type { AppState } from '../../store/types.ts';
import { filteredOrder, sameKeys, type QueueFilter } from './queueFilter.ts';

/** The filter, the keys it lists, and the way to change it. */
export interface QueueFilterState {
  filter: QueueFilter;
  /** The keys listed, in queue order. */
  shown: readonly string[];
  choose: (next: QueueFilter) => void;
}

/** Filter state for the list `list`, whose full order is `order`. */
export function useQueueFilter(list: RefObject<HTMLElement | null>, order: readonly string[]): QueueFilterState {
  const [filter, setFilter] = useState<QueueFilter>('all');
  // A filtered list is read once per frame, like the counts: rows move between groups as their transfers move on.
  const only = useFramedAppStore(useCallback((s: AppState) => filteredOrder(s, filter), [filter]), { equal: sameKeys, paused: filter === 'all' });
  const allScroll = useRef(0);
  const scrollTo = useRef<number | null>(null);
  const choose = (next: QueueFilter) => {
    if (next === filter) return;
    if (filter === 'all' && list.current) allScroll.current = list.current.scrollTop;
    scrollTo.current = next === 'all' ? allScroll.current : 0;
    setFilter(next);
  };
  // Before paint, so the new list never shows at the old one's position.
  useLayoutEffect(() => {
    if (scrollTo.current === null || !list.current) return;
    list.current.scrollTop = scrollTo.current;
    scrollTo.current = null;
  }, [filter, list]);
  return { filter, shown: filter === 'all' ? order : only, choose };
}
