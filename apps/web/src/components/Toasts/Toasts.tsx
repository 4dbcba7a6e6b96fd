/** Notifications in the corner. Errors stay until dismissed; others fade after a few seconds. */
import { useEffect } from 'react';
import { useAppStore } from '../../store/index.ts';
import type { Toast } from '../../store/uiSlice.ts';
import { Icon } from '../Icon/Icon.tsx';
import { ServerText } from '../ServerText/ServerText.tsx';
import { useT } from '../../i18n/useT.ts';
import './Toasts.css';

const AUTO_DISMISS_MS = { info: 5000, success: 3500, error: 0 } as const;

function ToastItem({ toast }: { toast: Toast }) {
  const t = useT();
  const dismiss = useAppStore((s) => s.dismissToast);
  useEffect(() => {
    const ms = AUTO_DISMISS_MS[toast.kind];
    if (ms === 0) return;
    const timer = setTimeout(() => dismiss(toast.id), ms);
    return () => clearTimeout(timer);
  }, [toast, dismiss]);

  return (
    <div className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
      <Icon name={toast.kind === 'error' ? 'alert' : toast.kind === 'success' ? 'check' : 'info'} size={16} className="toast-icon" />
      <div className="toast-body">
        {/* Titles name remote files, and details quote the server's replies. */}
        <div className="toast-title">
          <ServerText text={toast.title} multiline />
        </div>
        {toast.detail && (
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
  const toasts = useAppStore((s) => s.toasts);
  return (
    <div className="toasts" aria-label={t('toast.region')} role="region">
      {toasts.map((item) => (
        <ToastItem key={item.id} toast={item} />
      ))}
    </div>
  );
}
