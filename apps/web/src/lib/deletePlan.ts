/**
 * What a recursive delete will remove, found before the user confirms: the
 * selected folders are listed breadth-first with `list` requests. The walk
 * is bounded (entries and time), because a confirmation that hangs on a
 * huge tree is worse than one that says "at least N items".
 */
import type { WireEntry } from '@ftpdeck/protocol';
import { joinPath } from './remotePath.ts';

/** Stop after this many entries inside the folders. */
export const PLAN_MAX_ENTRIES = 500;
/** Stop after this long (ms). */
export const PLAN_MAX_MS = 3000;
/** Paths kept for display. */
export const PLAN_SAMPLE = 8;

/** A folder selected for deletion. */
export interface PlanRoot {
  /** Absolute remote path. */
  path: string;
  /** Its name as shown (paths inside are shown relative to the current folder). */
  name: string;
}

/** What was found inside the selected folders. */
export interface DeletePlan {
  files: number;
  folders: number;
  /** The first paths found, relative to the current folder (`docs/a.txt`). */
  sample: string[];
  /** False when the walk stopped early (bound hit) or a listing failed: the counts are a minimum. */
  complete: boolean;
}

/** Injected parts, so the walk runs against a real socket or a test double. */
export interface PlanOptions {
  list: (path: string) => Promise<readonly WireEntry[]>;
  maxEntries?: number;
  maxMs?: number;
  now?: () => number;
  signal?: AbortSignal;
  /** Called after every listing with the counts so far. */
  onProgress?: (plan: DeletePlan) => void;
}

/** Walks the folders; never throws (a failed listing only makes the plan incomplete). */
export async function planDelete(roots: readonly PlanRoot[], options: PlanOptions): Promise<DeletePlan> {
  const maxEntries = options.maxEntries ?? PLAN_MAX_ENTRIES;
  const maxMs = options.maxMs ?? PLAN_MAX_MS;
  const now = options.now ?? Date.now;
  const deadline = now() + maxMs;
  const plan: DeletePlan = { files: 0, folders: 0, sample: [], complete: true };
  const queue: Array<{ path: string; shown: string }> = roots.map((r) => ({ path: r.path, shown: r.name }));

  while (queue.length > 0) {
    if (options.signal?.aborted || now() >= deadline || plan.files + plan.folders >= maxEntries) {
      plan.complete = false;
      break;
    }
    const dir = queue.shift() as { path: string; shown: string };
    let entries: readonly WireEntry[];
    try {
      entries = await options.list(dir.path);
    } catch {
      plan.complete = false;
      continue;
    }
    for (const e of entries) {
      if (e.name === '.' || e.name === '..') continue;
      if (plan.files + plan.folders >= maxEntries) {
        plan.complete = false;
        break;
      }
      const shown = `${dir.shown}/${e.name}`;
      // Symlinks are removed as links, never followed: only real folders are walked.
      if (e.type === 'dir') {
        plan.folders += 1;
        queue.push({ path: joinPath(dir.path, e.name), shown });
      } else plan.files += 1;
      if (plan.sample.length < PLAN_SAMPLE) plan.sample.push(e.type === 'dir' ? `${shown}/` : shown);
    }
    options.onProgress?.({ ...plan, sample: [...plan.sample] });
  }
  return plan;
}
