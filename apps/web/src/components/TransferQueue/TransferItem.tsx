/**
 * One row of the transfer queue: name, progress (an upload's two legs,
 * browser → relay and relay → FTP; a download's one), speed and ETA, the
 * outcome, and pause / resume / cancel / retry. Rows have a fixed height so
 * nothing moves while bytes flow; on a phone a taller one (queueRowHeight.ts),
 * where the status has lines of its own under the name.
 */
import { memo, useId, useLayoutEffect, useRef, type CSSProperties } from 'react';
import { useServices } from '../../hooks/tabContext.ts';
import { useT } from '../../i18n/index.ts';
import { FINISHED, isCheckingDownload } from '../../store/transfersSlice.ts';
import { useAppStore } from '../../store/index.ts';
import { fromOtherSite, selectHasSession, selectSite } from '../../store/selectors.ts';
import { displayServerText } from '../../lib/serverText.ts';
import { Icon, type IconName } from '../Icon/Icon.tsx';
import { ServerText } from '../ServerText/ServerText.tsx';
import { statusMessage } from './transferText.ts';

function pct(part: number, whole: number): number {
  if (whole <= 0) return 100;
  return Math.max(0, Math.min(100, (part / whole) * 100));
}

/**
 * A bar's fill as a horizontal scale rather than a width: the browser moves it
 * on the compositor, with no layout or repaint of the row at each progress tick.
 */
export function barFill(percent: number): CSSProperties {
  return { transform: `scaleX(${Math.max(0, Math.min(100, percent)) / 100})` };
}

/** One of the row's small icon buttons (pause, resume, retry, cancel). */
/**
 * A row's button. Pause becomes Resume, and Cancel leaves a finished row
 * with no button: when the focused one goes, focus stays in its row (the
 * button that took its place, else the row) instead of falling to the page.
 */
function ItemButton(props: { label: string; title: string; icon: IconName; describedBy: string; onClick: () => void; disabled?: boolean }) {
  const ref = useRef<HTMLButtonElement>(null);
  // A layout cleanup runs while the button is still in the document, so it can tell it had focus.
  useLayoutEffect(() => {
    const button = ref.current;
    return () => {
      if (!button || button !== document.activeElement) return;
      const row = button.closest('li');
      setTimeout(() => {
        if (!row?.isConnected || (document.activeElement && document.activeElement !== document.body)) return;
        (row.querySelector<HTMLElement>('.tq-actions button') ?? row).focus();
      });
    };
  }, []);
  return (
    <button
      ref={ref}
      type="button"
      className="btn btn-ghost btn-icon btn-sm"
      aria-label={props.label}
      aria-describedby={props.describedBy}
      title={props.title}
      // aria-disabled, not disabled: a focused Retry that goes offline keeps the focus (a
      // disabled button drops it to the page) and still says why in its title.
      aria-disabled={props.disabled === true || undefined}
      onClick={props.disabled ? undefined : props.onClick}
    >
      <Icon name={props.icon} size={14} />
    </button>
  );
}

