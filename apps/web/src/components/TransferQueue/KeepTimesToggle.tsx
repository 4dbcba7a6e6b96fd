/** The "keep file times" setting for uploads queued from now on (`upload-start.modified`). */
import { useId } from 'react';
import { useT } from '../../i18n/index.ts';
import { useAppStore, useStoreApi } from '../../store/index.ts';

/** A labelled checkbox in the transfers panel's header; its help is read out with it, not only hovered. */
export function KeepTimesToggle() {
  const t = useT();
  const store = useStoreApi();
  const helpId = useId();
  const boxId = useId();
  const keepTimes = useAppStore((s) => s.keepTimes);
  return (
    // The help sits outside the label, so the checkbox's name stays "Keep file times" (as TransferTypeSelect's).
    <div className="tq-keep" title={t('tq.keepTimesHelp')}>
      <input id={boxId} type="checkbox" checked={keepTimes} aria-describedby={helpId} onChange={(e) => store.getState().setKeepTimes(e.target.checked)} />
      <label htmlFor={boxId}>{t('tq.keepTimes')}</label>
      <span id={helpId} className="visually-hidden">
        {t('tq.keepTimesHelp')}
      </span>
    </div>
  );
}
