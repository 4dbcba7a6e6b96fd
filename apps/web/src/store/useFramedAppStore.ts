/**
 * `useAppStore` for values that change many times a second (the transcript
 * version, transfer progress): the component sees every change, but re-renders
 * at most once per animation frame however many store writes happened in it.
 * A burst of 40 transcript messages in one frame costs one render, not 40.
 *
 * `paused` stops the re-renders altogether (a panel that is not on screen)
 * and keeps the last value; un-pausing reads the store afresh.
 */
import { useCallback, useRef, useSyncExternalStore } from 'react';
import { frameScheduler } from './frameScheduler.ts';
import { useStoreApi } from './StoreProvider.tsx';
import type { AppState } from './types.ts';

/** Options of {@link useFramedAppStore}. */
export interface FramedOptions<T> {
  /** True while nobody sees the result: no re-renders, the last value stays. */
  paused?: boolean;
  /** When two selected values count as the same (default `Object.is`). */
  equal?: (a: T, b: T) => boolean;
  /**
   * At least this long between two re-renders (ms, default 0: every frame).
   * For text nobody reads at 60 lines a second, such as a scrolling log.
   */
  minIntervalMs?: number;
}

interface Cached<T> {
  state: AppState;
  selector: (s: AppState) => T;
  value: T;
}

/** Selects from the enclosing store; changes reach the component at most once per frame. */
export function useFramedAppStore<T>(selector: (state: AppState) => T, options: FramedOptions<T> = {}): T {
  const { paused = false, equal = Object.is, minIntervalMs = 0 } = options;
  const store = useStoreApi();
  const cache = useRef<Cached<T> | null>(null);
  // Read when a change comes, not fixed per subscription: a caller that varies it (the transcript
  // slows down in a flood) must not resubscribe, and drop a redraw already scheduled, each time.
  const interval = useRef(minIntervalMs);
  interval.current = minIntervalMs;

  const subscribe = useCallback(
    (notify: () => void) => {
      if (paused) return () => {};
      let handle: number | null = null;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let last = Number.NEGATIVE_INFINITY;
      const inFrame = () => {
        handle = frameScheduler().request(() => {
          handle = null;
          last = Date.now();
          notify();
        });
      };
      const unsubscribe = store.subscribe(() => {
        if (handle !== null || timer !== undefined) return;
        const wait = last + interval.current - Date.now();
        if (wait <= 0) {
          inFrame();
          return;
        }
        timer = setTimeout(() => {
          timer = undefined;
          inFrame();
        }, wait);
      });
      return () => {
        unsubscribe();
        if (handle !== null) frameScheduler().cancel(handle);
        if (timer !== undefined) clearTimeout(timer);
      };
    },
    [store, paused],
  );

  const getSnapshot = (): T => {
    const prev = cache.current;
    // Paused: the value the screen last showed, until someone looks again.
    if (paused && prev) return prev.value;
    const state = store.getState();
    if (prev && prev.state === state && prev.selector === selector) return prev.value;
    const value = selector(state);
    // Same value as before: keep the old reference, so React sees no change.
    const kept = prev && equal(prev.value, value) ? prev.value : value;
    cache.current = { state, selector, value: kept };
    return kept;
  };

  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