function TransferItemImpl({ transferKey }: { transferKey: string }) {
  const t = useAppStore((s) => s.transfers[transferKey]);
  const tr = useT();
  const nameId = useId();
  const services = useServices();
  // Resume and Retry need the FTP server: without a session they could only fail again.
  const online = useAppStore(selectHasSession);
  // A row of another site than the session's: its Retry or Resume would send it to the wrong server.
  const elsewhere = useAppStore((s) => t !== undefined && fromOtherSite(t, selectSite(s)));
  const blocked = !online || elsewhere;
  const blockedWhy = elsewhere ? tr('tq.otherSite', { site: t?.site ?? '' }) : tr('tq.needsConnection');
  if (!t) return null;
  const finished = FINISHED.has(t.status);
  const status = statusMessage(t);
  // "size" as a check's name is a word to translate; a hash's name (MD5) is not.
  const statusText = tr(status.key, status.params?.how === 'size' ? { ...status.params, how: tr('tq.howSize') } : status.params);
  // The relay's count is a lower bound for what left the browser; take whichever is further.
  const sentPct = pct(Math.max(t.sent, t.received), t.size);
  const writtenPct = t.status === 'done' ? 100 : pct(t.written, t.size);
  const download = t.direction === 'download';
  // A ZIP on its way has no size to measure against: the bar says "moving", not a fraction.
  const indeterminate = download && t.sizeUnknown === true && !finished;
  const mismatch = t.status === 'done' && typeof t.verified === 'string';
  const checking = isCheckingDownload(t);
  const { ops } = services;
  const canPause = t.direction === 'upload' && !finished && t.status !== 'paused' && t.status !== 'finishing';

  return (
    <li className={`tq-item is-${t.status}${mismatch ? ' is-mismatch' : ''}`} tabIndex={-1}>
      <Icon name={t.direction === 'upload' ? 'upload' : 'download'} size={14} className="tq-dir" />
      <div className="tq-main">
        <div className="tq-line">
          <span id={nameId} className="tq-name" title={displayServerText(t.path)}>
            <ServerText text={t.name} />
          </span>
          {t.transferType === 'ascii' && (
            <span className="tq-badge" title={tr('tq.asciiBadge')}>
              ASCII
            </span>
          )}
          {t.timeKept === false && (
            <span className="tq-badge" title={tr('tq.timeNotKeptHint')}>
              {tr('tq.timeNotKept')}
            </span>
          )}
          {download && (t.attempt ?? 1) > 1 && (
            <span className="tq-badge" title={tr('tq.attemptHint')}>
              {tr('tq.attemptBadge', { n: t.attempt ?? 1 })}
            </span>
          )}
          <span className="tq-status" title={statusText}>
            {statusText}
          </span>
        </div>
        {indeterminate ? (
          <div className="tq-bar is-indeterminate" role="progressbar" aria-label={tr('tq.progress')} aria-describedby={nameId} aria-valuetext={statusText}>
            <div className="tq-bar-written" />
          </div>
        ) : (
          <div
            className="tq-bar"
            role="progressbar"
            aria-label={tr('tq.progress')}
            aria-describedby={nameId}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(writtenPct)}
            aria-valuetext={
              // A download has one leg: the browser receives what the FTP server sends.
              download ? tr('tq.progressTextDownload', { received: Math.round(writtenPct) }) : tr('tq.progressText', { written: Math.round(writtenPct), sent: Math.round(sentPct) })
            }
          >
            {!download && <div className="tq-bar-sent" style={barFill(sentPct)} />}
            <div className="tq-bar-written" style={barFill(writtenPct)} />
          </div>
        )}
      </div>
      <div className="tq-actions">
        {canPause && (
          <ItemButton label={tr('tq.pause')} title={tr('tq.pause')} icon="pause" describedBy={nameId} onClick={() => ops.pause(t.key)} />
        )}
        {t.status === 'paused' && (
          <ItemButton
            label={tr('tq.resume')}
            title={blocked ? blockedWhy : tr(t.transferType === 'ascii' ? 'tq.resumeHintAscii' : 'tq.resumeHint')}
            icon="forward"
            describedBy={nameId}
            disabled={blocked}
            onClick={() => ops.resume(t.key)}
          />
        )}
        {t.status === 'failed' && t.canRetry && (
          <ItemButton
            label={tr('tq.retry')}
            // An upload resumes where the server stopped; the browser's download starts over.
            title={blocked ? blockedWhy : tr(t.direction === 'download' ? 'tq.retryDownloadHint' : 'tq.retryHint')}
            icon="refresh"
            describedBy={nameId}
            disabled={blocked}
            onClick={() => ops.retry(t.key)}
          />
        )}
        {checking ? null : !finished ? (
          <ItemButton label={tr('tq.cancel')} title={tr('tq.cancel')} icon="close" describedBy={nameId} onClick={() => ops.cancel(t.key)} />
        ) : (
          !(t.status === 'failed' && t.canRetry) && (
            <span className="tq-end" aria-hidden="true">
              <Icon name={t.status === 'done' && !mismatch ? 'check' : t.status === 'failed' || mismatch ? 'alert' : 'close'} size={14} />
            </span>
          )
        )}
      </div>
    </li>
  );
}

/** Memoised item; it subscribes to its own transfer only. */
export const TransferItem = memo(TransferItemImpl);
