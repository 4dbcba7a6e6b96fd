/**
 * Uploads live in this page: the bytes come from File objects the server
 * cannot reach. Leaving the page or closing the session ends them, so both
 * ask first while any upload is running, queued or paused (leaving, with the
 * browser's own warning: useUploadLeaveGuard.ts). Closing the session ends
 * the browser's downloads from it too, so that asks about them.
 */
import { FINISHED } from '../store/transfersSlice.ts';
import type { AppState } from '../store/types.ts';

/** Keys of uploads that are not finished (queued, running, paused, waiting for an answer). */
export function activeUploadKeys(state: Pick<AppState, 'transfers' | 'transferOrder'>): string[] {
  return state.transferOrder.filter((key) => {
    const tr = state.transfers[key];
    return tr !== undefined && tr.direction === 'upload' && !FINISHED.has(tr.status);
  });
}

/** Downloads the browser is receiving from this session (rows not finished). */
export function runningDownloadCount(state: Pick<AppState, 'transfers' | 'transferOrder'>): number {
  let count = 0;
  for (const key of state.transferOrder) {
    const tr = state.transfers[key];
    if (tr !== undefined && tr.direction === 'download' && !FINISHED.has(tr.status)) count += 1;
  }
  return count;
}

/** What the user is about to do that ends the session's transfers: the question's title and its Stop button say it. */
export type StopReason = 'closeSession' | 'connect' | 'encoding' | 'closeTab';

/** The store {@link askStopTransfers} reads and opens its dialog in. */
interface GuardStore {
  getState: () => Pick<AppState, 'transfers' | 'transferOrder' | 'dialog' | 'openDialog'>;
}

/**
 * True when the session may end: no transfer is active, or the user said
 * "Stop" in the tab's own dialog (`stop-transfers`, StopTransfersDialog).
 * Not `window.confirm`: that stops every script of the page while it is on
 * screen, so every tab's uploads stop sending and their progress freezes
 * until the user answers. False without asking when the tab already shows a
 * dialog (a file-exists question waiting in a tab closed from the strip):
 * that one must be answered first, and replacing it would lose its answer.
 */
export function askStopTransfers(store: GuardStore, reason: StopReason): Promise<boolean> {
  const state = store.getState();
  const uploads = activeUploadKeys(state).length;
  const downloads = runningDownloadCount(state);
  if (uploads + downloads === 0) return Promise.resolve(true);
  if (state.dialog !== null) return Promise.resolve(false);
  return new Promise((respond) => state.openDialog({ kind: 'stop-transfers', reason, uploads, downloads, respond }));
}
