/**
 * Notifications. Errors stay until dismissed; others fade after a few
 * seconds. The stack sits above the transfers panel (toastPlacement.ts), so
 * it never hides a row's Retry or Cancel, and shows only the newest few: the
 * older ones fold into one line that can show or dismiss them all, and all but
 * the newest shown keep to their title (two lines at most), so the stack stays
 * low even in a short window.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTabRoot } from '../../hooks/tabContext.ts';
import { useAppStore, useStoreApi } from '../../store/index.ts';
import type { Toast } from '../../store/uiSlice.ts';
import { Icon } from '../Icon/Icon.tsx';
import { ServerText } from '../ServerText/ServerText.tsx';
import { useT } from '../../i18n/useT.ts';
import { useStackBottom } from './toastPlacement.ts';
import './Toasts.css';

const AUTO_DISMISS_MS = { info: 5000, success: 3500, error: 0 } as const;

/** Toasts shown in full; older ones fold into the "N earlier notifications" line. */
export const VISIBLE_TOASTS = 3;

/**
 * Info and success toasts fade on their own, folded or not: the timers live
 * here rather than in each shown item, so a folded toast still goes.
 */
function useAutoDismiss(toasts: readonly Toast[], dismiss: (id: number) => void): void {
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const live = new Set(toasts.map((item) => item.id));
    for (const item of toasts) {
      const ms = AUTO_DISMISS_MS[item.kind];
      if (ms === 0 || timers.current.has(item.id)) continue;
      timers.current.set(
        item.id,
        setTimeout(() => {
          timers.current.delete(item.id);
          dismiss(item.id);
        }, ms),
      );
    }
    for (const [id, timer] of timers.current) {
      if (live.has(id)) continue;
      clearTimeout(timer);
      timers.current.delete(id);
    }
  }, [toasts, dismiss]);
  useEffect(() => {
    const map = timers.current;
    return () => {
      for (const timer of map.values()) clearTimeout(timer);
      map.clear();
    };
  }, []);
}

/** One toast; `compact` (every one but the newest) keeps to its title, so the stack stays short. */
function ToastItem({ toast, compact }: { toast: Toast; compact: boolean }) {
  const t = useT();
  const dismiss = useAppStore((s) => s.dismissToast);

  return (
    <div className={`toast toast-${toast.kind}${compact ? ' is-compact' : ''}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
      <Icon name={toast.kind === 'error' ? 'alert' : toast.kind === 'success' ? 'check' : 'info'} size={16} className="toast-icon" />
      <div className="toast-body">
        {/* Titles name remote files, and details quote the server's replies. */}
        <div className="toast-title">
          <ServerText text={toast.title} multiline />
        </div>
        {toast.detail && !compact && (
          <div className="toast-detail">
            <ServerText text={toast.detail} multiline />
          </div>
        )}
      </div>
      <button type="button" className="btn btn-ghost btn-icon btn-sm" aria-label={t('toast.dismiss')} onClick={() => dismiss(toast.id)}>
        <Icon name="close" size={14} />
      </button>
    </div>
  );
}

/** The toast stack. */
export function Toasts() {
  const t = useT();
  const store = useStoreApi();
  const toasts = useAppStore((s) => s.toasts);
  useAutoDismiss(toasts, useAppStore((s) => s.dismissToast));
  const [expanded, setExpanded] = useState(false);
  const root = useTabRoot();
  const findQueue = useCallback(() => root().querySelector('.tq'), [root]);
  const bottom = useStackBottom(findQueue, toasts.length > 0);
  const folded = expanded ? 0 : Math.max(0, toasts.length - VISIBLE_TOASTS);
  const shown = folded > 0 ? toasts.slice(folded) : toasts;

  // Once nothing is folded any more, the next burst starts folded again.
  useEffect(() => {
    if (toasts.length <= VISIBLE_TOASTS) setExpanded(false);
  }, [toasts.length]);

  const dismissAll = () => {
    const s = store.getState();
    for (const item of s.toasts) s.dismissToast(item.id);
  };

  return (
    <div className="toasts" aria-label={t('toast.region')} role="region" style={{ bottom }}>
      {toasts.length > VISIBLE_TOASTS && (
        <div className="toast-fold">
          {folded > 0 ? (
            <span className="toast-fold-text">{t('toast.more', { count: folded })}</span>
          ) : (
            <span className="toast-fold-text" />
          )}
          <button type="button" className="btn btn-ghost btn-sm" aria-expanded={expanded} onClick={() => setExpanded((e) => !e)}>
            {t(expanded ? 'toast.showFewer' : 'toast.showAll')}
          </button>
          <button type="button" className="btn btn-ghost btn-sm" onClick={dismissAll}>
            {t('toast.dismissAll')}
          </button>
        </div>
      )}
      {shown.map((item, i) => (
        <ToastItem key={item.id} toast={item} compact={i < shown.length - 1} />
      ))}
    </div>
  );
}
