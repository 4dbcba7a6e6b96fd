/**
 * Uploads live in this page: the bytes come from File objects the server
 * cannot reach. Leaving the page or closing the session ends them, so both
 * ask first while any upload is running, queued or paused (leaving, with the
 * browser's own warning: useUploadLeaveGuard.ts). Closing the session ends
 * the browser's downloads from it too, so that asks about them.
 */
import { FINISHED, isCheckingDownload } from '../store/transfersSlice.ts';
import type { AppState } from '../store/types.ts';

/** Keys of uploads that are not finished (queued, running, paused, waiting for an answer). */
export function activeUploadKeys(state: Pick<AppState, 'transfers' | 'transferOrder'>): string[] {
  return state.transferOrder.filter((key) => {
    const tr = state.transfers[key];
    return tr !== undefined && tr.direction === 'upload' && !FINISHED.has(tr.status);
  });
}

/**
 * Downloads the browser is receiving from this session (rows not finished).
 * Not one at its check (`finishing`): the browser has every byte, and
 * closing the session only skips comparing them with the server's hash.
 */
export function runningDownloadCount(state: Pick<AppState, 'transfers' | 'transferOrder'>): number {
  let count = 0;
  for (const key of state.transferOrder) {
    const tr = state.transfers[key];
    if (tr !== undefined && tr.direction === 'download' && !FINISHED.has(tr.status) && !isCheckingDownload(tr)) count += 1;
  }
  return count;
}

/** Would ending the session now stop something: an upload not finished, or a download the browser receives? */
export function hasTransfersToStop(state: Pick<AppState, 'transfers' | 'transferOrder'>): boolean {
  return activeUploadKeys(state).length + runningDownloadCount(state) > 0;
}

/** What the user is about to do that ends the session's transfers: the question's title and its Stop button say it. */
export type StopReason = 'closeSession' | 'connect' | 'encoding' | 'closeTab';

/** What a stop would end, counted for its question (StopTransfersDialog): each kind loses something different. */
export interface StopCounts {
  /** Uploads that have begun (running, paused, or waiting to resume): each stops where it is, its part left on the server. */
  begun: number;
  /** Uploads still waiting their turn with nothing sent: they are simply not sent. */
  waiting: number;
  /** Downloads the browser is receiving: each fails there. */
  downloads: number;
}

/** Counts what a stop would end now. */
export function stopCounts(state: Pick<AppState, 'transfers' | 'transferOrder'>): StopCounts {
  let waiting = 0;
  const uploads = activeUploadKeys(state);
  for (const key of uploads) {
    const tr = state.transfers[key];
    // `queued` is also an upload between automatic resumes, with part of it on the server already.
    if (tr?.status === 'queued' && tr.written === 0) waiting += 1;
  }
  return { begun: uploads.length - waiting, waiting, downloads: runningDownloadCount(state) };
}

/** The store {@link askStopTransfers} reads and opens its dialog in. */
interface GuardStore {
  getState: () => Pick<AppState, 'transfers' | 'transferOrder' | 'dialog' | 'openDialog'>;
  subscribe: (listener: (state: Pick<AppState, 'dialog'>) => void) => () => void;
}

/**
 * True when the session may end: no transfer is active, or the user said
 * "Stop" in the tab's own dialog (`stop-transfers`, StopTransfersDialog).
 * Not `window.confirm`: that stops every script of the page while it is on
 * screen, so every tab's uploads stop sending and their progress freezes
 * until the user answers. False without asking when the tab already shows a
 * dialog (a file-exists question waiting in a tab closed from the strip):
 * that one must be answered first, and replacing it would lose its answer.
 * False, too, if the question leaves the screen unanswered.
 */
export function askStopTransfers(store: GuardStore, reason: StopReason): Promise<boolean> {
  const state = store.getState();
  if (!hasTransfersToStop(state)) return Promise.resolve(true);
  if (state.dialog !== null) return Promise.resolve(false);
  return new Promise((resolve) => {
    let unsubscribe = (): void => {};
    const respond = (stop: boolean): void => {
      unsubscribe();
      resolve(stop);
    };
    const question = { kind: 'stop-transfers', reason, respond } as const;
    state.openDialog(question);
    // A backstop: nothing should replace the question (fileConflicts.ts waits for it), but a
    // caller must never wait for ever on one that is gone.
    unsubscribe = store.subscribe((s) => {
      if (s.dialog !== question) respond(false);
    });
  });
}
