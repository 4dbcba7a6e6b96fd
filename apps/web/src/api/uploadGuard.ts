/**
 * Uploads live in this page: the bytes come from File objects the server
 * cannot reach. Leaving the page or closing the session ends them, so both
 * ask first while any upload is running, queued or paused. Closing the
 * session ends the browser's downloads from it too, so that asks about them.
 */
import { t } from '../i18n/languageStore.ts';
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

/**
 * True when the session may close: no transfer is active, or the user said
 * yes. Closing the session ends downloads too (the server stops their RETR),
 * though leaving the page does not. `ask` is window.confirm in the app (a
 * blocking question is what a click on "Close session" can wait for),
 * injectable for tests.
 */
export function confirmStopTransfers(
  state: Pick<AppState, 'transfers' | 'transferOrder'>,
  ask: (message: string) => boolean = (message) => window.confirm(message),
): boolean {
  const uploads = activeUploadKeys(state).length;
  const downloads = runningDownloadCount(state);
  if (uploads + downloads === 0) return true;
  return ask(downloads === 0 ? t('uploads.closeSessionConfirm', { count: uploads }) : t('transfers.closeSessionConfirm', { count: uploads + downloads }));
}
