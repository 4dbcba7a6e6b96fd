/**
 * Uploads live in this page: the bytes come from File objects the server
 * cannot reach. Leaving the page or closing the session ends them, so both
 * ask first while any upload is running, queued or paused.
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

/**
 * True when the session may close: no upload is active, or the user said
 * yes. `ask` is window.confirm in the app (a blocking question is what a
 * click on "Close session" can wait for), injectable for tests.
 */
export function confirmStopUploads(
  state: Pick<AppState, 'transfers' | 'transferOrder'>,
  ask: (message: string) => boolean = (message) => window.confirm(message),
): boolean {
  const count = activeUploadKeys(state).length;
  return count === 0 || ask(t('uploads.closeSessionConfirm', { count }));
}
