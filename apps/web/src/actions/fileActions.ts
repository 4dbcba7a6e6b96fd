/** Acting on files: upload, download, view, edit, new folder, rename, delete, permissions, copy path. */
import { canView } from '@ftpdeck/protocol';
import { canEdit } from '../lib/editable.ts';
import { selectConnected } from '../store/selectors.ts';
import { t } from '../i18n/languageStore.ts';
import { keyIs, type Action } from './types.ts';

/** Pick local files to upload into the current directory. */
export const actionUpload: Action = {
  name: 'upload',
  get label() {
    return t('action.upload');
  },
  icon: 'upload',
  shortcut: 'Ctrl+U',
  keyTest: (e) => keyIs(e, 'u', { ctrl: true }),
  predicate: ({ state }) => selectConnected(state) && state.cwd !== null,
  perform: ({ pickFiles }) => pickFiles(),
  menu: 'background',
  group: 1,
};

/** Download the selection through the browser: one file as itself, folders or several entries as a ZIP. */
export const actionDownload: Action = {
  name: 'download',
  get label() {
    return t('action.download');
  },
  icon: 'download',
  shortcut: 'Ctrl+D',
  keyTest: (e) => keyIs(e, 'd', { ctrl: true }),
  predicate: ({ state, targets }) => selectConnected(state) && targets.length > 0,
  perform: ({ ops, targets }) => ops.download(targets),
  menu: 'entry',
  group: 0,
};

/**
 * Show one file in a new browser tab instead of saving it: text, raster
 * images, audio and video (canView, the table the server serves by: text
 * and images sandboxed). Folders, other types and text over 16 MiB
 * download only.
 */
export const actionView: Action = {
  name: 'view',
  get label() {
    return t('action.view');
  },
  icon: 'eye',
  predicate: ({ state, targets }) => {
    const [only] = targets;
    // A link may point at a file (the server checks what it is: a folder gets SRV_ERR_NOT_VIEWABLE).
    return selectConnected(state) && targets.length === 1 && only !== undefined && (only.type === 'file' || only.type === 'symlink') && canView(only.name, only.size);
  },
  perform: ({ ops, targets }) => (targets[0] ? ops.view(targets[0]) : undefined),
  menu: 'entry',
  group: 0,
};

/**
 * Open one text file in the editor (lib/editable.ts says which files; the
 * bytes decide whether it is text). F4, as in FileZilla and Total Commander.
 */
export const actionEdit: Action = {
  name: 'edit',
  get label() {
    return t('action.edit');
  },
  icon: 'edit',
  shortcut: 'F4',
  keyTest: (e) => keyIs(e, 'F4'),
  predicate: ({ state, targets }) => selectConnected(state) && targets.length === 1 && targets[0] !== undefined && canEdit(targets[0]),
  perform: ({ state, targets }) => (targets[0] ? state.openEditor(targets[0]) : undefined),
  menu: 'entry',
  group: 0,
};

/** Create a folder. */
export const actionNewFolder: Action = {
  name: 'newFolder',
  get label() {
    return t('action.newFolder');
  },
  icon: 'folderPlus',
  shortcut: 'F7',
  keyTest: (e) => keyIs(e, 'F7') || keyIs(e, 'n', { ctrl: true, shift: true }),
  predicate: ({ state }) => selectConnected(state) && state.cwd !== null,
  perform: ({ state }) => state.openDialog({ kind: 'mkdir' }),
  menu: 'background',
  group: 1,
};

/** Rename one entry. */
export const actionRename: Action = {
  name: 'rename',
  get label() {
    return t('action.rename');
  },
  icon: 'rename',
  shortcut: 'F2',
  keyTest: (e) => keyIs(e, 'F2'),
  predicate: ({ state, targets }) => selectConnected(state) && targets.length === 1,
  perform: ({ state, targets }) => {
    const entry = targets[0];
    if (entry) state.openDialog({ kind: 'rename', entry });
  },
  menu: 'entry',
  group: 1,
};

/** Delete after confirmation. */
export const actionDelete: Action = {
  name: 'delete',
  get label() {
    return t('action.delete');
  },
  icon: 'trash',
  shortcut: 'Delete',
  keyTest: (e) => keyIs(e, 'Delete'),
  predicate: ({ state, targets }) => selectConnected(state) && targets.length > 0,
  perform: ({ state, targets }) => state.openDialog({ kind: 'delete', entries: targets }),
  menu: 'entry',
  group: 3,
  danger: true,
};

/** Change permissions (SITE CHMOD). */
export const actionChmod: Action = {
  name: 'chmod',
  get label() {
    return t('action.chmod');
  },
  icon: 'lock',
  // Most servers support SITE CHMOD without advertising it in FEAT; only an answer saying the command is unknown disables it (lib/permissions.ts, meansNoSiteChmod).
  predicate: ({ state, targets }) => selectConnected(state) && targets.length > 0 && !state.chmodUnsupported,
  perform: ({ state, targets }) => state.openDialog({ kind: 'chmod', entries: targets }),
  menu: 'entry',
  group: 1,
};

/** Copy absolute paths to the clipboard. */
export const actionCopyPath: Action = {
  name: 'copyPath',
  get label() {
    return t('action.copyPath');
  },
  icon: 'copy',
  shortcut: 'Ctrl+Shift+C',
  keyTest: (e) => keyIs(e, 'c', { ctrl: true, shift: true }),
  predicate: ({ state }) => state.cwd !== null,
  perform: ({ ops, targets }) => ops.copyPaths(targets),
  menu: 'both',
  group: 2,
};
