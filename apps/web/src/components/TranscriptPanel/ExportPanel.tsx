/**
 * The support-ticket export: choose what to reveal, preview the text, then
 * download it as a .txt (a Blob URL) or copy it. The text is the transcript
 * as it was when the panel opened; reopen it for newer lines.
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n/useT.ts';
import { useAppStore, useStoreApi } from '../../store/index.ts';
import { buildExport } from './transcriptExport.ts';

/** Props of ExportPanel. */
export interface ExportPanelProps {
  onClose: () => void;
}

/** The export popover. */
export function ExportPanel({ onClose }: ExportPanelProps) {
  const t = useT();
  const id = useId();
  const store = useStoreApi();
  const [includeUser, setIncludeUser] = useState(true);
  const [includeHost, setIncludeHost] = useState(true);
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const server = useAppStore(useShallow((s) => ({ user: s.server.user, host: s.server.host, port: s.server.port, system: s.server.system, secure: s.server.secure })));
  // A snapshot taken when the panel opens or an option changes: rebuilding up to
  // 100,000 redacted lines (and a new Blob) on every transcript batch would stall a busy session.
  const text = useMemo(
    () => buildExport(store.getState().transcript.slice(), { ...server, includeUser, includeHost, now: new Date(), t }),
    [store, server, includeUser, includeHost, t],
  );
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const next = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [text]);
  const fileName = `ftpdeck-transcript-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.txt`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  // Focus moves in when it opens, and back to what opened it (the Export button) when it closes.
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const opener = document.activeElement;
    box.current?.querySelector<HTMLElement>('input, button')?.focus();
    return () => {
      const inside = document.activeElement === document.body || box.current?.contains(document.activeElement);
      if (inside && opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);
  return (
    <div
      ref={box}
      className="tp-export"
      role="dialog"
      aria-label={t('tp.exportTitle')}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        onClose();
      }}
    >
      <div className="tp-export-head">
        <strong>{t('tp.exportTitle')}</strong>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onClose}>
          {t('ui.close')}
        </button>
      </div>
      <div className="tp-export-opts">
        <label htmlFor={`${id}-user`}>
          <input id={`${id}-user`} type="checkbox" checked={includeUser} onChange={(e) => setIncludeUser(e.target.checked)} /> {t('tp.includeUser')}
        </label>
        <label htmlFor={`${id}-host`}>
          <input id={`${id}-host`} type="checkbox" checked={includeHost} onChange={(e) => setIncludeHost(e.target.checked)} /> {t('tp.includeHost')}
        </label>
      </div>
      <textarea className="tp-export-text" readOnly aria-label={t('tp.preview')} value={text} spellCheck={false} />
      <div className="tp-export-actions">
        {url && (
          <a className="btn btn-primary btn-sm" href={url} download={fileName}>
            {t('tp.download')}
          </a>
        )}
        <button type="button" className="btn btn-sm" onClick={() => void copy()}>
          {t('tp.copy')}
        </button>
        {copied === 'yes' && <span role="status">{t('tp.copied')}</span>}
        {copied === 'failed' && <span role="status">{t('tp.copyFailed')}</span>}
      </div>
    </div>
  );
}
