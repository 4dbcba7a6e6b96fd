/**
 * User commands as declarative objects (after excalidraw's actions): the
 * toolbar, the context menu and the keyboard all read one registry, so a
 * command's label, shortcut and enablement are defined exactly once.
 */
import type { WireEntry } from '@ftpdeck/protocol';
import type { RemoteOps } from '../api/services.ts';
import type { IconName } from '../components/Icon/Icon.tsx';
import type { AppState } from '../store/types.ts';

/** The key fields an action's shortcut looks at. */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** The site tab an action runs in: its remote operations and its file picker. */
export interface ActionEnv {
  ops: RemoteOps;
  /** Opens this tab's file chooser (the Upload action). */
  pickFiles: () => void;
}

/** What an action sees when it is checked or run. */
export interface ActionContext {
  /** Store snapshot at the moment of the check. */
  state: AppState;
  /** Selected entries in display order (or the right-clicked one). */
  targets: WireEntry[];
  /** Remote operations. */
  ops: RemoteOps;
  /** Opens the tab's file chooser. */
  pickFiles: () => void;
}

/** Names of all actions. */
export type ActionName =
  | 'open'
  | 'goBack'
  | 'goForward'
  | 'goUp'
  | 'refresh'
  | 'upload'
  | 'download'
  | 'view'
  | 'edit'
  | 'newFolder'
  | 'rename'
  | 'delete'
  | 'chmod'
  | 'copyPath'
  | 'selectAll'
  | 'toggleHidden'
  | 'find'
  | 'showShortcuts';

/** Where an action shows up in the context menu. */
export type MenuPlacement = 'entry' | 'background' | 'both';

/** One user command. */
export interface Action {
  name: ActionName;
  /** Visible label, also the button's accessible name. */
  label: string;
  icon?: IconName;
  /** Human-readable shortcut for menus and tooltips. */
  shortcut?: string;
  /** True when a keyboard event should trigger this action. */
  keyTest?: (e: KeyLike) => boolean;
  /** True when the action can run now (disabled otherwise). */
  predicate?: (ctx: ActionContext) => boolean;
  /** Runs the action. */
  perform: (ctx: ActionContext) => void | Promise<unknown>;
  /** Context-menu placement; absent means "not in the menu". */
  menu?: MenuPlacement;
  /** Menu group, for separators. */
  group?: number;
  /** Rendered in red: the action destroys something. */
  danger?: boolean;
}

/** Matches a key with modifiers; `ctrl` accepts Ctrl or ⌘. */
export function keyIs(
  e: KeyLike,
  key: string,
  mods: { ctrl?: boolean; shift?: boolean; alt?: boolean } = {},
): boolean {
  return (
    e.key.toLowerCase() === key.toLowerCase() &&
    (e.ctrlKey || e.metaKey) === (mods.ctrl ?? false) &&
    e.shiftKey === (mods.shift ?? false) &&
    e.altKey === (mods.alt ?? false)
  );
}
