/**
 * Deleting entries of the current folder, folders with everything in them.
 *
 * One call is one delete operation, shown above the file list while it runs
 * (store/deletesSlice.ts) with a count and a Stop button. Each folder goes
 * as one recursive `remove` with a job number, which the server runs on a
 * connection of its own and reports on with `remove-progress`; Stop cancels
 * that job and skips the entries not yet begun. Files go with plain
 * `remove`s, counted as they return. A page reloaded while a delete ran
 * shows it too, from its events, and can stop it.
 */
import type { ServerMessage, WireEntry } from '@ftpdeck/protocol';
import { errorDetail, WebErrorCodes, wireErrorOf } from '../lib/errorMessages.ts';
import { formatCount } from '../lib/format.ts';
import { baseName, joinPath } from '../lib/remotePath.ts';
import { t } from '../i18n/languageStore.ts';
import { describeOpError } from './opErrors.ts';
import type { OpsDeps } from './types.ts';

/** Deleting, and stopping a delete. */
export interface DeleteOps {
  /**
   * Deletes `entries` of the current folder, one at a time; false when any
   * failed or the user stopped it. `expected` is how many items the delete
   * dialog counted in all (the entries and everything in their folders),
   * when its count was exact.
   */
  remove(entries: readonly WireEntry[], options?: { expected?: number }): Promise<boolean>;
  /** Stops delete operation `id`: its running folder stops before its next command, and entries not begun are left alone. */
  stopDelete(id: number): Promise<void>;
}

/** What the services' event sink hands over. */
export interface DeleteEvents {
  /** A `remove-progress` event. */
  progressed(msg: Extract<ServerMessage, { type: 'remove-progress' }>): void;
  /**
   * The socket is back after a drop: deletes adopted from events may have
   * ended meanwhile (their `final` event lost), so they are forgotten; one
   * still running shows again with its next event.
   */
  reattached(): void;
}

interface Operation {
  id: number;
  /** Items removed by the entries that have finished. */
  base: number;
  stopped: boolean;
  /** The running folder: its job, the transcript action that owns its lines, and what it has removed so far. */
  current?: { job: number; actionId: string; removed: number };
}

/** Numbers the delete operations of this page (the delete bar's keys, and what Stop names). */
let nextOperationId = 1;
/**
 * Job numbers name deletes within the server session, which outlives a page
 * reload; starting from the clock keeps a reloaded page's numbers clear of
 * those of deletes its predecessor left running.
 */
let nextJob = Date.now();

