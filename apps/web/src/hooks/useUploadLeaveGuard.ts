/**
 * Warns before the page unloads while uploads of this tab are active: their
 * bytes come from files only this page holds, so a reload or a closed
 * window would stop them half-way.
 */
import { useEffect } from 'react';
import { activeUploadKeys } from '../api/uploadGuard.ts';
import { t } from '../i18n/languageStore.ts';
import { useStoreApi } from '../store/index.ts';

/** Registers the beforeunload warning for the tab's store (every tab, shown or not: a hidden tab's uploads die too). */
export function useUploadLeaveGuard(): void {
  const store = useStoreApi();
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (activeUploadKeys(store.getState()).length === 0) return;
      e.preventDefault();
      // Older browsers show the prompt only when returnValue is set; none shows this text any more.
      e.returnValue = t('uploads.leaveWarning');
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [store]);
}
