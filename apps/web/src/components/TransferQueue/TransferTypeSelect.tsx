/** The transfer type setting (Binary, ASCII, Auto) for files queued from now on; see lib/transferType.ts. */
import { useT } from '../../i18n/index.ts';
import { TRANSFER_TYPE_PREFS, parseTransferTypePref } from '../../lib/transferType.ts';
import { useAppStore, useStoreApi } from '../../store/index.ts';

/** A labelled select in the transfers panel's header. */
export function TransferTypeSelect() {
  const t = useT();
  const store = useStoreApi();
  const pref = useAppStore((s) => s.transferTypePref);
  return (
    <label className="tq-type" title={t('tq.typeHelp')}>
      <span>{t('tq.type')}</span>
      <select
        className="tq-type-select"
        value={pref}
        onChange={(e) => store.getState().setTransferTypePref(parseTransferTypePref(e.target.value) ?? 'binary')}
      >
        {TRANSFER_TYPE_PREFS.map((p) => (
          <option key={p} value={p}>
            {t(`tq.type.${p}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
