/**
 * Shortcuts that work anywhere outside text fields (F5, Alt+arrows,
 * Ctrl+U, Ctrl+L…). The file grid handles its own keys first and marks
 * them handled with preventDefault, so nothing runs twice. Every open site
 * tab mounts this hook, but only the tab on screen listens: a key press
 * acts on the tab the user sees, never on a hidden one.
 */
import { useEffect } from 'react';
import { actionContext, actionForKey, runAction } from '../actions/register.ts';
import { useStoreApi } from '../store/index.ts';
import { selectModalOpen } from '../store/selectors.ts';
import { useActionEnv, useTabActive, useTabRoot } from './tabContext.ts';

/** Keys that belong to whatever control has focus (buttons, links) unless the grid has it. */
const CONTROL_KEYS = new Set(['Enter', ' ', 'Backspace', 'Delete', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);

function isTextField(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  return el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT';
}

/** Installs the window-level shortcut listener while the enclosing tab is on screen. */
export function useGlobalShortcuts(): void {
  const store = useStoreApi();
  const env = useActionEnv();
  const active = useTabActive();
  const root = useTabRoot();
  useEffect(() => {
    if (!active) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTextField(e.target)) return;
      // Inside the transcript, keys such as Ctrl+A select its text, not files.
      if (e.target instanceof Element && e.target.closest('[role="log"]')) return;
      const s = store.getState();
      if (selectModalOpen(s) || s.contextMenu !== null) return;
      if (CONTROL_KEYS.has(e.key) && !e.altKey && e.target !== document.body) return;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        root().querySelector<HTMLButtonElement>('nav.pathbar button.pb-edit')?.click();
        return;
      }
      const ctx = actionContext(s, env);
      const action = actionForKey(e, ctx);
      if (action) {
        e.preventDefault();
        runAction(action, ctx);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [active, store, env, root]);
}
