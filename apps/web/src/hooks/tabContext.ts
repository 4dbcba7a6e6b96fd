/**
 * What a site tab's subtree knows about its tab besides the store: its
 * services (socket and remote operations), whether it is on screen, its file
 * picker and its root element. `TabScope` (components/Tabs) provides it.
 */
import { createContext, useCallback, useContext, type RefObject } from 'react';
import type { ActionEnv } from '../actions/types.ts';
import type { Services } from '../api/services.ts';
import type { FilePicker } from '../lib/filePicker.ts';

/** The value `TabScope` provides. */
export interface TabContextValue {
  services: Services;
  /** True while the tab is the one on screen. */
  active: boolean;
  filePicker: FilePicker;
  /** What actions run with: this tab's operations and file picker. */
  actionEnv: ActionEnv;
  /** The tab's panel element: DOM lookups stay inside it, since every tab's app is mounted. */
  root: RefObject<HTMLElement | null>;
}

/** Set by `TabScope`; null outside one. */
export const TabContext = createContext<TabContextValue | null>(null);

function useTab(): TabContextValue {
  const tab = useContext(TabContext);
  if (!tab) throw new Error('used outside <TabScope>');
  return tab;
}

/** The enclosing tab's services. Throws outside a tab: there is no app-wide socket to fall back to. */
export function useServices(): Services {
  return useTab().services;
}

/** What actions run with in the enclosing tab. */
export function useActionEnv(): ActionEnv {
  return useTab().actionEnv;
}

/** The enclosing tab's file picker slot. */
export function useFilePicker(): FilePicker {
  return useTab().filePicker;
}

/**
 * Whether the enclosing tab is on screen. Global listeners, focus moves and
 * transient popups check it. Outside any tab (a widget rendered alone in a
 * test) the widget counts as on screen.
 */
export function useTabActive(): boolean {
  return useContext(TabContext)?.active ?? true;
}

/**
 * The element DOM lookups are scoped to: the tab's panel, or the document
 * outside a tab. A function, because the element exists only after mount.
 */
export function useTabRoot(): () => ParentNode {
  const root = useContext(TabContext)?.root;
  return useCallback(() => root?.current ?? document, [root]);
}
