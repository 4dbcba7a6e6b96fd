/**
 * The file toolbar: navigation, transfer and file actions from the action
 * registry, the Upload button with its hidden file input, and the filter.
 */
import { useEffect, useRef, type ChangeEvent } from 'react';
import { getAction } from '../../actions/register.ts';
import type { ActionName } from '../../actions/types.ts';
import { useFilePicker, useServices } from '../../hooks/tabContext.ts';
import { useEnabled, useRunAction } from '../../hooks/useActions.ts';
import { treeFromRelativePaths } from '../../lib/droppedTree.ts';
import { useAppStore } from '../../store/index.ts';
import { useT } from '../../i18n/useT.ts';
import { Icon } from '../Icon/Icon.tsx';
import './Toolbar.css';

const NAV: readonly ActionName[] = ['goBack', 'goForward', 'goUp', 'refresh'];
const FILE: readonly ActionName[] = ['download', 'newFolder', 'rename', 'chmod', 'delete'];

/** An icon-only toolbar button named by its action label. */
function ActionButton({ name, enabled, withText }: { name: ActionName; enabled: boolean; withText?: boolean }) {
  const run = useRunAction();
  // Subscribes to the language: action labels are catalog lookups.
  useT();
  const action = getAction(name);
  const tip = action.shortcut ? `${action.label} (${action.shortcut})` : action.label;
  return (
    <button
      type="button"
      className={`btn ${withText ? 'btn-ghost tb-text' : 'btn-ghost btn-icon'}${action.danger ? ' tb-danger' : ''}`}
      disabled={!enabled}
      title={tip}
      aria-label={action.label}
      onClick={() => run(name)}
    >
      {action.icon && <Icon name={action.icon} />}
      {withText && <span>{action.label}</span>}
    </button>
  );
}

/**
 * The Upload button and its hidden input, plus "Upload folder". The inputs
 * stay in the DOM (hidden) so tests can set files on them.
 */
function UploadButtons({ enabled }: { enabled: boolean }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const services = useServices();
  const picker = useFilePicker();
  useEffect(() => picker.register(() => input.current?.click()), [picker]);
  // `webkitdirectory` is not in React's attribute list; set it on the element.
  useEffect(() => {
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);

  const onFiles = (e: ChangeEvent<HTMLInputElement>) => {
    const files = e.target.files ? [...e.target.files] : [];
    if (files.length > 0) services.ops.enqueue(files);
    // Reset so choosing the same file again still fires a change.
    e.target.value = '';
  };
  const onFolder = (e: ChangeEvent<HTMLInputElement>) => {
    const files = e.target.files ? [...e.target.files] : [];
    if (files.length > 0) void services.ops.enqueueTree(treeFromRelativePaths(files));
    e.target.value = '';
  };

  return (
    <div className="tb-upload-group">
      <button
        type="button"
        className="btn btn-primary tb-upload"
        disabled={!enabled}
        title={t('tb.uploadTitle')}
        onClick={() => input.current?.click()}
      >
        <Icon name="upload" />
        {t('ui.upload')}
      </button>
      <button
        type="button"
        className="btn btn-primary btn-icon tb-upload-folder"
        disabled={!enabled}
        aria-label={t('tb.uploadFolder')}
        title={t('tb.uploadFolderTitle')}
        onClick={() => folderInput.current?.click()}
      >
        <Icon name="folderPlus" />
      </button>
      <input ref={input} type="file" multiple hidden aria-label={t('tb.uploadFiles')} onChange={onFiles} />
      <input ref={folderInput} type="file" multiple hidden aria-label={t('tb.chooseFolder')} onChange={onFolder} />
    </div>
  );
}

/** Filter box, hidden-files toggle, and Find (which searches below the folder, where the filter reads only this one). */
function ViewControls({ findEnabled }: { findEnabled: boolean }) {
  const t = useT();
  const filter = useAppStore((s) => s.filter);
  const showHidden = useAppStore((s) => s.showHidden);
  const setFilter = useAppStore((s) => s.setFilter);
  const setShowHidden = useAppStore((s) => s.setShowHidden);
  return (
    <div className="tb-view">
      <div className="tb-filter">
        <Icon name="search" size={14} className="tb-filter-icon" />
        <input
          type="search"
          className="input"
          placeholder={t('ui.filter')}
          aria-label={t('tb.filterLabel')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setFilter('');
          }}
        />
      </div>
      <button
        type="button"
        className="btn btn-ghost btn-icon tb-hidden"
        aria-pressed={showHidden}
        aria-label={t('action.toggleHidden')}
        title={showHidden ? t('tb.hiddenShown') : t('tb.hiddenHidden')}
        onClick={() => setShowHidden(!showHidden)}
      >
        <Icon name="eye" />
      </button>
      <ActionButton name="find" enabled={findEnabled} />
    </div>
  );
}

/** The toolbar above the file list. */
export function Toolbar() {
  const t = useT();
  const names = [...NAV, ...FILE, 'upload', 'find'] as const;
  const enabled = useEnabled(names);
  const on = (name: ActionName) => enabled[names.indexOf(name as (typeof names)[number])] ?? false;

  return (
    <div className="toolbar" role="toolbar" aria-label={t('tb.label')}>
      <div className="tb-group">
        {NAV.map((n) => (
          <ActionButton key={n} name={n} enabled={on(n)} />
        ))}
      </div>
      <div className="tb-sep" aria-hidden="true" />
      <div className="tb-group">
        <UploadButtons enabled={on('upload')} />
        {FILE.map((n) => (
          <ActionButton key={n} name={n} enabled={on(n)} withText={n === 'download' || n === 'newFolder'} />
        ))}
      </div>
      <ViewControls findEnabled={on('find')} />
    </div>
  );
}
