/** The bottom status line: counts, selection size, server facts. */
import { useShallow } from 'zustand/react/shallow';
import { formatBytes } from '../../lib/format.ts';
import { displayServerText } from '../../lib/serverText.ts';
import { useAppStore, useStoreApi } from '../../store/index.ts';
import { selectVisibleEntries } from '../../store/selectors.ts';
import { useT } from '../../i18n/useT.ts';
import { listingTotals } from './statusTotals.ts';
import './StatusBar.css';

/** Status bar. */
export function StatusBar() {
  const t = useT();
  const store = useStoreApi();
  const info = useAppStore(
    useShallow((s) => {
      const { files, dirs, bytes, selBytes } = listingTotals(selectVisibleEntries(s), s.selected);
      return {
        listed: s.listing !== null,
        files,
        dirs,
        bytes,
        selected: s.selected.size,
        selBytes,
        total: s.listing?.entries.length ?? 0,
        system: s.server.system,
        connected: s.server.status === 'connected',
        features: s.server.features?.length ?? 0,
      };
    }),
  );

  return (
    <footer className="statusbar">
      {info.listed ? (
        <span>
          {t('sb.folders', { count: info.dirs })}, {t('sb.files', { count: info.files })} · {formatBytes(info.bytes)}
          {info.total !== info.dirs + info.files && ` · ${t('sb.hiddenByFilter', { count: info.total - info.dirs - info.files })}`}
        </span>
      ) : (
        <span>{t('sb.ready')}</span>
      )}
      {info.selected > 0 && (
        <span>
          {t('sb.selected', { count: info.selected })} · {formatBytes(info.selBytes)}
        </span>
      )}
      <span className="sb-right">
        {info.connected && info.system && <span title={t('sb.features', { count: info.features })}>{displayServerText(info.system)}</span>}
        <button type="button" className="sb-keys" title={t('sb.keysTitle')} onClick={() => store.getState().openDialog({ kind: 'shortcuts' })}>
          {t('action.showShortcuts')}
        </button>
      </span>
    </footer>
  );
}
