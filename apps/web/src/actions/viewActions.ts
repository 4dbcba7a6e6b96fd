/** View commands: select all, hidden files, find. */
import { selectConnected, selectVisibleEntries } from '../store/selectors.ts';
import { t } from '../i18n/languageStore.ts';
import { keyIs, type Action } from './types.ts';

/** Select every visible row. */
export const actionSelectAll: Action = {
  name: 'selectAll',
  get label() {
    return t('action.selectAll');
  },
  shortcut: 'Ctrl+A',
  keyTest: (e) => keyIs(e, 'a', { ctrl: true }),
  predicate: ({ state }) => (state.listing?.entries.length ?? 0) > 0,
  perform: ({ state }) => state.selectAll(selectVisibleEntries(state).map((e) => e.name)),
  menu: 'background',
  group: 2,
};

/** Show or hide dot-files. */
export const actionToggleHidden: Action = {
  name: 'toggleHidden',
  get label() {
    return t('action.toggleHidden');
  },
  icon: 'eye',
  shortcut: 'Ctrl+H',
  keyTest: (e) => keyIs(e, 'h', { ctrl: true }),
  perform: ({ state }) => state.setShowHidden(!state.showHidden),
};

/** The keyboard cheat sheet. */
export const actionShowShortcuts: Action = {
  name: 'showShortcuts',
  get label() {
    return t('action.showShortcuts');
  },
  shortcut: '?',
  keyTest: (e) => e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey,
  perform: ({ state }) => state.openDialog({ kind: 'shortcuts' }),
};

/**
 * Find files by name in the folder on screen and below it. F3, as
 * FileZilla's "Search remote files"; Ctrl+F stays the browser's find.
 */
export const actionFind: Action = {
  name: 'find',
  get label() {
    return t('action.find');
  },
  icon: 'search',
  shortcut: 'F3',
  keyTest: (e) => keyIs(e, 'F3') || keyIs(e, 'f', { ctrl: true, shift: true }),
  predicate: ({ state }) => selectConnected(state) && state.cwd !== null,
  perform: ({ state }) => state.openDialog({ kind: 'find' }),
  menu: 'background',
  group: 2,
};
