/** React glue for the action registry: enablement that re-renders, and a runner, both for the enclosing tab. */
import { useCallback } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { WireEntry } from '@ftpdeck/protocol';
import { actionContext, getAction, isEnabled, runAction } from '../actions/register.ts';
import type { ActionName } from '../actions/types.ts';
import { useAppStore, useStoreApi } from '../store/index.ts';
import { useActionEnv } from './tabContext.ts';

/** Whether each named action is enabled right now (re-renders only when that changes). */
export function useEnabled(names: readonly ActionName[]): boolean[] {
  const env = useActionEnv();
  return useAppStore(
    useShallow((s) => {
      const ctx = actionContext(s, env);
      return names.map((n) => isEnabled(getAction(n), ctx));
    }),
  );
}

/** Returns a function that runs an action against the tab's current state (and optional explicit targets). */
export function useRunAction(): (name: ActionName, targets?: WireEntry[]) => boolean {
  const store = useStoreApi();
  const env = useActionEnv();
  return useCallback(
    (name, targets) => {
      const ctx = actionContext(store.getState(), env, targets);
      return runAction(getAction(name), ctx);
    },
    [store, env],
  );
}
