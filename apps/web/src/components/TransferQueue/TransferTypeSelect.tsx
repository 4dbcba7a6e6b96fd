/** The transfer type setting (Binary, ASCII, Auto) for files queued from now on; see lib/transferType.ts. */
import { useId } from 'react';
import { useT } from '../../i18n/index.ts';
import { TRANSFER_TYPE_PREFS, parseTransferTypePref } from '../../lib/transferType.ts';
import { useAppStore, useStoreApi } from '../../store/index.ts';

/** A labelled select in the transfers panel's header; its help is read out with it, not only hovered. */
export function TransferTypeSelect() {
  const t = useT();
  const store = useStoreApi();
  const helpId = useId();
  const selectId = useId();
  const pref = useAppStore((s) => s.transferTypePref);
  return (
    // The help sits outside the label, so the select's name stays "Transfer type".
    <div className="tq-type" title={t('tq.typeHelp')}>
      <label htmlFor={selectId}>{t('tq.type')}</label>
      <select
        id={selectId}
        className="tq-type-select"
        value={pref}
        aria-describedby={helpId}
        onChange={(e) => store.getState().setTransferTypePref(parseTransferTypePref(e.target.value) ?? 'binary')}
      >
        {TRANSFER_TYPE_PREFS.map((p) => (
          <option key={p} value={p}>
            {t(`tq.type.${p}`)}
          </option>
        ))}
      </select>
      <span id={helpId} className="visually-hidden">
        {t('tq.typeHelp')}
      </span>
    </div>
  );
}
