/** The bottom status line: counts, selection size, server facts. */
import { useShallow } from 'zustand/react/shallow';
import { formatBytes } from '../../lib/format.ts';
import { appStore, useAppStore } from '../../store/index.ts';
import { selectVisibleEntries } from '../../store/selectors.ts';
import './StatusBar.css';

/** Status bar. */
export function StatusBar() {
  const info = useAppStore(
    useShallow((s) => {
      const rows = selectVisibleEntries(s);
      let files = 0;
      let dirs = 0;
      let bytes = 0;
      let selBytes = 0;
      for (const r of rows) {
        if (r.type === 'dir') dirs += 1;
        else files += 1;
        bytes += r.size ?? 0;
        if (s.selected.has(r.name)) selBytes += r.size ?? 0;
      }
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
          {info.dirs.toLocaleString()} {info.dirs === 1 ? 'folder' : 'folders'}, {info.files.toLocaleString()}{' '}
          {info.files === 1 ? 'file' : 'files'} · {formatBytes(info.bytes)}
          {info.total !== info.dirs + info.files && ` · ${(info.total - info.dirs - info.files).toLocaleString()} hidden by filter`}
        </span>
      ) : (
        <span>Ready</span>
      )}
      {info.selected > 0 && (
        <span>
          {info.selected.toLocaleString()} selected · {formatBytes(info.selBytes)}
        </span>
      )}
      <span className="sb-right">
        {info.connected && info.system && <span title={`${info.features} features advertised (FEAT)`}>{info.system}</span>}
        <button type="button" className="sb-keys" title="Keyboard shortcuts (?)" onClick={() => appStore.getState().openDialog({ kind: 'shortcuts' })}>
          Keyboard shortcuts
        </button>
      </span>
    </footer>
  );
}
