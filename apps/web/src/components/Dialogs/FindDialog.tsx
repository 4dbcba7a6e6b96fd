/**
 * Find files: names matching what the user typed, in the folder on screen
 * and every folder below it (lib/findFiles.ts walks them with `list`).
 * Matches appear as each folder is read; choosing one opens its folder
 * with it selected. Closing the dialog stops the walk.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { WireEntry } from '@ftpdeck/protocol';
import { useServices } from '../../hooks/tabContext.ts';
import { useT } from '../../i18n/useT.ts';
import { findEntries, FIND_MAX_FOLDERS, FIND_MAX_MATCHES, nameMatcher, type FindProgress, type FoundEntry } from '../../lib/findFiles.ts';
import { formatBytes, formatModified } from '../../lib/format.ts';
import { joinPath } from '../../lib/remotePath.ts';
import { displayServerText } from '../../lib/serverText.ts';
import { useAppStore } from '../../store/index.ts';
import { Icon } from '../Icon/Icon.tsx';
import { Modal } from './Modal.tsx';
import './FindDialog.css';

/** The find dialog. */
export function FindDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { ops, socket, store } = useServices();
  const root = useAppStore((s) => s.cwd) ?? '/';
  const id = useId();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<FoundEntry[]>([]);
  const [progress, setProgress] = useState<FindProgress | null>(null);
  const walk = useRef<AbortController | null>(null);
  const running = progress !== null && progress.ended === undefined;

  // Closing stops a walk that is still going.
  useEffect(() => () => walk.current?.abort(), []);

  const start = () => {
    if (query.trim() === '') return;
    walk.current?.abort();
    const stop = new AbortController();
    walk.current = stop;
    setFound([]);
    setProgress({ folders: 0, unreadable: 0, matches: 0 });
    store.getState().recordAction('act.find', { query: query.trim(), path: root });
    void findEntries(root, nameMatcher(query), {
      list: async (path) => (await socket.request({ type: 'list', path })).entries,
      signal: stop.signal,
      onFound: (more) => {
        if (!stop.signal.aborted) setFound((all) => [...all, ...more]);
      },
      onProgress: (p) => {
        if (walk.current === stop) setProgress(p);
      },
    });
  };

  const show = async (dir: string, entry: WireEntry) => {
    walk.current?.abort();
    onClose();
    if (await ops.openDir(dir)) store.getState().select(entry.name, 'only', [entry.name]);
  };

  return (
    <Modal
      title={t('find.title')}
      width={720}
      onClose={onClose}
      onSubmit={() => (running ? walk.current?.abort() : start())}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('ui.close')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={!running && query.trim() === ''}>
            {running ? t('find.stop') : t('find.find')}
          </button>
        </>
      }
    >
      <div className="field">
        <label htmlFor={id}>{t('find.label')}</label>
        <input id={id} className="input" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="*.log" autoComplete="off" spellCheck={false} />
      </div>
      <p className="find-root">{t('find.in', { path: displayServerText(root) })}</p>
      {/* The running count is for the eye; only how the search ended is announced. */}
      <p className="find-status" aria-hidden={running || undefined}>
        {progress && statusText(t, progress)}
      </p>
      <p className="visually-hidden" role="status">
        {progress?.ended !== undefined ? statusText(t, progress) : ''}
      </p>
      {found.length > 0 && (
        <ul className="list-box find-results" aria-label={t('find.results')}>
          {found.map(({ dir, entry }) => {
            const path = joinPath(dir, entry.name);
            return (
              <li key={path}>
                <button type="button" className="find-hit" onClick={() => void show(dir, entry)}>
                  <Icon name={entry.type === 'dir' ? 'folder' : entry.type === 'symlink' ? 'link' : 'file'} size={14} />
                  <span className="find-name">{displayServerText(entry.name)}</span>
                  <span className="find-dir">{displayServerText(dir)}</span>
                  <span className="find-size">{entry.type === 'dir' ? '' : formatBytes(entry.size)}</span>
                  <span className="find-date">{formatModified(entry.modifiedAt, entry.modifiedPrecision)}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </Modal>
  );
}

function statusText(t: ReturnType<typeof useT>, p: FindProgress): string {
  const counts = t('find.counts', { folders: p.folders, count: p.matches });
  const unreadable = p.unreadable > 0 ? ` ${t('find.unreadable', { count: p.unreadable })}` : '';
  switch (p.ended) {
    case undefined:
      return `${t('find.searching')} ${counts}${unreadable}`;
    case 'done':
      return `${t('find.done')} ${counts}${unreadable}`;
    case 'stopped':
      return `${t('find.stopped')} ${counts}${unreadable}`;
    case 'folder-limit':
      return `${t('find.folderLimit', { max: FIND_MAX_FOLDERS })} ${counts}${unreadable}`;
    case 'match-limit':
      return `${t('find.matchLimit', { max: FIND_MAX_MATCHES })} ${counts}${unreadable}`;
  }
}
