/** React glue for the action registry: enablement that re-renders, and a runner. */
import { useCallback } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { WireEntry } from '@ftpdeck/protocol';
import { actionContext, getAction, isEnabled, runAction } from '../actions/register.ts';
import type { ActionName } from '../actions/types.ts';
import { getServices } from '../api/services.ts';
import { appStore, useAppStore } from '../store/index.ts';

/** Whether each named action is enabled right now (re-renders only when that changes). */
export function useEnabled(names: readonly ActionName[]): boolean[] {
  return useAppStore(
    useShallow((s) => {
      const ctx = actionContext(s, getServices().ops);
      return names.map((n) => isEnabled(getAction(n), ctx));
    }),
  );
}

/** Returns a function that runs an action against the current state (and optional explicit targets). */
export function useRunAction(): (name: ActionName, targets?: WireEntry[]) => boolean {
  return useCallback((name, targets) => {
    const ctx = actionContext(appStore.getState(), getServices().ops, targets);
    return runAction(getAction(name), ctx);
  }, []);
}
