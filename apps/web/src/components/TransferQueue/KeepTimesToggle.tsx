/** The "keep file times" setting for uploads queued from now on (`upload-start.modified`). */
import { useId } from 'react';
import { useT } from '../../i18n/index.ts';
import { useAppStore, useStoreApi } from '../../store/index.ts';

/** A labelled checkbox in the transfers panel's header; its help is read out with it, not only hovered. */
export function KeepTimesToggle() {
  const t = useT();
  const store = useStoreApi();
  const helpId = useId();
  const keepTimes = useAppStore((s) => s.keepTimes);
  return (
    <label className="tq-keep" title={t('tq.keepTimesHelp')}>
      <input type="checkbox" checked={keepTimes} aria-describedby={helpId} onChange={(e) => store.getState().setKeepTimes(e.target.checked)} />
      {t('tq.keepTimes')}
      <span id={helpId} className="visually-hidden">
        {t('tq.keepTimesHelp')}
      </span>
    </label>
  );
}
