/**
 * The right-click menu, built from the action registry: entry actions when
 * rows are selected, folder actions on the background. A menu is a moment's
 * thing: when its site tab goes into the background it closes.
 */
import { Fragment, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { actionContext, actions, isEnabled, runAction } from '../../actions/register.ts';
import { useActionEnv, useTabActive, useTabRoot } from '../../hooks/tabContext.ts';
import { useAppStore, useStoreApi } from '../../store/index.ts';
import { Icon } from '../Icon/Icon.tsx';
import { useT } from '../../i18n/useT.ts';
import './ContextMenu.css';

/** Context menu; renders nothing while closed. */
export function ContextMenu() {
  const t = useT();
  const at = useAppStore((s) => s.contextMenu);
  const close = useAppStore((s) => s.closeContextMenu);
  const store = useStoreApi();
  const env = useActionEnv();
  const active = useTabActive();
  const root = useTabRoot();
  const menu = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ x: number; y: number } | null>(null);

  const ctx = at ? actionContext(store.getState(), env) : null;
  const onEntry = (ctx?.targets.length ?? 0) > 0;
  const items = ctx
    ? actions.filter((a) => a.menu && (a.menu === 'both' || a.menu === (onEntry ? 'entry' : 'background')))
    : [];

  // Keep the menu inside the viewport.
  useLayoutEffect(() => {
    if (!at || !menu.current) {
      setPos(null);
      return;
    }
    const r = menu.current.getBoundingClientRect();
    setPos({
      x: Math.max(4, Math.min(at.x, window.innerWidth - r.width - 8)),
      y: Math.max(4, Math.min(at.y, window.innerHeight - r.height - 8)),
    });
  }, [at]);

  // Focus only once visible: a visibility:hidden element cannot take focus.
  useEffect(() => {
    if (pos) menu.current?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
  }, [pos]);

  useEffect(() => {
    if (!at) return;
    if (!active) {
      close();
      return;
    }
    const onDown = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node)) close();
    };
    const onBlur = () => close();
    window.addEventListener('mousedown', onDown, true);
    window.addEventListener('blur', onBlur);
    window.addEventListener('resize', onBlur);
    return () => {
      window.removeEventListener('mousedown', onDown, true);
      window.removeEventListener('blur', onBlur);
      window.removeEventListener('resize', onBlur);
    };
  }, [at, active, close]);

  if (!at || !ctx) return null;

  const onKeyDown = (e: KeyboardEvent) => {
    const all = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? [])];
    const i = all.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      e.stopPropagation();
      close();
      // Give the keyboard back to the list the menu came from.
      root().querySelector<HTMLElement>('[role="grid"]')?.focus();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      all[(i + 1) % all.length]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      all[(i - 1 + all.length) % all.length]?.focus();
    }
  };

  let lastGroup: number | undefined;
  return (
    <div
      ref={menu}
      role="menu"
      aria-label={onEntry ? t('ctx.entry') : t('ctx.folder')}
      className="ctx-menu"
      style={{ left: pos?.x ?? at.x, top: pos?.y ?? at.y, visibility: pos ? 'visible' : 'hidden' }}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => e.preventDefault()}
    >
      {items.map((a) => {
        const enabled = isEnabled(a, ctx);
        const sep = lastGroup !== undefined && a.group !== lastGroup;
        lastGroup = a.group;
        return (
          <Fragment key={a.name}>
            {sep && <div role="separator" className="ctx-sep" />}
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              aria-disabled={!enabled || undefined}
              className={`ctx-item${a.danger ? ' is-danger' : ''}`}
              onClick={() => {
                if (!enabled) return;
                // Back to the list first: a dialog the action opens returns focus to where it was.
                root().querySelector<HTMLElement>('[role="grid"]')?.focus();
                close();
                runAction(a, actionContext(store.getState(), env));
              }}
            >
              <span className="ctx-icon">{a.icon && <Icon name={a.icon} size={14} />}</span>
              <span className="ctx-label">{a.label}</span>
              {a.shortcut && <span className="kbd">{a.shortcut}</span>}
            </button>
          </Fragment>
        );
      })}
    </div>
  );
}
