/** The registry: every action, looked up by name or by key. */
import type { WireEntry } from '@ftpdeck/protocol';
import { selectSelectedEntries } from '../store/selectors.ts';
import type { AppState } from '../store/types.ts';
import {
  actionChmod,
  actionCopyPath,
  actionDelete,
  actionDownload,
  actionEdit,
  actionNewFolder,
  actionRename,
  actionUpload,
  actionView,
} from './fileActions.ts';
import { actionGoBack, actionGoForward, actionGoUp, actionOpen, actionRefresh } from './navigationActions.ts';
import type { Action, ActionContext, ActionEnv, ActionName, KeyLike } from './types.ts';
import { actionFind, actionSelectAll, actionShowShortcuts, actionToggleHidden } from './viewActions.ts';

/** All actions, in menu order. */
export const actions: readonly Action[] = [
  actionOpen,
  actionDownload,
  actionView,
  actionEdit,
  actionRefresh,
  actionUpload,
  actionNewFolder,
  actionRename,
  actionChmod,
  actionCopyPath,
  actionSelectAll,
  actionFind,
  actionDelete,
  actionGoBack,
  actionGoForward,
  actionGoUp,
  actionToggleHidden,
  actionShowShortcuts,
];

const byName = new Map<ActionName, Action>(actions.map((a) => [a.name, a]));

/** An action by name. */
export function getAction(name: ActionName): Action {
  const action = byName.get(name);
  if (!action) throw new Error(`unknown action ${name}`);
  return action;
}

/** Builds the context for a tab's current store state; `targets` defaults to the selection. */
export function actionContext(state: AppState, env: ActionEnv, targets?: WireEntry[]): ActionContext {
  return { state, ops: env.ops, pickFiles: env.pickFiles, targets: targets ?? selectSelectedEntries(state) };
}

/** True when the action may run in this context. */
export function isEnabled(action: Action, ctx: ActionContext): boolean {
  return action.predicate ? action.predicate(ctx) : true;
}

/** Runs an action if enabled. Returns whether it ran. */
export function runAction(action: Action, ctx: ActionContext): boolean {
  if (!isEnabled(action, ctx)) return false;
  void action.perform(ctx);
  return true;
}

/** The first enabled action whose shortcut matches the key, if any. */
export function actionForKey(e: KeyLike, ctx: ActionContext): Action | undefined {
  return actions.find((a) => a.keyTest?.(e) && isEnabled(a, ctx));
}
