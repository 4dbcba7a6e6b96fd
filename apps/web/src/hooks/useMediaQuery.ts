/**
 * A CSS media query as React state.
 */
import { useCallback, useSyncExternalStore } from 'react';

/**
 * Whether `query` matches now, re-rendering when that changes: a window
 * resized or turned past a breakpoint, a docked tablet switching its main
 * pointer. False where matchMedia is missing (tests without a layout).
 */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia?.(query);
      list?.addEventListener('change', onChange);
      return () => list?.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia?.(query).matches ?? false, () => false);
}
