/** One row of the transfer queue: name, two-leg progress, status, cancel. */
import { memo, useId } from 'react';
import { getServices } from '../../api/services.ts';
import { describeError } from '../../lib/errorMessages.ts';
import { formatBytes, formatRate } from '../../lib/format.ts';
import { FINISHED, type Transfer } from '../../store/transfersSlice.ts';
import { useAppStore } from '../../store/index.ts';
import { Icon } from '../Icon/Icon.tsx';

function statusText(t: Transfer): string {
  switch (t.status) {
    case 'queued':
      return t.error ? `${describeError(t.error)} — resuming…` : 'Queued';
    case 'starting':
      return 'Starting…';
    case 'sending':
      return `${formatBytes(t.written)} of ${formatBytes(t.size)} written${t.rate > 0 ? ` · ${formatRate(t.rate)}` : ''}`;
    case 'finishing':
      return 'Finishing on the server…';
    case 'done': {
      const how = t.verifiedBy && t.verifiedBy !== 'size' ? t.verifiedBy.toUpperCase() : 'size';
      if (typeof t.verified === 'string') return `Done — ${how} check failed: ${t.verified}`;
      return t.verified === true ? `Done · ${formatBytes(t.size)} · ${how} verified` : `Done · ${formatBytes(t.size)}`;
    }
    case 'failed':
      return t.error ? `Failed: ${describeError(t.error)}` : 'Failed';
    case 'cancelled':
      return 'Cancelled';
  }
}

function pct(part: number, whole: number): number {
  if (whole <= 0) return 100;
  return Math.max(0, Math.min(100, (part / whole) * 100));
}

function TransferItemImpl({ transferKey }: { transferKey: string }) {
  const t = useAppStore((s) => s.transfers[transferKey]);
  const nameId = useId();
  if (!t) return null;
  const finished = FINISHED.has(t.status);
  // The relay's count is a lower bound for what left the browser; take whichever is further.
  const sentPct = pct(Math.max(t.sent, t.received), t.size);
  const writtenPct = t.status === 'done' ? 100 : pct(t.written, t.size);

  return (
    <li className={`tq-item is-${t.status}${t.status === 'done' && typeof t.verified === 'string' ? ' is-mismatch' : ''}`}>
      <Icon name={t.direction === 'upload' ? 'upload' : 'download'} size={14} className="tq-dir" />
      <div className="tq-main">
        <div className="tq-line">
          <span id={nameId} className="tq-name" title={t.path}>
            {t.name}
          </span>
          <span className="tq-status">{statusText(t)}</span>
        </div>
        <div
          className="tq-bar"
          role="progressbar"
          aria-label="Progress"
          aria-describedby={nameId}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(writtenPct)}
          aria-valuetext={`${Math.round(writtenPct)} % written to the server, ${Math.round(sentPct)} % sent`}
        >
          <div className="tq-bar-sent" style={{ width: `${sentPct}%` }} />
          <div className="tq-bar-written" style={{ width: `${writtenPct}%` }} />
        </div>
      </div>
      {!finished ? (
        <button
          type="button"
          className="btn btn-ghost btn-icon btn-sm"
          aria-label="Cancel transfer"
          aria-describedby={nameId}
          title={`Cancel ${t.name}`}
          onClick={() => getServices().ops.cancel(t.key)}
        >
          <Icon name="close" size={14} />
        </button>
      ) : t.status === 'failed' && t.canRetry ? (
        <button
          type="button"
          className="btn btn-ghost btn-icon btn-sm"
          aria-label="Retry transfer"
          aria-describedby={nameId}
          title={`Retry ${t.name}, resuming where the server stopped`}
          onClick={() => getServices().ops.retry(t.key)}
        >
          <Icon name="refresh" size={14} />
        </button>
      ) : (
        <span className="tq-end" aria-hidden="true">
          <Icon name={t.status === 'done' ? 'check' : t.status === 'failed' ? 'alert' : 'close'} size={14} />
        </span>
      )}
    </li>
  );
}

/** Memoised item; it subscribes to its own transfer only. */
export const TransferItem = memo(TransferItemImpl);
