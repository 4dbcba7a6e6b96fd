/**
 * Deletes running now: what the bar above the file list shows while they
 * work ("Deleting photos · 1,234 of 20,500 removed") and what its Stop
 * button stops. A folder's delete runs on a connection of its own on the
 * server, so browsing goes on meanwhile; the server runs one at a time,
 * and the others wait their turn.
 */
import type { SliceCreator } from './types.ts';

/** One delete operation (the entries the user confirmed at once), while it runs. */
export interface RunningDelete {
  /** The page's own number for the operation. */
  id: number;
  /** The one entry's name; absent when several were selected. */
  name?: string;
  /** How many entries were selected. */
  count: number;
  /** Files, links and folders removed so far, counted from `remove-progress` and the replies. */
  removed: number;
  /** What the delete dialog counted, when its count was exact; absent when it said "at least". */
  expected?: number;
  /** The user asked it to stop; the server stops before its next command. */
  stopping: boolean;
  /** Its folder delete was sent but has not begun: the server runs one delete at a time, on a free transfer connection. */
  waiting: boolean;
}

/** The running deletes and their actions. */
export interface DeletesSlice {
  /** Running deletes, oldest first. */
  deletes: RunningDelete[];
  /** A delete operation began. */
  deleteStarted: (job: { id: number; name?: string | undefined; count: number; expected?: number | undefined }) => void;
  /** It has removed `removed` items in all (a count never goes back). */
  deleteProgressed: (id: number, removed: number) => void;
  /** The user pressed Stop. */
  deleteStopping: (id: number) => void;
  /** Its folder delete was sent (`true`) or has begun on the server (`false`). */
  deleteWaiting: (id: number, waiting: boolean) => void;
  /** It is over, however it ended. */
  deleteEnded: (id: number) => void;
}

/** Creates the deletes slice. */
export const createDeletesSlice: SliceCreator<DeletesSlice> = (set) => {
  /** Replaces operation `id` with `change(it)`; no store write when none runs or nothing changed. */
  const patch = (id: number, change: (d: RunningDelete) => RunningDelete): void =>
    set((s) => {
      const i = s.deletes.findIndex((d) => d.id === id);
      const current = s.deletes[i];
      if (current === undefined) return s;
      const next = change(current);
      if (next === current) return s;
      const deletes = [...s.deletes];
      deletes[i] = next;
      return { deletes };
    });
  return {
    deletes: [],
    deleteStarted: ({ id, name, count, expected }) =>
      set((s) => ({ deletes: [...s.deletes, { id, count, removed: 0, stopping: false, waiting: false, ...(name !== undefined ? { name } : {}), ...(expected !== undefined ? { expected } : {}) }] })),
    // Throttled progress and replies can report the same moment twice; a count never goes back.
    deleteProgressed: (id, removed) => patch(id, (d) => (removed > d.removed ? { ...d, removed } : d)),
    deleteStopping: (id) => patch(id, (d) => (d.stopping ? d : { ...d, stopping: true })),
    deleteWaiting: (id, waiting) => patch(id, (d) => (d.waiting === waiting ? d : { ...d, waiting })),
    deleteEnded: (id) => set((s) => (s.deletes.some((d) => d.id === id) ? { deletes: s.deletes.filter((d) => d.id !== id) } : s)),
  };
};
