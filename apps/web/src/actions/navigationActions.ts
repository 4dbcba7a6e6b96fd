/** Moving around: open, back, forward, up, refresh. */
import { joinPath } from '../lib/remotePath.ts';
import { selectConnected } from '../store/selectors.ts';
import { t } from '../i18n/languageStore.ts';
import { keyIs, type Action } from './types.ts';

/** Open a folder, or download a file. */
export const actionOpen: Action = {
  name: 'open',
  get label() {
    return t('action.open');
  },
  icon: 'open',
  shortcut: 'Enter',
  keyTest: (e) => keyIs(e, 'Enter'),
  predicate: ({ targets }) => targets.length === 1,
  perform: async ({ targets, ops, state }) => {
    const entry = targets[0];
    if (!entry) return;
    const path = joinPath(state.cwd ?? '/', entry.name);
    if (entry.type === 'dir') return void (await ops.openDir(path));
    // A listing cannot tell where a symlink leads, and a names-only (NLST) listing what anything is:
    // try to enter it, and when the server refuses, it is a file.
    if ((entry.type === 'symlink' || entry.type === 'unknown') && (await ops.followLink(path)) === 'entered') return;
    return ops.download([entry]);
  },
  menu: 'entry',
  group: 0,
};

/** Previous directory. */
export const actionGoBack: Action = {
  name: 'goBack',
  get label() {
    return t('action.goBack');
  },
  icon: 'back',
  shortcut: 'Alt+←',
  keyTest: (e) => keyIs(e, 'ArrowLeft', { alt: true }),
  predicate: ({ state }) => selectConnected(state) && state.history.back.length > 0,
  perform: ({ ops }) => ops.goBack(),
};

/** Next directory. */
export const actionGoForward: Action = {
  name: 'goForward',
  get label() {
    return t('action.goForward');
  },
  icon: 'forward',
  shortcut: 'Alt+→',
  keyTest: (e) => keyIs(e, 'ArrowRight', { alt: true }),
  predicate: ({ state }) => selectConnected(state) && state.history.forward.length > 0,
  perform: ({ ops }) => ops.goForward(),
};

/** Parent directory. Named so it cannot be confused with "Upload" by name lookups. */
export const actionGoUp: Action = {
  name: 'goUp',
  get label() {
    return t('action.goUp');
  },
  icon: 'up',
  shortcut: 'Backspace',
  keyTest: (e) => keyIs(e, 'Backspace') || keyIs(e, 'ArrowUp', { alt: true }),
  predicate: ({ state }) => selectConnected(state) && state.cwd !== null && state.cwd !== '/',
  perform: ({ ops }) => ops.goUp(),
};

/** Re-list the directory. */
export const actionRefresh: Action = {
  name: 'refresh',
  get label() {
    return t('action.refresh');
  },
  icon: 'refresh',
  shortcut: 'F5',
  keyTest: (e) => keyIs(e, 'F5') || keyIs(e, 'r', { ctrl: true }),
  predicate: ({ state }) => selectConnected(state) && state.cwd !== null,
  perform: ({ ops }) => ops.refresh(),
  menu: 'background',
  group: 0,
};
