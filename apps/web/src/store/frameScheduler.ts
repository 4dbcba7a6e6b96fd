/**
 * One place that decides when "once per animation frame" work runs. Store
 * subscriptions that would otherwise re-render on every WebSocket message
 * (useFramedAppStore.ts) and the transcript's stick-to-bottom scroll wait
 * for the next frame here, so a burst of messages costs one render and one
 * layout per frame. Tests swap in a scheduler they flush by hand.
 */

/** Requests and cancels a callback before the next paint. */
export interface FrameScheduler {
  /** Runs `callback` once, before the next frame; returns a handle for `cancel`. */
  request(callback: () => void): number;
  /** Forgets a request that has not run yet. */
  cancel(handle: number): void;
}

/** requestAnimationFrame where there is one; a 16 ms timer elsewhere (workers, old test DOMs). */
const browserScheduler: FrameScheduler =
  typeof requestAnimationFrame === 'function'
    ? { request: (cb) => requestAnimationFrame(() => cb()), cancel: (h) => cancelAnimationFrame(h) }
    : {
        request: (cb) => setTimeout(cb, 16) as unknown as number,
        cancel: (h) => clearTimeout(h as unknown as ReturnType<typeof setTimeout>),
      };

let current: FrameScheduler = browserScheduler;

/** The scheduler in use. */
export function frameScheduler(): FrameScheduler {
  return current;
}

/** Replaces the scheduler (tests); returns a function that puts the previous one back. */
export function setFrameScheduler(next: FrameScheduler): () => void {
  const previous = current;
  current = next;
  return () => {
    current = previous;
  };
}

/** A scheduler that runs nothing until `flush()`: tests count what one frame does. */
export interface ManualFrames extends FrameScheduler {
  /** Runs every pending callback (and any they request) once; returns how many ran. */
  flush(): number;
  /** Callbacks waiting for the next frame. */
  readonly pending: number;
}

/** Builds a hand-driven scheduler for tests. */
export function createManualFrames(): ManualFrames {
  let next = 1;
  let queue = new Map<number, () => void>();
  return {
    request(cb) {
      const handle = next++;
      queue.set(handle, cb);
      return handle;
    },
    cancel(handle) {
      queue.delete(handle);
    },
    flush() {
      // Callbacks requested while flushing belong to the next frame, as with requestAnimationFrame.
      const due = queue;
      queue = new Map();
      for (const cb of due.values()) cb();
      return due.size;
    },
    get pending() {
      return queue.size;
    },
  };
}