/** Builds the delete operations; `refresh` re-lists the current folder. */
export function createDeleteOps(deps: OpsDeps, refresh: () => Promise<void>): DeleteOps & DeleteEvents {
  const { request, store } = deps;
  const state = () => store.getState();
  const operations = new Map<number, Operation>();
  const byJob = new Map<number, Operation>();
  /** Deletes this page did not start (it was reloaded while they ran), by job: shown and stoppable from their events alone. */
  const adopted = new Map<number, Operation>();

  /** An event of a delete an earlier page started: show it, and end it at its `final` event (no reply comes here). */
  const adopt = (msg: Extract<ServerMessage, { type: 'remove-progress' }>): void => {
    let op = adopted.get(msg.job);
    if (!op) {
      if (msg.final) return;
      op = { id: nextOperationId++, base: 0, stopped: false, current: { job: msg.job, actionId: '', removed: 0 } };
      adopted.set(msg.job, op);
      operations.set(op.id, op);
      state().deleteStarted({ id: op.id, name: baseName(msg.root) || msg.root, count: 1 });
    }
    state().deleteProgressed(op.id, msg.removed);
    if (!msg.final) return;
    adopted.delete(msg.job);
    operations.delete(op.id);
    state().deleteEnded(op.id);
    const name = baseName(msg.root) || msg.root;
    state().pushToast(
      op.stopped
        ? { kind: 'info', title: t('toast.deleteStopped', { count: msg.removed, shown: formatCount(msg.removed) }), detail: t('toast.deleteStoppedDetail') }
        : { kind: 'info', title: t('toast.deleteEndedElsewhere', { name, count: msg.removed, shown: formatCount(msg.removed) }) },
    );
    void refresh();
  };

  return {
    async remove(entries, options = {}) {
      if (entries.length === 0) return true;
      const cwd = state().cwd ?? '/';
      const op: Operation = { id: nextOperationId++, base: 0, stopped: false };
      operations.set(op.id, op);
      const first = entries[0]?.name ?? '';
      state().deleteStarted({ id: op.id, name: entries.length === 1 ? first : undefined, count: entries.length, expected: options.expected });
      let failures = 0;
      let done = 0;
      try {
        for (const entry of entries) {
          if (op.stopped) break;
          const dir = entry.type === 'dir';
          const actionId = state().recordAction('act.delete', { name: entry.name });
          const job = dir ? nextJob++ : undefined;
          if (job !== undefined) {
            op.current = { job, actionId, removed: 0 };
            byJob.set(job, op);
            state().deleteWaiting(op.id, true);
          }
          try {
            // A folder's delete reports progress, so no time limit: the user sees it move and can stop it.
            const { removed } = await request({ type: 'remove', path: joinPath(cwd, entry.name), dir, recursive: dir, ...(job !== undefined ? { job } : {}) }, dir ? 0 : undefined);
            op.base += removed;
            done += 1;
          } catch (err) {
            // What a failed or stopped folder delete removed before it ended is gone all the same.
            op.base += op.current?.removed ?? 0;
            const wire = wireErrorOf(err);
            if (op.stopped && wire.code === 'FTP_ERR_ABORTED') break;
            failures += 1;
            if (job !== undefined && wire.code === WebErrorCodes.DISCONNECTED) {
              // The page lost its socket, not the server its delete: that goes on, and shows again
              // (adopted from its events) once the page is back.
              state().pushToast({ kind: 'info', title: t('toast.deleteDetached', { name: entry.name }) });
              break;
            }
            state().pushToast({ kind: 'error', title: `${t('toast.deleteFailed', { name: entry.name })}: ${describeOpError(wire)}`, detail: errorDetail(wire) });
          } finally {
            if (job !== undefined) {
              byJob.delete(job);
              state().deleteWaiting(op.id, false);
            }
            op.current = undefined;
            state().deleteProgressed(op.id, op.base);
          }
        }
      } finally {
        operations.delete(op.id);
        state().deleteEnded(op.id);
        if (op.stopped) state().pushToast({ kind: 'info', title: t('toast.deleteStopped', { count: op.base, shown: formatCount(op.base) }), detail: t('toast.deleteStoppedDetail') });
      }
      await refresh();
      if (!op.stopped && failures === 0) {
        state().pushToast({ kind: 'success', title: done === 1 ? t('toast.deletedOne', { name: first }) : t('toast.deletedMany', { count: done }) });
      }
      return !op.stopped && failures === 0;
    },

    async stopDelete(id) {
      const op = operations.get(id);
      if (!op || op.stopped) return;
      op.stopped = true;
      state().deleteStopping(id);
      const job = op.current?.job;
      // A file's DELE is a single quick command: the loop stops after it.
      if (job !== undefined) await request({ type: 'remove-cancel', job }).catch(() => undefined);
    },

    progressed(msg) {
      const op = byJob.get(msg.job);
      if (!op || op.current?.job !== msg.job) {
        adopt(msg);
        return;
      }
      // The folder's DELE, listings and RMDs run on that connection: its lines belong to this action.
      state().setActionConnection(op.current.actionId, msg.connection);
      state().deleteWaiting(op.id, false);
      op.current.removed = msg.removed;
      state().deleteProgressed(op.id, op.base + msg.removed);
    },

    reattached() {
      for (const op of adopted.values()) {
        operations.delete(op.id);
        state().deleteEnded(op.id);
      }
      adopted.clear();
    },
  };
}
