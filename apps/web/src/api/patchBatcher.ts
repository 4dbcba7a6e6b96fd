/**
 * Coalesces many small updates into one store write per interval. Transfer
 * progress can arrive hundreds of times a second; the UI needs ~8 frames
 * of it per second, and each store write re-runs every selector.
 */

/** Collects keyed partial updates and flushes them together. */
export interface PatchBatcher<P extends object> {
  /** Merges `patch` into the pending update for `key`. */
  patch(key: string, patch: P): void;
  /** Writes everything pending now (call on terminal states so they show at once). */
  flush(): void;
}

/** Creates a batcher that calls `apply` at most once per `intervalMs`. */
export function createPatchBatcher<P extends object>(
  apply: (patches: Record<string, P>) => void,
  intervalMs = 125,
): PatchBatcher<P> {
  let pending: Record<string, P> = {};
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    const batch = pending;
    pending = {};
    if (Object.keys(batch).length > 0) apply(batch);
  };

  return {
    patch(key, patch) {
      pending[key] = { ...pending[key], ...patch } as P;
      timer ??= setTimeout(flush, intervalMs);
    },
    flush,
  };
}
